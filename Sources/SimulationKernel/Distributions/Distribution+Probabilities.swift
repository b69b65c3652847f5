#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Distribution {
  /// The cumulative distribution function F(x) = P(X ≤ x).
  ///
  /// Closed forms: uniform (x − a)/(b − a); exponential 1 − e^(−x/mean), computed as
  /// `−expm1(−x/mean)`; normal Φ((x − mean)/sd); lognormal Φ((ln x − mu)/sigma); gamma P(k, x/θ),
  /// the regularized lower incomplete gamma function; empirical the inverse of its piecewise-linear
  /// quantile function; mixture Σ wᵢFᵢ(x) / Σ wᵢ. A constant c has F(x) = 0 for x < c and 1 from c
  /// on.
  ///
  /// - Parameter x: Any value.
  /// - Returns: F(x) in [0, 1], or NaN for NaN.
  /// - Complexity: O(1) for most families; O(√k) for gamma of shape k, O(log n) for an empirical
  ///   table of n knots, the components' total for a mixture.
  public func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    switch self {
    case .constant(let value):
      return x < value ? 0 : 1
    case .uniform(let lower, let upper):
      if x < lower { return 0 }
      if x >= upper { return 1 }
      return (x - lower) / (upper - lower)
    case .exponential(let mean):
      return x <= 0 ? 0 : -expm1(-x / mean)
    case .normal(let mean, let standardDeviation):
      return SpecialFunctions.normalCDF((x - mean) / standardDeviation)
    case .lognormal(let mu, let sigma):
      return x <= 0 ? 0 : SpecialFunctions.normalCDF((log(x) - mu) / sigma)
    case .gamma(let shape, let scale):
      return SpecialFunctions.regularizedLowerGamma(shape, x / scale)
    case .empirical(let empirical):
      return empirical.cdf(x)
    case .mixture(let components):
      let total = Distribution.totalWeight(components)
      var sum = 0.0
      for component in components where component.weight > 0 {
        sum += component.weight * component.distribution.cdf(x)
      }
      return min(sum / total, 1)
    }
  }

  /// The quantile function (inverse CDF): the smallest x with F(x) ≥ p.
  ///
  /// Closed forms where one exists: uniform a + (b − a)p; exponential −mean·ln(1 − p), computed as
  /// `−log1p(−p)`; normal mean + sd·Φ⁻¹(p) (AS 241); lognormal exp(mu + sigma·Φ⁻¹(p)); empirical
  /// the linear interpolation between knots. These are the same expressions `sample(using:)`
  /// evaluates, so a draw equals the quantile of its uniform.
  ///
  /// Gamma and mixtures have no closed form: the quantile is found by bisection on `cdf(_:)` until
  /// the bracket is two adjacent Doubles. The gamma bracket starts at the Wilson–Hilferty
  /// approximation k(1 − 1/(9k) + Φ⁻¹(p)/√(9k))³ (Wilson and Hilferty, "The distribution of
  /// chi-square", *PNAS* 17:684–688, 1931) and is widened by doubling and halving; a mixture's
  /// quantile lies between the smallest and the largest of its components' quantiles at p, which
  /// bracket it.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: Q(p); `lowerBound` at p = 0 and `upperBound` at p = 1 for the families whose bounds
  ///   are finite, ±infinity at the open ends.
  /// - Precondition: `p` is in [0, 1].
  /// - Complexity: O(1) for the closed forms (O(log n) for an empirical table of n irregular
  ///   knots); for gamma and mixtures about 60 (at most a few thousand) evaluations of `cdf(_:)`.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "quantile needs a probability in [0, 1], found \(p)")
    switch self {
    case .constant(let value):
      return value
    case .uniform(let lower, let upper):
      return Distribution.uniformQuantile(p, lower: lower, upper: upper)
    case .exponential(let mean):
      return mean * -log1p(-p)
    case .normal(let mean, let standardDeviation):
      return mean + standardDeviation * SpecialFunctions.normalQuantile(p)
    case .lognormal(let mu, let sigma):
      return exp(mu + sigma * SpecialFunctions.normalQuantile(p))
    case .gamma(let shape, let scale):
      return scale * Distribution.standardGammaQuantile(p, shape: shape)
    case .empirical(let empirical):
      return empirical.quantile(p)
    case .mixture(let components):
      return mixtureQuantile(p, components: components)
    }
  }

  /// The quantile of a gamma distribution of scale 1.
  static func standardGammaQuantile(_ p: Double, shape: Double) -> Double {
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    let cdf = { (x: Double) in SpecialFunctions.regularizedLowerGamma(shape, x) }
    let wilsonHilferty =
      shape
      * pow(
        1 - 1 / (9 * shape) + SpecialFunctions.normalQuantile(p) / (9 * shape).squareRoot(), 3)
    var upper = wilsonHilferty > 0 && wilsonHilferty.isFinite ? wilsonHilferty : shape
    while cdf(upper) < p {
      upper *= 2
    }
    var lower = upper / 2
    while lower > 0 && cdf(lower) >= p {
      upper = lower
      lower /= 2
    }
    return smallestPoint(reaching: p, above: lower, atMost: upper, cdf: cdf)
  }

  /// The quantile of a mixture, by bisection between its components' extreme quantiles.
  func mixtureQuantile(_ p: Double, components: [MixtureComponent]) -> Double {
    var lower = Double.infinity
    var upper = -Double.infinity
    for component in components where component.weight > 0 {
      let componentQuantile = component.distribution.quantile(p)
      lower = min(lower, componentQuantile)
      upper = max(upper, componentQuantile)
    }
    if p == 0 || p == 1 || lower == upper || !lower.isFinite || !upper.isFinite {
      return p == 1 ? upper : lower
    }
    if cdf(lower) >= p { return lower }
    return Distribution.smallestPoint(reaching: p, above: lower, atMost: upper, cdf: cdf)
  }

  /// Bisection for the smallest x in (lower, upper] with cdf(x) ≥ p, to the last bit.
  ///
  /// - Precondition: cdf(lower) < p ≤ cdf(upper), and `cdf` is non-decreasing.
  static func smallestPoint(
    reaching p: Double, above lower: Double, atMost upper: Double, cdf: (Double) -> Double
  ) -> Double {
    var lower = lower
    var upper = upper
    while true {
      let middle = lower + (upper - lower) / 2
      if middle <= lower || middle >= upper { return upper }
      if cdf(middle) < p {
        lower = middle
      } else {
        upper = middle
      }
    }
  }
}
