/// A network path between two tiers (device ↔ edge, device ↔ region, edge ↔ region,
/// region ↔ region): round-trip time distribution, bandwidth, connection setup and outages.
///
/// The simulator turns `rttMedianMilliseconds` and `rttP99Milliseconds` into a lognormal. In JSON
/// the keys are snake_case; the outage pair may be left out (an always-available link).
public struct LinkProfile: Codable, Hashable, Sendable {
  /// Stable kebab-case name (`wifi-edge`).
  public var name: String
  /// Median round-trip time, ms.
  public var rttMedianMilliseconds: Double
  /// 99th-percentile round-trip time, ms (at least the median).
  public var rttP99Milliseconds: Double
  /// Bandwidth from the device (or lower tier) towards the server, Mbit/s.
  public var uplinkMegabitsPerSecond: Double
  /// Bandwidth from the server back, Mbit/s.
  public var downlinkMegabitsPerSecond: Double
  /// Extra time on the first request over a new connection (TCP and TLS 1.3 handshakes: about two
  /// round trips), ms.
  public var perRequestOverheadMilliseconds: Double
  /// Mean time between outages, s; `nil` for a link modelled as always up.
  public var meanTimeBetweenFailuresSeconds: Double?
  /// Mean outage duration, s; `nil` for a link modelled as always up.
  public var meanTimeToRepairSeconds: Double?
  /// Where each number comes from, and which are assumptions.
  public var source: String

  /// Creates a link profile.
  ///
  /// - Parameters:
  ///   - name: Stable kebab-case name.
  ///   - rttMedianMilliseconds: Median RTT, ms.
  ///   - rttP99Milliseconds: p99 RTT, ms.
  ///   - uplinkMegabitsPerSecond: Uplink bandwidth, Mbit/s.
  ///   - downlinkMegabitsPerSecond: Downlink bandwidth, Mbit/s.
  ///   - perRequestOverheadMilliseconds: First-use connection setup, ms.
  ///   - meanTimeBetweenFailuresSeconds: Mean time between outages, s.
  ///   - meanTimeToRepairSeconds: Mean outage duration, s.
  ///   - source: Provenance.
  public init(
    name: String, rttMedianMilliseconds: Double, rttP99Milliseconds: Double,
    uplinkMegabitsPerSecond: Double, downlinkMegabitsPerSecond: Double,
    perRequestOverheadMilliseconds: Double, meanTimeBetweenFailuresSeconds: Double? = nil,
    meanTimeToRepairSeconds: Double? = nil, source: String
  ) {
    self.name = name
    self.rttMedianMilliseconds = rttMedianMilliseconds
    self.rttP99Milliseconds = rttP99Milliseconds
    self.uplinkMegabitsPerSecond = uplinkMegabitsPerSecond
    self.downlinkMegabitsPerSecond = downlinkMegabitsPerSecond
    self.perRequestOverheadMilliseconds = perRequestOverheadMilliseconds
    self.meanTimeBetweenFailuresSeconds = meanTimeBetweenFailuresSeconds
    self.meanTimeToRepairSeconds = meanTimeToRepairSeconds
    self.source = source
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name
    case rttMedianMilliseconds = "rtt_median_ms"
    case rttP99Milliseconds = "rtt_p99_ms"
    case uplinkMegabitsPerSecond = "uplink_mbps"
    case downlinkMegabitsPerSecond = "downlink_mbps"
    case perRequestOverheadMilliseconds = "per_request_overhead_ms"
    case meanTimeBetweenFailuresSeconds = "mtbf_s"
    case meanTimeToRepairSeconds = "mttr_s"
    case source
  }

  /// Decodes a user-defined link, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing or malformed value, `UnknownKeyError` for an unknown
  ///   key.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    rttMedianMilliseconds = try container.decode(Double.self, forKey: .rttMedianMilliseconds)
    rttP99Milliseconds = try container.decode(Double.self, forKey: .rttP99Milliseconds)
    uplinkMegabitsPerSecond = try container.decode(Double.self, forKey: .uplinkMegabitsPerSecond)
    downlinkMegabitsPerSecond = try container.decode(
      Double.self, forKey: .downlinkMegabitsPerSecond)
    perRequestOverheadMilliseconds =
      try container.decodeIfPresent(Double.self, forKey: .perRequestOverheadMilliseconds) ?? 0
    meanTimeBetweenFailuresSeconds = try container.decodeIfPresent(
      Double.self, forKey: .meanTimeBetweenFailuresSeconds)
    meanTimeToRepairSeconds = try container.decodeIfPresent(
      Double.self, forKey: .meanTimeToRepairSeconds)
    source = try container.decode(String.self, forKey: .source)
  }

  /// Every problem with the link's numbers.
  ///
  /// - Parameter path: The JSON path of the link, prefixed to each problem's path.
  /// - Returns: The problems, in field order; empty when the link is valid.
  public func validationProblems(at path: String) -> [Diagnostic] {
    var check = NumberCheck(path: path)
    check.name(name)
    check.positive(rttMedianMilliseconds, "rtt_median_ms")
    check.positive(rttP99Milliseconds, "rtt_p99_ms")
    if rttP99Milliseconds < rttMedianMilliseconds {
      check.fail(
        "rtt_p99_ms",
        "expected at least rtt_median_ms (\(rttMedianMilliseconds)), found \(rttP99Milliseconds)")
    }
    check.positive(uplinkMegabitsPerSecond, "uplink_mbps")
    check.positive(downlinkMegabitsPerSecond, "downlink_mbps")
    check.nonNegative(perRequestOverheadMilliseconds, "per_request_overhead_ms")
    if (meanTimeBetweenFailuresSeconds == nil) != (meanTimeToRepairSeconds == nil) {
      check.fail("mtbf_s", "expected mtbf_s and mttr_s together, or neither")
    }
    if let meanTimeBetweenFailuresSeconds {
      check.positive(meanTimeBetweenFailuresSeconds, "mtbf_s")
    }
    if let meanTimeToRepairSeconds { check.positive(meanTimeToRepairSeconds, "mttr_s") }
    // Ranges (issue 12): the same as a workflow's inline links.
    let milliseconds = ValueLimits.minimumMilliseconds...ValueLimits.maximumMilliseconds
    check.within(rttMedianMilliseconds, milliseconds, "rtt_median_ms")
    check.within(rttP99Milliseconds, milliseconds, "rtt_p99_ms")
    if rttMedianMilliseconds > 0, rttP99Milliseconds > rttMedianMilliseconds,
      let problem = WorkflowDecoder.rangeProblems(
        of: .lognormal(median: rttMedianMilliseconds, p99: rttP99Milliseconds),
        quantity: .milliseconds
      ).first
    {
      check.fail("rtt_p99_ms", "the round-trip lognormal through the median and p99: \(problem)")
    }
    check.within(uplinkMegabitsPerSecond, ValueLimits.megabitsPerSecond, "uplink_mbps")
    check.within(downlinkMegabitsPerSecond, ValueLimits.megabitsPerSecond, "downlink_mbps")
    check.within(
      perRequestOverheadMilliseconds, 0...ValueLimits.maximumMilliseconds, "per_request_overhead_ms"
    )
    if let meanTimeBetweenFailuresSeconds {
      check.within(meanTimeBetweenFailuresSeconds, ValueLimits.outageSeconds, "mtbf_s")
    }
    if let meanTimeToRepairSeconds {
      check.within(meanTimeToRepairSeconds, ValueLimits.outageSeconds, "mttr_s")
    }
    check.text(source, "source")
    return check.problems
  }
}
