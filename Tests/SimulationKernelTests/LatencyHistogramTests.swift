import SimulationKernel
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
  static let probabilities = [0, 0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1]

  /// Shapes of latency data spanning 1 ns … 1000 s.
  enum Shape: CaseIterable, CustomStringConvertible {
    case logUniform  // uniform in log between 1 ns and 1000 s
    case exponential  // mean 50 ms
    case pareto  // heavy tail: 1 ms · U^(−1/1.2), capped at 1000 s
    case clustered  // a few exact values, many repeats (several per bucket and many buckets empty)
    case withZeros  // log-uniform with 5% exact zeros

    var description: String {
      switch self {
      case .logUniform: "log-uniform"
      case .exponential: "exponential"
      case .pareto: "pareto"
      case .clustered: "clustered"
      case .withZeros: "with zeros"
      }
    }

    func draw(_ random: inout Xoshiro256StarStar) -> Double {
      switch self {
      case .logUniform:
        return 1e-9 * pow(1e12, random.nextUniform())
      case .exponential:
        return -0.05 * log(random.nextOpenUniform())
      case .pareto:
        return min(1000, 1e-3 * pow(random.nextOpenUniform(), -1 / 1.2))
      case .clustered:
        return [1e-9, 2.5e-3, 0.1, 0.100_1, 7, 999.9][Int(random.nextInt(below: 6))]
      case .withZeros:
        return random.nextUniform() < 0.05 ? 0 : 1e-9 * pow(1e12, random.nextUniform())
      }
    }
  }

  static func relativeError(_ estimate: Double, _ exact: Double) -> Double {
    estimate == exact ? 0 : abs(estimate - exact) / abs(exact)
  }

  @Test(
    "every quantile is within 1% (in fact 2⁻⁸) of the exact nearest-rank value",
    arguments: Shape.allCases)
  func quantilesAgainstSortedOracle(shape: Shape) {
    var worst = 0.0
    for seed in 0..<40 as Range<UInt64> {
      var random = Xoshiro256StarStar(seed: seed, stream: 7)
      let count = 1 + Int(random.nextInt(below: 5000))
      var histogram = LatencyHistogram()
      var exact = SampleQuantiles()
      for _ in 0..<count {
        let value = shape.draw(&random)
        histogram.record(value)
        exact.add(value)
      }
      exact.sort()
      #expect(histogram.count == UInt64(count))
      #expect(histogram.minimum == exact.quantile(0))
      #expect(histogram.maximum == exact.quantile(1))
      for p in Self.probabilities {
        let estimate = histogram.quantile(p)
        let truth = exact.quantile(p)
        let error = Self.relativeError(estimate, truth)
        worst = max(worst, error)
        #expect(error <= 0x1p-8, "\(shape) seed \(seed) n \(count) p \(p): \(estimate) vs \(truth)")
        // Same order statistic: the estimate lies in the exact value's bucket.
        if truth > 0 {
          let range = LatencyHistogram.bucketRange(containing: truth)
          #expect(range.contains(estimate) || estimate == range.upperBound)
        } else {
          #expect(estimate == 0)
        }
      }
      #expect(histogram.quantile(0) == histogram.minimum)
      #expect(histogram.quantile(1) == histogram.maximum)
    }
    #expect(worst <= 0.01)
  }

  @Test("the mean is exact to rounding, from the per-bucket sums")
  func mean() {
    for shape in Shape.allCases {
      var random = Xoshiro256StarStar(seed: 11, stream: 0)
      var histogram = LatencyHistogram()
      var statistics = RunningStatistics()
      for _ in 0..<3000 {
        let value = shape.draw(&random)
        histogram.record(value)
        statistics.add(value)
      }
      #expect(Self.relativeError(histogram.mean, statistics.mean) <= 1e-13, "\(shape)")
      #expect(Self.relativeError(histogram.sum, statistics.sum) <= 1e-13, "\(shape)")
    }
    var histogram = LatencyHistogram()
    histogram.record(0.25, count: 3)
    histogram.record(1.5)
    #expect(histogram.sum == 2.25)
    #expect(histogram.mean == 2.25 / 4)
    #expect(LatencyHistogram().mean.isNaN)
  }

  @Test(
    "merging equals recording everything in one histogram, exactly",
    arguments: 0..<10 as Range<UInt64>)
  func mergeEqualsSequential(seed: UInt64) {
    var random = Xoshiro256StarStar(seed: seed, stream: 9)
    var all = LatencyHistogram()
    var parts = Array(repeating: LatencyHistogram(), count: 1 + Int(random.nextInt(below: 6)))
    for _ in 0..<4000 {
      let shape = Shape.allCases[Int(random.nextInt(below: UInt64(Shape.allCases.count)))]
      let value = shape.draw(&random)
      let repeats = random.nextUniform() < 0.1 ? random.nextInt(below: 4) : 1
      all.record(value, count: repeats)
      parts[Int(random.nextInt(below: UInt64(parts.count)))].record(value, count: repeats)
    }
    // Merge the parts in reverse order, then in a pairwise tree: both equal `all`.
    var reversed = LatencyHistogram()
    for part in parts.reversed() { reversed.merge(part) }
    var tree = parts
    while tree.count > 1 {
      let right = tree.removeLast()
      tree[tree.count - 1].merge(right)
    }
    #expect(reversed == all)
    #expect(tree[0] == all)
    #expect(reversed.hashValue == all.hashValue)
    #expect(reversed.mean == all.mean)
    #expect(reversed.buckets == all.buckets)
    #expect(all.merging(LatencyHistogram()) == all)
    #expect(LatencyHistogram().merging(all) == all)
  }

  @Test("memory is bounded by the dynamic range, not by the number of values")
  func memoryBound() {
    // 1 ns … 1000 s spans the octaves 2⁻³⁰ … 2⁹ (40 octaves), so at most 40 · 128 = 5120 slots;
    // in general at most 128 · (⌊log₂ max⌋ − ⌊log₂ min⌋ + 1).
    var random = Xoshiro256StarStar(seed: 3, stream: 0)
    var histogram = LatencyHistogram()
    var slotsAfterTenThousand = 0
    for i in 1...1_000_000 {
      histogram.record(1e-9 * pow(1e12, random.nextUniform()))
      if i == 10_000 { slotsAfterTenThousand = histogram.allocatedBucketCount }
    }
    let octaves =
      Int(log2(histogram.maximum).rounded(.down) - log2(histogram.minimum).rounded(.down)) + 1
    #expect(histogram.count == 1_000_000)
    #expect(histogram.allocatedBucketCount == 128 * octaves)
    #expect(histogram.allocatedBucketCount <= 5120)
    #expect(histogram.allocatedBucketCount == slotsAfterTenThousand)
    #expect(histogram.buckets.count <= histogram.allocatedBucketCount)
    #expect(histogram.buckets.reduce(0) { $0 + $1.count } == histogram.count)
  }

  @Test("buckets are ordered, at most 2⁻⁷ wide (relative), and hold their values")
  func bucketsShape() {
    var histogram = LatencyHistogram()
    var random = Xoshiro256StarStar(seed: 1, stream: 1)
    var values: [Double] = []
    for _ in 0..<2000 {
      let value = Shape.withZeros.draw(&random)
      values.append(value)
      histogram.record(value)
    }
    let buckets = histogram.buckets
    #expect(buckets.first?.lowerBound == 0 && buckets.first?.upperBound == 0)
    #expect(buckets.first?.count == UInt64(values.filter { $0 == 0 }.count))
    for (previous, next) in zip(buckets.dropLast(), buckets.dropFirst()) {
      #expect(previous.upperBound <= next.lowerBound)
    }
    for bucket in buckets.dropFirst() {
      #expect(bucket.upperBound > bucket.lowerBound)
      #expect((bucket.upperBound - bucket.lowerBound) / bucket.lowerBound <= 0x1p-7)
      let inside = values.filter { $0 >= bucket.lowerBound && $0 < bucket.upperBound }.count
      #expect(UInt64(inside) == bucket.count)
    }
    // Powers of two start a bucket; the next double down ends the previous one.
    #expect(LatencyHistogram.bucketRange(containing: 1) == 1..<(1 + 0x1p-7))
    #expect(LatencyHistogram.bucketRange(containing: 1.0.nextDown).upperBound == 1)
  }

  @Test("fraction at or below a threshold: exact outside the range and between buckets")
  func fractionAtOrBelow() {
    var histogram = LatencyHistogram()
    #expect(histogram.fraction(atOrBelow: 1).isNaN)
    for value in [0.0, 0.0, 1.001, 1.001, 2.001, 4.001, 4.001, 8.001] { histogram.record(value) }
    #expect(histogram.fraction(atOrBelow: -1) == 0)
    #expect(histogram.fraction(atOrBelow: 0) == 2.0 / 8)
    #expect(histogram.fraction(atOrBelow: 1) == 2.0 / 8)  // a bucket's lower bound
    #expect(histogram.fraction(atOrBelow: 3.9) == 5.0 / 8)  // an empty bucket
    #expect(histogram.fraction(atOrBelow: 4) == 5.0 / 8)
    #expect(histogram.fraction(atOrBelow: 4.5) == 7.0 / 8)
    #expect(histogram.fraction(atOrBelow: 8.001) == 1)
    #expect(histogram.fraction(atOrBelow: .infinity) == 1)
    // Against the exact empirical distribution function: off by at most one bucket's share.
    var random = Xoshiro256StarStar(seed: 2, stream: 2)
    var large = LatencyHistogram()
    var values: [Double] = []
    for _ in 0..<5000 {
      let value = Shape.exponential.draw(&random)
      values.append(value)
      large.record(value)
    }
    for threshold in [0.001, 0.01, 0.05, 0.1, 0.2] {
      let exact = Double(values.filter { $0 <= threshold }.count) / 5000
      let range = LatencyHistogram.bucketRange(containing: threshold)
      let bucketShare = Double(values.filter { range.contains($0) }.count) / 5000
      #expect(abs(large.fraction(atOrBelow: threshold) - exact) <= bucketShare + 1e-12)
    }
  }

  @Test("empty, zero-only and single-value histograms")
  func degenerate() {
    let empty = LatencyHistogram()
    #expect(empty.isEmpty && empty.count == 0 && empty.buckets.isEmpty)
    #expect(empty.minimum.isNaN && empty.maximum.isNaN && empty.quantile(0.5).isNaN)
    #expect(empty.allocatedBucketCount == 0)
    var zeros = LatencyHistogram()
    zeros.record(0, count: 5)
    zeros.record(-0.0)
    #expect(zeros.count == 6 && zeros.quantile(0.5) == 0 && zeros.mean == 0)
    #expect(zeros.minimum.sign == .plus && zeros.allocatedBucketCount == 0)
    var one = LatencyHistogram()
    one.record(0.123)
    one.record(5, count: 0)  // records nothing
    #expect(one.count == 1 && one.maximum == 0.123)
    for p in Self.probabilities { #expect(one.quantile(p) == 0.123) }
    var same = LatencyHistogram()
    same.record(0.123)
    #expect(one == same)
  }
}
