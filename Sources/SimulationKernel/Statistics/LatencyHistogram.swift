/// A streaming histogram of non-negative values with logarithmic buckets (in the manner of
/// Gil Tene's HdrHistogram), whose quantiles are within 1% (in fact 2⁻⁸ ≈ 0.39%) of the exact ones.
///
/// **Buckets.** A positive double is `2^(e−1023) · (1 + f/2⁵²)`, and its bit pattern, read as an
/// unsigned integer, increases with its value. The bucket index of a value is its bit pattern
/// shifted right by 45 bits: the 11 exponent bits and the top 7 mantissa bits. So each power of two
/// (an *octave*) is split into 128 buckets of equal width `2^(e−1023−7)`, and a bucket
/// `[L, U)` has relative width `(U − L) / L ≤ 2⁻⁷ ≈ 0.78%`. Finding the bucket costs one shift: no
/// `log` per record. Zeros are counted separately and exactly.
///
/// **Error bound.** Bucket counts are exact and buckets are ordered, so the bucket in which the
/// cumulative count first reaches the rank *k* is the bucket that holds the exact *k*-th smallest
/// value *v*. The histogram answers that bucket's midpoint `r = L + (U − L)/2` (the bit pattern
/// with the next mantissa bit set), so `|r − v| ≤ (U − L)/2 ≤ 2⁻⁸·L ≤ 2⁻⁸·v`. Clamping `r` to
/// `[minimum, maximum]`, an interval that contains `v`, can only bring it closer. The bound holds
/// for every value from `Double.leastNormalMagnitude` (about 2.2e−308) up; below that (subnormal
/// numbers) it is absolute, 2⁻¹⁰³⁰, instead of relative.
///
/// **Memory.** Counts live in one dense array covering only the octaves between the smallest and
/// the largest positive values seen (aligned to whole octaves, grown on demand): 128 slots per
/// octave, whatever the number of samples, that is `128 · (⌊log₂ max⌋ − ⌊log₂ min⌋ + 1)` slots of
/// 24 bytes. Values from 1 ns to 1000 s span 40 octaves (2⁻³⁰ to 2⁹): 5120 slots, 120 KiB. In
/// the steady state (no new octave), `record` does not allocate.
///
/// **Mean.** Besides its count, each slot keeps the exact sum of its values' offsets from the
/// bucket's lower bound, as a 128-bit integer in units of the bucket's last mantissa bit. The sum
/// is therefore exact and independent of the order of recording and merging; `sum` and `mean` are
/// computed from it, in bucket order, with a compensated sum (relative error a few units in the
/// last place). As a consequence, recording values into several histograms and merging them gives
/// a histogram equal (`==`) to recording them all into one, in any order.
///
/// **Quantiles** use the nearest-rank definition shared with `SampleQuantiles`: the *p*-quantile of
/// *n* values is the *k*-th smallest, `k = max(1, ⌈p·n⌉)` (see
/// `SampleQuantiles.nearestRank(_:count:)`).
public struct LatencyHistogram: Hashable, Sendable {
  /// The number of mantissa bits that select a bucket within an octave.
  public static let subBucketBits = 7

  /// The number of buckets per octave (power of two), `2^subBucketBits`.
  public static let bucketsPerOctave = 1 << subBucketBits

  /// How far a value's bit pattern is shifted right to give its bucket index: `52 − 7`.
  @usableFromInline static let indexShift: UInt64 = 45

  /// The low mantissa bits that a bucket does not resolve: `2⁴⁵ − 1`.
  @usableFromInline static let residualMask: UInt64 = (1 << 45) - 1

  /// The number of `UInt64` words per slot: count, low and high words of the residual sum.
  @usableFromInline static let slotStride = 3

  /// Per slot, `[count, residualSumLow, residualSumHigh]`, for bucket indices
  /// `firstIndex ..< firstIndex + storage.count / 3`.
  @usableFromInline var storage: ContiguousArray<UInt64>

  /// The bucket index of the first slot; a multiple of `bucketsPerOctave`.
  @usableFromInline var firstIndex: Int

  /// The number of slots, `storage.count / 3`; a multiple of `bucketsPerOctave`.
  @usableFromInline var slotCount: Int

  /// How many zeros were recorded.
  @usableFromInline var zeroCount: UInt64

  @usableFromInline var totalCount: UInt64
  @usableFromInline var storedMinimum: Double
  @usableFromInline var storedMaximum: Double

  /// Creates an empty histogram. Does not allocate.
  @inlinable
  public init() {
    storage = []
    firstIndex = 0
    slotCount = 0
    zeroCount = 0
    totalCount = 0
    storedMinimum = .infinity
    storedMaximum = -.infinity
  }

  /// Records one value.
  ///
  /// - Parameter value: A finite, non-negative value (for example a latency in seconds); `-0.0`
  ///   counts as zero.
  /// - Precondition: `value` is finite and not negative.
  /// - Complexity: O(1) unless the value lies in an octave not seen before, which grows the array
  ///   (at most once per octave of dynamic range).
  @inlinable
  public mutating func record(_ value: Double) {
    record(value, count: 1)
  }

  /// Records `count` occurrences of one value.
  ///
  /// - Parameters:
  ///   - value: A finite, non-negative value; `-0.0` counts as zero.
  ///   - count: How many times to record it; zero records nothing (not even the minimum or
  ///     maximum).
  /// - Precondition: `value` is finite and not negative; the total count does not overflow.
  /// - Complexity: O(1) unless the value lies in an octave not seen before.
  @inlinable
  public mutating func record(_ value: Double, count: UInt64) {
    precondition(
      value >= 0 && value.isFinite,
      "LatencyHistogram.record: the value must be finite and non-negative, got \(value)")
    guard count > 0 else { return }
    totalCount += count
    // `+ 0` turns −0.0 into +0.0, so that its sign bit reaches neither the extremes nor the index.
    let value = value + 0
    if value < storedMinimum { storedMinimum = value }
    if value > storedMaximum { storedMaximum = value }
    if value == 0 {
      zeroCount += count
      return
    }
    let bits = value.bitPattern
    let index = Int(truncatingIfNeeded: bits >> LatencyHistogram.indexShift)
    var slot = index &- firstIndex
    if slot < 0 || slot >= slotCount {
      grow(toInclude: index, through: index)
      slot = index &- firstIndex
    }
    let offset = slot &* LatencyHistogram.slotStride
    storage[offset] &+= count  // cannot overflow: bounded by `totalCount`, checked above
    // residual < 2⁴⁵ and count < 2⁶⁴, so the residual sum stays below 2⁴⁵·2⁶⁴ = 2¹⁰⁹.
    let product = (bits & LatencyHistogram.residualMask).multipliedFullWidth(by: count)
    let (low, carry) = storage[offset &+ 1].addingReportingOverflow(product.low)
    storage[offset &+ 1] = low
    storage[offset &+ 2] &+= product.high &+ (carry ? 1 : 0)
  }

  /// Widens the slot array, keeping whole octaves, so that it covers bucket indices
  /// `lowest ... highest` as well as the ones it covered.
  @usableFromInline
  mutating func grow(toInclude lowest: Int, through highest: Int) {
    let octaveMask = LatencyHistogram.bucketsPerOctave - 1
    let newFirst = slotCount == 0 ? lowest & ~octaveMask : min(firstIndex, lowest & ~octaveMask)
    let newEnd =
      slotCount == 0
      ? (highest | octaveMask) + 1 : max(firstIndex + slotCount, (highest | octaveMask) + 1)
    guard newFirst != firstIndex || newEnd != firstIndex + slotCount else { return }
    let stride = LatencyHistogram.slotStride
    var newStorage = ContiguousArray<UInt64>(repeating: 0, count: (newEnd - newFirst) * stride)
    let shift = (firstIndex - newFirst) * stride
    for position in storage.indices {
      newStorage[shift + position] = storage[position]
    }
    storage = newStorage
    firstIndex = newFirst
    slotCount = newEnd - newFirst
  }

  /// Adds every value recorded in `other` to this histogram.
  ///
  /// The result is equal (`==`) to a histogram into which both histograms' values were recorded,
  /// in any order.
  ///
  /// - Parameter other: Another histogram; may be empty.
  /// - Complexity: O(*b*), where *b* is the number of slots of both histograms.
  public mutating func merge(_ other: LatencyHistogram) {
    guard other.totalCount > 0 else { return }
    totalCount += other.totalCount
    zeroCount += other.zeroCount
    storedMinimum = min(storedMinimum, other.storedMinimum)
    storedMaximum = max(storedMaximum, other.storedMaximum)
    guard other.slotCount > 0 else { return }
    grow(toInclude: other.firstIndex, through: other.firstIndex + other.slotCount - 1)
    let stride = LatencyHistogram.slotStride
    let shift = (other.firstIndex - firstIndex) * stride
    var position = 0
    while position < other.storage.count {
      let target = shift + position
      storage[target] += other.storage[position]
      let (low, carry) = storage[target + 1].addingReportingOverflow(other.storage[position + 1])
      storage[target + 1] = low
      storage[target + 2] &+= other.storage[position + 2] &+ (carry ? 1 : 0)
      position += stride
    }
  }

  /// Returns a histogram of the values of both histograms (see `merge(_:)`).
  ///
  /// - Parameter other: Another histogram; may be empty.
  /// - Returns: The merged histogram.
  /// - Complexity: O(*b*), where *b* is the number of slots of both histograms.
  public func merging(_ other: LatencyHistogram) -> LatencyHistogram {
    var result = self
    result.merge(other)
    return result
  }

  /// The number of values recorded.
  @inlinable
  public var count: UInt64 { totalCount }

  /// Whether no value has been recorded.
  @inlinable
  public var isEmpty: Bool { totalCount == 0 }

  /// The smallest value recorded, exactly; NaN when empty.
  @inlinable
  public var minimum: Double { totalCount == 0 ? .nan : storedMinimum }

  /// The largest value recorded, exactly; NaN when empty.
  @inlinable
  public var maximum: Double { totalCount == 0 ? .nan : storedMaximum }

  /// The number of bucket slots allocated: 128 per octave between the smallest and the largest
  /// positive values recorded, independent of the number of values. Each slot takes 24 bytes.
  @inlinable
  public var allocatedBucketCount: Int { slotCount }

  /// The sum of the values recorded, from the exact per-bucket sums (relative error a few units in
  /// the last place; it does not depend on the order of recording or merging).
  ///
  /// - Complexity: O(*b*), where *b* is `allocatedBucketCount`.
  public var sum: Double {
    // Neumaier's compensated summation, over the buckets in increasing order.
    var total = 0.0
    var compensation = 0.0
    func accumulate(_ term: Double) {
      let next = total + term
      if abs(total) >= abs(term) {
        compensation += (total - next) + term
      } else {
        compensation += (term - next) + total
      }
      total = next
    }
    for slot in 0..<slotCount {
      let offset = slot * LatencyHistogram.slotStride
      let bucketCount = storage[offset]
      guard bucketCount > 0 else { continue }
      let index = firstIndex + slot
      accumulate(Double(bucketCount) * LatencyHistogram.lowerBound(ofBucket: index))
      let residualSum = Double(storage[offset + 2]) * 0x1p64 + Double(storage[offset + 1])
      accumulate(residualSum * LatencyHistogram.residualUnit(ofBucket: index))
    }
    return total + compensation
  }

  /// The arithmetic mean of the values recorded, `sum / count`; NaN when empty.
  ///
  /// - Complexity: O(*b*), where *b* is `allocatedBucketCount`.
  public var mean: Double {
    totalCount == 0 ? .nan : sum / Double(totalCount)
  }

  /// The *p*-quantile by the nearest-rank definition: the bucket that holds the *k*-th smallest
  /// value, `k = SampleQuantiles.nearestRank(p, count: count)`, represented by its midpoint clamped
  /// to `[minimum, maximum]`.
  ///
  /// Within 2⁻⁸ ≈ 0.39% (relative) of the exact *k*-th smallest value (see the type's discussion).
  /// `quantile(0)` is exactly `minimum` and `quantile(1)` exactly `maximum`; zeros are exact.
  ///
  /// - Parameter p: The probability, in `[0, 1]`.
  /// - Returns: The quantile; NaN when the histogram is empty.
  /// - Precondition: `0 ≤ p ≤ 1`.
  /// - Complexity: O(*b*), where *b* is `allocatedBucketCount`.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "LatencyHistogram.quantile: p must be in [0, 1], got \(p)")
    guard totalCount > 0 else { return .nan }
    let rank = UInt64(SampleQuantiles.nearestRank(p, count: Int(clamping: totalCount)))
    if rank <= 1 { return storedMinimum }
    if rank >= totalCount { return storedMaximum }
    if rank <= zeroCount { return 0 }
    var cumulative = zeroCount
    for slot in 0..<slotCount {
      cumulative += storage[slot * LatencyHistogram.slotStride]
      if cumulative >= rank {
        let midpoint = LatencyHistogram.midpoint(ofBucket: firstIndex + slot)
        return min(max(midpoint, storedMinimum), storedMaximum)
      }
    }
    return storedMaximum  // unreachable: the counts add up to `totalCount`
  }

  /// The estimated fraction of recorded values at or below `x` (the empirical distribution
  /// function).
  ///
  /// Every bucket below the one that contains `x` counts fully; the bucket that contains `x`
  /// counts in proportion to where `x` lies in it (linear interpolation). So the error is at most
  /// that one bucket's share of the values, and none when `x` is below `minimum`, at or above
  /// `maximum`, or in an empty bucket.
  ///
  /// - Parameter x: The threshold (for example a latency budget); any non-NaN value.
  /// - Returns: A fraction in `[0, 1]`; NaN when the histogram is empty.
  /// - Precondition: `x` is not NaN.
  /// - Complexity: O(*b*), where *b* is `allocatedBucketCount`.
  public func fraction(atOrBelow x: Double) -> Double {
    precondition(!x.isNaN, "LatencyHistogram.fraction(atOrBelow:): the threshold is NaN")
    guard totalCount > 0 else { return .nan }
    if x < storedMinimum { return 0 }
    if x >= storedMaximum { return 1 }
    // Here 0 ≤ minimum ≤ x < maximum, so x is finite and non-negative.
    var atOrBelow = Double(zeroCount)
    if x > 0 {
      let xIndex = Int(truncatingIfNeeded: x.bitPattern >> LatencyHistogram.indexShift)
      for slot in 0..<slotCount {
        let index = firstIndex + slot
        if index > xIndex { break }
        let bucketCount = Double(storage[slot * LatencyHistogram.slotStride])
        if index < xIndex {
          atOrBelow += bucketCount
        } else {
          let lower = LatencyHistogram.lowerBound(ofBucket: index)
          let upper = LatencyHistogram.lowerBound(ofBucket: index + 1)
          atOrBelow += bucketCount * min(1, (x - lower) / (upper - lower))
        }
      }
    }
    return min(1, atOrBelow / Double(totalCount))
  }

  /// The non-empty buckets in increasing order, for rendering and export; recorded zeros, if any,
  /// come first as a bucket with `lowerBound == upperBound == 0`.
  ///
  /// - Complexity: O(*b*), where *b* is `allocatedBucketCount`.
  public var buckets: [HistogramBucket] {
    var result: [HistogramBucket] = []
    if zeroCount > 0 {
      result.append(HistogramBucket(lowerBound: 0, upperBound: 0, count: zeroCount))
    }
    for slot in 0..<slotCount {
      let bucketCount = storage[slot * LatencyHistogram.slotStride]
      guard bucketCount > 0 else { continue }
      let index = firstIndex + slot
      result.append(
        HistogramBucket(
          lowerBound: LatencyHistogram.lowerBound(ofBucket: index),
          upperBound: LatencyHistogram.lowerBound(ofBucket: index + 1), count: bucketCount))
    }
    return result
  }

  /// The bounds `[lowerBound, upperBound)` of the bucket into which `value` would be recorded.
  ///
  /// For zero, which is counted exactly, the range is empty: `0 ..< 0`.
  ///
  /// - Parameter value: A finite, non-negative value.
  /// - Returns: The bucket's half-open range.
  /// - Precondition: `value` is finite and not negative.
  public static func bucketRange(containing value: Double) -> Range<Double> {
    precondition(
      value >= 0 && value.isFinite,
      "LatencyHistogram.bucketRange: the value must be finite and non-negative, got \(value)")
    if value == 0 { return 0..<0 }
    let index = Int(truncatingIfNeeded: value.bitPattern >> indexShift)
    return lowerBound(ofBucket: index)..<lowerBound(ofBucket: index + 1)
  }

  /// The smallest value of bucket `index`; for one past the last finite bucket, +∞.
  static func lowerBound(ofBucket index: Int) -> Double {
    Double(bitPattern: UInt64(index) << indexShift)
  }

  /// The midpoint of bucket `index`: its lower bound with the next mantissa bit set.
  static func midpoint(ofBucket index: Int) -> Double {
    Double(bitPattern: (UInt64(index) << indexShift) | (1 << (indexShift - 1)))
  }

  /// The value of one unit of a residual in bucket `index`: the bucket's last mantissa bit,
  /// `2^(max(e, 1) − 1075)` for biased exponent `e`.
  static func residualUnit(ofBucket index: Int) -> Double {
    let biasedExponent = index >> subBucketBits
    return Double(sign: .plus, exponent: max(biasedExponent, 1) - 1075, significand: 1)
  }
}

/// One bucket of a `LatencyHistogram`: the values in `[lowerBound, upperBound)` and how many there
/// were.
public struct HistogramBucket: Hashable, Sendable {
  /// The smallest value that falls in the bucket (inclusive).
  public var lowerBound: Double

  /// The bucket's exclusive upper bound; equal to `lowerBound` only for the bucket of zeros.
  public var upperBound: Double

  /// How many recorded values fell in the bucket.
  public var count: UInt64

  /// Creates a bucket.
  ///
  /// - Parameters:
  ///   - lowerBound: The inclusive lower bound.
  ///   - upperBound: The exclusive upper bound (or `lowerBound` for a bucket of one exact value).
  ///   - count: The number of values.
  public init(lowerBound: Double, upperBound: Double, count: UInt64) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.count = count
  }

  /// The midpoint of the bucket, `(lowerBound + upperBound) / 2`, as a representative value.
  public var midpoint: Double { lowerBound + (upperBound - lowerBound) / 2 }
}
