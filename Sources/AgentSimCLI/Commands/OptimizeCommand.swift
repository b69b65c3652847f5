import AgentSim
import Foundation

/// `agentsim optimize`: the best placement of a workflow's steps, found by search (exact
/// zero-load dynamic programming, then a simulation race) instead of enumeration.
enum OptimizeCommand: CLICommand {
  static let spec = CommandSpec(
    name: "optimize",
    abstract: "Find the cheapest placement that meets the budget by search, not enumeration.",
    discussion: """
      Answers "where should each step run, at the lowest cost that meets the budget?" for \
      agents with tens of steps. Exact dynamic programming over the step tree finds, without \
      enumerating the space, every placement on the zero-load Pareto front (the expected \
      latency, cost and energy when nothing queues, as 'explain' computes them), dropping those \
      whose lower bounds miss the budget or --max-cost. Simulation then decides: a search along \
      the front finds where runs start to meet the budget, and --race placements around it \
      are raced with the same seed (common random numbers) at session counts doubling up to \
      --sessions, each dropped when its 95% interval (batch means) misses the budget or lies \
      above the leader's. Batching under load can make a placement off the front cheaper, so \
      the leader's one-step neighbours (one step moved to another site), ranked by a \
      load-aware cost estimate, race too, and the search moves to one that leads. The best is simulated at --sessions, so its figures are what 'run \
      --placement … --seed S' prints.

      The output gives the best placement, the Pareto front found, how many placements were \
      simulated out of the space, the lower bound (no placement can do better in any \
      simulation) and the gap to it, and why the search stopped. Simulated sessions in all are \
      capped by --session-budget (deterministic: the same options give the same answer for any \
      --jobs); --seconds is a safety cap on top, after which the answer is the best so far and \
      says so.

      Examples:
        agentsim optimize workflows/placement-sweep.json --sessions 2000
        agentsim optimize workflows/placement-sweep.json --objective p99 --max-cost 0.0005
        agentsim optimize workflows/router-cascade.json --format json --seconds 30
        agentsim optimize workflows/placement-sweep.json --vary sites.edge.replicas=1,2,4
      """,
    positionals: [PositionalSpec("workflow", help: "A workflow JSON file (see workflows/).")],
    options: RunOptions.shared + [
      .value(
        "objective", "name",
        help: "Minimize cost or energy within the budget, or p99 or p50 latency.",
        default: "cost"),
      .value(
        "candidates", "step=a,b,…",
        help: "Candidate sites of a step, replacing the workflow's (repeatable).",
        repeatable: true),
      .value(
        "vary", "key=v1,v2,…",
        help:
          "Also search these values of a field, e.g. steps[6].llm.model=small,medium or "
          + "sites.edge.replicas=1,2,4 (repeatable; every combination is searched).",
        repeatable: true),
      .value("max-cost", "dollars", help: "Placements costing more per session are out."),
      .value(
        "race", "n", help: "Front placements to race, and leader's neighbours to try per move.",
        default: "\(OptimizeSettings.defaultCandidates)"),
      .value(
        "session-budget", "n", help: "Measured sessions to simulate in all.",
        default: "\(OptimizeSettings.defaultBudgetMultiple) × sessions"),
      .value("seconds", "limit", help: "Stop after this long with the best so far (a safety cap)."),
      .value("jobs", "n", help: "Threads to simulate on.", default: "every core"),
      .value("top", "n", help: "Front rows to print.", default: "10"),
      .value("format", "format", help: "Output: table or json.", default: "table"),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let format = try arguments.choice("format", from: ["table", "json"], default: "table")
    let objectiveName = try arguments.choice(
      "objective", from: OptimizeObjective.allCases.map(\.rawValue), default: "cost")
    let objective = OptimizeObjective(rawValue: objectiveName) ?? .cost
    let jobs =
      arguments.string("jobs") == nil
      ? ProcessInfo.processInfo.activeProcessorCount
      : try arguments.integer("jobs", default: 1, in: 1...4096)
    let maximumCost =
      arguments.string("max-cost") == nil
      ? nil : try arguments.number("max-cost", default: 0, in: 0...1e12)
    let race = try arguments.integer(
      "race", default: OptimizeSettings.defaultCandidates, in: 1...1000)
    let sessionBudget =
      arguments.string("session-budget") == nil
      ? nil : try arguments.integer("session-budget", default: 0, in: 1...Int.max)
    let seconds =
      arguments.string("seconds") == nil
      ? nil : try arguments.number("seconds", default: 0, in: 0.001...1e9)
    let top = try arguments.integer("top", default: 10, in: 0...100_000)
    let options = try RunOptions(arguments, context: context)
    let candidates = try SweepCommand.candidateLists(
      arguments, placement: options.placement, commandName: spec.name)
    let settings = OptimizeSettings(
      seed: options.seed, sessions: options.sessions, warmupSessions: options.warmup,
      objective: objective, maximumCostDollars: maximumCost, candidates: race,
      sessionBudget: sessionBudget)

    let clock = ContinuousClock()
    let start = clock.now
    let isOutOfTime: @Sendable () -> Bool = {
      guard let seconds else { return false }
      return clock.now - start >= .milliseconds(Int64(seconds * 1000))
    }
    let bar = ProgressBar(context: context, unit: "sessions", delay: .seconds(1))
    let axes = try arguments.strings("vary").map { try ParameterAxis(parsing: $0) }
    var report: OptimizeReport
    if axes.isEmpty {
      report = try PlacementOptimizer(jobs: jobs).optimize(
        options.loaded, candidates: candidates, settings: settings, isOutOfTime: isOutOfTime
      ) { bar.update($0) }
    } else {
      let path = arguments.positionals[0]
      let variants = try PlacementOptimizer.variants(
        contentsOf: context.url(forPath: path), file: path,
        overrides: options.workflowOptions.overrides,
        axes: axes, catalog: options.loaded.catalog)
      report = try PlacementOptimizer(jobs: jobs).optimize(
        variants: variants, candidates: candidates, settings: settings,
        isOutOfTime: isOutOfTime
      ) { bar.update($0) }
    }
    bar.finish()
    report.stop.timeLimitSeconds = seconds

    switch format {
    case "json":
      context.writeOutput(String(decoding: try OptimizeRenderer.renderJSON(report), as: UTF8.self))
    default:
      context.writeOutput(OptimizeRenderer.renderText(report, top: top))
    }
    return .success
  }
}
