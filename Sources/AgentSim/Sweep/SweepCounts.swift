/// How many points of a sweep ended in each state.
public struct SweepCounts: Codable, Hashable, Sendable {
  /// Every point.
  public var total: Int
  /// Simulated and ranked.
  public var simulated: Int
  /// Simulated points that meet their budget.
  public var meetingBudget: Int
  /// Infeasible (including over `--max-cost`).
  public var infeasible: Int
  /// Pruned because their latency bound misses the budget.
  public var prunedByBudget: Int
  /// Pruned because a simulated point beats their bounds.
  public var prunedAsDominated: Int

  /// Counts the results.
  ///
  /// - Parameter points: Every point's result.
  public init(_ points: [SweepPointResult]) {
    total = points.count
    simulated = points.filter(\.isRanked).count
    meetingBudget = points.filter(\.meetsBudget).count
    infeasible = points.filter { $0.status == .infeasible }.count
    prunedByBudget = points.filter { $0.status == .prunedByBudget }.count
    prunedAsDominated = points.filter { $0.status == .prunedAsDominated }.count
  }

  enum CodingKeys: String, CodingKey {
    case total, simulated, infeasible
    case meetingBudget = "meeting_budget"
    case prunedByBudget = "pruned_budget"
    case prunedAsDominated = "pruned_dominated"
  }
}
