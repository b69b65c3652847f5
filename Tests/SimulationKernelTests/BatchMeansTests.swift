import SimulationKernel
import Testing

@Suite("BatchMeans and ConfidenceInterval")
struct BatchMeansTests {
  /// Approximately standard normal: the sum of 12 uniforms minus 6 (mean 0, variance exactly 1).
  static func normalish(_ random: inout Xoshiro256StarStar) -> Double {
    var sum = -6.0
    for _ in 0..<12 { sum += random.nextUniform() }
    return sum
  }

  // Coverage bounds. With a correct 95% interval, the number of the 200 independent intervals that
  // cover the true mean is Binomial(200, 0.95): mean 190, standard deviation √(200·0.95·0.05) ≈
  // 3.1. Requiring 180 … 198 (90% … 99%) is about −3.2 and +2.6 standard deviations; a correct
  // implementation fails with probability below 0.1% (P(X ≤ 179) ≈ 3e−4, P(X ≥ 199) ≈ 4e−4), while
  // an interval that ignores the correlation (below) covers far less than 90%. The seeds are fixed,
  // so the test is deterministic.
  static let seeds = 0..<200 as Range<UInt64>
  static let coverageBounds = 180...198

  @Test("95% intervals for iid data cover the true mean 90–99% of the time")
  func coverageIndependent() {
    let trueMean = 3.0
    var covered = 0
    for seed in Self.seeds {
      var random = Xoshiro256StarStar(seed: seed, stream: 0)
      var batches = BatchMeans(batchSize: 10)
      for _ in 0..<205 { batches.add(trueMean + Self.normalish(&random)) }
      #expect(batches.batchCount == 20 && batches.pendingCount == 5)
      #expect(batches.observationCount == 205)
      if let interval = batches.confidenceInterval(level: 0.95), interval.contains(trueMean) {
        covered += 1
      }
    }
    #expect(Self.coverageBounds.contains(covered), "covered \(covered) of 200")
  }

  @Test("on an AR(1) series, batch means cover and the naive iid interval does not")
  func coverageCorrelated() {
    // x_{i+1} = μ + φ(x_i − μ) + ε with φ = 0.9: the variance of the mean is (1+φ)/(1−φ) = 19
    // times the iid formula's, so the naive interval is √19 ≈ 4.4 times too narrow (coverage
    // about 35%). Batches of 200 are 20 correlation times long.
    let trueMean = 10.0
    let phi = 0.9
    var coveredByBatches = 0
    var coveredNaively = 0
    for seed in Self.seeds {
      var random = Xoshiro256StarStar(seed: seed, stream: 1)
      var batches = BatchMeans(batchSize: 200)
      var naive = RunningStatistics()
      var x = trueMean
      for _ in 0..<4000 {
        x = trueMean + phi * (x - trueMean) + (random.nextUniform() - 0.5)
        batches.add(x)
        naive.add(x)
      }
      if let interval = batches.confidenceInterval(level: 0.95), interval.contains(trueMean) {
        coveredByBatches += 1
      }
      if ConfidenceInterval.mean(of: naive, level: 0.95).contains(trueMean) {
        coveredNaively += 1
      }
    }
    #expect(
      Self.coverageBounds.contains(coveredByBatches), "batch means covered \(coveredByBatches)")
    #expect(coveredNaively < 120, "the naive interval covered \(coveredNaively)")
  }

  @Test("the half-width shrinks like 1/√n")
  func shrinksLikeInverseSquareRoot() {
    // E[halfWidth²] = t²_{k−1} · σ²_batch / k, so with k and 16k batches of the same size the
    // root-mean-square half-widths differ by 4 · t_{k−1} / t_{16k−1}. Averaging halfWidth² over
    // 100 seeds leaves about 2.5% of noise (Var s² = 2σ⁴/(k−1) with k = 10); the tolerance is 10%.
    func meanSquaredHalfWidth(batches k: Int) -> Double {
      var total = 0.0
      for seed in 0..<100 as Range<UInt64> {
        var random = Xoshiro256StarStar(seed: seed, stream: 2)
        var batches = BatchMeans(batchSize: 10)
        for _ in 0..<(k * 10) { batches.add(Self.normalish(&random)) }
        let halfWidth = batches.confidenceInterval(level: 0.95)?.halfWidth ?? .nan
        total += halfWidth * halfWidth
      }
      return total / 100
    }
    let small = meanSquaredHalfWidth(batches: 10).squareRoot()
    let large = meanSquaredHalfWidth(batches: 160).squareRoot()
    let expectedRatio =
      4 * StudentT.quantile(0.975, degreesOfFreedom: 9)
      / StudentT.quantile(0.975, degreesOfFreedom: 159)
    #expect(abs(small / large / expectedRatio - 1) < 0.1, "ratio \(small / large)")
    // And the level: σ_batch = 1/√10, so the 95% half-width with 160 batches is about
    // t · σ_batch / √160 ≈ 1.975 · 0.3162 / 12.65 ≈ 0.0494.
    #expect(abs(large / 0.0494 - 1) < 0.1, "half-width \(large)")
  }

  @Test("batches: leftovers are excluded, fewer than two batches give no interval")
  func batchBookkeeping() {
    var batches = BatchMeans(batchSize: 3)
    #expect(batches.confidenceInterval(level: 0.9) == nil && batches.mean.isNaN)
    for x in [1.0, 2, 3] { batches.add(x) }
    #expect(batches.batchCount == 1 && batches.mean == 2)
    #expect(batches.confidenceInterval(level: 0.9) == nil)
    for x in [4.0, 5, 6, 100] { batches.add(x) }
    #expect(batches.batchCount == 2 && batches.pendingCount == 1)
    #expect(batches.mean == 3.5)  // the mean of 1 … 6; the pending 100 is left out
    // Batch means 2 and 5: s = 3/√2, half-width = t(0.95, 1) · s/√2 = 6.313751515 · 1.5.
    let interval = batches.confidenceInterval(level: 0.9)
    #expect(interval?.estimate == 3.5)
    #expect(abs((interval?.halfWidth ?? 0) - 6.313_751_515 * 1.5) < 1e-8)
    #expect(batches.batchStatistics.count == 2)
  }

  @Test("intervals from independent replications and their bounds")
  func replications() {
    let interval = ConfidenceInterval.replications([9, 10, 11, 10, 10], level: 0.95)
    // Mean 10, s² = 0.5, standard error √(0.5/5) = √0.1; t(0.975, 4) = 2.776445105.
    #expect(interval.estimate == 10 && interval.level == 0.95)
    #expect(abs(interval.halfWidth - 2.776_445_105 * 0.1.squareRoot()) < 1e-8)
    #expect(interval.lowerBound == 10 - interval.halfWidth)
    #expect(interval.upperBound == 10 + interval.halfWidth)
    #expect(interval.contains(10) && interval.contains(interval.upperBound))
    #expect(!interval.contains(11) && !interval.contains(8.9))
    let single = ConfidenceInterval.replications([4.2], level: 0.95)
    #expect(single.estimate == 4.2 && single.halfWidth == .infinity && single.contains(-1e300))
    let fixed = ConfidenceInterval(estimate: 1, halfWidth: 0.5, level: 0.99)
    #expect(fixed.relativeHalfWidth == 0.5 && fixed.lowerBound == 0.5 && fixed.upperBound == 1.5)
  }
}
