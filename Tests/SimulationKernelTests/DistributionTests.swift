import SimulationKernel
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A million draws from a distribution, summarised for comparison with its closed forms.
///
/// Every tolerance below is five standard errors of the statistic compared, so a correct
/// implementation fails a single check with probability about 6e-7 (two-sided normal tail beyond
/// 5σ); the seeds are fixed, so the outcome is deterministic anyway. No other slack is added.
///
/// - Mean: by the central limit theorem the sample mean x̄ has standard error σ/√n, with σ² the
///   distribution's `variance` (the value under test; a wrong variance is caught by the next check).
/// - Variance: the unbiased sample variance s² has Var(s²) = (μ₄ − σ⁴·(n − 3)/(n − 1))/n
///   (Cramér, *Mathematical Methods of Statistics*, 1946, §27.4), so its standard error is
///   √((μ₄ − σ⁴)/n) up to O(1/n²); μ₄, the fourth central moment, is estimated from the same draws
///   (a plug-in estimate), σ⁴ is `variance`².
/// - Percentiles: for x_p = `quantile(p)`, the count of draws at or below x_p is exactly
///   Binomial(n, F(x_p)) = Binomial(n, p) when the sampler and the quantile function agree, so the
///   fraction has standard error √(p(1 − p)/n). This is the same test as comparing the sample
///   percentile with x_p using SE ≈ √(p(1 − p)/n)/f(x_p) (by Bahadur's representation the two
///   differ by o(1/√n)), but it is exact and needs no density f.
struct DrawSummary {
  /// The number of draws.
  let count: Int
  /// The sample mean.
  let mean: Double
  /// The unbiased sample variance.
  let variance: Double
  /// The fourth central moment about the sample mean.
  let fourthCentralMoment: Double
  /// The smallest and largest draws.
  let minimum: Double
  let maximum: Double
  /// For each probability p asked for, the fraction of draws at or below `quantile(p)`.
  let fractionsAtOrBelowQuantiles: [(p: Double, fraction: Double)]

  /// Draws `count` values from `distribution` on stream 0 of `seed`.
  init(
    _ distribution: Distribution, seed: UInt64, count: Int = 1_000_000,
    probabilities: [Double] = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]
  ) {
    var generator = Xoshiro256StarStar(seed: seed, stream: 0)
    var draws = [Double](repeating: 0, count: count)
    var sum = 0.0
    for index in 0..<count {
      let draw = distribution.sample(using: &generator)
      draws[index] = draw
      sum += draw
    }
    let mean = sum / Double(count)
    var sumOfSquares = 0.0
    var sumOfFourthPowers = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    let thresholds = probabilities.map { distribution.quantile($0) }
    var atOrBelow = [Int](repeating: 0, count: thresholds.count)
    for draw in draws {
      let deviation = draw - mean
      let square = deviation * deviation
      sumOfSquares += square
      sumOfFourthPowers += square * square
      minimum = min(minimum, draw)
      maximum = max(maximum, draw)
      for index in thresholds.indices where draw <= thresholds[index] {
        atOrBelow[index] += 1
      }
    }
    self.count = count
    self.mean = mean
    self.variance = sumOfSquares / Double(count - 1)
    self.fourthCentralMoment = sumOfFourthPowers / Double(count)
    self.minimum = minimum
    self.maximum = maximum
    self.fractionsAtOrBelowQuantiles = zip(probabilities, atOrBelow).map {
      (p: $0, fraction: Double($1) / Double(count))
    }
  }
}

/// The distributions checked on a million draws each: every family and both sampling paths of
/// gamma and of empirical tables.
let statisticalCases: [(name: String, distribution: Distribution)] = {
  let irregularTable = try? EmpiricalDistribution(percentiles: [
    (p: 0, value: 10), (p: 0.5, value: 40), (p: 0.9, value: 100), (p: 0.99, value: 300),
    (p: 1, value: 1000),
  ])
  let sample = try? EmpiricalDistribution(samples: [13, 1, 8, 2, 21, 3, 5])
  var cases: [(name: String, distribution: Distribution)] = [
    ("uniform(2, 5)", .uniform(lower: 2, upper: 5)),
    ("exponential(mean 3)", .exponential(mean: 3)),
    ("normal(10, 2)", .normal(mean: 10, standardDeviation: 2)),
    ("lognormal(median 100, p99 400)", .lognormal(median: 100, p99: 400)),
    ("gamma(shape 2.5, scale 2)", .gamma(shape: 2.5, scale: 2)),
    ("gamma(shape 0.4, scale 3), the boost", .gamma(shape: 0.4, scale: 3)),
    ("erlang(3 stages, mean 6)", .erlang(stages: 3, mean: 6)),
    (
      "mixture 7:3:0",
      .mixture([
        MixtureComponent(weight: 7, distribution: .lognormal(median: 100, p99: 250)),
        MixtureComponent(weight: 3, distribution: .exponential(mean: 500)),
        MixtureComponent(weight: 0, distribution: .constant(-1)),
      ])
    ),
  ]
  // A failed table would fail `moments` through its validation check rather than vanish.
  cases.append(("empirical samples", sample.map(Distribution.empirical) ?? .mixture([])))
  cases.append(
    ("empirical percentile table", irregularTable.map(Distribution.empirical) ?? .mixture([])))
  return cases
}()

@Suite("Distribution: a million draws against closed forms")
struct DistributionStatisticalTests {
  @Test(
    "sample mean, variance and percentiles within 5 standard errors",
    arguments: statisticalCases.indices)
  func moments(caseIndex: Int) {
    let (name, distribution) = statisticalCases[caseIndex]
    #expect(distribution.validationProblems().isEmpty, "\(name)")
    let summary = DrawSummary(distribution, seed: 20_240_601 + UInt64(caseIndex))
    let n = Double(summary.count)

    #expect(summary.minimum >= distribution.lowerBound, "\(name)")
    #expect(summary.maximum <= distribution.upperBound, "\(name)")

    let meanStandardError = (distribution.variance / n).squareRoot()
    #expect(
      abs(summary.mean - distribution.mean) <= 5 * meanStandardError,
      "\(name): mean \(summary.mean) vs \(distribution.mean), SE \(meanStandardError)")

    let sigma4 = distribution.variance * distribution.variance
    let varianceStandardError = ((summary.fourthCentralMoment - sigma4) / n).squareRoot()
    #expect(
      abs(summary.variance - distribution.variance) <= 5 * varianceStandardError,
      "\(name): variance \(summary.variance) vs \(distribution.variance), SE \(varianceStandardError)"
    )

    for (p, fraction) in summary.fractionsAtOrBelowQuantiles {
      let standardError = (p * (1 - p) / n).squareRoot()
      #expect(
        abs(fraction - p) <= 5 * standardError,
        "\(name): P(X ≤ quantile(\(p))) = \(fraction), SE \(standardError)")
    }
  }
}

@Suite("Distribution: closed forms, quantiles and sampling contracts")
struct DistributionContractTests {
  /// Every family, for the round trips and contracts.
  static let allFamilies: [Distribution] =
    statisticalCases.map(\.distribution) + [
      .constant(4), .uniform(lower: 3, upper: 3), .normal(mean: -5, standardDeviation: 0.1),
      .lognormal(mu: 0, sigma: 2), .gamma(shape: 50, scale: 0.1), .gamma(shape: 0.05, scale: 1),
    ]

  @Test("quantile(cdf(x)) ≈ x and cdf(quantile(p)) ≈ p")
  func roundTrips() {
    let probabilities = [1e-6, 0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999, 0.999_999]
    let continuous: [Distribution] = [
      .uniform(lower: 2, upper: 5), .exponential(mean: 3),
      .normal(mean: 10, standardDeviation: 2), .lognormal(median: 100, p99: 400),
      .gamma(shape: 2.5, scale: 2), .gamma(shape: 0.4, scale: 3), .gamma(shape: 50, scale: 0.1),
      .erlang(stages: 3, mean: 6),
      .mixture([
        MixtureComponent(weight: 1, distribution: .normal(mean: 0, standardDeviation: 1)),
        MixtureComponent(weight: 2, distribution: .exponential(mean: 10)),
      ]),
    ]
    for distribution in continuous {
      for p in probabilities {
        let x = distribution.quantile(p)
        // quantile(p) is within a few ulps of the true x (relative kε), which moves the cdf by
        // f(x)·|x|·kε; the cdf adds a few ulps of p itself. With k = 16 for both, and f(x) from a
        // central difference of the quantile function (2h / (Q(p + h) − Q(p − h))):
        let h = min(p, 1 - p) * 1e-4
        let density = 2 * h / (distribution.quantile(p + h) - distribution.quantile(p - h))
        let tolerance = 16 * Double.ulpOfOne * (density * abs(x) + p)
        #expect(abs(distribution.cdf(x) - p) <= tolerance, "\(distribution) at p \(p), x \(x)")
        // quantile(cdf(x)) amplifies cdf's absolute rounding (1e-16 to 1e-15) by dx/dp = 1/f(x):
        // at p = 1 − 1e-6 that is 1e-15/f(x) ≈ 2e-7 for the lognormal (x ≈ 1700, f ≈ 5e-9), the
        // worst case here, about 1.2e-10 relative; 1e-9 relative bounds it.
        let back = distribution.quantile(distribution.cdf(x))
        #expect(abs(back - x) <= 1e-9 * max(abs(x), 1), "\(distribution): \(x) → \(back)")
      }
    }
  }

  @Test("known values of the standard normal")
  func normalKnownValues() {
    #expect(SpecialFunctions.normalCDF(0) == 0.5)
    // 1.959963984540054 is Φ⁻¹ of the real number 0.975; the Double literal 0.975 lies 2.2e-17
    // below it, which moves the quantile by 2.2e-17/φ(1.96) = 3.8e-16 (mpmath: the correctly
    // rounded quantile of the Double is 1.9599639845400538). AS 241's relative error of about
    // 1e-16 adds 2e-16: the tolerance is their sum, 6e-16 (under 3 ulps).
    #expect(abs(SpecialFunctions.normalQuantile(0.975) - 1.959_963_984_540_054) <= 6e-16)
    #expect(
      abs(SpecialFunctions.normalQuantile(0.975) - 1.959_963_984_540_053_8) <= (1.96).ulp)
    #expect(SpecialFunctions.normalQuantile(0.5) == 0)
    #expect(SpecialFunctions.normalQuantile(0) == -.infinity)
    #expect(SpecialFunctions.normalQuantile(1) == .infinity)
    #expect(SpecialFunctions.normalQuantile(1.5).isNaN)
    // Φ's condition number at x is |x|·φ(x)/Φ(x), about x² in the lower tail: the rounding of
    // x/√2 (relative ε) alone moves Φ by a relative x²·ε. The tolerances below are
    // 8·(1 + x²)·ε: that amplification, plus a few ulps from erfc itself.
    func tolerance(_ x: Double) -> Double { 8 * (1 + x * x) * Double.ulpOfOne }
    // Reference values from mpmath at 40 significant digits.
    let cdfValues: [(x: Double, cdf: Double)] = [
      (1.96, 0.975_002_104_851_779_563_79), (-3, 0.001_349_898_031_630_094_526_7),
      (-10, 7.619_853_024_160_526_066e-24), (-20, 2.753_624_118_606_233_695_1e-89),
    ]
    for (x, expected) in cdfValues {
      #expect(abs(SpecialFunctions.normalCDF(x) - expected) <= tolerance(x) * expected, "Φ(\(x))")
    }
    // AS 241 is accurate to about 1e-16, so Φ(Φ⁻¹(p)) reproduces p up to Φ's own conditioning,
    // across all three of its regions, down to p = 1e-300 (z = −37).
    for p in [1e-300, 1e-50, 1e-10, 0.001, 0.02, 0.075, 0.2, 0.5, 0.8, 0.925, 0.98] {
      let z = SpecialFunctions.normalQuantile(p)
      #expect(abs(SpecialFunctions.normalCDF(z) - p) <= tolerance(z) * p, "Φ(Φ⁻¹(\(p)))")
    }
    // Symmetry holds exactly where 1 − p is exact.
    for p in [0.25, 0.125, 0.0625, 0.001_953_125] {
      #expect(SpecialFunctions.normalQuantile(1 - p) == -SpecialFunctions.normalQuantile(p))
    }
  }

  #if arch(x86_64) || arch(i386)
    @Test("Φ⁻¹'s polynomials by Estrin's scheme are as accurate as by Horner's rule")
    func normalQuantileEvaluationOrder() {
      // AS 241's central rational function, evaluated three ways over 10⁵ probabilities: as the
      // sampler does (Estrin's scheme), as Wichura wrote it (Horner's rule, the sampler's order
      // before), and with Horner's rule in 80-bit extended precision as the reference.
      let numerator: [Double] = [
        3.387_132_872_796_366_608_0, 1.331_416_678_917_843_774_5e2,
        1.971_590_950_306_551_442_7e3, 1.373_169_376_550_946_112_5e4,
        4.592_195_393_154_987_145_7e4, 6.726_577_092_700_870_085_3e4,
        3.343_057_558_358_812_810_5e4, 2.509_080_928_730_122_672_7e3,
      ]
      let denominator: [Double] = [
        1, 4.231_333_070_160_091_125_2e1, 6.871_870_074_920_579_083_0e2,
        5.394_196_021_424_751_107_7e3, 2.121_379_430_158_659_586_7e4,
        3.930_789_580_009_271_061_0e4, 2.872_908_573_572_194_267_4e4,
        5.226_495_278_852_854_561_0e3,
      ]
      func horner(_ r: Double, _ c: [Double]) -> Double {
        c.reversed().reduce(0) { $0 * r + $1 }
      }
      func extended(_ r: Float80, _ c: [Double]) -> Float80 {
        c.reversed().reduce(Float80(0)) { $0 * r + Float80($1) }
      }
      var generator = Xoshiro256StarStar(seed: 7)
      var worst = (estrin: 0.0, horner: 0.0)
      var total = (estrin: 0.0, horner: 0.0)
      for _ in 0..<100_000 {
        let p = 0.075 + 0.85 * generator.nextUniform()
        let q = p - 0.5
        let r = 0.180_625 - q * q
        let reference =
          Float80(q) * extended(Float80(r), numerator) / extended(Float80(r), denominator)
        guard reference != 0 else { continue }
        let ulp = Double(reference).ulp
        let estrin = Double(abs(Float80(SpecialFunctions.normalQuantile(p)) - reference)) / ulp
        let horner =
          Double(abs(Float80(q * horner(r, numerator) / horner(r, denominator)) - reference)) / ulp
        worst = (max(worst.estrin, estrin), max(worst.horner, horner))
        total = (total.estrin + estrin, total.horner + horner)
      }
      // Measured: Estrin's worst 5.0 ulps and mean 0.68, Horner's 6.0 and 0.75.
      #expect(worst.estrin <= 6, "Estrin's scheme: worst \(worst.estrin) ulps")
      #expect(total.estrin <= total.horner, "mean ulps: \(total.estrin) vs \(total.horner) (×10⁵)")
    }
  #endif

  @Test("incomplete gamma against closed forms and reference values")
  func incompleteGamma() {
    for x in [0.01, 0.5, 1, 2, 5, 20] {
      // P(1, x) = 1 − e^−x; P(3, x) = 1 − e^−x(1 + x + x²/2) (Erlang); P(½, x) = erf(√x).
      let exponentialCDF = 1 - exp(-x)
      let erlangCDF = 1 - exp(-x) * (1 + x + x * x / 2)
      #expect(abs(SpecialFunctions.regularizedLowerGamma(1, x) - exponentialCDF) <= 1e-14)
      #expect(abs(SpecialFunctions.regularizedLowerGamma(3, x) - erlangCDF) <= 1e-14)
      let lower = SpecialFunctions.regularizedLowerGamma(0.5, x)
      let upper = SpecialFunctions.regularizedUpperGamma(0.5, x)
      #expect(abs(lower + upper - 1) <= 1e-15)
      #expect(abs(upper - 2 * SpecialFunctions.normalCDF(-(2 * x).squareRoot())) <= 1e-14)
    }
    // Reference values from mpmath at 40 significant digits: (a, x, P, Q).
    let references: [(a: Double, x: Double, p: Double, q: Double)] = [
      (2.5, 1, 0.150_854_963_915_390_363_77, 0.849_145_036_084_609_636_23),
      (0.4, 0.01, 0.178_118_173_134_940_287_3, 0.821_881_826_865_059_712_7),
      (100, 90, 0.158_220_989_186_430_168_1, 0.841_779_010_813_569_831_9),
      (10, 30, 0.999_992_878_249_137_184_42, 7.121_750_862_815_577_091_6e-6),
    ]
    for (a, x, p, q) in references {
      #expect(abs(SpecialFunctions.regularizedLowerGamma(a, x) - p) <= 1e-13 * p, "P(\(a), \(x))")
      #expect(abs(SpecialFunctions.regularizedUpperGamma(a, x) - q) <= 1e-13 * q, "Q(\(a), \(x))")
    }
    #expect(SpecialFunctions.regularizedLowerGamma(2, 0) == 0)
    #expect(SpecialFunctions.regularizedLowerGamma(2, .infinity) == 1)
    #expect(SpecialFunctions.regularizedLowerGamma(-1, 1).isNaN)
    #expect(abs(SpecialFunctions.logGamma(10) - log(362_880.0)) <= 1e-14 * log(362_880.0))
  }

  @Test("lognormal(median:p99:) reproduces its median and p99 through quantile")
  func lognormalFromPercentiles() {
    for (median, p99) in [(100.0, 400.0), (0.25, 3.0), (42.0, 42.5), (1e-3, 1e3)] {
      let distribution = Distribution.lognormal(median: median, p99: p99)
      #expect(distribution.validationProblems().isEmpty)
      // Not bit-exact: quantile(p) = exp(mu + sigma·z) and the stored mu = ln(median) is rounded,
      // an absolute error of up to ε·|mu| in the exponent, i.e. a relative one in the result.
      // Counting one rounding (≤ 1 ulp in glibc) for each of log, log of the ratio, the division
      // by z₀.₉₉, the product, the sum and exp gives a relative error below
      // 4ε·(|mu| + |sigma·z₀.₉₉| + 1).
      guard case .lognormal(let mu, let sigma) = distribution else {
        Issue.record("lognormal(median:p99:) must build a lognormal")
        continue
      }
      let z99 = SpecialFunctions.normalQuantile(0.99)
      let relative = 4 * Double.ulpOfOne * (abs(mu) + abs(sigma * z99) + 1)
      #expect(abs(distribution.quantile(0.5) - median) <= relative * median, "median \(median)")
      #expect(abs(distribution.quantile(0.99) - p99) <= relative * p99, "p99 \(p99)")
      #expect(abs(distribution.cdf(median) - 0.5) <= 1e-15)
    }
  }

  @Test("closed-form means and variances of small cases")
  func smallClosedForms() throws {
    #expect(Distribution.constant(4).mean == 4)
    #expect(Distribution.constant(4).variance == 0)
    #expect(Distribution.uniform(lower: 0, upper: 6).variance == 3)
    #expect(Distribution.erlang(stages: 4, mean: 8) == .gamma(shape: 4, scale: 2))
    #expect(Distribution.erlang(stages: 4, mean: 8).variance == 16)
    // A mixture of the constants 0 (weight 1) and 4 (weight 3): mean 3, variance ¼·9 + ¾·1 = 3.
    let twoPoints = Distribution.mixture([
      MixtureComponent(weight: 1, distribution: .constant(0)),
      MixtureComponent(weight: 3, distribution: .constant(4)),
    ])
    #expect(twoPoints.mean == 3)
    #expect(twoPoints.variance == 3)
    #expect(twoPoints.cdf(-1) == 0)
    #expect(twoPoints.cdf(0) == 0.25)
    #expect(twoPoints.cdf(3.9) == 0.25)
    #expect(twoPoints.cdf(4) == 1)
    #expect(twoPoints.quantile(0.2) == 0)
    #expect(twoPoints.quantile(0.25) == 0)
    #expect(twoPoints.quantile(0.5) == 4)
    #expect(twoPoints.quantile(1) == 4)
    #expect(twoPoints.lowerBound == 0)
    #expect(twoPoints.upperBound == 4)
  }

  @Test("bounds: the smallest and largest values that can be drawn")
  func bounds() {
    #expect(Distribution.exponential(mean: 2).lowerBound == 0)
    #expect(Distribution.exponential(mean: 2).quantile(0) == 0)
    #expect(Distribution.normal(mean: 0, standardDeviation: 1).lowerBound == -.infinity)
    #expect(Distribution.normal(mean: 0, standardDeviation: 1).quantile(0) == -.infinity)
    #expect(Distribution.lognormal(mu: 0, sigma: 1).lowerBound == 0)
    #expect(Distribution.gamma(shape: 2, scale: 1).lowerBound == 0)
    #expect(Distribution.uniform(lower: 2, upper: 5).lowerBound == 2)
    #expect(Distribution.uniform(lower: 2, upper: 5).upperBound == 5)
    #expect(Distribution.exponential(mean: 2).upperBound == .infinity)
    let mixture = Distribution.mixture([
      MixtureComponent(weight: 1, distribution: .uniform(lower: 2, upper: 5)),
      MixtureComponent(weight: 1, distribution: .constant(1.5)),
      MixtureComponent(weight: 0, distribution: .constant(-10)),
    ])
    #expect(mixture.lowerBound == 1.5)
    #expect(mixture.upperBound == 5)
    #expect(mixture.quantile(0) == 1.5)
  }

  @Test("inverse-transform draws equal quantile(U) for the documented U")
  func drawsAreQuantilesOfTheirUniforms() throws {
    let table = try EmpiricalDistribution(percentiles: [
      (p: 0, value: 1), (p: 0.3, value: 2), (p: 1, value: 9),
    ])
    // U = nextUniform() in [0, 1).
    let halfOpen: [Distribution] = [
      .uniform(lower: -1, upper: 3), .exponential(mean: 2), .empirical(table),
    ]
    // U = (⌊b/2¹²⌋ + ½)·2⁻⁵² in (0, 1).
    let interior: [Distribution] = [
      .normal(mean: 1, standardDeviation: 3), .lognormal(median: 5, p99: 50),
    ]
    for distribution in halfOpen + interior {
      var generator = Xoshiro256StarStar(seed: 99, stream: 3)
      var shadow = generator
      var mismatches = 0
      for _ in 0..<10_000 {
        let draw = distribution.sample(using: &generator)
        let bits = shadow.next()
        let u =
          halfOpen.contains(distribution)
          ? Double(bits >> 11) * 0x1.0p-53 : (Double(bits >> 12) + 0.5) * 0x1.0p-52
        if draw != distribution.quantile(u) { mismatches += 1 }
      }
      #expect(mismatches == 0, "\(distribution)")
    }
  }

  @Test("each family uses a fixed, documented number of generator outputs per draw")
  func outputsPerDraw() {
    let cases: [(Distribution, Int)] = [
      (.constant(1), 0), (.uniform(lower: 0, upper: 1), 1), (.exponential(mean: 1), 1),
      (.normal(mean: 0, standardDeviation: 1), 1), (.lognormal(mu: 0, sigma: 1), 1),
      (.empirical(dummyTable), 1),
      (
        .mixture([
          MixtureComponent(weight: 1, distribution: .normal(mean: 0, standardDeviation: 1)),
          MixtureComponent(weight: 1, distribution: .exponential(mean: 1)),
        ]), 2
      ),
    ]
    for (distribution, outputs) in cases {
      var generator = Xoshiro256StarStar(seed: 5, stream: 5)
      var reference = generator
      for _ in 0..<1000 {
        _ = distribution.sample(using: &generator)
        for _ in 0..<outputs { _ = reference.next() }
      }
      #expect(generator.next() == reference.next(), "\(distribution)")
    }
  }

  @Test("every draw lies within [lowerBound, upperBound], also for extreme parameters")
  func drawsWithinBounds() {
    for distribution in Self.allFamilies {
      var generator = Xoshiro256StarStar(seed: 11, stream: 0)
      var outside = 0
      for _ in 0..<20_000 {
        let draw = distribution.sample(using: &generator)
        if !(draw >= distribution.lowerBound && draw <= distribution.upperBound) { outside += 1 }
      }
      #expect(outside == 0, "\(distribution)")
    }
  }
}

/// A table for tests that need any valid empirical distribution.
let dummyTable: EmpiricalDistribution = {
  guard let table = try? EmpiricalDistribution(samples: [1, 2, 3]) else {
    fatalError("a three-sample table is valid")
  }
  return table
}()
