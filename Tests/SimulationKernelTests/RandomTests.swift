import SimulationKernel
import Testing

@Suite("Random generators")
struct RandomTests {
  @Test("SplitMix64 reproduces the reference sequence for seed 1234567")
  func splitMix() {
    // Reference: Vigna's splitmix64.c; the same five values appear in Java's SplittableRandom tests.
    var generator = SplitMix64(seed: 1_234_567)
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
      4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
    ]
    #expect((0..<5).map { _ in generator.next() } == expected)
  }

  @Test("xoshiro256** reproduces the reference sequence from state {1, 2, 3, 4}")
  func xoshiro() {
    // Reference: Blackman and Vigna's xoshiro256starstar.c, as tabulated by Rosetta Code.
    var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
    let expected: [UInt64] = [
      11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
      607_988_272_756_665_600,
    ]
    #expect((0..<6).map { _ in generator.next() } == expected)
  }

  @Test("streams of the same seed differ, and the same (seed, stream) repeats")
  func streams() {
    var first = Xoshiro256StarStar(seed: 42, stream: 7)
    var again = Xoshiro256StarStar(seed: 42, stream: 7)
    var neighbour = Xoshiro256StarStar(seed: 42, stream: 8)
    var otherSeed = Xoshiro256StarStar(seed: 43, stream: 7)
    let a = (0..<4).map { _ in first.next() }
    #expect(a == (0..<4).map { _ in again.next() })
    #expect(a != (0..<4).map { _ in neighbour.next() })
    #expect(a != (0..<4).map { _ in otherSeed.next() })
  }

  @Test("neighbouring streams are uncorrelated")
  func independence() {
    // Pearson correlation of uniforms from streams i and i+1, over 100,000 pairs: |r| < 5/√n.
    var left = Xoshiro256StarStar(seed: 1, stream: 0)
    var right = Xoshiro256StarStar(seed: 1, stream: 1)
    let count = 100_000
    var sumXY = 0.0
    var sumX = 0.0
    var sumY = 0.0
    var sumXX = 0.0
    var sumYY = 0.0
    for _ in 0..<count {
      let x = left.nextUniform()
      let y = right.nextUniform()
      sumX += x
      sumY += y
      sumXY += x * y
      sumXX += x * x
      sumYY += y * y
    }
    let n = Double(count)
    let covariance = sumXY / n - (sumX / n) * (sumY / n)
    let correlation =
      covariance
      / ((sumXX / n - (sumX / n) * (sumX / n)).squareRoot()
        * (sumYY / n - (sumY / n) * (sumY / n)).squareRoot())
    #expect(abs(correlation) < 5 / n.squareRoot(), "correlation \(correlation)")
  }

  @Test("uniforms lie in [0, 1) and (0, 1], and bounded integers are unbiased")
  func ranges() {
    var generator = Xoshiro256StarStar(seed: 3)
    var counts = [Int](repeating: 0, count: 6)
    for _ in 0..<60_000 {
      let closedOpen = generator.nextUniform()
      let openClosed = generator.nextOpenUniform()
      #expect(closedOpen >= 0 && closedOpen < 1)
      #expect(openClosed > 0 && openClosed <= 1)
      counts[Int(generator.nextInt(below: 6))] += 1
    }
    // Each count is Binomial(60000, 1/6): sd ≈ 91; allow 5 sd.
    for count in counts { #expect(abs(count - 10_000) < 460, "counts \(counts)") }
  }
}
