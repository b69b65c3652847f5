import AgentSim
import Foundation

/// `agentsim run`: simulates a workflow and prints its latency budget.
enum RunCommand: CLICommand {
  static let spec = CommandSpec(
    name: "run",
    abstract: "Simulate a workflow and print its latency budget and histogram.",
    discussion: """
      Simulates the workflow's sessions (its load, or --sessions) and prints percentiles, where \
      every millisecond went (network, queueing, prefill, decode, tool, transfer) by component \
      and by step, on average and in the tail (the sessions at or above p99), the load on \
      shared sites, energy and cost per session, a latency histogram, and the verdict against \
      the budget. Unless --no-write, also writes results/<workflow>-<UTC time>/ with \
      summary.json, histogram.csv, steps.csv, sites.csv and report.html. Same inputs and seed \
      give byte-identical output. --trace writes a Chrome/Perfetto trace of the first measured \
      sessions (open it in ui.perfetto.dev); --sessions-out writes one CSV row per measured \
      session.
      """,
    positionals: [PositionalSpec("workflow", help: "A workflow JSON file (see workflows/).")],
    options: RunOptions.shared + [
      .value("format", "format", help: "Output: table, json or csv.", default: "table"),
      .value("out", "dir", help: "Where to write the results folder.", default: "results"),
      .flag("no-write", help: "Print only; write no results folder."),
      .value(
        "trace", "file",
        help: "Write a Chrome/Perfetto trace (trace-event JSON) of the first measured sessions."),
      .value(
        "trace-sessions", "n", help: "Measured sessions in the --trace file.",
        default: String(defaultTraceSessions)),
      .value(
        "sessions-out", "file",
        help: "Write one CSV row per measured session (latency, first token, components)."),
    ])

  /// Sessions traced when `--trace-sessions` is not given.
  static let defaultTraceSessions = 20

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let format = try arguments.choice(
      "format", from: ["table", "json", "csv"], default: "table")
    let options = try RunOptions(arguments, context: context)
    let directory =
      arguments.flag("no-write") ? nil : try RunOptions.outputDirectory(arguments, context: context)
    let scenario = options.apply(to: try options.loaded.scenario(placement: options.placement))
    let tracePath = arguments.string("trace")
    let traceSessions = try arguments.integer(
      "trace-sessions", default: defaultTraceSessions, in: 1...100_000)
    let sessionsPath = arguments.string("sessions-out")
    var observer = ObserverPair(
      TraceRecorder(scenario: scenario, sessions: traceSessions), SessionTable())
    // Quiet for a run shorter than a second; then sessions done, rate and time left.
    let bar = ProgressBar(context: context, unit: "sessions", delay: .seconds(1))
    let report: LatencyReport
    switch (tracePath, sessionsPath) {
    case (nil, nil):
      report = WorkflowSimulation.run(scenario, seed: options.seed) { bar.update($0) }
    case (_, nil):
      report = WorkflowSimulation.run(
        scenario, seed: options.seed, observer: &observer.first
      ) { bar.update($0) }
    case (nil, _):
      report = WorkflowSimulation.run(
        scenario, seed: options.seed, observer: &observer.second
      ) { bar.update($0) }
    default:
      report = WorkflowSimulation.run(scenario, seed: options.seed, observer: &observer) {
        bar.update($0)
      }
    }
    bar.finish()
    if let diagnostic = report.stoppedEarly?.runawayDiagnostic(file: options.loaded.file) {
      throw DiagnosticError(diagnostic)
    }
    if let tracePath {
      try write(observer.first.json, to: tracePath, context: context)
    }
    if let sessionsPath {
      try write(observer.second.csv, to: sessionsPath, context: context)
    }
    switch format {
    case "json":
      context.writeOutput(String(decoding: try ReportRenderer.renderJSON(report), as: UTF8.self))
    case "csv":
      context.writeOutput(ReportRenderer.summaryCSV(report))
    default:
      let style = TerminalStyle.detect(
        environment: context.environment, isTerminal: context.isOutputTerminal)
      context.writeOutput(ReportRenderer.renderReport(report, style: style))
    }
    if let directory {
      do {
        let folder = try ResultsWriter().write(
          report, workflowName: scenario.name, to: directory, at: Date())
        context.printError("wrote \(relative(folder.path, to: context.currentDirectory.path))")
      } catch {
        throw CommandFailure("\(error)")
      }
    }
    return .success
  }

  /// Writes a requested output file atomically and says where.
  static func write(_ text: String, to path: String, context: CommandContext) throws {
    do {
      try ResultsWriter.writeFile(Data(text.utf8), to: context.url(forPath: path))
    } catch {
      throw CommandFailure("\(error)")
    }
    context.printError("wrote \(path)")
  }

  static func relative(_ path: String, to base: String) -> String {
    path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
  }
}

/// The options `run`, `explain`, `sweep` and `optimize` share: the workflow, overrides,
/// placement (``WorkflowOptions``, which `validate` parses too), sessions and seed.
struct RunOptions {
  static let shared: [OptionSpec] =
    [
      .value("sessions", "n", help: "Measured sessions (overrides the workflow's load.sessions)."),
      .value("warmup", "n", help: "Warm-up sessions left out of the statistics."),
      .value("seed", "s", help: "Random seed.", default: "42"),
    ] + WorkflowOptions.specs

  /// `--placement`, `--set` and `--catalog`, as `validate` reads them.
  var workflowOptions: WorkflowOptions
  var loaded: LoadedWorkflow
  var placement: [String: String]
  var seed: UInt64
  var sessions: Int?
  var warmup: Int?

  init(_ arguments: ParsedArguments, context: CommandContext) throws {
    workflowOptions = try WorkflowOptions(arguments, context: context)
    loaded = try workflowOptions.load(arguments.positionals[0], context: context)
    placement = try WorkflowOptions.placement(arguments)
    let seedText = arguments.string("seed") ?? "42"
    guard let seed = UInt64(seedText.replacingOccurrences(of: "_", with: "")) else {
      throw UsageError(
        "option '--seed' expects a non-negative integer, found '\(seedText)'",
        commandName: arguments.spec.name)
    }
    self.seed = seed
    sessions =
      arguments.string("sessions") == nil
      ? nil : try arguments.integer("sessions", default: 0, in: 1...100_000_000)
    warmup =
      arguments.string("warmup") == nil
      ? nil : try arguments.integer("warmup", default: 0, in: 0...100_000_000)
  }

  /// The folder `--out` names (default `results`); an empty name is rejected rather than
  /// writing into the current folder.
  static func outputDirectory(_ arguments: ParsedArguments, context: CommandContext) throws -> URL {
    let out = arguments.string("out") ?? "results"
    guard !out.isEmpty else {
      throw UsageError(
        "option '--out' expects a folder, found an empty string",
        commandName: arguments.spec.name)
    }
    return context.url(forPath: out)
  }

  /// The scenario with the command line's session counts.
  func apply(to scenario: Scenario) -> Scenario {
    var scenario = scenario
    if let sessions { scenario.load.sessions = sessions }
    if let warmup { scenario.load.warmupSessions = warmup }
    return scenario
  }
}
