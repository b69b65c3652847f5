import SimulationKernel
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Student t distribution")
struct StudentTTests {
  /// Published two-sided table values (R's `qt`, 10 significant digits).
  @Test(
    "quantiles match table values",
    arguments: [
      (0.975, 1.0, 12.706204736),
      (0.975, 10.0, 2.228138852),
      (0.995, 29.0, 2.756385904),
      (0.975, 30.0, 2.042272456),
      (0.95, 5.0, 2.015048373),
      (0.975, 2.0, 4.302652730),
      (0.9, 3.0, 1.637744354),
    ])
  func tableValues(p: Double, nu: Double, expected: Double) {
    let t = StudentT.quantile(p, degreesOfFreedom: nu)
    #expect(abs(t - expected) <= 1e-9 * expected, "t(\(p), \(nu)) = \(t), expected \(expected)")
  }

  @Test(
    "with a million degrees of freedom the quantile is the normal one plus Cornish–Fisher terms")
  func nearlyNormal() {
    let z = 2.5758293035489004  // the normal 0.995-quantile
    let nu = 1e6
    // Hill (1970) / Cornish–Fisher: t ≈ z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²).
    let z3 = z * z * z
    let expected = z + (z3 + z) / (4 * nu) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * nu * nu)
    let t = StudentT.quantile(0.995, degreesOfFreedom: nu)
    #expect(abs(t - expected) <= 1e-9, "t = \(t), expected \(expected)")
    #expect(abs(t - 2.575829) < 1e-5)
  }

  @Test("one and two degrees of freedom match their closed forms across the range of p")
  func closedForms() {
    let probabilities = [1e-12, 1e-6, 0.001, 0.01, 0.1, 0.3, 0.49, 0.51, 0.7, 0.9, 0.99, 0.999_999]
    for p in probabilities {
      // ν = 1 is Cauchy: t = tan(π(p − ½)) = −1/tan(πp).
      let cauchy = -1 / tan(Double.pi * p)
      let t1 = StudentT.quantile(p, degreesOfFreedom: 1)
      #expect(abs(t1 - cauchy) <= 1e-10 * abs(cauchy), "ν=1, p=\(p): \(t1) vs \(cauchy)")
      // ν = 2: t = (2p − 1)/√(2p(1 − p)).
      let exact2 = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
      let t2 = StudentT.quantile(p, degreesOfFreedom: 2)
      #expect(abs(t2 - exact2) <= 1e-10 * abs(exact2), "ν=2, p=\(p): \(t2) vs \(exact2)")
    }
  }

  @Test("quantile and distribution function are inverse, and symmetric")
  func roundTrip() {
    for nu in [0.5, 1, 2.5, 7, 30, 250, 10_000] {
      for p in [1e-9, 0.0005, 0.025, 0.2, 0.5, 0.8, 0.975, 0.9995] {
        let t = StudentT.quantile(p, degreesOfFreedom: nu)
        let back = StudentT.cumulativeProbability(t, degreesOfFreedom: nu)
        let tail = min(p, 1 - p)
        #expect(abs(back - p) <= 1e-11 * tail + 1e-15, "ν=\(nu), p=\(p): t=\(t), F(t)=\(back)")
        // Symmetry, exact when the two probabilities are exact complements (1 − p rounds, so
        // compare 1 − p with 1 − (1 − p)).
        let upper = 1 - p
        #expect(
          StudentT.quantile(upper, degreesOfFreedom: nu)
            == -StudentT.quantile(1 - upper, degreesOfFreedom: nu))
      }
    }
    #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
    #expect(StudentT.cumulativeProbability(0, degreesOfFreedom: 3) == 0.5)
  }

  @Test("quantiles decrease toward the normal as degrees of freedom grow")
  func monotoneInDegreesOfFreedom() {
    var previous = Double.infinity
    for nu in [1.0, 2, 3, 5, 10, 20, 50, 100, 1000, 100_000] {
      let t = StudentT.quantile(0.975, degreesOfFreedom: nu)
      #expect(t < previous)
      #expect(t > 1.959963984540054)
      previous = t
    }
  }
}
