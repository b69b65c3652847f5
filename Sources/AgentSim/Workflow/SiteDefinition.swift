/// A place where steps run: the user's device, an edge pool, a regional pool, or a hosted API.
public struct SiteDefinition: Hashable, Sendable {
  /// What runs the site's models.
  public enum Backend: Hashable, Sendable {
    /// Accelerators from the catalog that the simulator models (queues, batching, roofline).
    case hardware(HardwareDeployment)
    /// A black-box hosted API with its own latency distributions and per-token prices.
    case hostedAPI(HostedAPIDefinition)
  }

  /// The site's name, unique in the workflow (`"edge"`).
  public var name: String
  /// The tier: `device` sites are per session; `edge` and `region` sites are shared.
  public var tier: SiteTier
  /// The model aliases this site can run, in file order (may be empty for a tool-only site).
  public var serves: [String]
  /// What runs the models.
  public var backend: Backend
  /// How many tool calls the site runs at once; `nil` means tools at this site never queue.
  public var toolWorkers: Int?
  /// The replicas' prefix cache; `nil`: a conversation's prefix stays cached at the site for
  /// ever, at whichever replica serves the call (the behaviour before prefix caches were
  /// modelled).
  public var prefixCache: PrefixCacheDefinition?
  /// How requests pick a replica; `nil`: least-loaded.
  public var routing: RoutingPolicy?
  /// Prefix-affinity routing: the longest waiting line, in requests (1…1 000 000), at which the
  /// replica holding a conversation's prefix still gets its calls; `nil`: the site's batch size.
  public var affinityQueueLimit: Int?

  /// Creates a site.
  public init(
    name: String, tier: SiteTier, serves: [String], backend: Backend, toolWorkers: Int? = nil,
    prefixCache: PrefixCacheDefinition? = nil, routing: RoutingPolicy? = nil,
    affinityQueueLimit: Int? = nil
  ) {
    self.name = name
    self.tier = tier
    self.serves = serves
    self.backend = backend
    self.toolWorkers = toolWorkers
    self.prefixCache = prefixCache
    self.routing = routing
    self.affinityQueueLimit = affinityQueueLimit
  }

  /// Whether the site can run the model with this alias.
  public func serves(model alias: String) -> Bool {
    serves.contains(alias)
  }

  /// Whether the site is a hosted API.
  public var isHostedAPI: Bool {
    switch backend {
    case .hardware: return false
    case .hostedAPI: return true
    }
  }
}
