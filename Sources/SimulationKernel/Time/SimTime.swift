/// An instant of simulated time: nanoseconds since the start of the simulation.
///
/// Only durations can be added to an instant; the difference of two instants is a duration.
/// Arithmetic is checked, so a model that runs past about 292 years of simulated time traps rather
/// than wrapping around to negative time.
public struct SimTime: Hashable, Comparable, Sendable {
  /// Nanoseconds since the start of the simulation.
  public var nanosecondsSinceStart: Int64

  /// Creates the instant `nanoseconds` after the start.
  @inlinable
  public init(nanosecondsSinceStart: Int64) {
    self.nanosecondsSinceStart = nanosecondsSinceStart
  }

  /// The start of every simulation. (Computed: see `SimDuration.zero`.)
  @inlinable
  public static var zero: SimTime { SimTime(nanosecondsSinceStart: 0) }

  /// The time since the start, in seconds.
  @inlinable
  public var seconds: Double { Double(nanosecondsSinceStart) * 1e-9 }

  /// Whether `lhs` is earlier than `rhs`.
  @inlinable
  public static func < (lhs: SimTime, rhs: SimTime) -> Bool {
    lhs.nanosecondsSinceStart < rhs.nanosecondsSinceStart
  }

  /// The instant `rhs` after `lhs` (checked).
  @inlinable
  public static func + (lhs: SimTime, rhs: SimDuration) -> SimTime {
    SimTime(nanosecondsSinceStart: lhs.nanosecondsSinceStart + rhs.nanoseconds)
  }

  /// Advances `lhs` by `rhs` (checked).
  @inlinable
  public static func += (lhs: inout SimTime, rhs: SimDuration) {
    lhs.nanosecondsSinceStart += rhs.nanoseconds
  }

  /// The duration from `rhs` to `lhs` (checked; negative when `lhs` is earlier).
  @inlinable
  public static func - (lhs: SimTime, rhs: SimTime) -> SimDuration {
    SimDuration(nanoseconds: lhs.nanosecondsSinceStart - rhs.nanosecondsSinceStart)
  }
}

extension SimTime: CustomStringConvertible {
  /// The instant as seconds since the start, for logs and test failures.
  public var description: String { "t=\(seconds)s" }
}
