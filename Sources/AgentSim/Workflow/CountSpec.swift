/// A count of tokens or bytes: a constant, or a distribution whose draws are rounded to the
/// nearest non-negative integer.
public enum CountSpec: Hashable, Sendable {
  /// Always this many (non-negative).
  case constant(Int)
  /// Drawn from a distribution, rounded to the nearest non-negative integer.
  case distribution(DistributionSpec)

  /// Zero.
  public static let zero = CountSpec.constant(0)
}
