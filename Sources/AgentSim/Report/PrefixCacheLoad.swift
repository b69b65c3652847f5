/// What a site's prefix caches did over a run (summed over its replicas, warm-up included, like
/// the site's other counters).
///
/// Hits and misses count the calls that continued a conversation whose prefix this site had
/// cached: a conversation's first call at a site, and a call whose conversation comes from another
/// site, are neither (their prefill is the same with or without a cache).
public struct PrefixCacheLoad: Codable, Hashable, Sendable {
  /// Calls that found their conversation's prefix.
  public var hits: Int
  /// Calls whose prefix was gone (evicted or expired): they prefilled their whole history again.
  public var misses: Int
  /// `hits / (hits + misses)`, in [0, 1]; 0 without calls.
  public var hitRate: Double
  /// Misses whose prefix had outlived the cache's lifetime (`ttl_s`).
  public var expiredMisses: Int
  /// Hits served from host memory (they paid a copy instead of a prefill).
  public var hostHits: Int
  /// Tokens of prefixes evicted from accelerator memory to make room.
  public var evictedTokens: Int
  /// Tokens prefilled again because their prefix was gone.
  public var reprefilledTokens: Int
  /// Milliseconds of prefill per session that re-prefilling cost: per miss, the call's prefill
  /// alone with the lost prefix minus without it (a hosted API: the mean uncached minus cached
  /// time to first token), summed over every call (on the critical path or not) and divided by the
  /// sessions run. Part of `prefill`, named.
  public var reprefillMillisecondsPerSession: Double

  /// Creates a prefix cache load; the hit rate follows from the counts.
  public init(
    hits: Int, misses: Int, expiredMisses: Int, hostHits: Int, evictedTokens: Int,
    reprefilledTokens: Int, reprefillMillisecondsPerSession: Double = 0
  ) {
    self.reprefillMillisecondsPerSession = reprefillMillisecondsPerSession
    self.hits = hits
    self.misses = misses
    hitRate = hits + misses > 0 ? Double(hits) / Double(hits + misses) : 0
    self.expiredMisses = expiredMisses
    self.hostHits = hostHits
    self.evictedTokens = evictedTokens
    self.reprefilledTokens = reprefilledTokens
  }

  enum CodingKeys: String, CodingKey {
    case hits, misses
    case hitRate = "hit_rate"
    case expiredMisses = "expired_misses"
    case hostHits = "host_hits"
    case evictedTokens = "evicted_tokens"
    case reprefilledTokens = "reprefilled_tokens"
    case reprefillMillisecondsPerSession = "reprefill_ms_per_session"
  }
}
