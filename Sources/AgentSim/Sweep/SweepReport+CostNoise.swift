extension SweepReport {
  /// The points that the recommendation's cost does not tell apart from it: eligible points
  /// (meeting the budget, or every ranked point without one) whose cost differs from the
  /// recommended point's by no more than the two points' cost half-widths combined
  /// (`RunNoise.costHalfWidthDollars`, in quadrature). Another seed could reorder them, so the
  /// choice among them should rest on latency, energy or more sessions.
  ///
  /// - Returns: Point numbers, cheapest first (ties by number); empty without a recommendation
  ///   or without noise estimates.
  /// - Complexity: O(*n* log *n*) for *n* points.
  public func pointsWithinCostNoise() -> [Int] {
    guard let recommended,
      let chosen = points.first(where: { $0.index == recommended })?.metrics,
      let chosenNoise = chosen.noise
    else { return [] }
    let hasBudget = points.contains { $0.budget.hasTargets }
    let tied = points.filter { point in
      guard point.index != recommended, point.isRanked, !hasBudget || point.meetsBudget,
        let metrics = point.metrics, let noise = metrics.noise
      else { return false }
      let combined =
        (chosenNoise.costHalfWidthDollars * chosenNoise.costHalfWidthDollars
        + noise.costHalfWidthDollars * noise.costHalfWidthDollars).squareRoot()
      return abs(metrics.costDollars - chosen.costDollars) <= combined
    }
    return tied.sorted {
      ($0.metrics?.costDollars ?? 0, $0.index) < ($1.metrics?.costDollars ?? 0, $1.index)
    }.map(\.index)
  }
}
