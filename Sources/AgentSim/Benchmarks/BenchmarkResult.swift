/// One benchmark's measurement.
public struct BenchmarkResult: Codable, Hashable, Sendable {
  /// The benchmark's stable name (`mmc`, `hold-1000`).
  public var name: String
  /// Model events handled, counted as documented per benchmark.
  public var events: Int
  /// Wall-clock seconds of the simulation itself (setup excluded).
  public var seconds: Double
  /// `events / seconds`.
  public var eventsPerSecond: Double
  /// Sessions (or customers) per second, where the workload has sessions.
  public var sessionsPerSecond: Double?
  /// A one-line check of the result against theory, where there is one.
  public var check: String?

  /// Creates a result.
  public init(
    name: String, events: Int, seconds: Double, sessionsPerSecond: Double? = nil,
    check: String? = nil
  ) {
    self.name = name
    self.events = events
    self.seconds = seconds
    eventsPerSecond = seconds > 0 ? Double(events) / seconds : 0
    self.sessionsPerSecond = sessionsPerSecond
    self.check = check
  }

  enum CodingKeys: String, CodingKey {
    case name, events, seconds, check
    case eventsPerSecond = "events_per_second"
    case sessionsPerSecond = "sessions_per_second"
  }
}
