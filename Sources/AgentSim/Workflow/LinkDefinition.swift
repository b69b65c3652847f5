/// An undirected network link between two sites: a catalog profile, inline numbers, or a profile
/// with inline overrides.
///
/// Inline fields override the profile's; a link without a profile has at least
/// `rttMedianMilliseconds`, `uplinkMegabitsPerSecond` and `downlinkMegabitsPerSecond`.
/// "Uplink" is the direction from ``firstSite`` to ``secondSite``.
public struct LinkDefinition: Hashable, Sendable {
  /// The first site of `between` (the uplink's sender).
  public var firstSite: String
  /// The second site of `between` (the uplink's receiver).
  public var secondSite: String
  /// The catalog link profile (`"wifi-edge"`), if any.
  public var profile: String?
  /// Median round-trip time, ms.
  public var rttMedianMilliseconds: Double?
  /// 99th-percentile round-trip time, ms (at least the median).
  public var rttP99Milliseconds: Double?
  /// Bandwidth from the first site to the second, megabits per second.
  public var uplinkMegabitsPerSecond: Double?
  /// Bandwidth from the second site to the first, megabits per second.
  public var downlinkMegabitsPerSecond: Double?
  /// Per-request overhead (connection setup on first use), ms.
  public var overheadMilliseconds: Double?
  /// The link's availability process, if it fails.
  public var outage: OutageDefinition?

  /// Creates a link.
  public init(
    between firstSite: String, and secondSite: String, profile: String? = nil,
    rttMedianMilliseconds: Double? = nil, rttP99Milliseconds: Double? = nil,
    uplinkMegabitsPerSecond: Double? = nil, downlinkMegabitsPerSecond: Double? = nil,
    overheadMilliseconds: Double? = nil, outage: OutageDefinition? = nil
  ) {
    self.firstSite = firstSite
    self.secondSite = secondSite
    self.profile = profile
    self.rttMedianMilliseconds = rttMedianMilliseconds
    self.rttP99Milliseconds = rttP99Milliseconds
    self.uplinkMegabitsPerSecond = uplinkMegabitsPerSecond
    self.downlinkMegabitsPerSecond = downlinkMegabitsPerSecond
    self.overheadMilliseconds = overheadMilliseconds
    self.outage = outage
  }

  /// Whether the link joins `site` and `other` (in either order).
  public func connects(_ site: String, _ other: String) -> Bool {
    (firstSite == site && secondSite == other) || (firstSite == other && secondSite == site)
  }
}
