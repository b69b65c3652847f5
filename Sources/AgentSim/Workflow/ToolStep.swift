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

  /// Creates a tool call.
  public init(
    placement: SitePlacement, duration: DistributionSpec, resultTokens: CountSpec = .zero,
    onOutage: OutagePolicy = .wait
  ) {
    self.placement = placement
    self.duration = duration
    self.resultTokens = resultTokens
    self.onOutage = onOutage
  }
}
