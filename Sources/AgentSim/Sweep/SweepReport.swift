import Foundation

/// The result of a sweep: every point (ranked, marked on the Pareto front, or listed as infeasible
/// or pruned with the reason), the counts, and the recommendation in one sentence.
///
/// Built only from the sweep's identity and its points' results, so the report of merged shards
/// is exactly the report of the unsharded run.
public struct SweepReport: Codable, Hashable, Sendable {
  /// The format version of the JSON; bumped on any incompatible change.
  public static let formatVersion = 1

  /// The JSON's format version.
  public var formatVersion: Int
  /// What was swept.
  public var sweep: SweepIdentity
  /// Every point, in point order, with `rank` and `front` filled in.
  public var points: [SweepPointResult]
  /// Point numbers in ranking order (best first): simulated points within every limit; for cost
  /// and energy under a budget, those that meet it first.
  public var ranking: [Int]
  /// Point numbers on the Pareto front over (p99, cost, energy), in point order: among the points
  /// that meet their budget, or among all ranked points when the workflow sets no budget.
  public var front: [Int]
  /// The recommended point's number: the cheapest that meets the budget (the least device energy
  /// when the objective is `energy`; the best by the objective when there is no budget).
  public var recommended: Int?
  /// The recommendation in one sentence.
  public var recommendation: String
  /// How many points ended in each state.
  public var counts: SweepCounts

  /// Builds the report.
  ///
  /// - Parameters:
  ///   - sweep: The sweep's identity.
  ///   - results: Every point's result, in any order.
  /// - Complexity: O(*n* log *n* + *n* · *f*) for *n* points and a front of *f*.
  public init(sweep: SweepIdentity, results: [SweepPointResult]) {
    formatVersion = Self.formatVersion
    self.sweep = sweep
    var points = results.sorted { $0.index < $1.index }
    let objective = sweep.settings.objective
    let ranked = points.indices.filter { points[$0].isRanked }
    // Cost and energy are asked of placements that meet the budget: ranked by them alone, the
    // free placements that miss it (everything on the device) would head the table.
    let meetingFirst =
      (objective == .cost || objective == .energy) && points.contains { $0.budget.hasTargets }
    let ordered = ranked.sorted { left, right in
      if meetingFirst, points[left].meetsBudget != points[right].meetsBudget {
        return points[left].meetsBudget
      }
      let a = points[left].metrics.map(objective.value) ?? .infinity
      let b = points[right].metrics.map(objective.value) ?? .infinity
      return a < b || (a == b && points[left].index < points[right].index)
    }
    for (rank, position) in ordered.enumerated() { points[position].rank = rank + 1 }
    ranking = ordered.map { points[$0].index }

    let hasBudget = points.contains { $0.budget.hasTargets }
    let eligible = ranked.filter { !hasBudget || points[$0].meetsBudget }
    let vectors = eligible.map { position -> [Double] in
      guard let metrics = points[position].metrics else {
        return [.infinity, .infinity, .infinity]
      }
      return [metrics.p99Milliseconds, metrics.costDollars, metrics.energyJoules]
    }
    let frontPositions = ParetoFront.indices(of: vectors).map { eligible[$0] }
    for position in ranked { points[position].isOnFront = false }
    for position in frontPositions { points[position].isOnFront = true }
    front = frontPositions.map { points[$0].index }

    self.points = points
    counts = SweepCounts(points)
    let choice = SweepRecommendation.choose(
      points: points, ranking: ordered, objective: objective, hasBudget: hasBudget)
    recommended = choice.map { points[$0].index }
    recommendation = SweepRecommendation.sentence(
      points: points, choice: choice, ranking: ordered, sweep: sweep, hasBudget: hasBudget)
  }

  enum CodingKeys: String, CodingKey {
    case sweep, points, ranking, front, recommended, recommendation, counts
    case formatVersion = "format_version"
  }
}
