extension LatencyReport {
  /// Whether at least one measured session finished, so that the latency, time split, energy,
  /// cost and budget figures describe something.
  ///
  /// Without one (an overload or a runaway stopped the run during the warm-up, say) those figures
  /// are not zeros but unknown: the report holds no components, steps, histogram, time to first
  /// token, noise or budget checks; its JSON writes `null` for `latency`,
  /// `device_energy_joules_per_session` and `cost_dollars_per_session`; the verdict is not met and
  /// says why nothing was measured.
  public var hasMeasuredSessions: Bool { run.sessions > 0 }

  /// This report with every figure that describes measured sessions taken out, for a run in which
  /// none finished. The run, the sites' load, the throughput (zero) and the early stop stay.
  ///
  /// - Returns: The report without session figures; the verdict says why.
  public func removingSessionFigures() -> LatencyReport {
    var report = self
    report.latency = .unmeasured
    report.timeToFirstToken = nil
    report.histogram = []
    report.components = []
    report.steps = []
    report.deviceEnergyJoulesPerSession = 0
    report.costDollarsPerSession = 0
    report.unpricedSites = []
    report.noise = nil
    report.reprefill = nil
    report.verdict = BudgetVerdict(
      checks: [], isMet: false, summary: ReportRenderer.noSessionSentence(stoppedEarly))
    return report
  }

  /// Writes the report; with no measured session, `latency`, `device_energy_joules_per_session`
  /// and `cost_dollars_per_session` are `null` (a reader must not take a 0 for a measurement).
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    let isMeasured = hasMeasuredSessions
    try container.encode(run, forKey: .run)
    if isMeasured {
      try container.encode(latency, forKey: .latency)
      try container.encode(deviceEnergyJoulesPerSession, forKey: .deviceEnergyJoulesPerSession)
      try container.encode(costDollarsPerSession, forKey: .costDollarsPerSession)
    } else {
      try container.encodeNil(forKey: .latency)
      try container.encodeNil(forKey: .deviceEnergyJoulesPerSession)
      try container.encodeNil(forKey: .costDollarsPerSession)
    }
    try container.encodeIfPresent(timeToFirstToken, forKey: .timeToFirstToken)
    try container.encode(histogram, forKey: .histogram)
    try container.encode(components, forKey: .components)
    try container.encode(steps, forKey: .steps)
    try container.encode(sites, forKey: .sites)
    try container.encode(throughputSessionsPerSecond, forKey: .throughputSessionsPerSecond)
    try container.encode(unpricedSites, forKey: .unpricedSites)
    try container.encode(verdict, forKey: .verdict)
    try container.encodeIfPresent(stoppedEarly, forKey: .stoppedEarly)
    try container.encodeIfPresent(noise, forKey: .noise)
    if truncatedCalls > 0 { try container.encode(truncatedCalls, forKey: .truncatedCalls) }
    try container.encodeIfPresent(reprefill, forKey: .reprefill)
  }

  /// Reads a report; a `null` (or missing) `latency`, energy or cost reads as zero, which
  /// `hasMeasuredSessions` (false for such a report) says not to take as a measurement.
  ///
  /// - Throws: `DecodingError` for a missing or mistyped field.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      run: try container.decode(RunInfo.self, forKey: .run),
      latency: try container.decodeIfPresent(PercentileSummary.self, forKey: .latency)
        ?? .unmeasured,
      timeToFirstToken: try container.decodeIfPresent(
        PercentileSummary.self, forKey: .timeToFirstToken),
      histogram: try container.decode([HistogramBin].self, forKey: .histogram),
      components: try container.decode([ComponentShare].self, forKey: .components),
      steps: try container.decode([StepShare].self, forKey: .steps),
      sites: try container.decode([SiteLoad].self, forKey: .sites),
      throughputSessionsPerSecond: try container.decode(
        Double.self, forKey: .throughputSessionsPerSecond),
      deviceEnergyJoulesPerSession: try container.decodeIfPresent(
        Double.self, forKey: .deviceEnergyJoulesPerSession) ?? 0,
      costDollarsPerSession: try container.decodeIfPresent(
        Double.self, forKey: .costDollarsPerSession) ?? 0,
      unpricedSites: try container.decodeIfPresent([String].self, forKey: .unpricedSites) ?? [],
      verdict: try container.decode(BudgetVerdict.self, forKey: .verdict),
      stoppedEarly: try container.decodeIfPresent(EarlyStop.self, forKey: .stoppedEarly),
      noise: try container.decodeIfPresent(RunNoise.self, forKey: .noise))
    truncatedCalls = try container.decodeIfPresent(Int.self, forKey: .truncatedCalls) ?? 0
    reprefill = try container.decodeIfPresent(ReprefillShare.self, forKey: .reprefill)
  }
}

extension PercentileSummary {
  /// All zeros: what `LatencyReport.latency` holds when no measured session finished
  /// (`LatencyReport.hasMeasuredSessions` is false, and the JSON says `null`).
  public static let unmeasured = PercentileSummary(
    meanMilliseconds: 0, p50Milliseconds: 0, p90Milliseconds: 0, p95Milliseconds: 0,
    p99Milliseconds: 0, p999Milliseconds: 0, maxMilliseconds: 0)
}
