/// A span of simulated time, in integer nanoseconds.
///
/// Durations and instants are different types (as in swift-nio's `TimeAmount` and `NIODeadline`) so
/// that adding two instants, or scheduling "at" a duration, does not compile. Integer nanoseconds keep
/// event order exact and reproducible: no floating-point rounding decides which event comes first.
/// Arithmetic is checked: overflow traps instead of wrapping into the past.
public struct SimDuration: Hashable, Comparable, Sendable {
  /// The duration in nanoseconds; never negative for durations produced by the factories.
  public var nanoseconds: Int64

  /// Creates a duration from a whole number of nanoseconds.
  @inlinable
  public init(nanoseconds: Int64) {
    self.nanoseconds = nanoseconds
  }

  /// The empty duration. (Computed rather than stored: a stored static is read through a lazy
  /// initializer call, on every use in the hot loop.)
  @inlinable
  public static var zero: SimDuration { SimDuration(nanoseconds: 0) }

  /// Creates a duration from nanoseconds.
  @inlinable
  public static func nanoseconds(_ value: Int64) -> SimDuration {
    SimDuration(nanoseconds: value)
  }

  /// Creates a duration from a (possibly fractional) number of seconds, rounded to the nearest
  /// nanosecond.
  ///
  /// - Precondition: `value` is finite and its magnitude is below about 292 years.
  @inlinable
  public static func seconds(_ value: Double) -> SimDuration {
    SimDuration(nanoseconds: roundedNanoseconds(value * 1e9))
  }

  /// Creates a duration from a (possibly fractional) number of milliseconds, rounded to the nearest
  /// nanosecond.
  ///
  /// - Precondition: `value` is finite and in range.
  @inlinable @inline(__always)
  public static func milliseconds(_ value: Double) -> SimDuration {
    SimDuration(nanoseconds: roundedNanoseconds(value * 1e6))
  }

  /// Creates a duration from a (possibly fractional) number of microseconds.
  ///
  /// - Precondition: `value` is finite and in range.
  @inlinable
  public static func microseconds(_ value: Double) -> SimDuration {
    SimDuration(nanoseconds: roundedNanoseconds(value * 1e3))
  }

  /// The longest duration the saturating factories return: 10¹⁷ ns, about 3.2 years. Far beyond
  /// any single wait a valid model produces, and small enough that a clock stopped at a horizon of
  /// a century can add many of them without overflowing Int64 (about 292 years).
  ///
  /// A computed constant rather than a stored `static let`, whose every read from another module
  /// goes through a lazy-initialization accessor (a call per iteration end, callgrind).
  @inlinable
  public static var saturationLimit: SimDuration {
    SimDuration(nanoseconds: 100_000_000_000_000_000)
  }

  /// `value` seconds, clamped to [0, ``saturationLimit``]: for durations computed from input
  /// (a token count times a per-token time, bytes over a bandwidth), where `seconds(_:)` would
  /// trap on an absurd product. NaN becomes the limit.
  @inlinable
  public static func saturating(seconds value: Double) -> SimDuration {
    saturating(nanoseconds: value * 1e9)
  }

  /// `value` milliseconds, clamped to [0, ``saturationLimit``]; NaN becomes the limit.
  @inlinable
  public static func saturating(milliseconds value: Double) -> SimDuration {
    saturating(nanoseconds: value * 1e6)
  }

  @inlinable
  static func saturating(nanoseconds value: Double) -> SimDuration {
    let limit = saturationLimit.nanoseconds
    guard value < Double(limit) else { return SimDuration(nanoseconds: limit) }
    guard value > 0 else { return .zero }
    return SimDuration(nanoseconds: Int64(roundedToNearestEven(value)))
  }

  /// The duration in seconds.
  @inlinable
  public var seconds: Double { Double(nanoseconds) * 1e-9 }

  /// The duration in milliseconds.
  @inlinable
  public var milliseconds: Double { Double(nanoseconds) * 1e-6 }

  /// Whether `lhs` is shorter than `rhs`.
  @inlinable
  public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool {
    lhs.nanoseconds < rhs.nanoseconds
  }

  /// The sum of two durations (checked).
  @inlinable
  public static func + (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
    SimDuration(nanoseconds: lhs.nanoseconds + rhs.nanoseconds)
  }

  /// The difference of two durations (checked).
  @inlinable
  public static func - (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
    SimDuration(nanoseconds: lhs.nanoseconds - rhs.nanoseconds)
  }

  /// Adds `rhs` to `lhs` (checked).
  @inlinable
  public static func += (lhs: inout SimDuration, rhs: SimDuration) {
    lhs.nanoseconds += rhs.nanoseconds
  }

  /// Subtracts `rhs` from `lhs` (checked).
  @inlinable
  public static func -= (lhs: inout SimDuration, rhs: SimDuration) {
    lhs.nanoseconds -= rhs.nanoseconds
  }

  /// The duration scaled by a whole factor (checked).
  @inlinable
  public static func * (lhs: SimDuration, rhs: Int64) -> SimDuration {
    SimDuration(nanoseconds: lhs.nanoseconds * rhs)
  }
}

/// Rounds a nanosecond count given as a `Double` to `Int64`, trapping on values that cannot be
/// represented (a NaN or an infinity is a bug in the caller's model, not a time).
@inlinable @inline(__always)
func roundedNanoseconds(_ value: Double) -> Int64 {
  precondition(
    value.isFinite && abs(value) < 9.2e18,
    "duration of \(value) ns is not finite or out of range")
  return Int64(roundedToNearestEven(value))
}

/// `value.rounded(.toNearestOrEven)`, bit for bit, without the libm call (`rint`) the baseline
/// x86-64 target makes for it (no SSE4.1 `roundsd`): every duration factory rounds, a few times
/// per simulated message.
///
/// Below 2⁵², adding 2⁵² leaves no fraction bits, so the addition itself rounds to the nearest
/// integer, ties to even (2⁵² is even), and subtracting it back is exact; at or above 2⁵² every
/// `Double` is already an integer. The sign is restored afterwards, so −0.4 gives −0.0 as `rint`
/// does. A NaN fails the comparison and is returned unchanged.
@inlinable @inline(__always)
func roundedToNearestEven(_ value: Double) -> Double {
  let magnitude = value.magnitude
  guard magnitude < 0x1p52 else { return value }
  return Double(signOf: value, magnitudeOf: (magnitude + 0x1p52) - 0x1p52)
}

extension SimDuration: CustomStringConvertible {
  /// The duration with an adaptive unit, for logs and test failures.
  public var description: String {
    let magnitude = abs(nanoseconds)
    if magnitude >= 1_000_000_000 { return "\(seconds) s" }
    if magnitude >= 1_000_000 { return "\(milliseconds) ms" }
    if magnitude >= 1_000 { return "\(Double(nanoseconds) * 1e-3) µs" }
    return "\(nanoseconds) ns"
  }
}
