extension ReportRenderer {
  /// One sentence on a site's prefix cache: "prefix cache at region: 82% hits (1,974 of 2,400);
  /// 426 misses (120 after the lifetime) re-prefilled 3,120,000 tokens; 9,800,000 tokens
  /// evicted"; nil when the site models no cache or no call came back to a conversation there.
  static func prefixCacheSentence(_ site: SiteLoad, unicode: Bool = true) -> String? {
    guard let cache = site.prefixCache else { return nil }
    let calls = cache.hits + cache.misses
    // A site no conversation came back to has nothing to say.
    guard calls > 0 else { return nil }
    var parts = [
      "prefix cache at \(site.site): \(DisplayFormat.percent(cache.hitRate)) hits "
        + "(\(DisplayFormat.grouped(cache.hits)) of \(DisplayFormat.grouped(calls)))"
    ]
    if cache.hostHits > 0 {
      parts[0] += ", \(DisplayFormat.grouped(cache.hostHits)) from host memory"
    }
    if cache.misses > 0 {
      let expired =
        cache.expiredMisses > 0
        ? " (\(DisplayFormat.grouped(cache.expiredMisses)) after the lifetime)" : ""
      let time = DisplayFormat.duration(
        milliseconds: cache.reprefillMillisecondsPerSession, unicode: unicode)
      parts.append(
        "\(DisplayFormat.grouped(cache.misses)) misses\(expired) re-prefilled "
          + "\(DisplayFormat.grouped(cache.reprefilledTokens)) tokens, \(time) of prefill per "
          + "session")
    }
    if cache.evictedTokens > 0 {
      parts.append("\(DisplayFormat.grouped(cache.evictedTokens)) tokens evicted")
    }
    return parts.joined(separator: "; ")
  }
}
