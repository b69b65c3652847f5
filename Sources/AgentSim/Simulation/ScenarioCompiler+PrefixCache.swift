import SimulationKernel

extension ScenarioCompiler {
  /// A hosted API's prompt cache: present when the workflow describes one (a cached price or
  /// time to first token, or the site's `prefix_cache`). Cached tokens default to the input
  /// price, writes to the input price, the cached time to first token to the uncached one, and
  /// the lifetime to five minutes.
  mutating func promptCache(_ api: HostedAPIDefinition, site: SiteDefinition, path: String)
    -> HostedPromptCache?
  {
    guard api.describesPromptCache || site.prefixCache != nil else { return nil }
    let ttl = site.prefixCache?.ttlSeconds ?? PrefixCacheDefinition.defaultHostedTTLSeconds
    return HostedPromptCache(
      timeToLive: .seconds(ttl),
      cachedInputPricePerMillion: api.cachedInputPricePerMillion ?? api.inputPricePerMillion,
      cacheWritePricePerMillion: api.cacheWritePricePerMillion ?? api.inputPricePerMillion,
      cachedTimeToFirstToken: distribution(
        api.cachedTimeToFirstToken ?? api.timeToFirstToken, path: path + ".hosted_api"))
  }
}
