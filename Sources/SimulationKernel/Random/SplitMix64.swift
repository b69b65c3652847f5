/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// the constants of Vigna's reference `splitmix64.c`).
///
/// Used to seed `Xoshiro256StarStar` and to derive independent streams, as Vigna recommends; not
/// used for sampling.
public struct SplitMix64: Sendable {
  /// The generator's state: a Weyl sequence.
  public var state: UInt64

  /// Creates a generator whose first output is derived from `seed`.
  @inlinable
  public init(seed: UInt64) {
    state = seed
  }

  /// Advances the state and returns the next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 output function: a bijective avalanche mix of 64 bits.
  @inlinable
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
