import SimulationKernel

/// A hosted API's prompt cache, resolved: a conversation's prefix stays cached while it is used
/// at least once per `timeToLive`, and cached tokens are cheaper and faster.
///
/// Prices follow the providers' documentation: Anthropic charges cache reads at 0.1× and cache
/// writes at 1.25× the input price with a five-minute lifetime; OpenAI charges cached input at
/// 0.5× (0.25× on newer models) with no write premium.
public struct HostedPromptCache: Sendable {
  /// How long an unused prefix stays cached.
  public var timeToLive: SimDuration
  /// USD per million input tokens read from the cache.
  public var cachedInputPricePerMillion: Double
  /// USD per million uncached input tokens of a conversation call (written to the cache).
  public var cacheWritePricePerMillion: Double
  /// Time to first token when the prefix is cached, in milliseconds.
  public var cachedTimeToFirstToken: Distribution

  /// Creates a prompt cache.
  public init(
    timeToLive: SimDuration, cachedInputPricePerMillion: Double,
    cacheWritePricePerMillion: Double, cachedTimeToFirstToken: Distribution
  ) {
    self.timeToLive = timeToLive
    self.cachedInputPricePerMillion = cachedInputPricePerMillion
    self.cacheWritePricePerMillion = cacheWritePricePerMillion
    self.cachedTimeToFirstToken = cachedTimeToFirstToken
  }

  /// The price in USD of one call that reads `cachedTokens` from the cache, sends
  /// `uncachedTokens` more (written to the cache when `writes`, else at `inputPrice`) and
  /// generates `outputTokens` at `outputPrice` (both per million).
  public func price(
    cachedTokens: Int, uncachedTokens: Int, writes: Bool, outputTokens: Int,
    inputPricePerMillion: Double, outputPricePerMillion: Double
  ) -> Double {
    (Double(cachedTokens) * cachedInputPricePerMillion
      + Double(uncachedTokens) * (writes ? cacheWritePricePerMillion : inputPricePerMillion)
      + Double(outputTokens) * outputPricePerMillion) / 1e6
  }
}
