/// How `agentsim optimize` searches: the options that, with the workflow, decide its answer.
///
/// The main control is deterministic: `sessionBudget` simulated sessions in all. `--seconds` is
/// only a safety cap (a clock the caller passes in); when it fires, the answer is the best so far
/// and says so, and it is reproducible from the same stopping point.
public struct OptimizeSettings: Codable, Hashable, Sendable {
  /// Candidates raced by default.
  public static let defaultCandidates = 8
  /// The default session budget, in multiples of the sessions per placement.
  public static let defaultBudgetMultiple = 32

  /// The seed every simulation runs with (common random numbers).
  public var seed: UInt64
  /// Measured sessions per placement in the final comparison (the workflow's when nil).
  public var sessions: Int?
  /// Warm-up sessions per simulation (the workflow's when nil).
  public var warmupSessions: Int?
  /// What to minimize.
  public var objective: OptimizeObjective
  /// Placements costing more per session are out, in US dollars.
  public var maximumCostDollars: Double?
  /// How many placements along the zero-load front to race by simulation.
  public var candidates: Int
  /// Measured sessions to simulate in all (screening, racing and the final run); nil for
  /// ``defaultBudgetMultiple`` times the sessions per placement.
  public var sessionBudget: Int?

  /// Creates settings.
  public init(
    seed: UInt64 = 42, sessions: Int? = nil, warmupSessions: Int? = nil,
    objective: OptimizeObjective = .cost, maximumCostDollars: Double? = nil,
    candidates: Int = defaultCandidates, sessionBudget: Int? = nil
  ) {
    self.seed = seed
    self.sessions = sessions
    self.warmupSessions = warmupSessions
    self.objective = objective
    self.maximumCostDollars = maximumCostDollars
    self.candidates = max(1, candidates)
    self.sessionBudget = sessionBudget
  }

  enum CodingKeys: String, CodingKey {
    case seed, sessions, objective, candidates
    case warmupSessions = "warmup_sessions"
    case maximumCostDollars = "max_cost_dollars"
    case sessionBudget = "session_budget"
  }
}
