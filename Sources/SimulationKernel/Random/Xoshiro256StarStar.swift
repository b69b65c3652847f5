/// xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
/// 2021): the main generator of every simulation.
///
/// Results never depend on the standard library's `random(in:using:)` or `shuffled(using:)`, whose
/// algorithms may change between Swift versions: uniforms are drawn from the raw bits here
/// (`nextUniform()`), and every distribution is implemented in this module.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Creates a generator from its raw state.
  ///
  /// - Precondition: The state is not all zero (the one state xoshiro never leaves).
  @inlinable
  public init(state: (UInt64, UInt64, UInt64, UInt64)) {
    precondition(
      state.0 | state.1 | state.2 | state.3 != 0, "xoshiro256** state must not be all zero")
    (s0, s1, s2, s3) = state
  }

  /// Creates a generator seeded from `seed` by four SplitMix64 outputs, as the reference code
  /// recommends.
  @inlinable @inline(__always)
  public init(seed: UInt64) {
    var seeder = SplitMix64(seed: seed)
    s0 = seeder.next()
    s1 = seeder.next()
    s2 = seeder.next()
    s3 = seeder.next()
  }

  /// Creates the generator of stream `stream` of a run seeded with `seed`.
  ///
  /// Each (seed, stream) pair names one independent stream: the pair is hashed through SplitMix64's
  /// bijective mix before seeding, so neighbouring streams (stream 7 and 8 of seed 42) start from
  /// unrelated states. Models give each purpose and entity its own stream (session 17's network
  /// draws), so results do not depend on the order in which work is done.
  @inlinable
  public init(seed: UInt64, stream: UInt64) {
    let mixedStream = SplitMix64.mix(stream &+ 0x6A09_E667_F3BC_C909)
    self.init(seed: SplitMix64.mix(seed ^ mixedStream) ^ stream)
  }

  @inlinable @inline(__always)
  static func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 &- amount))
  }

  /// Returns the next 64 random bits.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = Xoshiro256StarStar.rotateLeft(s1 &* 5, by: 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Xoshiro256StarStar.rotateLeft(s3, by: 45)
    return result
  }

  /// A uniform draw from [0, 1) with 53 random bits: `(next() >> 11) · 2⁻⁵³`.
  @inlinable @inline(__always)
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform draw from (0, 1]: safe to pass to `log`.
  @inlinable @inline(__always)
  public mutating func nextOpenUniform() -> Double {
    Double((next() >> 11) &+ 1) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound`, by Lemire's nearly divisionless method (unbiased).
  ///
  /// - Precondition: `bound > 0`.
  @inlinable
  public mutating func nextInt(below bound: UInt64) -> UInt64 {
    precondition(bound > 0, "nextInt(below:) needs a positive bound")
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold {
        product = next().multipliedFullWidth(by: bound)
      }
    }
    return product.high
  }
}
