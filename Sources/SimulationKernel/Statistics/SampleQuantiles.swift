/// Exact quantiles of a small sample: every value is kept.
///
/// Uses the same nearest-rank definition as `LatencyHistogram` (see `nearestRank(_:count:)`), so
/// the two agree on which order statistic a quantile is: the histogram's answer lies in the bucket
/// of this type's answer, and equals it whenever it is the minimum, the maximum or zero. Memory
/// grows with the sample (8 bytes a value): use `LatencyHistogram` for long runs.
public struct SampleQuantiles: Sendable {
  /// The values in the order added, or sorted when `isSorted`.
  @usableFromInline var storage: [Double]

  /// Whether `storage` is in increasing order (kept up to date by `add` at O(1) cost).
  @usableFromInline var isSorted: Bool

  /// Creates an empty sample.
  @inlinable
  public init() {
    storage = []
    isSorted = true
  }

  /// Creates a sample of the given values.
  ///
  /// - Parameter values: The values; none may be NaN.
  /// - Complexity: O(*n* log *n*), where *n* is the number of values.
  public init<S: Sequence>(_ values: S) where S.Element == Double {
    storage = Array(values)
    for value in storage {
      precondition(!value.isNaN, "SampleQuantiles: values must not be NaN")
    }
    storage.sort()
    isSorted = true
  }

  /// The nearest-rank position of the *p*-quantile among `count` values: `k = max(1, ⌈p·n⌉)`.
  ///
  /// The *p*-quantile is then the *k*-th smallest value (1-based): the smallest value such that at
  /// least a fraction *p* of the values are at or below it (Hyndman and Fan's definition 1, the
  /// inverse of the empirical distribution function). `p = 0` gives the minimum and `p = 1` the
  /// maximum. Because decimal probabilities are not exact in binary (0.07 is slightly above 7/100),
  /// a product `p·n` within four units in the last place of a whole number is taken as that
  /// number, so that the 0.07-quantile of 100 values is the 7th, as written.
  ///
  /// - Parameters:
  ///   - p: The probability, in `[0, 1]`.
  ///   - count: The number of values, at least 1.
  /// - Returns: The rank *k*, in `1 ... count`.
  /// - Precondition: `0 ≤ p ≤ 1` and `count ≥ 1`.
  public static func nearestRank(_ p: Double, count: Int) -> Int {
    precondition(p >= 0 && p <= 1, "nearestRank: p must be in [0, 1], got \(p)")
    precondition(count >= 1, "nearestRank: count must be at least 1, got \(count)")
    let product = p * Double(count)
    let nearest = product.rounded()
    let rank = abs(product - nearest) <= 4 * product.ulp ? nearest : product.rounded(.up)
    return min(max(Int(rank), 1), count)
  }

  /// Adds one value.
  ///
  /// - Parameter x: The value; must not be NaN.
  /// - Complexity: Amortized O(1).
  @inlinable
  public mutating func add(_ x: Double) {
    precondition(!x.isNaN, "SampleQuantiles.add: the value is NaN")
    if let last = storage.last, x < last { isSorted = false }
    storage.append(x)
  }

  /// Adds every value of `other`.
  ///
  /// - Parameter other: Another sample.
  /// - Complexity: O(*m*), where *m* is `other.count`.
  public mutating func merge(_ other: SampleQuantiles) {
    for value in other.storage {
      add(value)
    }
  }

  /// Sorts the stored values now, so that later `values` and `quantile(_:)` calls cost O(1).
  ///
  /// - Complexity: O(*n* log *n*) unless already sorted.
  public mutating func sort() {
    if !isSorted {
      storage.sort()
      isSorted = true
    }
  }

  /// The number of values.
  @inlinable
  public var count: Int { storage.count }

  /// Whether the sample is empty.
  @inlinable
  public var isEmpty: Bool { storage.isEmpty }

  /// The values in increasing order.
  ///
  /// - Complexity: O(1) if the values were added in order or `sort()` was called since the last
  ///   out-of-order `add`; otherwise O(*n* log *n*) (a sorted copy).
  public var values: [Double] {
    isSorted ? storage : storage.sorted()
  }

  /// The exact *p*-quantile by the nearest-rank definition (`nearestRank(_:count:)`).
  ///
  /// - Parameter p: The probability, in `[0, 1]`.
  /// - Returns: The *k*-th smallest value; NaN when the sample is empty.
  /// - Precondition: `0 ≤ p ≤ 1`.
  /// - Complexity: O(1) when sorted (see `values`), otherwise O(*n* log *n*); to ask for many
  ///   quantiles, call `sort()` first or use `quantiles(_:)`.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "SampleQuantiles.quantile: p must be in [0, 1], got \(p)")
    guard !storage.isEmpty else { return .nan }
    return values[SampleQuantiles.nearestRank(p, count: storage.count) - 1]
  }

  /// The exact quantiles at several probabilities, sorting at most once.
  ///
  /// - Parameter probabilities: Probabilities in `[0, 1]`.
  /// - Returns: One quantile per probability, in the same order (NaN when the sample is empty).
  /// - Complexity: O(*n* log *n* + *m*) for *m* probabilities (O(*m*) when sorted).
  public func quantiles(_ probabilities: [Double]) -> [Double] {
    let sorted = values
    return probabilities.map { p in
      precondition(p >= 0 && p <= 1, "SampleQuantiles.quantiles: p must be in [0, 1], got \(p)")
      return sorted.isEmpty ? .nan : sorted[SampleQuantiles.nearestRank(p, count: sorted.count) - 1]
    }
  }
}
