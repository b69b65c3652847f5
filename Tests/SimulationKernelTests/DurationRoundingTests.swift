import Testing

@testable import SimulationKernel

/// The duration factories round with `roundedToNearestEven`, an inline replacement for
/// `rounded(.toNearestOrEven)` (a libm call on baseline x86-64): it must agree bit for bit.
@Suite("Duration rounding")
struct DurationRoundingTests {
  @Test("agrees with rounded(.toNearestOrEven) on ties, edges and random values", arguments: 0..<8)
  func agreesWithStandardRounding(seed: UInt64) {
    var values: [Double] = [
      0, -0.0, 0.4, -0.4, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0x1p52 - 0.5, -(0x1p52 - 0.5),
      0x1p52, 0x1p52 + 1, 0x1p53 + 2, 9.1e18, -9.1e18, .leastNonzeroMagnitude,
      .greatestFiniteMagnitude, .infinity, -.infinity, 4_503_599_627_370_495.5,
    ]
    var generator = Xoshiro256StarStar(seed: seed)
    for _ in 0..<20_000 {
      let exponent = Int(generator.nextInt(below: 70)) - 10
      let scale = Double(sign: .plus, exponent: exponent, significand: 1)
      let value = (generator.nextUniform() - 0.5) * scale
      values.append(value)
      values.append(value.rounded(.down) + 0.5)
    }
    for value in values {
      let expected = value.rounded(.toNearestOrEven)
      let actual = roundedToNearestEven(value)
      #expect(actual.bitPattern == expected.bitPattern, "\(value): \(actual) vs \(expected)")
    }
    #expect(roundedToNearestEven(.nan).isNaN)
  }

  @Test("duration factories round half to even")
  func factories() {
    #expect(SimDuration.nanoseconds(0).nanoseconds == 0)
    #expect(SimDuration.microseconds(0.0005).nanoseconds == 0)
    #expect(SimDuration.microseconds(0.0015).nanoseconds == 2)
    #expect(SimDuration.seconds(2.5e-9).nanoseconds == 2)
    #expect(SimDuration.milliseconds(-0.0000035).nanoseconds == -4)
  }
}
