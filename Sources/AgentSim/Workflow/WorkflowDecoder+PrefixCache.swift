/// A site's prefix cache and routing.
extension WorkflowDecoder {
  /// The cache, routing and affinity bound of a site, each `nil` when absent; `isValid` is false
  /// when one of them was present but wrong (the problem is recorded).
  struct SiteCaching {
    var prefixCache: PrefixCacheDefinition?
    var routing: RoutingPolicy?
    var affinityQueueLimit: Int?
    var isValid = true
  }

  /// Reads `prefix_cache`, `routing` and `affinity_queue_limit` of a site object.
  ///
  /// A hosted API is a black box: only its cache lifetime (`ttl_s`) applies, and it routes
  /// nothing. A device is one per session and keeps its one conversation, so it takes none of
  /// them.
  func decodeSiteCaching(_ fields: JSONObjectReader, tier: SiteTier?, isHostedAPI: Bool)
    -> SiteCaching
  {
    var result = SiteCaching()
    if tier == .device {
      for key in ["prefix_cache", "routing", "affinity_queue_limit"] where fields.contains(key) {
        fields.error(
          atKey: key,
          "a device-tier site has no '\(key)': every session has its own device, which keeps "
            + "its conversation",
          suggestion: "remove '\(key)', or use tier 'edge' for a shared pool")
        result.isValid = false
      }
      return result
    }
    if isHostedAPI {
      for key in ["routing", "affinity_queue_limit"] where fields.contains(key) {
        fields.error(
          atKey: key, "a hosted API site has no '\(key)': the API routes its own requests",
          suggestion: "remove '\(key)'")
        result.isValid = false
      }
    }
    if let reader = fields.optional("prefix_cache") {
      if let cache = decodePrefixCache(reader, isHostedAPI: isHostedAPI) {
        result.prefixCache = cache
      } else {
        result.isValid = false
      }
    }
    if !isHostedAPI, let reader = fields.optional("routing") {
      if let routing = reader.choice(RoutingPolicy.self) {
        result.routing = routing
      } else {
        result.isValid = false
      }
    }
    if !isHostedAPI, let reader = fields.optional("affinity_queue_limit") {
      if let limit = reader.integer(.range(1...1_000_000)) {
        result.affinityQueueLimit = limit
        if result.routing != .prefixAffinity {
          fields.error(
            atKey: "affinity_queue_limit",
            "'affinity_queue_limit' bounds prefix-affinity routing, but the site routes "
              + "least-loaded",
            suggestion: "add \"routing\": \"prefix-affinity\", or remove 'affinity_queue_limit'")
          result.isValid = false
        }
      } else {
        result.isValid = false
      }
    }
    return result
  }

  private func decodePrefixCache(_ reader: JSONReader, isHostedAPI: Bool)
    -> PrefixCacheDefinition?
  {
    guard let fields = reader.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("prefix_cache"))
    var isValid = true
    if isHostedAPI {
      for key in ["capacity_gb", "host_gb", "host_link_gb_per_s"] where fields.contains(key) {
        fields.error(
          atKey: key, "a hosted API's prompt cache has no '\(key)': the API is a black box",
          suggestion: "keep only 'ttl_s' (and 'policy')")
        isValid = false
      }
    }
    func number(_ key: String, _ range: ClosedRange<Double>) -> Double? {
      guard let value = fields.optional(key) else { return nil }
      guard let number = value.number(.range(range)) else {
        isValid = false
        return nil
      }
      return number
    }
    let capacity = number("capacity_gb", 1e-6...100_000)
    let ttl = number("ttl_s", 1e-3...(ValueLimits.maximumMilliseconds / 1000))
    let host = number("host_gb", 0...100_000)
    let bandwidth = number("host_link_gb_per_s", 1e-3...10_000)
    var policy = PrefixCacheDefinition.Policy.lru
    if let policyReader = fields.optional("policy") {
      if let chosen = policyReader.choice(PrefixCacheDefinition.Policy.self) {
        policy = chosen
      } else {
        isValid = false
      }
    }
    if bandwidth != nil && !fields.contains("host_gb") {
      fields.error(
        atKey: "host_link_gb_per_s",
        "'host_link_gb_per_s' is the bandwidth of the host-memory tier, but there is no 'host_gb'",
        suggestion: "add \"host_gb\", or remove 'host_link_gb_per_s'")
      isValid = false
    }
    guard isValid else { return nil }
    return PrefixCacheDefinition(
      capacityGigabytes: capacity, policy: policy, ttlSeconds: ttl, hostGigabytes: host,
      hostLinkGigabytesPerSecond: bandwidth)
  }
}
