/// How sessions arrive, and how many are simulated.
public struct LoadDefinition: Hashable, Sendable {
  /// The arrival process.
  public enum Arrival: Hashable, Sendable {
    /// Open loop: sessions arrive as a Poisson process at this rate (sessions per second).
    case poisson(ratePerSecond: Double)
    /// Closed loop: `concurrency` users each start a session, wait for it to finish, think for a
    /// drawn time (ms), and start the next.
    case closed(concurrency: Int, thinkTime: DistributionSpec)
  }

  /// The arrival process.
  public var arrival: Arrival
  /// Measured sessions (default 10,000).
  public var sessions: Int
  /// Sessions simulated first and left out of the statistics (default 0).
  public var warmupSessions: Int

  /// Creates a load.
  public init(arrival: Arrival, sessions: Int = 10_000, warmupSessions: Int = 0) {
    self.arrival = arrival
    self.sessions = sessions
    self.warmupSessions = warmupSessions
  }
}
