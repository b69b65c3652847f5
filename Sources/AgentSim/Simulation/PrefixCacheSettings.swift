import SimulationKernel

/// A resolved prefix cache: what each replica of a pool (or a hosted API) keeps between calls, in
/// tokens of the pool's model, and how requests are routed to it.
public struct PrefixCacheSettings: Sendable, Hashable {
  /// Tokens of cached prefixes one replica holds in accelerator memory; `nil`: whatever the KV
  /// cache has left after the running batch's reservations (`InferenceEngine.kvCapacityTokens`
  /// minus the batch's, at the moment a prefix is stored or looked up).
  public var capacityTokens: Int?
  /// How long an unused prefix stays cached; `nil`: no limit.
  public var timeToLive: SimDuration?
  /// Tokens of evicted prefixes one replica keeps in host memory (0: no host tier).
  public var hostCapacityTokens: Int
  /// Seconds to copy one token's KV cache from host memory back to the accelerator.
  public var hostCopySecondsPerToken: Double
  /// How requests pick a replica.
  public var routing: RoutingPolicy
  /// Prefix-affinity routing: the longest waiting line at which the replica holding a prefix
  /// still gets the call.
  public var affinityQueueLimit: Int

  /// Creates settings.
  public init(
    capacityTokens: Int? = nil, timeToLive: SimDuration? = nil, hostCapacityTokens: Int = 0,
    hostCopySecondsPerToken: Double = 0, routing: RoutingPolicy = .leastLoaded,
    affinityQueueLimit: Int = 1
  ) {
    self.capacityTokens = capacityTokens
    self.timeToLive = timeToLive
    self.hostCapacityTokens = hostCapacityTokens
    self.hostCopySecondsPerToken = hostCopySecondsPerToken
    self.routing = routing
    self.affinityQueueLimit = affinityQueueLimit
  }

  /// Resolves a site's definition for a pool whose model keeps `kvBytesPerToken` bytes of KV
  /// cache per token.
  ///
  /// - Parameters:
  ///   - definition: The site's `prefix_cache`, or `nil` when the site only asks for routing
  ///     (a default cache then).
  ///   - routing: The site's routing.
  ///   - affinityQueueLimit: The site's bound, or `nil` for `maxBatch`.
  ///   - kvBytesPerToken: Bytes of KV cache per token of the pool's model and KV precision.
  ///   - maxBatch: The pool's batch size.
  public init(
    definition: PrefixCacheDefinition?, routing: RoutingPolicy?, affinityQueueLimit: Int?,
    kvBytesPerToken: Double, maxBatch: Int
  ) {
    let bytes = max(kvBytesPerToken, 1e-9)
    func tokens(_ gigabytes: Double) -> Int {
      Int(min((gigabytes * 1e9 / bytes).rounded(.down), Double(Int32.max)))
    }
    self.init(
      capacityTokens: definition?.capacityGigabytes.map(tokens),
      timeToLive: definition?.ttlSeconds.map { SimDuration.seconds($0) },
      hostCapacityTokens: tokens(definition?.hostGigabytes ?? 0),
      hostCopySecondsPerToken: bytes
        / ((definition?.hostLinkGigabytesPerSecond
          ?? PrefixCacheDefinition.defaultHostLinkGigabytesPerSecond) * 1e9),
      routing: routing ?? .leastLoaded, affinityQueueLimit: affinityQueueLimit ?? maxBatch)
  }
}
