import SimulationKernel
import Testing

@Suite("RunningStatistics")
struct RunningStatisticsTests {
  /// A series with a large offset and a small spread: where the textbook one-pass formula fails.
  static func series(seed: UInt64, count: Int) -> [Double] {
    var random = Xoshiro256StarStar(seed: seed, stream: 1)
    let offset = 1e6 * random.nextUniform()
    return (0..<count).map { _ in offset + random.nextUniform() * random.nextUniform() * 10 }
  }

  /// Latency-like data: positive, skewed, spanning three orders of magnitude.
  static func latencies(seed: UInt64, count: Int) -> [Double] {
    var random = Xoshiro256StarStar(seed: seed, stream: 3)
    return (0..<count).map { _ in 1e-3 * random.nextOpenUniform() / random.nextOpenUniform() }
  }

  static func relativeDifference(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(a), abs(b))
  }

  @Test("Welford agrees with the two-pass computation", arguments: 0..<20 as Range<UInt64>)
  func againstTwoPass(seed: UInt64) {
    let values = Self.series(seed: seed, count: 1 + Int(seed) * 97)
    let statistics = RunningStatistics(values)
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    #expect(statistics.count == values.count)
    #expect(Self.relativeDifference(statistics.mean, mean) <= 1e-14)
    #expect(statistics.minimum == values.min())
    #expect(statistics.maximum == values.max())
    #expect(statistics.sum == values.reduce(0, +))
    if values.count >= 2 {
      let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      #expect(Self.relativeDifference(statistics.variance, squares / (n - 1)) <= 1e-10)
      #expect(Self.relativeDifference(statistics.populationVariance, squares / n) <= 1e-10)
      #expect(statistics.standardDeviation == statistics.variance.squareRoot())
    } else {
      #expect(statistics.variance.isNaN)
    }
  }

  /// Merges summaries of random pieces of `values` in a random tree.
  static func mergedInRandomGroupings(_ values: [Double], seed: UInt64) -> RunningStatistics {
    var random = Xoshiro256StarStar(seed: seed, stream: 2)
    // Cut into random pieces, then merge the pieces back in a random tree.
    var pieces: [RunningStatistics] = []
    var start = 0
    while start < values.count {
      let length = 1 + Int(random.nextInt(below: 200))
      let end = min(values.count, start + length)
      pieces.append(RunningStatistics(values[start..<end]))
      start = end
    }
    pieces.insert(RunningStatistics(), at: Int(random.nextInt(below: UInt64(pieces.count))))
    while pieces.count > 1 {
      let i = Int(random.nextInt(below: UInt64(pieces.count - 1)))
      let right = pieces.remove(at: i + 1)
      pieces[i].merge(right)
    }
    return pieces[0]
  }

  @Test(
    "merging in random groupings equals adding sequentially", arguments: 0..<30 as Range<UInt64>)
  func mergeInRandomGroupings(seed: UInt64) {
    let values = Self.latencies(seed: seed, count: 2000)
    let sequential = RunningStatistics(values)
    let merged = Self.mergedInRandomGroupings(values, seed: seed)
    #expect(merged.count == sequential.count)
    #expect(merged.totalWeight == sequential.totalWeight)
    #expect(merged.minimum == sequential.minimum)
    #expect(merged.maximum == sequential.maximum)
    #expect(Self.relativeDifference(merged.mean, sequential.mean) <= 1e-12)
    #expect(Self.relativeDifference(merged.variance, sequential.variance) <= 1e-12)
    #expect(Self.relativeDifference(merged.sum, sequential.sum) <= 1e-12)
  }

  /// With a mean 10⁵ times the spread, the variance's condition number is about 10¹⁰, so any
  /// two floating-point orders of evaluation (sequential or merged) may differ by about 1e−16 ·
  /// 10¹⁰ in the variance: the tolerance is scaled accordingly, and the mean is still tight.
  @Test("merging is stable on ill-conditioned data", arguments: 0..<10 as Range<UInt64>)
  func mergeIllConditioned(seed: UInt64) {
    let values = Self.series(seed: seed, count: 2000)
    let sequential = RunningStatistics(values)
    let merged = Self.mergedInRandomGroupings(values, seed: seed)
    #expect(Self.relativeDifference(merged.mean, sequential.mean) <= 1e-14)
    #expect(Self.relativeDifference(merged.variance, sequential.variance) <= 1e-9)
  }

  @Test("a frequency weight is the same as repeating the observation")
  func weights() {
    var weighted = RunningStatistics()
    var repeated = RunningStatistics()
    var random = Xoshiro256StarStar(seed: 5, stream: 0)
    for _ in 0..<500 {
      let x = random.nextUniform() * 100
      let weight = 1 + random.nextInt(below: 5)
      weighted.add(x, weight: Double(weight))
      for _ in 0..<weight { repeated.add(x) }
    }
    #expect(weighted.count == 500)
    #expect(weighted.totalWeight == Double(repeated.count))
    #expect(Self.relativeDifference(weighted.mean, repeated.mean) <= 1e-13)
    #expect(Self.relativeDifference(weighted.variance, repeated.variance) <= 1e-12)
    #expect(Self.relativeDifference(weighted.sum, repeated.sum) <= 1e-13)
  }

  @Test("empty and single-observation summaries")
  func degenerate() {
    let empty = RunningStatistics()
    #expect(empty.isEmpty && empty.count == 0)
    #expect(empty.mean.isNaN && empty.variance.isNaN && empty.minimum.isNaN && empty.maximum.isNaN)
    #expect(empty.sum == 0)
    #expect(empty == RunningStatistics())
    var one = RunningStatistics()
    one.add(-2.5)
    #expect(one.mean == -2.5 && one.minimum == -2.5 && one.maximum == -2.5)
    #expect(one.variance.isNaN && one.populationVariance == 0)
    #expect(one.merging(empty) == one && empty.merging(one) == one)
  }
}
