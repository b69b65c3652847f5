/// A tool call (run the tests, search, call an API) that takes a drawn time at a site.
public struct ToolStep: Hashable, Sendable {
  /// Where it may run (a site with workers; never a hosted API).
  public var placement: SitePlacement
  /// How long the tool runs, ms (excluding queueing for a worker and the network).
  public var duration: DistributionSpec
  /// Tokens of output appended to the conversation (default 0).
  public var resultTokens: CountSpec
  /// What to do when the link to the site is down; default `.wait`.
  public var onOutage: OutagePolicy
  /// Whether the tool keeps a device site busy, so that its time counts toward device energy
  /// (default `true`: on-device speech or vision models). `false` for waits that use no
  /// compute: a person reviewing, a remote job the device polls.
  public var keepsDeviceBusy: Bool

  /// Creates a tool call.
  public init(
    placement: SitePlacement, duration: DistributionSpec, resultTokens: CountSpec = .zero,
    onOutage: OutagePolicy = .wait, keepsDeviceBusy: Bool = true
  ) {
    self.placement = placement
    self.duration = duration
    self.resultTokens = resultTokens
    self.onOutage = onOutage
    self.keepsDeviceBusy = keepsDeviceBusy
  }
}
