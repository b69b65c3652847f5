/// The Pareto front of points with several objectives to minimize: the points no other point
/// dominates (at least as good in every objective and better in one).
///
/// Points with identical objectives do not dominate each other, so both stay on the front.
public enum ParetoFront {
  /// Whether `first` dominates `second`: no worse in every objective and better in at least one.
  ///
  /// - Precondition: Both have the same number of objectives.
  public static func dominates(_ first: [Double], _ second: [Double]) -> Bool {
    precondition(first.count == second.count, "objective vectors differ in length")
    var isBetter = false
    for (a, b) in zip(first, second) {
      if a > b { return false }
      if a < b { isBetter = true }
    }
    return isBetter
  }

  /// The positions of the non-dominated points, in ascending order.
  ///
  /// Sorts the points lexicographically, so that any point that dominates another comes before
  /// it, then keeps a point when no point already kept dominates it (dominance is transitive, so
  /// comparing with the front suffices).
  ///
  /// - Parameter points: One objective vector per point, all of one length; NaN is not allowed.
  /// - Returns: The indices of the front.
  /// - Complexity: O(*n* log *n* + *n* · *f*) for *n* points and a front of *f*.
  public static func indices(of points: [[Double]]) -> [Int] {
    let order = points.indices.sorted { left, right in
      let a = points[left]
      let b = points[right]
      for (x, y) in zip(a, b) where x != y { return x < y }
      return left < right
    }
    var front: [Int] = []
    for index in order where !front.contains(where: { dominates(points[$0], points[index]) }) {
      front.append(index)
    }
    return front.sorted()
  }
}
