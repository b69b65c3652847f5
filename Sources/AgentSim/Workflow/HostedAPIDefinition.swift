/// A hosted model API modelled as a black box: its latency distributions and per-token prices.
public struct HostedAPIDefinition: Hashable, Sendable {
  /// Time to first token, in milliseconds, measured at the API (network to it is separate).
  public var timeToFirstToken: DistributionSpec
  /// Time per further output token, in milliseconds.
  public var timePerToken: DistributionSpec
  /// USD per million input tokens (0 when the file omits it).
  public var inputPricePerMillion: Double
  /// USD per million output tokens (0 when the file omits it).
  public var outputPricePerMillion: Double
  /// USD per million input tokens read from the API's prompt cache; `nil`: the API caches
  /// nothing unless the site has a `prefix_cache` (then cached tokens cost the input price).
  public var cachedInputPricePerMillion: Double?
  /// USD per million input tokens written to the prompt cache (the uncached part of a
  /// conversation call), in place of the input price; `nil`: the input price (no premium).
  public var cacheWritePricePerMillion: Double?
  /// Time to first token when the call's prefix is cached, in milliseconds; `nil`: `ttft_ms`.
  public var cachedTimeToFirstToken: DistributionSpec?

  /// Creates a hosted API.
  public init(
    timeToFirstToken: DistributionSpec, timePerToken: DistributionSpec,
    inputPricePerMillion: Double = 0, outputPricePerMillion: Double = 0,
    cachedInputPricePerMillion: Double? = nil, cacheWritePricePerMillion: Double? = nil,
    cachedTimeToFirstToken: DistributionSpec? = nil
  ) {
    self.timeToFirstToken = timeToFirstToken
    self.timePerToken = timePerToken
    self.inputPricePerMillion = inputPricePerMillion
    self.outputPricePerMillion = outputPricePerMillion
    self.cachedInputPricePerMillion = cachedInputPricePerMillion
    self.cacheWritePricePerMillion = cacheWritePricePerMillion
    self.cachedTimeToFirstToken = cachedTimeToFirstToken
  }

  /// Whether the workflow describes the API's prompt cache (a cached price or a cached time to
  /// first token).
  public var describesPromptCache: Bool {
    cachedInputPricePerMillion != nil || cacheWritePricePerMillion != nil
      || cachedTimeToFirstToken != nil
  }
}
