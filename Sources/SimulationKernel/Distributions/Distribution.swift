#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A probability distribution of a real quantity (a duration, a token count, a round-trip time),
/// with a fixed, documented sampling algorithm for each family.
///
/// Every family knows its `mean`, `variance`, `cdf(_:)`, `quantile(_:)` and `lowerBound`, so models
/// can compute analytic bounds and tests can compare simulations with closed forms. Parameters are
/// not checked on construction (cases are plain values, convenient to decode and to sweep); call
/// `validationProblems()` once before simulating: sampling an invalid distribution gives
/// meaningless numbers or traps.
///
/// Sampling (`sample(using:)`) draws its uniforms from the raw bits of a `Xoshiro256StarStar`, never
/// from the standard library's `random(in:using:)`, so a seed gives the same draws on every Swift
/// version. Most families use inverse transform with one 64-bit output per draw, `sample == quantile(U)`
/// for a documented U: a fixed number of outputs per draw keeps the streams of two scenarios aligned
/// (common random numbers), and a monotone map makes the coupling as tight as it can be.
///
/// | Case | Draw | Outputs per draw |
/// |---|---|---|
/// | `constant` | the value | 0 |
/// | `uniform` | `lower + (upper − lower)·U`, U ∈ [0, 1) | 1 |
/// | `exponential` | `−mean·ln(1 − U)`, U ∈ [0, 1) | 1 |
/// | `normal` | `mean + sd·Φ⁻¹(U)` (AS 241), U ∈ (0, 1) | 1 |
/// | `lognormal` | `exp(mu + sigma·Φ⁻¹(U))`, U ∈ (0, 1) | 1 |
/// | `gamma` | Marsaglia–Tsang rejection | about 2 (variable) |
/// | `empirical` | Q(U), U ∈ [0, 1) | 1 |
/// | `mixture` | choose a component, then draw from it | 1 + the component's |
public enum Distribution: Hashable, Sendable {
  /// Always the same value.
  case constant(Double)

  /// Uniform on [lower, upper]: every value in the interval equally likely.
  ///
  /// Valid when both bounds are finite and `lower ≤ upper` (equal bounds give a point mass).
  case uniform(lower: Double, upper: Double)

  /// Exponential with the given mean (rate 1/mean): the memoryless waiting time of a Poisson
  /// process. Valid when the mean is positive and finite.
  case exponential(mean: Double)

  /// Normal (Gaussian). Valid when the mean is finite and the standard deviation positive and
  /// finite. Its support is the whole real line: a duration drawn from it can be negative.
  case normal(mean: Double, standardDeviation: Double)

  /// Lognormal: exp(N) for N normal with mean `mu` and standard deviation `sigma` (the parameters of
  /// the underlying normal, not of the lognormal itself). The median is e^mu.
  ///
  /// Valid when `mu` is finite and `sigma` positive and finite. `lognormal(median:p99:)` builds one
  /// from the two numbers latency reports usually give.
  case lognormal(mu: Double, sigma: Double)

  /// Gamma with the given shape k and scale θ: density xᵏ⁻¹e^(−x/θ) / (Γ(k)θᵏ), mean kθ.
  ///
  /// Valid when both are positive and finite. Integer shapes give the Erlang distribution
  /// (`erlang(stages:mean:)`), the sum of k exponential stages.
  case gamma(shape: Double, scale: Double)

  /// The distribution of observed data or of a percentile table: a piecewise-linear inverse CDF.
  /// Always valid (its initializers check their input).
  case empirical(EmpiricalDistribution)

  /// A mixture: each draw chooses a component with probability proportional to its weight, then
  /// draws from it. Weights need not sum to 1; they are divided by their total.
  ///
  /// Valid when there is at least one component, every weight is finite and non-negative, the
  /// total weight is positive, and every component is valid.
  indirect case mixture([MixtureComponent])

  /// The lognormal distribution with the given median and 99th percentile.
  ///
  /// mu = ln(median) and sigma = ln(p99/median)/z₀.₉₉, where z₀.₉₉ = Φ⁻¹(0.99) ≈ 2.326 (from
  /// Q(p) = exp(mu + sigma·Φ⁻¹(p)) at p = 0.5 and 0.99). `quantile(0.5)` and `quantile(0.99)` give
  /// back the median and p99 up to rounding in `log` and `exp` (a few ulps).
  ///
  /// - Parameters:
  ///   - median: The median, positive and finite (the same units as the draws).
  ///   - p99: The 99th percentile, finite and greater than `median`.
  /// - Returns: A `lognormal(mu:sigma:)`; if `p99 ≤ median` or `median ≤ 0` its parameters are
  ///   invalid and `validationProblems()` says so.
  public static func lognormal(median: Double, p99: Double) -> Distribution {
    .lognormal(mu: log(median), sigma: log(p99 / median) / SpecialFunctions.normalQuantile(0.99))
  }

  /// The Erlang distribution: the sum of `k` independent exponential stages, with the given total
  /// mean.
  ///
  /// A gamma distribution of shape k and scale mean/k (coefficient of variation 1/√k): between the
  /// exponential (k = 1) and the constant (k → ∞).
  ///
  /// - Parameters:
  ///   - k: The number of stages, at least 1.
  ///   - mean: The mean of the sum, positive and finite.
  /// - Returns: `gamma(shape: k, scale: mean / k)`; for k < 1 the parameters are invalid and
  ///   `validationProblems()` says so.
  public static func erlang(stages k: Int, mean: Double) -> Distribution {
    .gamma(shape: Double(k), scale: mean / Double(k))
  }

  /// The expected value.
  ///
  /// uniform (a + b)/2; exponential its mean; lognormal e^(mu + sigma²/2); gamma kθ; empirical
  /// ∫₀¹ Q(p) dp; mixture Σ wᵢμᵢ / Σ wᵢ (Johnson, Kotz and Balakrishnan, *Continuous Univariate
  /// Distributions*, 2nd ed., 1994–95, for the closed forms).
  ///
  /// - Complexity: O(k) for a mixture of k components (recursively), O(1) otherwise.
  public var mean: Double {
    switch self {
    case .constant(let value):
      return value
    case .uniform(let lower, let upper):
      return lower + (upper - lower) / 2
    case .exponential(let mean):
      return mean
    case .normal(let mean, _):
      return mean
    case .lognormal(let mu, let sigma):
      return exp(mu + sigma * sigma / 2)
    case .gamma(let shape, let scale):
      return shape * scale
    case .empirical(let empirical):
      return empirical.mean
    case .mixture(let components):
      let total = Distribution.totalWeight(components)
      var sum = 0.0
      for component in components where component.weight > 0 {
        sum += component.weight * component.distribution.mean
      }
      return sum / total
    }
  }

  /// The variance.
  ///
  /// uniform (b − a)²/12; exponential mean²; lognormal (e^(sigma²) − 1)·e^(2mu + sigma²); gamma kθ²;
  /// empirical ∫₀¹ (Q(p) − μ)² dp; mixture Σ wᵢ(σᵢ² + (μᵢ − μ)²) / Σ wᵢ (the law of total variance).
  ///
  /// - Complexity: O(k) for a mixture of k components (recursively), O(1) otherwise.
  public var variance: Double {
    switch self {
    case .constant:
      return 0
    case .uniform(let lower, let upper):
      return (upper - lower) * (upper - lower) / 12
    case .exponential(let mean):
      return mean * mean
    case .normal(_, let standardDeviation):
      return standardDeviation * standardDeviation
    case .lognormal(let mu, let sigma):
      return expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
    case .gamma(let shape, let scale):
      return shape * scale * scale
    case .empirical(let empirical):
      return empirical.variance
    case .mixture(let components):
      let total = Distribution.totalWeight(components)
      let mixtureMean = mean
      var sum = 0.0
      for component in components where component.weight > 0 {
        let deviation = component.distribution.mean - mixtureMean
        sum += component.weight * (component.distribution.variance + deviation * deviation)
      }
      return sum / total
    }
  }

  /// The standard deviation, √variance.
  ///
  /// - Complexity: As `variance`.
  public var standardDeviation: Double { variance.squareRoot() }

  /// The smallest value that can be drawn (the infimum of the support): used for analytic lower
  /// bounds on latency.
  ///
  /// 0 for the exponential, lognormal and gamma families, `-infinity` for the normal, the lower
  /// bound or value for uniform and constant, the first knot for empirical, and the smallest lower
  /// bound among the components of positive weight for a mixture.
  ///
  /// - Complexity: O(k) for a mixture of k components (recursively), O(1) otherwise.
  public var lowerBound: Double {
    switch self {
    case .constant(let value):
      return value
    case .uniform(let lower, _):
      return lower
    case .exponential, .lognormal, .gamma:
      return 0
    case .normal:
      return -.infinity
    case .empirical(let empirical):
      return empirical.lowerBound
    case .mixture(let components):
      var bound = Double.infinity
      for component in components where component.weight > 0 {
        bound = min(bound, component.distribution.lowerBound)
      }
      return bound
    }
  }

  /// The largest value that can be drawn (the supremum of the support).
  ///
  /// `+infinity` for the exponential, normal, lognormal and gamma families, the upper bound or
  /// value for uniform and constant, the last knot for empirical, and the largest upper bound among
  /// the components of positive weight for a mixture.
  ///
  /// - Complexity: O(k) for a mixture of k components (recursively), O(1) otherwise.
  public var upperBound: Double {
    switch self {
    case .constant(let value):
      return value
    case .uniform(_, let upper):
      return upper
    case .exponential, .normal, .lognormal, .gamma:
      return .infinity
    case .empirical(let empirical):
      return empirical.upperBound
    case .mixture(let components):
      var bound = -Double.infinity
      for component in components where component.weight > 0 {
        bound = max(bound, component.distribution.upperBound)
      }
      return bound
    }
  }

  /// The sum of a mixture's weights (each at least 0 in a valid mixture).
  @inlinable
  static func totalWeight(_ components: [MixtureComponent]) -> Double {
    var total = 0.0
    for component in components {
      total += component.weight
    }
    return total
  }
}
