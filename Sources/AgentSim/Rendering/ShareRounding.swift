/// Rounds shares so that the printed percentages add up to exactly 100%.
///
/// Rounding each share on its own can print 33.3% + 33.3% + 33.3% = 99.9%; readers then distrust
/// the whole table. The largest-remainder method (Hamilton's apportionment) rounds everything down
/// and hands the missing tenths to the shares that lost the most.
enum ShareRounding {
  /// Each value's share of the total, in tenths of a percent, summing to exactly 1000 when the
  /// total is positive (all zeros otherwise). Negative values count as zero.
  ///
  /// - Complexity: O(n log n).
  static func tenthsOfPercent(_ values: [Double]) -> [Int] {
    let clamped = values.map { $0.isFinite ? max($0, 0) : 0 }
    let total = clamped.reduce(0, +)
    guard total > 0 else { return clamped.map { _ in 0 } }
    let exact = clamped.map { $0 / total * 1000 }
    var result = exact.map { Int($0.rounded(.down)) }
    let missing = 1000 - result.reduce(0, +)
    // Ties go to the earlier row, so the result does not depend on sort stability.
    let order = exact.indices.sorted { left, right in
      let leftRemainder = exact[left] - Double(result[left])
      let rightRemainder = exact[right] - Double(result[right])
      return leftRemainder != rightRemainder ? leftRemainder > rightRemainder : left < right
    }
    for index in order.prefix(max(0, missing)) { result[index] += 1 }
    return result
  }

  /// Tenths of a percent as text: `123` is `12.3%`.
  static func text(tenths: Int) -> String {
    "\(tenths / 10).\(tenths % 10)%"
  }
}
