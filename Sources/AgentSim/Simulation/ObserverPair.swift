import SimulationKernel

/// Two observers watching one run (`--trace` and `--sessions-out` together).
public struct ObserverPair<First: SimulationObserver, Second: SimulationObserver>:
  SimulationObserver
{
  /// The first observer.
  public var first: First
  /// The second observer.
  public var second: Second

  /// Pairs two observers.
  public init(_ first: First, _ second: Second) {
    self.first = first
    self.second = second
  }

  /// Active when either is.
  public static var isActive: Bool { First.isActive || Second.isActive }

  /// Tells both.
  public mutating func sessionStarted(ordinal: Int, at time: SimTime) {
    first.sessionStarted(ordinal: ordinal, at: time)
    second.sessionStarted(ordinal: ordinal, at: time)
  }

  /// Tells both.
  public mutating func sessionFinished(_ session: ObservedSession) {
    first.sessionFinished(session)
    second.sessionFinished(session)
  }

  /// Tells both.
  public mutating func replicaChanged(
    at time: SimTime, replica: Int, site: Int, running: Int, waiting: Int, kvTokens: Int
  ) {
    first.replicaChanged(
      at: time, replica: replica, site: site, running: running, waiting: waiting,
      kvTokens: kvTokens)
    second.replicaChanged(
      at: time, replica: replica, site: site, running: running, waiting: waiting,
      kvTokens: kvTokens)
  }
}
