import SimulationKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Distribution {
  /// The largest standard-normal deviate the kernel's samplers can produce: they invert Φ at
  /// U = (⌊b/2¹²⌋ + ½)·2⁻⁵², whose smallest value is 2⁻⁵³ (see `Distribution.sample(using:)`).
  static let largestNormalDeviate = -SpecialFunctions.normalQuantile(0x1p-53)

  /// The largest value `sample(using:)` can return: finite for every valid distribution, unlike
  /// ``upperBound`` (the supremum of the mathematical support).
  ///
  /// The samplers draw from finite sets of uniforms, so even the unbounded families have a
  /// largest draw: exponential `mean·53·ln 2` (U ≤ 1 − 2⁻⁵³); normal `mean + z·sd` and lognormal
  /// `exp(mu + z·sigma)` with z = ``largestNormalDeviate`` (about 8.13); gamma `scale·d(1 + cz)³`
  /// with Marsaglia and Tsang's d = k − ⅓, c = 1/√(9d) (for k < 1 the boost draws shape k + 1 and
  /// multiplies by U^(1/k) ≤ 1). The decoder uses it to reject distributions whose samples could
  /// leave their field's range, instead of clamping samples silently.
  ///
  /// - Complexity: O(k) for a mixture of k components (recursively), O(1) otherwise.
  public var largestDraw: Double {
    let z = Self.largestNormalDeviate
    switch self {
    case .constant, .uniform, .empirical:
      return upperBound
    case .exponential(let mean):
      return mean * -log1p(-(1 - 0x1p-53))
    case .normal(let mean, let standardDeviation):
      return mean + z * standardDeviation
    case .lognormal(let mu, let sigma):
      return exp(mu + z * sigma)
    case .gamma(let shape, let scale):
      let boosted = shape < 1 ? shape + 1 : shape
      let d = boosted - 1.0 / 3.0
      let c = 1 / (9 * d).squareRoot()
      let v = 1 + c * z
      return scale * d * v * v * v
    case .mixture(let components):
      var largest = -Double.infinity
      for component in components where component.weight > 0 {
        largest = max(largest, component.distribution.largestDraw)
      }
      return largest
    }
  }
}
