import SimulationKernel

/// A workflow resolved against the catalogs and a placement: everything the session simulator
/// needs, with names turned into dense indices and catalog entries into inference engines.
///
/// Built by `ScenarioBuilder` from a `Workflow`; tests may build one directly. Durations in
/// distributions are in milliseconds; token counts are counts.
public struct Scenario: Sendable {
  /// The workflow's name.
  public var name: String
  /// A stable digest of the workflow's source bytes (for reports).
  public var digest: String
  /// Every site, indexed by site id.
  public var sites: [ScenarioSite]
  /// Every shared inference pool: one per (shared site, model) pair the placement runs. The pools
  /// of one site share its replicas (see `InferencePool`).
  public var pools: [InferencePool]
  /// Every link.
  public var links: [ScenarioLink]
  /// Model aliases, indexed by model id.
  public var modelNames: [String]
  /// The compiled step tree.
  public var program: Program
  /// Arrivals and session counts.
  public var load: ScenarioLoad
  /// The latency targets.
  public var budget: ScenarioBudget
  /// The site where the agent's loop runs (usually the device): remote steps pay a request hop from
  /// it and a response hop back to it.
  public var orchestratorSite: Int
  /// Conversation tokens at session start (system prompt, task), sent with the first conversation
  /// call.
  public var initialContextTokens: Int
  /// Bytes per token of text on the wire (requests, responses, moved contexts).
  public var bytesPerToken: Double
  /// Routes between sites over the links (recomputed when `links` change).
  public var routes: RouteTable { RouteTable(siteCount: sites.count, links: links) }

  /// Creates a scenario.
  public init(
    name: String, digest: String, sites: [ScenarioSite], pools: [InferencePool],
    links: [ScenarioLink], modelNames: [String], program: Program, load: ScenarioLoad,
    budget: ScenarioBudget, orchestratorSite: Int, initialContextTokens: Int = 0,
    bytesPerToken: Double = 4
  ) {
    self.name = name
    self.digest = digest
    self.sites = sites
    self.pools = pools
    self.links = links
    self.modelNames = modelNames
    self.program = program
    self.load = load
    self.budget = budget
    self.orchestratorSite = orchestratorSite
    self.initialContextTokens = initialContextTokens
    self.bytesPerToken = bytesPerToken
  }

  /// The pool serving `model` at `site`, if any.
  public func poolIndex(site: Int, model: Int) -> Int? {
    pools.firstIndex { $0.site == site && $0.model == model }
  }

}

/// One place where steps run.
public struct ScenarioSite: Sendable {
  /// The site's name in the workflow.
  public var name: String
  /// Its tier.
  public var tier: SiteTier
  /// What kind of place it is.
  public var kind: Kind
  /// Tool workers at a shared site (0 at the device, where tools run without queueing).
  public var toolWorkers: Int

  /// How a site executes work.
  public enum Kind: Sendable {
    /// The user's own device: one per session, running one inference at a time.
    case device(DeviceSite)
    /// A pool of replicas shared by every session (inference through `Scenario.pools`).
    case shared
    /// A hosted API: a black box with drawn latencies and per-token prices, never queueing.
    case hostedAPI(HostedAPISite)
  }

  /// Creates a site.
  public init(name: String, tier: SiteTier, kind: Kind, toolWorkers: Int = 0) {
    self.name = name
    self.tier = tier
    self.kind = kind
    self.toolWorkers = toolWorkers
  }

  /// Whether every session has its own copy of this site.
  public var isDevice: Bool {
    if case .device = kind { return true }
    return false
  }
}

/// The device's engines, one per model alias it serves (nil where it serves none).
public struct DeviceSite: Sendable {
  /// Engine per model id.
  public var engines: [InferenceEngine?]
  /// Active power while computing, in watts (for energy per session).
  public var activePowerWatts: Double

  /// Creates a device site.
  public init(engines: [InferenceEngine?], activePowerWatts: Double) {
    self.engines = engines
    self.activePowerWatts = activePowerWatts
  }
}

/// A hosted API: time to first token and per-token latency drawn per call; priced per token.
public struct HostedAPISite: Sendable {
  /// Time to first token, in milliseconds, excluding the network.
  public var timeToFirstToken: Distribution
  /// Time per further output token, in milliseconds (drawn once per call).
  public var timePerToken: Distribution
  /// US dollars per million input tokens.
  public var inputPricePerMillion: Double
  /// US dollars per million output tokens.
  public var outputPricePerMillion: Double
  /// The API's prompt cache; `nil`: every call pays its whole input at the input price and the
  /// full time to first token.
  public var promptCache: HostedPromptCache?

  /// Creates a hosted API.
  public init(
    timeToFirstToken: Distribution, timePerToken: Distribution, inputPricePerMillion: Double,
    outputPricePerMillion: Double, promptCache: HostedPromptCache? = nil
  ) {
    self.timeToFirstToken = timeToFirstToken
    self.timePerToken = timePerToken
    self.inputPricePerMillion = inputPricePerMillion
    self.outputPricePerMillion = outputPricePerMillion
    self.promptCache = promptCache
  }
}

/// One model at one shared site, batching continuously on the site's replicas.
///
/// The pools of one site (one per model it runs) share its replicas: each replica holds every such
/// model's weights and runs one model's iteration at a time, taking the models with work in turn,
/// so a site's replicas are counted, busy and billed once however many models they serve. All of a
/// site's pools therefore have the same `replicas`.
public struct InferencePool: Sendable {
  /// The site id.
  public var site: Int
  /// The model id.
  public var model: Int
  /// The site's identical replicas; requests go to the least-loaded one.
  public var replicas: Int
  /// The timing model of one replica.
  public var engine: InferenceEngine
  /// KV-cache tokens one replica holds for this model: the engine's, or this model's share of
  /// the memory when the replica holds several models.
  public var kvCapacityTokens: Int
  /// The most sequences in one iteration's batch.
  public var maxBatch: Int
  /// The token budget of one iteration (decode tokens plus prefill chunks).
  public var chunkTokens: Int
  /// US dollars per replica-hour of busy time; `nil` when neither the workflow
  /// (`price_per_hour`) nor the catalog prices the hardware, and the pool's cost is left out.
  public var pricePerReplicaHour: Double?
  /// Each replica's prefix cache and the routing that feeds it; `nil`: a conversation's prefix
  /// stays cached at the site for ever, whichever replica serves it.
  public var prefixCache: PrefixCacheSettings?

  /// Creates a pool.
  public init(
    site: Int, model: Int, replicas: Int, engine: InferenceEngine, maxBatch: Int,
    chunkTokens: Int, pricePerReplicaHour: Double?, kvCapacityTokens: Int? = nil,
    prefixCache: PrefixCacheSettings? = nil
  ) {
    self.prefixCache = prefixCache
    self.site = site
    self.model = model
    self.replicas = replicas
    self.engine = engine
    self.kvCapacityTokens = kvCapacityTokens ?? engine.kvCapacityTokens
    self.maxBatch = maxBatch
    self.chunkTokens = chunkTokens
    self.pricePerReplicaHour = pricePerReplicaHour
  }
}

/// A network link between two sites.
public struct ScenarioLink: Sendable {
  /// The client-side site (its sends use the uplink).
  public var first: Int
  /// The server-side site.
  public var second: Int
  /// Round-trip time in milliseconds; a message pays half of one draw.
  public var roundTrip: Distribution
  /// Bits per second from `first` to `second`.
  public var uplinkBitsPerSecond: Double
  /// Bits per second from `second` to `first`.
  public var downlinkBitsPerSecond: Double
  /// Connection setup paid by the first message of each session on this link, in milliseconds.
  public var setupMilliseconds: Double
  /// Mean seconds between failures, if the link fails.
  public var meanTimeBetweenFailuresSeconds: Double?
  /// Mean seconds to repair.
  public var meanTimeToRepairSeconds: Double?

  /// Creates a link.
  public init(
    first: Int, second: Int, roundTrip: Distribution, uplinkBitsPerSecond: Double,
    downlinkBitsPerSecond: Double, setupMilliseconds: Double = 0,
    meanTimeBetweenFailuresSeconds: Double? = nil, meanTimeToRepairSeconds: Double? = nil
  ) {
    self.first = first
    self.second = second
    self.roundTrip = roundTrip
    self.uplinkBitsPerSecond = uplinkBitsPerSecond
    self.downlinkBitsPerSecond = downlinkBitsPerSecond
    self.setupMilliseconds = setupMilliseconds
    self.meanTimeBetweenFailuresSeconds = meanTimeBetweenFailuresSeconds
    self.meanTimeToRepairSeconds = meanTimeToRepairSeconds
  }

  /// Whether the link has an outage process.
  public var canFail: Bool {
    (meanTimeBetweenFailuresSeconds ?? 0) > 0 && (meanTimeToRepairSeconds ?? 0) > 0
  }
}

/// How sessions arrive, and how many.
public struct ScenarioLoad: Sendable {
  /// The arrival process.
  public enum Arrival: Sendable {
    /// Open loop: a Poisson stream of sessions.
    case poisson(ratePerSecond: Double)
    /// Closed loop: `users` users, each starting a new session a think time after the last ends.
    case closed(users: Int, thinkTime: Distribution)
  }

  /// The arrival process.
  public var arrival: Arrival
  /// Sessions measured.
  public var sessions: Int
  /// Sessions run first and left out of the statistics.
  public var warmupSessions: Int

  /// Creates a load.
  public init(arrival: Arrival, sessions: Int, warmupSessions: Int) {
    self.arrival = arrival
    self.sessions = sessions
    self.warmupSessions = warmupSessions
  }
}

/// Latency targets in milliseconds; each optional.
public struct ScenarioBudget: Hashable, Sendable {
  /// Target for the median.
  public var p50Milliseconds: Double?
  /// Target for the 99th percentile.
  public var p99Milliseconds: Double?
  /// Target for the 99th percentile of time to first visible token.
  public var timeToFirstTokenMilliseconds: Double?

  /// Creates a budget.
  public init(
    p50Milliseconds: Double? = nil, p99Milliseconds: Double? = nil,
    timeToFirstTokenMilliseconds: Double? = nil
  ) {
    self.p50Milliseconds = p50Milliseconds
    self.p99Milliseconds = p99Milliseconds
    self.timeToFirstTokenMilliseconds = timeToFirstTokenMilliseconds
  }
}
