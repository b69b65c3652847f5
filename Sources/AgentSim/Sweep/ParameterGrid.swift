/// The parameter settings a sweep tries: the cross product of its `--vary` axes.
///
/// Settings are numbered in mixed radix with the first axis the most significant digit, so setting
/// 0 is every axis's first value. With no axes there is one setting, the workflow as it is.
public struct ParameterGrid: Codable, Hashable, Sendable {
  /// The axes, in the order they were given.
  public var axes: [ParameterAxis]

  /// Creates a grid.
  ///
  /// - Parameter axes: The axes; none for a sweep of placements only.
  public init(axes: [ParameterAxis] = []) {
    self.axes = axes
  }

  /// The number of settings: the product of the axes' value counts (saturating at `Int.max`).
  public var count: Int {
    var total = 1
    for axis in axes {
      let (product, overflow) = total.multipliedReportingOverflow(by: axis.values.count)
      if overflow { return Int.max }
      total = product
    }
    return total
  }

  /// Setting `index` as `key=value` overrides, one per axis, in axis order.
  ///
  /// - Precondition: `0 <= index < count`.
  /// - Complexity: O(axes).
  public func settings(at index: Int) -> [String] {
    precondition(index >= 0 && index < count, "parameter setting \(index) is outside 0..<\(count)")
    var remainder = index
    var digits = [Int](repeating: 0, count: axes.count)
    for position in axes.indices.reversed() {
      digits[position] = remainder % axes[position].values.count
      remainder /= axes[position].values.count
    }
    return axes.indices.map { axes[$0].setting(at: digits[$0]) }
  }
}
