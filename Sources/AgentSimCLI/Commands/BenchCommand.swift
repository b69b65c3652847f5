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
      flat-memory promise) runs only when named with --only. Compare ratios measured in one run \
      on one machine, not absolute times.
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
    if format == "table" {
      context.print(
        pad("benchmark", 14) + pad("events", 13, right: true) + pad("seconds", 10, right: true)
          + pad("events/s", 14, right: true) + pad("sessions/s", 13, right: true))
    }
    let workflows = context.url(forPath: arguments.string("workflows") ?? "workflows")
    let results = try BenchmarkSuite.run(
      size: size, selected: selected, workflows: workflows, sweepStride: sweepStride
    ) { result in
      guard format == "table" else { return }
      context.print(
        pad(result.name, 14) + pad(grouped(Double(result.events)), 13, right: true)
          + pad(DisplayFormat.fixed(result.seconds, fractionDigits: 3), 10, right: true)
          + pad(grouped(result.eventsPerSecond), 14, right: true)
          + pad(result.sessionsPerSecond.map(grouped) ?? "-", 13, right: true))
      if let check = result.check { context.print("  \(check)") }
    }
    if format == "json" {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      let data = try encoder.encode(["benchmarks": results])
      context.print(String(decoding: data, as: UTF8.self))
    }
    return .success
  }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
  }

  static func grouped(_ value: Double) -> String {
    DisplayFormat.grouped(value)
  }

}
