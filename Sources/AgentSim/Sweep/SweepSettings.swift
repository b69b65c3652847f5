/// How a sweep runs: the options that, with the workflow and the space, decide every result.
public struct SweepSettings: Codable, Hashable, Sendable {
  /// Points past which a sweep prunes with lower bounds before simulating.
  public static let defaultMaximumPoints = 20_000
  /// Points per ordering (latency, cost, energy bound) in a pruned sweep's pilot set.
  public static let defaultPilotPerOrdering = 64

  /// The sweep's seed.
  public var seed: UInt64
  /// Measured sessions per point (the workflow's `load.sessions` when nil).
  public var sessions: Int?
  /// Warm-up sessions per point (the workflow's when nil).
  public var warmupSessions: Int?
  /// What to rank by.
  public var objective: SweepObjective
  /// Points over this cost per session, in US dollars, are infeasible.
  public var maximumCostDollars: Double?
  /// Past this many points the sweep prunes by lower bounds.
  public var maximumPoints: Int
  /// Pilot points per ordering in a pruned sweep.
  public var pilotPerOrdering: Int

  /// Creates settings.
  public init(
    seed: UInt64 = 42, sessions: Int? = nil, warmupSessions: Int? = nil,
    objective: SweepObjective = .p99, maximumCostDollars: Double? = nil,
    maximumPoints: Int = defaultMaximumPoints, pilotPerOrdering: Int = defaultPilotPerOrdering
  ) {
    self.seed = seed
    self.sessions = sessions
    self.warmupSessions = warmupSessions
    self.objective = objective
    self.maximumCostDollars = maximumCostDollars
    self.maximumPoints = maximumPoints
    self.pilotPerOrdering = pilotPerOrdering
  }

  enum CodingKeys: String, CodingKey {
    case seed, sessions, objective
    case warmupSessions = "warmup_sessions"
    case maximumCostDollars = "max_cost_dollars"
    case maximumPoints = "max_points"
    case pilotPerOrdering = "pilot_per_ordering"
  }
}
