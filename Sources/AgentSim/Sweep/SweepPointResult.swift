/// One point's outcome: which point, what became of it and why, its lower bounds and, when it was
/// simulated, its metrics. One line of a shard file; one element of the report's `points`.
public struct SweepPointResult: Codable, Hashable, Sendable {
  /// The point's number.
  public var index: Int
  /// The parameter setting as `key=value` overrides (empty without `--vary`).
  public var parameters: [String]
  /// Step name → site name.
  public var placement: [String: String]
  /// The seed it was (or would be) simulated with.
  public var seed: UInt64
  /// What became of it.
  public var status: SweepPointStatus
  /// Why it is infeasible or pruned, in plain words (empty for a simulated point).
  public var reasons: [String]
  /// The budget its workflow sets.
  public var budget: SweepBudget
  /// Its lower bounds (absent when it could not be built).
  public var bound: LowerBound?
  /// Its measurements (simulated points, and points simulated then found over `--max-cost`).
  public var metrics: SweepMetrics?
  /// Its place in the ranking by the objective, from 1 (report only; absent in shard files and for
  /// points that are not ranked).
  public var rank: Int?
  /// Whether it is on the Pareto front (report only).
  public var isOnFront: Bool?

  /// Creates a result.
  public init(
    point: SweepPoint, status: SweepPointStatus, reasons: [String] = [], budget: SweepBudget,
    bound: LowerBound? = nil, metrics: SweepMetrics? = nil
  ) {
    index = point.index
    parameters = point.parameters
    placement = point.placement
    seed = point.seed
    self.status = status
    self.reasons = reasons
    self.budget = budget
    self.bound = bound
    self.metrics = metrics
  }

  /// Whether the point counts for ranking, the front and the recommendation: simulated and within
  /// every user limit.
  public var isRanked: Bool {
    status == .simulated && metrics != nil
  }

  /// Whether it was simulated and met its budget.
  public var meetsBudget: Bool {
    isRanked && (metrics?.meetsBudget ?? false)
  }

  enum CodingKeys: String, CodingKey {
    case index, parameters, placement, seed, status, reasons, budget, bound, metrics, rank
    case isOnFront = "front"
  }
}
