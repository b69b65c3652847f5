#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The special functions behind the kernel's distributions: the standard normal CDF and quantile,
/// the log-gamma function and the regularized incomplete gamma functions.
///
/// All of them are written against the C math library (`erfc`, `log`, `exp`, `sqrt`, `lgamma_r`), so
/// the kernel needs no Foundation.
public enum SpecialFunctions {
  /// The standard normal cumulative distribution function Φ(x).
  ///
  /// Computed as Φ(x) = ½·erfc(−x/√2) (Abramowitz and Stegun, *Handbook of Mathematical Functions*,
  /// 1964, 7.1.2 and 26.2.29), which keeps full relative accuracy in the lower tail, where
  /// `1 − Φ(−x)` would cancel.
  ///
  /// - Parameter x: Any value; `-infinity` gives 0, `+infinity` gives 1, NaN gives NaN.
  /// - Returns: P(Z ≤ x) for a standard normal Z.
  @inlinable
  public static func normalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x * 0.707_106_781_186_547_524_4)
  }

  /// The standard normal quantile Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16).
  ///
  /// M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
  /// *Applied Statistics* 37(3):477–484, 1988. Three rational approximations of degree 7/7: one in
  /// (p − ½)² for |p − ½| ≤ 0.425, and two in r = √(−ln min(p, 1 − p)) for r ≤ 5 and r > 5. Relative
  /// accuracy is about 1e-16. The algorithm uses one `log` and one `sqrt` outside the central
  /// region and only arithmetic inside it; it is the sampler of the normal family, so it is
  /// `@inlinable`.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: The z with Φ(z) = p: `-infinity` for p = 0, `+infinity` for p = 1, NaN for p outside
  ///   [0, 1] or NaN.
  @inlinable
  public static func normalQuantile(_ p: Double) -> Double {
    guard p > 0, p < 1 else {
      if p == 0 { return -.infinity }
      if p == 1 { return .infinity }
      return .nan
    }
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180_625 - q * q
      let numerator = estrin(
        r, 3.387_132_872_796_366_608_0, 1.331_416_678_917_843_774_5e2,
        1.971_590_950_306_551_442_7e3, 1.373_169_376_550_946_112_5e4,
        4.592_195_393_154_987_145_7e4, 6.726_577_092_700_870_085_3e4,
        3.343_057_558_358_812_810_5e4, 2.509_080_928_730_122_672_7e3)
      let denominator = estrin(
        r, 1, 4.231_333_070_160_091_125_2e1, 6.871_870_074_920_579_083_0e2,
        5.394_196_021_424_751_107_7e3, 2.121_379_430_158_659_586_7e4,
        3.930_789_580_009_271_061_0e4, 2.872_908_573_572_194_267_4e4,
        5.226_495_278_852_854_561_0e3)
      return q * numerator / denominator
    }
    var r = sqrt(-log(q < 0 ? p : 1 - p))
    let value: Double
    if r <= 5 {
      r -= 1.6
      let numerator = estrin(
        r, 1.423_437_110_749_683_577_34, 4.630_337_846_156_545_295_90,
        5.769_497_221_460_691_405_50, 3.647_848_324_763_204_605_04,
        1.270_458_252_452_368_382_58, 2.417_807_251_774_506_117_70e-1,
        2.272_384_498_926_918_458_33e-2, 7.745_450_142_783_414_076_40e-4)
      let denominator = estrin(
        r, 1, 2.053_191_626_637_758_821_87, 1.676_384_830_183_803_849_40,
        6.897_673_349_851_000_045_50e-1, 1.481_039_764_274_800_745_90e-1,
        1.519_866_656_361_645_719_66e-2, 5.475_938_084_995_344_946_00e-4,
        1.050_750_071_644_416_843_24e-9)
      value = numerator / denominator
    } else {
      r -= 5
      let numerator = estrin(
        r, 6.657_904_643_501_103_777_20, 5.463_784_911_164_114_369_90,
        1.784_826_539_917_291_335_80, 2.965_605_718_285_048_912_30e-1,
        2.653_218_952_657_612_309_30e-2, 1.242_660_947_388_078_438_60e-3,
        2.711_555_568_743_487_578_15e-5, 2.010_334_399_292_288_132_65e-7)
      let denominator = estrin(
        r, 1, 5.998_322_065_558_879_376_90e-1, 1.369_298_809_227_358_053_10e-1,
        1.487_536_129_085_061_485_25e-2, 7.868_691_311_456_132_591_00e-4,
        1.846_318_317_510_054_681_80e-5, 1.421_511_758_316_445_888_70e-7,
        2.044_263_103_389_939_785_64e-15)
      value = numerator / denominator
    }
    return q < 0 ? -value : value
  }

  /// c₀ + c₁x + … + c₇x⁷ by Estrin's scheme: four independent pairs, then x² and x⁴, a chain of
  /// dependent operations a third as long as Horner's rule (whose seven multiply-adds in a row
  /// made Φ⁻¹ the slowest part of a lognormal draw, perf). As accurate for AS 241's polynomials,
  /// whose coefficients and arguments are positive: against an 80-bit evaluation of the central
  /// rational function, the worst error is 5.0 ulps (Horner's 6.0) and the mean 0.68 (0.75),
  /// tested. Draws differ from Horner's order only in the last bits.
  @inlinable @inline(__always)
  static func estrin(
    _ x: Double, _ c0: Double, _ c1: Double, _ c2: Double, _ c3: Double, _ c4: Double,
    _ c5: Double, _ c6: Double, _ c7: Double
  ) -> Double {
    let x2 = x * x
    let x4 = x2 * x2
    let low = (c0 + c1 * x) + (c2 + c3 * x) * x2
    let high = (c4 + c5 * x) + (c6 + c7 * x) * x2
    return low + high * x4
  }

  /// The natural logarithm of the gamma function, ln Γ(x), for x > 0.
  ///
  /// Calls the C library's reentrant `lgamma_r`, which, unlike `lgamma`, does not write the global
  /// `signgam` (so parallel sweeps do not race on it).
  ///
  /// - Parameter x: A positive value.
  /// - Returns: ln Γ(x).
  public static func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }

  /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
  ///
  /// This is the CDF of a gamma distribution of shape `a` and scale 1 at `x`. For x < a + 1 it sums
  /// the series γ(a, x) = e⁻ˣ xᵃ Σₙ xⁿ / (a (a+1) ⋯ (a+n)) (Abramowitz and Stegun 6.5.29); otherwise
  /// it returns 1 − Q(a, x) with Q from the continued fraction of Γ(a, x) (A&S 6.5.31), evaluated by
  /// the modified Lentz method — the split of Press, Teukolsky, Vetterling and Flannery, *Numerical
  /// Recipes*, 3rd ed., 2007, §6.2 (`gammp`). Both stop when a term changes the result by less than one ulp, after O(√a) terms.
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The point; values at or below 0 give 0 and `+infinity` gives 1.
  /// - Returns: P(a, x) in [0, 1], or NaN when `a` is not positive and finite or `x` is NaN.
  /// - Complexity: O(√a) iterations for x near a; at most 100 000.
  public static func regularizedLowerGamma(_ a: Double, _ x: Double) -> Double {
    guard a > 0, a.isFinite, !x.isNaN else { return .nan }
    if x <= 0 { return 0 }
    if x == .infinity { return 1 }
    if x < a + 1 { return lowerGammaSeries(a, x) }
    return 1 - upperGammaContinuedFraction(a, x)
  }

  /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x).
  ///
  /// Computed directly (not as 1 − P) where the continued fraction converges, so the upper tail keeps
  /// its relative accuracy; see `regularizedLowerGamma(_:_:)` for the method and its sources.
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The point; values at or below 0 give 1 and `+infinity` gives 0.
  /// - Returns: Q(a, x) in [0, 1], or NaN when `a` is not positive and finite or `x` is NaN.
  /// - Complexity: O(√a) iterations for x near a; at most 100 000.
  public static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
    guard a > 0, a.isFinite, !x.isNaN else { return .nan }
    if x <= 0 { return 1 }
    if x == .infinity { return 0 }
    if x < a + 1 { return 1 - lowerGammaSeries(a, x) }
    return upperGammaContinuedFraction(a, x)
  }

  /// The largest number of terms the incomplete-gamma series or continued fraction may take.
  static let maximumIterations = 100_000

  /// P(a, x) by the series of A&S 6.5.29; converges quickly for x < a + 1.
  static func lowerGammaSeries(_ a: Double, _ x: Double) -> Double {
    var denominator = a
    var term = 1 / a
    var sum = term
    for _ in 0..<maximumIterations {
      denominator += 1
      term *= x / denominator
      sum += term
      if abs(term) < abs(sum) * Double.ulpOfOne { break }
    }
    return sum * exp(-x + a * log(x) - logGamma(a))
  }

  /// Q(a, x) by the continued fraction of A&S 6.5.31 (modified Lentz); converges for x ≥ a + 1.
  static func upperGammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for index in 1...maximumIterations {
      let an = -Double(index) * (Double(index) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < Double.ulpOfOne { break }
    }
    return exp(-x + a * log(x) - logGamma(a)) * h
  }
}
