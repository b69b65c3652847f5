import AgentSim
import Foundation

/// `agentsim sweep`: simulates every placement (and parameter setting) of a workflow on every core,
/// ranks them, finds the Pareto front and recommends one.
enum SweepCommand: CLICommand {
  static let spec = CommandSpec(
    name: "sweep",
    abstract: "Simulate every placement (and --vary setting) of a workflow; rank and recommend.",
    discussion: """
      Enumerates the cross product of every placeable step's candidate sites (the workflow's \
      "site" lists, or --candidates), crossed with the --vary settings, simulates each point \
      on every core, and prints the points ranked by the objective, which meet the budget, the \
      Pareto front over p99 latency, cost and device energy per session, and a one-sentence \
      recommendation: the cheapest point that meets the budget. Infeasible points (a model \
      that does not fit, a pin violated, over --max-cost) are listed with the reason.

      Every placement of one --vary setting runs with the same seed, so its sessions draw the \
      same tokens, tool times and branches at every placement (common random numbers); results \
      are byte-identical for any --jobs. Past --max-points, points whose lower bound misses the \
      budget or is dominated are pruned, with the reason. --shard i/n runs every n-th point \
      from i and writes JSON lines for 'agentsim merge'. Unless --no-write or --shard, writes \
      results/<workflow>-sweep-<UTC time>/ with summary.json, points.csv and report.html.

      Examples:
        agentsim sweep workflows/placement-sweep.json --sessions 2000
        agentsim sweep workflows/voice-assistant.json --vary links[0].rtt_median_ms=5,10,20,40
        agentsim sweep workflows/router-cascade.json --candidates answer.first=edge,region
      """,
    positionals: [PositionalSpec("workflow", help: "A workflow JSON file (see workflows/).")],
    options: RunOptions.shared + [
      .value(
        "vary", "key=v1,v2,…",
        help: "Try each value of a workflow field (any --set key); repeatable, crossed.",
        repeatable: true),
      .value(
        "candidates", "step=a,b,…",
        help: "Candidate sites of a step, replacing the workflow's (repeatable).",
        repeatable: true),
      .value(
        "objective", "name", help: "Rank by mean, p50, p99, ttft, cost or energy.",
        default: "p99"),
      .value("jobs", "n", help: "Threads to simulate on.", default: "every core"),
      .value(
        "max-points", "n", help: "Past this many points, prune by lower bounds first.",
        default: "20000"),
      .value("max-cost", "dollars", help: "Points costing more per session are infeasible."),
      .value(
        "shard", "i/n", help: "Run shard i of n (from 0) and write JSON lines for 'merge'."),
      .value("top", "n", help: "Ranked points to print.", default: "15"),
      .value("format", "format", help: "Output: table, json or csv.", default: "table"),
      .value("out", "dir", help: "Where to write the results folder.", default: "results"),
      .flag("no-write", help: "Print only; write no results folder."),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let format = try arguments.choice("format", from: ["table", "json", "csv"], default: "table")
    let objectiveName = try arguments.choice(
      "objective", from: SweepObjective.allCases.map(\.rawValue), default: "p99")
    let objective = SweepObjective(rawValue: objectiveName) ?? .p99
    let jobs =
      arguments.string("jobs") == nil
      ? ProcessInfo.processInfo.activeProcessorCount
      : try arguments.integer("jobs", default: 1, in: 1...4096)
    let maximumPoints = try arguments.integer(
      "max-points", default: SweepSettings.defaultMaximumPoints, in: 1...Int.max)
    let maximumCost =
      arguments.string("max-cost") == nil
      ? nil : try arguments.number("max-cost", default: 0, in: 0...1e12)
    let top = try arguments.integer("top", default: SweepRenderer.defaultTopRows, in: 0...100_000)
    let shard = try arguments.string("shard").map { try SweepShard(parsing: $0) }
    let axes = try arguments.strings("vary").map { try ParameterAxis(parsing: $0) }
    let options = try RunOptions(arguments, context: context)
    let candidates = try candidateLists(arguments, placement: options.placement)
    let settings = SweepSettings(
      seed: options.seed, sessions: options.sessions, warmupSessions: options.warmup,
      objective: objective, maximumCostDollars: maximumCost, maximumPoints: maximumPoints)
    let path = arguments.positionals[0]
    let plan = try SweepPlan.load(
      contentsOf: context.url(forPath: path), file: path,
      overrides: options.workflowOptions.overrides,
      axes: axes, candidates: candidates, catalog: options.loaded.catalog, settings: settings)

    // An unusable --out is rejected before minutes of simulation, not after.
    _ = try RunOptions.outputDirectory(arguments, context: context)
    let bar = ProgressBar(context: context)
    let results = SweepRunner(jobs: jobs).run(plan, shard: shard) { bar.update($0) }
    bar.finish()

    if let shard {
      let directory = try RunOptions.outputDirectory(arguments, context: context)
        .appendingPathComponent(
          ResultsWriter.sanitizedName(plan.identity.workflow) + "-sweep-shards", isDirectory: true)
      do {
        let file = try SweepShardFile.write(
          identity: plan.identity, shard: shard, results: results, to: directory)
        context.printError(
          "wrote \(RunCommand.relative(file.path, to: context.currentDirectory.path)) "
            + "(\(results.count) points of \(plan.count))")
      } catch {
        throw CommandFailure("\(error)")
      }
      return .success
    }
    let report = SweepReport(sweep: plan.identity, results: results)
    try emit(report, format: format, top: top, arguments: arguments, context: context)
    return .success
  }

  /// Prints the report and writes its results folder (shared with `merge`).
  static func emit(
    _ report: SweepReport, format: String, top: Int, arguments: ParsedArguments,
    context: CommandContext
  ) throws {
    switch format {
    case "json":
      context.writeOutput(String(decoding: try SweepRenderer.renderJSON(report), as: UTF8.self))
    case "csv":
      context.writeOutput(SweepRenderer.pointsCSV(report))
    default:
      let style = TerminalStyle.detect(
        environment: context.environment, isTerminal: context.isOutputTerminal)
      context.writeOutput(SweepRenderer.renderTable(report, style: style, top: top))
    }
    guard !arguments.flag("no-write") else { return }
    let directory = try RunOptions.outputDirectory(arguments, context: context)
    do {
      let folder = try ResultsWriter().write(report, to: directory, at: Date())
      context.printError(
        "wrote \(RunCommand.relative(folder.path, to: context.currentDirectory.path))")
    } catch {
      throw CommandFailure("\(error)")
    }
  }

  /// `--candidates step=a,b` lists, with `--placement step=site` as one-site lists (shared by
  /// `optimize`, whose usage errors name it through `commandName`).
  static func candidateLists(
    _ arguments: ParsedArguments, placement: [String: String], commandName: String = spec.name
  ) throws -> [String: [String]] {
    var lists: [String: [String]] = [:]
    for text in arguments.strings("candidates") {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw UsageError(
          "--candidates expects step=site,site,…, found '\(text)'",
          suggestion: "for example --candidates plan=laptop,edge,region", commandName: commandName)
      }
      guard lists[parts[0]] == nil else {
        throw UsageError(
          "--candidates names step '\(parts[0])' twice", commandName: commandName)
      }
      lists[parts[0]] = parts[1].split(separator: ",", omittingEmptySubsequences: false)
        .map(String.init)
    }
    for (step, site) in placement {
      guard lists[step] == nil else {
        throw UsageError(
          "step '\(step)' is in both --placement and --candidates", commandName: commandName)
      }
      lists[step] = [site]
    }
    return lists
  }
}
