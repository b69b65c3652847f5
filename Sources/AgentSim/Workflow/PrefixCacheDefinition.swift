/// A site's prefix cache as the workflow states it (`sites.NAME.prefix_cache`): how much of a
/// conversation's KV cache a replica keeps between calls, and for how long.
///
/// Serving engines keep the KV cache of finished requests in the memory their running batch does
/// not use and reuse it when a later request starts with the same tokens: vLLM's automatic prefix
/// caching (hashed KV blocks, LRU over free blocks) and SGLang's RadixAttention (a radix tree of
/// prefixes, LRU over leaves). Agents re-send their growing context on every call, so whether the
/// prefix is still there decides whether a call prefills a few hundred tokens or its whole
/// history.
public struct PrefixCacheDefinition: Hashable, Sendable {
  /// Which cached prefix makes room first when the cache is full.
  public enum Policy: String, CaseIterable, Hashable, Sendable {
    /// The least recently used prefix (vLLM's free-block queue, SGLang's leaf eviction).
    case lru
  }

  /// Gigabytes of accelerator memory per replica for cached prefixes, in (0, 100 000]; `nil`: the
  /// memory left after the weights and the running batch's KV cache (what vLLM and SGLang use).
  public var capacityGigabytes: Double?
  /// The eviction policy.
  public var policy: Policy
  /// Seconds an unused prefix stays cached, in [0.001, 2 592 000]; `nil`: no limit on self-hosted
  /// sites, 300 s (five minutes, as hosted APIs document) on hosted APIs.
  public var ttlSeconds: Double?
  /// Gigabytes of host (CPU) memory per replica that evicted prefixes move to, in [0, 100 000];
  /// 0 or `nil`: none. A call that finds its prefix there pays a copy over the host link instead
  /// of a prefill.
  public var hostGigabytes: Double?
  /// The host link's bandwidth in gigabytes per second, in [0.001, 10 000]; `nil`: 25 GB/s (PCIe
  /// 4.0 x16 in practice).
  public var hostLinkGigabytesPerSecond: Double?

  /// Creates a prefix cache definition.
  public init(
    capacityGigabytes: Double? = nil, policy: Policy = .lru, ttlSeconds: Double? = nil,
    hostGigabytes: Double? = nil, hostLinkGigabytesPerSecond: Double? = nil
  ) {
    self.capacityGigabytes = capacityGigabytes
    self.policy = policy
    self.ttlSeconds = ttlSeconds
    self.hostGigabytes = hostGigabytes
    self.hostLinkGigabytesPerSecond = hostLinkGigabytesPerSecond
  }

  /// The default host link bandwidth, GB/s: PCIe 4.0 x16 moves about 25 GB/s in practice.
  public static let defaultHostLinkGigabytesPerSecond = 25.0
  /// The default lifetime of an unused prefix at a hosted API, seconds: the five minutes that
  /// Anthropic's and OpenAI's prompt-caching documentation give.
  public static let defaultHostedTTLSeconds = 300.0
}

/// How a shared site picks the replica for a request (`sites.NAME.routing`).
public enum RoutingPolicy: String, CaseIterable, Hashable, Sendable {
  /// The replica with the fewest waiting plus running requests (ties: the lowest index).
  case leastLoaded = "least-loaded"
  /// The replica that holds the longest cached prefix of the request's conversation, unless its
  /// waiting line is longer than the site's `affinity_queue_limit`; otherwise least-loaded. As in
  /// llm-d's prefix-aware scorer and SGLang's cache-aware router: cache hits against load balance.
  case prefixAffinity = "prefix-affinity"
}
