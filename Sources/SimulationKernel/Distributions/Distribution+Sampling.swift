#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Distribution {
  /// Draws one value: the simulation's hot path, allocation-free and fully specified.
  ///
  /// The algorithm of each family is fixed (changing one changes every golden result):
  /// - `constant`: the value; no generator output is used.
  /// - `uniform`: `lower + (upper − lower)·U` with U = `nextUniform()` ∈ [0, 1), capped at `upper`.
  /// - `exponential`: inverse transform, `mean·(−ln(1 − U))` with U = `nextUniform()`, computed as
  ///   `−log1p(−U)` for accuracy near 0 (Devroye, *Non-Uniform Random Variate Generation*, 1986,
  ///   §II.2).
  /// - `normal`: inverse transform, `mean + sd·Φ⁻¹(U)` with Φ⁻¹ by Wichura's AS 241 (see
  ///   `SpecialFunctions.normalQuantile(_:)`) and U = (⌊b/2¹²⌋ + ½)·2⁻⁵² for the generator's 64-bit
  ///   output b: the midpoints of 2⁵² equal cells, never 0 or 1, symmetric about ½, so draws reach
  ///   ±8.1 standard deviations. Chosen over Box–Muller because it takes exactly one output per
  ///   draw and is monotone in U (so common random numbers couple two scenarios tightly), needs no
  ///   cached second variate, and agrees bit for bit with `quantile(U)`.
  /// - `lognormal`: `exp(mu + sigma·Φ⁻¹(U))` with the same U as `normal`.
  /// - `gamma`: Marsaglia and Tsang, "A simple method for generating gamma variables", *ACM TOMS*
  ///   26(3):363–372, 2000. For shape k ≥ 1, with d = k − ⅓ and c = 1/√(9d): draw a normal Z (as
  ///   above, one output) until v = (1 + cZ)³ > 0, then U = `nextOpenUniform()` ∈ (0, 1]; accept
  ///   d·v if U < 1 − 0.0331·Z⁴ (the squeeze) or ln U < Z²/2 + d(1 − v + ln v), else start again.
  ///   For k < 1, their boost: draw X from shape k + 1 as above, then U = `nextOpenUniform()`, and
  ///   return X·U^(1/k). The result is multiplied by the scale. The number of outputs varies with
  ///   the rejections: measured over 10⁵ draws, 2.09 per draw at k = 1, 2.03 at k = 2.5, 2.00 at
  ///   k = 50, and one more with the boost (3.06 at k = 0.4).
  /// - `empirical`: Q(U) with U = `nextUniform()`; see `EmpiricalDistribution.sample(using:)`.
  /// - `mixture`: U = `nextUniform()` picks the first component (in order) whose cumulative weight
  ///   exceeds U·W, for total weight W, skipping zero weights; then that component draws.
  ///
  /// Inverse-transform families satisfy `sample == quantile(U)` exactly, for the U described.
  ///
  /// - Parameter generator: The stream to draw from; advanced by the outputs used.
  /// - Returns: One draw, in [`lowerBound`, `upperBound`].
  /// - Precondition: `validationProblems()` is empty; for other parameters the result is
  ///   unspecified (NaN, or a trap for a mixture of zero total weight).
  /// - Complexity: O(1) expected; O(k) for a mixture of k components, O(log n) for an empirical
  ///   table of n irregularly spaced knots.
  @inlinable
  public func sample(using generator: inout Xoshiro256StarStar) -> Double {
    switch self {
    case .constant(let value):
      return value
    case .uniform(let lower, let upper):
      return Distribution.uniformSample(lower: lower, upper: upper, using: &generator)
    case .exponential(let mean):
      return Distribution.exponentialSample(mean: mean, using: &generator)
    case .normal(let mean, let standardDeviation):
      return Distribution.normalSample(
        mean: mean, standardDeviation: standardDeviation, using: &generator)
    case .lognormal(let mu, let sigma):
      return Distribution.lognormalSample(mu: mu, sigma: sigma, using: &generator)
    case .gamma(let shape, let scale):
      return scale * Distribution.standardGammaSample(shape: shape, using: &generator)
    case .empirical(let empirical):
      return empirical.sample(using: &generator)
    case .mixture(let components):
      return Distribution.mixtureSample(components, using: &generator)
    }
  }

  /// A uniform draw on [lower, upper]: the one definition that `sample(using:)` and
  /// `SamplerTable` share, so the two cannot drift apart.
  @inlinable
  static func uniformSample(
    lower: Double, upper: Double, using generator: inout Xoshiro256StarStar
  ) -> Double {
    uniformQuantile(generator.nextUniform(), lower: lower, upper: upper)
  }

  /// An exponential draw of mean `mean` by inversion.
  @inlinable
  static func exponentialSample(mean: Double, using generator: inout Xoshiro256StarStar) -> Double {
    mean * -log1p(-generator.nextUniform())
  }

  /// A normal draw by inversion of an interior uniform (AS241 quantile).
  @inlinable
  static func normalSample(
    mean: Double, standardDeviation: Double, using generator: inout Xoshiro256StarStar
  ) -> Double {
    mean + standardDeviation * SpecialFunctions.normalQuantile(interiorUniform(using: &generator))
  }

  /// A lognormal draw: exp of a normal draw of mean `mu` and standard deviation `sigma`.
  @inlinable
  static func lognormalSample(
    mu: Double, sigma: Double, using generator: inout Xoshiro256StarStar
  ) -> Double {
    exp(mu + sigma * SpecialFunctions.normalQuantile(interiorUniform(using: &generator)))
  }

  /// A uniform in the open interval (0, 1) from one 64-bit output: (⌊b/2¹²⌋ + ½)·2⁻⁵².
  ///
  /// The 52 high bits index one of 2⁵² equal cells and the result is the cell's midpoint, which is
  /// exact in a Double; the draws are symmetric about ½, so Φ⁻¹ of them is symmetric about 0.
  @inlinable @inline(__always)
  static func interiorUniform(using generator: inout Xoshiro256StarStar) -> Double {
    (Double(generator.next() >> 12) + 0.5) * 0x1.0p-52
  }

  /// `lower + (upper − lower)·p`, capped at `upper` against rounding: the uniform quantile and
  /// sampler.
  @inlinable
  static func uniformQuantile(_ p: Double, lower: Double, upper: Double) -> Double {
    min(lower + (upper - lower) * p, upper)
  }

  /// A gamma draw of scale 1 by Marsaglia and Tsang (2000), with their boost for shape < 1.
  @inlinable
  static func standardGammaSample(
    shape: Double, using generator: inout Xoshiro256StarStar
  ) -> Double {
    let boosted = shape < 1
    let d = (boosted ? shape + 1 : shape) - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    var result: Double
    while true {
      var z: Double
      var v: Double
      repeat {
        z = SpecialFunctions.normalQuantile(interiorUniform(using: &generator))
        v = 1 + c * z
      } while v <= 0
      v = v * v * v
      let u = generator.nextOpenUniform()
      let zSquared = z * z
      if u < 1 - 0.0331 * zSquared * zSquared {
        result = d * v
        break
      }
      if log(u) < 0.5 * zSquared + d * (1 - v + log(v)) {
        result = d * v
        break
      }
    }
    if boosted {
      result *= pow(generator.nextOpenUniform(), 1 / shape)
    }
    return result
  }

  /// Chooses a mixture component with probability proportional to its weight and draws from it.
  @inlinable
  static func mixtureSample(
    _ components: [MixtureComponent], using generator: inout Xoshiro256StarStar
  ) -> Double {
    let total = totalWeight(components)
    precondition(total > 0, "cannot sample a mixture whose total weight is \(total)")
    var remaining = generator.nextUniform() * total
    var chosen = 0
    for index in components.indices {
      let weight = components[index].weight
      guard weight > 0 else { continue }
      chosen = index
      if remaining < weight { break }
      remaining -= weight
    }
    return components[chosen].distribution.sample(using: &generator)
  }
}
