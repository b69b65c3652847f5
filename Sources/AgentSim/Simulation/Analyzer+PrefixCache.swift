/// Prefix caches at zero load: one session alone, so a prefix is lost only when it does not fit.
extension Analyzer {
  /// What a conversation call at `site` finds of the `cached` tokens its conversation left there,
  /// with one session alone: everything when the prefix fits the replica's cache (its fixed
  /// capacity, or the pool's whole share of an idle replica's KV memory); the host tier's copy when it fits
  /// there instead; nothing otherwise (the whole history is prefilled again, as in the simulator,
  /// where a prefix larger than the cache is evicted as soon as it is stored).
  ///
  /// - Returns: The tokens still cached, and the milliseconds of a copy from host memory.
  mutating func prefixCacheFinds(_ cached: Double, site: Int, model: Int)
    -> (cached: Double, hostCopyMilliseconds: Double)
  {
    guard cached > 0, let index = scenario.poolIndex(site: site, model: model),
      let settings = scenario.pools[index].prefixCache
    else { return (cached, 0) }
    if settings.timeToLive != nil {
      notes.insert(.prefixCacheTimeToLiveIgnored)
    }
    // The pool's share of the replica's KV memory (all of it unless the site serves several
    // models), as the simulator's cache limit uses: not the engine's memory alone.
    let capacity = settings.capacityTokens ?? scenario.pools[index].kvCapacityTokens
    if cached <= Double(capacity) { return (cached, 0) }
    if cached <= Double(settings.hostCapacityTokens) {
      return (cached, cached * settings.hostCopySecondsPerToken * 1000)
    }
    return (0, 0)
  }

  /// A hosted API's time to first token for a conversation call that finds `cached` tokens in its
  /// prompt cache (the cached distribution's mean), or nil when the ordinary one applies.
  func hostedCachedFirstToken(site: Int, cached: Double) -> Double? {
    guard cached > 0, case .hostedAPI(let api) = scenario.sites[site].kind,
      let prompt = api.promptCache
    else { return nil }
    return max(0, prompt.cachedTimeToFirstToken.mean)
  }
}
