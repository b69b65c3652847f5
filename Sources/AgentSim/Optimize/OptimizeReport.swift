import Foundation

/// What `agentsim optimize` found: the best placement, the front, and how far the search went —
/// simulated points out of the space, the lower bound and the gap to it, and why it stopped.
public struct OptimizeReport: Codable, Hashable, Sendable {
  /// The workflow's name.
  public var workflow: String
  /// The file as the user named it.
  public var file: String
  /// A stable digest of the workflow and its overrides.
  public var workflowDigest: String
  /// The agentsim version.
  public var toolVersion: String
  /// The search's settings.
  public var settings: OptimizeSettings
  /// Measured sessions per placement in the final comparison.
  public var sessions: Int
  /// The workflow's budget.
  public var budget: SweepBudget
  /// The best placement found (simulated at `sessions`), if any placement could be simulated.
  public var best: OptimizedPlacement?
  /// The Pareto front (p99, cost, energy) over the simulated placements that meet the budget (all
  /// simulated placements when none does), each at the most sessions it was simulated with;
  /// cheapest first.
  public var front: [OptimizedPlacement]
  /// Distinct placements simulated.
  public var simulatedPoints: Int
  /// Simulations run (a placement may be simulated at several session counts).
  public var simulations: Int
  /// Measured sessions simulated in all.
  public var simulatedSessions: Int
  /// Placements in the space (the product of the candidate counts; a float above 2⁵³).
  public var spaceSize: Double
  /// A value of the objective no placement can beat in any simulation (dollars, milliseconds or
  /// joules per session): the smallest lower bound over the placements whose latency bound meets
  /// the budget and whose cost bound meets `--max-cost`; nil when none does.
  public var lowerBound: Double?
  /// The best's objective minus `lowerBound`.
  public var gap: Double?
  /// The zero-load search.
  public var zeroLoad: ZeroLoadSearch
  /// Why the search stopped, and how sure the ranking is.
  public var stop: OptimizeStop
  /// The `--vary` settings in the grid (nil without `--vary`).
  public var variants: Int?
  /// The `--vary` settings not searched because their lower bounds ruled them out: no placement
  /// passes the budget's percentile bounds, or their objective's lower bound exceeds a best
  /// already found that meets the budget (nil without `--vary`).
  public var variantsPruned: Int?
  /// True when the bounds proved that no placement can meet the budget's latency targets: `best`
  /// is then the placement nearest the budget (the lowest of the percentile the bounds miss by
  /// the most, which `settings.objective` names) and misses it. Absent otherwise.
  public var budgetUnreachable: Bool?

  /// Creates a report.
  public init(
    workflow: String, file: String, workflowDigest: String, toolVersion: String,
    settings: OptimizeSettings, sessions: Int, budget: SweepBudget, best: OptimizedPlacement?,
    front: [OptimizedPlacement], simulatedPoints: Int, simulations: Int, simulatedSessions: Int,
    spaceSize: Double, lowerBound: Double?, gap: Double?, zeroLoad: ZeroLoadSearch,
    stop: OptimizeStop
  ) {
    self.workflow = workflow
    self.file = file
    self.workflowDigest = workflowDigest
    self.toolVersion = toolVersion
    self.settings = settings
    self.sessions = sessions
    self.budget = budget
    self.best = best
    self.front = front
    self.simulatedPoints = simulatedPoints
    self.simulations = simulations
    self.simulatedSessions = simulatedSessions
    self.spaceSize = spaceSize
    self.lowerBound = lowerBound
    self.gap = gap
    self.zeroLoad = zeroLoad
    self.stop = stop
  }

  enum CodingKeys: String, CodingKey {
    case workflow, file, settings, sessions, budget, best, front, simulations, gap, stop
    case workflowDigest = "workflow_digest"
    case toolVersion = "tool_version"
    case simulatedPoints = "simulated_points"
    case simulatedSessions = "simulated_sessions"
    case spaceSize = "space_size"
    case lowerBound = "lower_bound"
    case zeroLoad = "zero_load"
    case variants
    case variantsPruned = "variants_pruned"
    case budgetUnreachable = "budget_unreachable"
  }

  /// `best`, `front`, `lower_bound` and `gap` are always present (`null` when there is none), as
  /// the format promises.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(workflow, forKey: .workflow)
    try container.encode(file, forKey: .file)
    try container.encode(workflowDigest, forKey: .workflowDigest)
    try container.encode(toolVersion, forKey: .toolVersion)
    try container.encode(settings, forKey: .settings)
    try container.encode(sessions, forKey: .sessions)
    try container.encode(budget, forKey: .budget)
    try container.encode(best, forKey: .best)
    try container.encode(front, forKey: .front)
    try container.encode(simulatedPoints, forKey: .simulatedPoints)
    try container.encode(simulations, forKey: .simulations)
    try container.encode(simulatedSessions, forKey: .simulatedSessions)
    try container.encode(spaceSize, forKey: .spaceSize)
    try container.encode(lowerBound, forKey: .lowerBound)
    try container.encode(gap, forKey: .gap)
    try container.encode(zeroLoad, forKey: .zeroLoad)
    try container.encode(stop, forKey: .stop)
    try container.encodeIfPresent(variants, forKey: .variants)
    try container.encodeIfPresent(variantsPruned, forKey: .variantsPruned)
    try container.encodeIfPresent(budgetUnreachable, forKey: .budgetUnreachable)
  }
}

/// One simulated placement as the optimizer reports it.
public struct OptimizedPlacement: Codable, Hashable, Sendable {
  /// Step name → site name for every placeable step.
  public var placement: [String: String]
  /// 99th percentile of end-to-end latency, in milliseconds.
  public var p99Milliseconds: Double
  /// Median end-to-end latency, in milliseconds.
  public var p50Milliseconds: Double
  /// Mean money per session, in US dollars.
  public var costPerSessionDollars: Double
  /// Mean device energy per session, in joules.
  public var energyJoules: Double
  /// Whether every budget target held (and no site was over capacity).
  public var meetsBudget: Bool
  /// Measured sessions of the simulation these figures come from.
  public var sessions: Int
  /// The run-to-run noise of these figures.
  public var noise: RunNoise?
  /// The zero-load estimate and bounds the search ranked it by.
  public var estimate: ZeroLoadPoint
  /// The `--vary` setting it was found in, key → value (nil without `--vary`).
  public var parameters: [String: String]?

  /// Creates a reported placement.
  public init(
    placement: [String: String], metrics: SweepMetrics, estimate: ZeroLoadPoint
  ) {
    self.placement = placement
    p99Milliseconds = metrics.p99Milliseconds
    p50Milliseconds = metrics.p50Milliseconds
    costPerSessionDollars = metrics.costDollars
    energyJoules = metrics.energyJoules
    meetsBudget = metrics.meetsBudget
    sessions = metrics.sessions
    noise = metrics.noise
    self.estimate = estimate
    parameters = nil
  }

  enum CodingKeys: String, CodingKey {
    case placement, sessions, noise, estimate, parameters
    case p99Milliseconds = "p99_ms"
    case p50Milliseconds = "p50_ms"
    case costPerSessionDollars = "cost_per_session_usd"
    case energyJoules = "energy_joules"
    case meetsBudget = "meets_budget"
  }
}

/// A placement's zero-load estimate and lower bounds, as the dynamic programming summed them.
public struct ZeroLoadPoint: Codable, Hashable, Sendable {
  /// Step name → site name.
  public var placement: [String: String]
  /// Expected end-to-end milliseconds at zero load.
  public var milliseconds: Double
  /// Expected dollars per session with every call alone on its replica.
  public var costDollars: Double
  /// Expected device joules per session.
  public var energyJoules: Double
  /// Bounds no simulation can beat (slack taken off).
  public var bound: LowerBound

  /// Creates a zero-load point.
  public init(
    placement: [String: String], milliseconds: Double, costDollars: Double,
    energyJoules: Double, bound: LowerBound
  ) {
    self.placement = placement
    self.milliseconds = milliseconds
    self.costDollars = costDollars
    self.energyJoules = energyJoules
    self.bound = bound
  }

  enum CodingKeys: String, CodingKey {
    case placement, bound
    case milliseconds = "zero_load_ms"
    case costDollars = "zero_load_cost_usd"
    case energyJoules = "zero_load_energy_joules"
  }
}

/// What the exact zero-load search found before any simulation.
public struct ZeroLoadSearch: Codable, Hashable, Sendable {
  /// The best placement by the objective's zero-load figure among those whose zero-load mean
  /// latency meets the budget's target (for `p99` and `p50`, the fastest), if any.
  public var optimum: ZeroLoadPoint?
  /// Placements on the zero-load Pareto front the search compared (after pruning by bounds).
  public var frontSize: Int
  /// Partial placements the dynamic programming created (its work, against the space's size).
  public var labelsCreated: Int
  /// The most partial placements it held at once (its memory).
  public var largestStage: Int
  /// Top-level blocks of the step tree the dynamic programming ran over.
  public var blocks: Int

  /// Creates a summary.
  public init(
    optimum: ZeroLoadPoint?, frontSize: Int, labelsCreated: Int, largestStage: Int, blocks: Int
  ) {
    self.optimum = optimum
    self.frontSize = frontSize
    self.labelsCreated = labelsCreated
    self.largestStage = largestStage
    self.blocks = blocks
  }

  enum CodingKeys: String, CodingKey {
    case optimum, blocks
    case frontSize = "front_size"
    case labelsCreated = "labels_created"
    case largestStage = "largest_stage"
  }
}

/// Why the optimizer stopped and how sure its ranking is.
public struct OptimizeStop: Codable, Hashable, Sendable {
  /// Why the search ended.
  public enum Reason: String, Codable, Hashable, Sendable {
    /// Every other raced candidate was ruled out with confidence.
    case separated
    /// The race reached the full sessions with candidates still within noise of the leader.
    case fullSessions = "full_sessions"
    /// The deterministic budget of simulated sessions ran out.
    case sessionBudget = "session_budget"
    /// The `--seconds` safety cap fired: the answer is the best so far.
    case timeLimit = "time_limit"
    /// No placement survived the bounds: nothing to simulate.
    case noCandidates = "no_candidates"
  }

  /// Why the search ended.
  public var reason: Reason
  /// Whether the best was separated from every other raced candidate at `confidence`.
  public var isSeparated: Bool
  /// The confidence level of each comparison (95%, the batch means' intervals).
  public var confidence: Double
  /// Simulation rounds run (screening and racing).
  public var rounds: Int
  /// Candidates raced.
  public var raced: Int
  /// Candidates still within noise of the best when it stopped (itself included).
  public var remaining: Int
  /// The `--seconds` cap, if one was set.
  public var timeLimitSeconds: Double?
  /// Placements whose one-step neighbourhoods were simulated (race leaders and near misses).
  public var moves: Int
  /// Raced candidates off the zero-load front (found by the neighbourhood search).
  public var offFront: Int

  /// Creates a stop.
  public init(
    reason: Reason, isSeparated: Bool, confidence: Double, rounds: Int, raced: Int,
    remaining: Int, timeLimitSeconds: Double?, moves: Int = 0, offFront: Int = 0
  ) {
    self.moves = moves
    self.offFront = offFront
    self.reason = reason
    self.isSeparated = isSeparated
    self.confidence = confidence
    self.rounds = rounds
    self.raced = raced
    self.remaining = remaining
    self.timeLimitSeconds = timeLimitSeconds
  }

  enum CodingKeys: String, CodingKey {
    case reason, confidence, rounds, raced, remaining, moves
    case isSeparated = "separated"
    case timeLimitSeconds = "time_limit_seconds"
    case offFront = "off_front"
  }
}
