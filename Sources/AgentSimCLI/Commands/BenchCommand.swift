import AgentSim
import Foundation

/// `agentsim bench`: measures simulation speed on fixed workloads.
enum BenchCommand: CLICommand {
  static let spec = CommandSpec(
    name: "bench",
    abstract: "Measure simulation speed (events and sessions per second) on fixed workloads.",
    discussion: """
      Run from a release build (swift build -c release) for meaningful figures. Benchmarks: \
      \(BenchmarkSuite.names.joined(separator: ", ")); memory-10m (10 million sessions, for the \
      flat-memory promise) runs only when named with --only. coding-agent runs the model \
      workflows/coding-agent.json had before issue 13 (embedded), so its figures compare across \
      versions. Compare ratios measured in one run on one machine, not absolute times.
      """,
    options: [
      .flag("smoke", help: "Run each benchmark for about a second or less (for CI)."),
      .value(
        "only", "name", help: "Run only this benchmark (repeatable).", repeatable: true),
      .value("format", "format", help: "Output format: table or json.", default: "table"),
      .value(
        "sweep-every", "n",
        help:
          "The sweep benchmark times every n-th of its 3^8 = 6,561 placements (1: all, about "
          + "ten minutes on two cores).", default: "8"),
      .value(
        "workflows", "dir", help: "The folder of example workflows the workflow benchmarks run.",
        default: "workflows"),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let format = try arguments.choice("format", from: ["table", "json"], default: "table")
    let selected = arguments.strings("only")
    for name in selected where !BenchmarkSuite.names.contains(name) {
      throw UsageError(
        "unknown benchmark '\(name)'",
        suggestion: NearestName.suggestion(for: name, among: BenchmarkSuite.names).map {
          "did you mean '\($0)'?"
        } ?? "benchmarks: \(BenchmarkSuite.names.joined(separator: ", "))",
        commandName: spec.name)
    }
    let size: BenchmarkSuite.Size = arguments.flag("smoke") ? .smoke : .full
    let sweepStride = try arguments.integer("sweep-every", default: 8, in: 1...6_561)
    let workflows = context.url(forPath: arguments.string("workflows") ?? "workflows")
    // The table is laid out once every width is known; meanwhile a terminal on standard error
    // hears of each benchmark as it finishes (a full run takes minutes).
    let results = try BenchmarkSuite.run(
      size: size, selected: selected, workflows: workflows, sweepStride: sweepStride
    ) { result in
      guard context.isErrorTerminal else { return }
      context.printError(
        "bench: \(result.name) done in "
          + DisplayFormat.duration(milliseconds: result.seconds * 1000))
    }
    if format == "table" {
      let style = TerminalStyle.detect(
        environment: context.environment, isTerminal: context.isOutputTerminal)
      context.writeOutput(BenchmarkRenderer.renderTable(results, style: style))
    }
    if format == "json" {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      let data = try encoder.encode(["benchmarks": results])
      context.print(String(decoding: data, as: UTF8.self))
    }
    return .success
  }
}
