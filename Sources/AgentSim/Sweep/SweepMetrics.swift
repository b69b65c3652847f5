/// What a sweep keeps of one simulated point's `LatencyReport`: the figures it ranks, filters and
/// plots by. Times in milliseconds, money in US dollars, energy in joules, all per session.
public struct SweepMetrics: Codable, Hashable, Sendable {
  /// Mean end-to-end latency.
  public var meanMilliseconds: Double
  /// Median end-to-end latency.
  public var p50Milliseconds: Double
  /// 99th percentile of end-to-end latency.
  public var p99Milliseconds: Double
  /// 99th percentile of the time to the first visible token, if a step is visible.
  public var timeToFirstTokenP99Milliseconds: Double?
  /// Mean money per session.
  public var costDollars: Double
  /// Mean device energy per session.
  public var energyJoules: Double
  /// Whether every budget target holds (and no site was over capacity).
  public var meetsBudget: Bool
  /// The shared site that was over capacity, if any.
  public var overloadedSite: String?
  /// Measured sessions.
  public var sessions: Int
  /// Events the simulation handled.
  public var events: UInt64
  /// The run-to-run noise of these figures (absent with too few sessions, and in older files).
  public var noise: RunNoise?

  /// Creates metrics.
  public init(
    meanMilliseconds: Double, p50Milliseconds: Double, p99Milliseconds: Double,
    timeToFirstTokenP99Milliseconds: Double?, costDollars: Double, energyJoules: Double,
    meetsBudget: Bool, overloadedSite: String?, sessions: Int, events: UInt64,
    noise: RunNoise? = nil
  ) {
    self.meanMilliseconds = meanMilliseconds
    self.p50Milliseconds = p50Milliseconds
    self.p99Milliseconds = p99Milliseconds
    self.timeToFirstTokenP99Milliseconds = timeToFirstTokenP99Milliseconds
    self.costDollars = costDollars
    self.energyJoules = energyJoules
    self.meetsBudget = meetsBudget
    self.overloadedSite = overloadedSite
    self.sessions = sessions
    self.events = events
    self.noise = noise
  }

  /// The metrics of a report.
  ///
  /// - Parameter report: A simulated point's report.
  public init(_ report: LatencyReport) {
    self.init(
      meanMilliseconds: report.latency.meanMilliseconds,
      p50Milliseconds: report.latency.p50Milliseconds,
      p99Milliseconds: report.latency.p99Milliseconds,
      timeToFirstTokenP99Milliseconds: report.timeToFirstToken?.p99Milliseconds,
      costDollars: report.costDollarsPerSession,
      energyJoules: report.deviceEnergyJoulesPerSession, meetsBudget: report.verdict.isMet,
      overloadedSite: report.sites.first(where: \.isOverloaded)?.site,
      sessions: report.run.sessions, events: report.run.events, noise: report.noise)
  }

  enum CodingKeys: String, CodingKey {
    case sessions, events, noise
    case meanMilliseconds = "mean_ms"
    case p50Milliseconds = "p50_ms"
    case p99Milliseconds = "p99_ms"
    case timeToFirstTokenP99Milliseconds = "ttft_p99_ms"
    case costDollars = "cost_dollars"
    case energyJoules = "energy_joules"
    case meetsBudget = "meets_budget"
    case overloadedSite = "overloaded_site"
  }
}
