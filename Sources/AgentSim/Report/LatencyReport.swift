/// The result of simulating a workflow: the latency distribution, where the time went, the shared
/// sites' load, energy and cost, and the verdict against the budget.
///
/// A plain value, independent of how it is rendered (terminal tables, JSON, CSV, HTML). Times are in
/// milliseconds, as the field names say.
public struct LatencyReport: Codable, Hashable, Sendable {
  /// The format version of this report; bumped on any incompatible change to its JSON.
  public static let formatVersion = 1

  /// Which run produced the report.
  public var run: RunInfo
  /// End-to-end latency of the measured sessions.
  public var latency: PercentileSummary
  /// Time to the first visible token (from the session's start), if any step is visible.
  public var timeToFirstToken: PercentileSummary?
  /// The latency histogram (log-spaced bins).
  public var histogram: [HistogramBin]
  /// Mean milliseconds per component, over all measured sessions and over the tail (the sessions
  /// at or above p99).
  public var components: [ComponentShare]
  /// The same split by step (critical-path time only), in workflow order.
  public var steps: [StepShare]
  /// Every shared site's load.
  public var sites: [SiteLoad]
  /// Completed measured sessions per second of simulated time.
  public var throughputSessionsPerSecond: Double
  /// Mean device energy per session, in joules.
  public var deviceEnergyJoulesPerSession: Double
  /// Mean money per session, in US dollars (shared sites' busy time and hosted-API tokens).
  public var costDollarsPerSession: Double
  /// Shared sites that did work but have no price (neither the workflow's `price_per_hour` nor
  /// the catalog gives one): `costDollarsPerSession` leaves their busy time out. In site order.
  public var unpricedSites: [String]
  /// The verdict against the workflow's budget.
  public var verdict: BudgetVerdict
  /// Why the run stopped before every requested session finished; `nil` when it did not.
  /// With no completed measured session, no latency figure describes the run.
  public var stoppedEarly: EarlyStop?
  /// How much the mean, p50, p99 and cost would move from run to run (batch means); `nil` with
  /// too few sessions for two batches, and in files written before it existed.
  public var noise: RunNoise?
  /// Model calls (speculative steps included) whose context (history, prompt and output) would
  /// have exceeded their model's context window, so the simulator truncated them to fit (oldest
  /// history first, the rest prefilled anew; output stopped at the window). Warm-up included.
  /// In JSON as `truncated_calls`, written only when not zero.
  public var truncatedCalls: Int = 0
  /// The part of `prefill` that re-prefilled what prefix caches had lost (evicted or expired),
  /// mean and tail; `nil` when no site has a prefix cache. In JSON as `reprefill`, with
  /// `"part_of": "prefill"`: it is inside the `prefill` component, not added to the total.
  public var reprefill: ReprefillShare?

  /// Creates a report.
  public init(
    run: RunInfo, latency: PercentileSummary, timeToFirstToken: PercentileSummary?,
    histogram: [HistogramBin], components: [ComponentShare], steps: [StepShare],
    sites: [SiteLoad], throughputSessionsPerSecond: Double, deviceEnergyJoulesPerSession: Double,
    costDollarsPerSession: Double, unpricedSites: [String] = [], verdict: BudgetVerdict,
    stoppedEarly: EarlyStop? = nil, noise: RunNoise? = nil
  ) {
    self.stoppedEarly = stoppedEarly
    self.run = run
    self.latency = latency
    self.timeToFirstToken = timeToFirstToken
    self.histogram = histogram
    self.components = components
    self.steps = steps
    self.sites = sites
    self.throughputSessionsPerSecond = throughputSessionsPerSecond
    self.deviceEnergyJoulesPerSession = deviceEnergyJoulesPerSession
    self.costDollarsPerSession = costDollarsPerSession
    self.unpricedSites = unpricedSites
    self.verdict = verdict
    self.noise = noise
  }

  enum CodingKeys: String, CodingKey {
    case run, latency, histogram, components, steps, sites, verdict, noise
    case timeToFirstToken = "time_to_first_token"
    case throughputSessionsPerSecond = "throughput_sessions_per_second"
    case deviceEnergyJoulesPerSession = "device_energy_joules_per_session"
    case costDollarsPerSession = "cost_dollars_per_session"
    case unpricedSites = "unpriced_sites"
    case stoppedEarly = "stopped_early"
    case truncatedCalls = "truncated_calls"
    case reprefill
  }
}

/// What was run: enough to reproduce it.
public struct RunInfo: Codable, Hashable, Sendable {
  /// The workflow's `name`.
  public var workflow: String
  /// A stable digest (FNV-1a 64, hex) of the workflow file's bytes.
  public var workflowDigest: String
  /// The agentsim version.
  public var toolVersion: String
  /// The seed.
  public var seed: UInt64
  /// Measured sessions.
  public var sessions: Int
  /// Warm-up sessions left out of the statistics.
  public var warmupSessions: Int
  /// Step name → site name, for every placeable step.
  public var placement: [String: String]
  /// Events the simulation handled.
  public var events: UInt64
  /// Simulated time from the first arrival to the last completion, in seconds.
  public var simulatedSeconds: Double

  /// Creates run information.
  public init(
    workflow: String, workflowDigest: String, toolVersion: String, seed: UInt64, sessions: Int,
    warmupSessions: Int, placement: [String: String], events: UInt64, simulatedSeconds: Double
  ) {
    self.workflow = workflow
    self.workflowDigest = workflowDigest
    self.toolVersion = toolVersion
    self.seed = seed
    self.sessions = sessions
    self.warmupSessions = warmupSessions
    self.placement = placement
    self.events = events
    self.simulatedSeconds = simulatedSeconds
  }

  enum CodingKeys: String, CodingKey {
    case workflow, seed, sessions, placement, events
    case workflowDigest = "workflow_digest"
    case toolVersion = "tool_version"
    case warmupSessions = "warmup_sessions"
    case simulatedSeconds = "simulated_seconds"
  }
}

/// Percentiles of a latency distribution, in milliseconds.
public struct PercentileSummary: Codable, Hashable, Sendable {
  /// Mean.
  public var meanMilliseconds: Double
  /// Median.
  public var p50Milliseconds: Double
  /// 90th percentile.
  public var p90Milliseconds: Double
  /// 95th percentile.
  public var p95Milliseconds: Double
  /// 99th percentile.
  public var p99Milliseconds: Double
  /// 99.9th percentile.
  public var p999Milliseconds: Double
  /// The largest value.
  public var maxMilliseconds: Double

  /// Creates a summary.
  public init(
    meanMilliseconds: Double, p50Milliseconds: Double, p90Milliseconds: Double,
    p95Milliseconds: Double, p99Milliseconds: Double, p999Milliseconds: Double,
    maxMilliseconds: Double
  ) {
    self.meanMilliseconds = meanMilliseconds
    self.p50Milliseconds = p50Milliseconds
    self.p90Milliseconds = p90Milliseconds
    self.p95Milliseconds = p95Milliseconds
    self.p99Milliseconds = p99Milliseconds
    self.p999Milliseconds = p999Milliseconds
    self.maxMilliseconds = maxMilliseconds
  }

  enum CodingKeys: String, CodingKey {
    case meanMilliseconds = "mean_ms"
    case p50Milliseconds = "p50_ms"
    case p90Milliseconds = "p90_ms"
    case p95Milliseconds = "p95_ms"
    case p99Milliseconds = "p99_ms"
    case p999Milliseconds = "p999_ms"
    case maxMilliseconds = "max_ms"
  }
}

/// One bin of the latency histogram: `count` sessions with latency in [lower, upper).
public struct HistogramBin: Codable, Hashable, Sendable {
  /// Inclusive lower edge, in milliseconds.
  public var lowerMilliseconds: Double
  /// Exclusive upper edge, in milliseconds.
  public var upperMilliseconds: Double
  /// Sessions in the bin.
  public var count: Int

  /// Creates a bin.
  public init(lowerMilliseconds: Double, upperMilliseconds: Double, count: Int) {
    self.lowerMilliseconds = lowerMilliseconds
    self.upperMilliseconds = upperMilliseconds
    self.count = count
  }

  enum CodingKeys: String, CodingKey {
    case count
    case lowerMilliseconds = "lower_ms"
    case upperMilliseconds = "upper_ms"
  }
}

/// Mean milliseconds of one component, over all sessions and over the tail.
public struct ComponentShare: Codable, Hashable, Sendable {
  /// The component.
  public var component: LatencyComponent
  /// Mean over all measured sessions.
  public var meanMilliseconds: Double
  /// Mean over the sessions at or above p99.
  public var tailMilliseconds: Double

  /// Creates a share.
  public init(component: LatencyComponent, meanMilliseconds: Double, tailMilliseconds: Double) {
    self.component = component
    self.meanMilliseconds = meanMilliseconds
    self.tailMilliseconds = tailMilliseconds
  }

  enum CodingKeys: String, CodingKey {
    case component
    case meanMilliseconds = "mean_ms"
    case tailMilliseconds = "tail_ms"
  }
}

/// One step's critical-path time per session, split by component.
public struct StepShare: Codable, Hashable, Sendable {
  /// The step's name.
  public var step: String
  /// The site it ran at (or `mixed` when it moved, e.g. by an outage fallback).
  public var site: String
  /// Mean executions per session (loops run a step many times; branches sometimes not at all).
  public var executionsPerSession: Double
  /// Mean critical-path milliseconds per session, by component (every component present).
  public var meanMilliseconds: [LatencyComponent: Double]
  /// The same over the tail sessions (at or above p99).
  public var tailMilliseconds: [LatencyComponent: Double]

  /// Creates a share.
  public init(
    step: String, site: String, executionsPerSession: Double,
    meanMilliseconds: [LatencyComponent: Double], tailMilliseconds: [LatencyComponent: Double]
  ) {
    self.step = step
    self.site = site
    self.executionsPerSession = executionsPerSession
    self.meanMilliseconds = meanMilliseconds
    self.tailMilliseconds = tailMilliseconds
  }

  /// Total mean critical-path milliseconds per session.
  public var totalMeanMilliseconds: Double { meanMilliseconds.values.reduce(0, +) }
  /// Total tail milliseconds per session.
  public var totalTailMilliseconds: Double { tailMilliseconds.values.reduce(0, +) }

  enum CodingKeys: String, CodingKey {
    case step, site
    case executionsPerSession = "executions_per_session"
    case meanMilliseconds = "mean_ms"
    case tailMilliseconds = "tail_ms"
  }
}

/// The load on one shared site.
public struct SiteLoad: Codable, Hashable, Sendable {
  /// The site's name.
  public var site: String
  /// Its tier (`edge`, `region`, or the tier of a user-defined site).
  public var tier: String
  /// Fraction of replica time spent running iterations (or tool workers busy), in [0, 1].
  public var utilization: Double
  /// Mean running sequences per iteration.
  public var meanBatchSize: Double
  /// Mean wait to be admitted to a batch, in milliseconds.
  public var meanQueueMilliseconds: Double
  /// Mean wait of a tool call for one of the site's `tool_workers`, in milliseconds; `nil` where
  /// tools need no worker (no `tool_workers`: every call runs at once).
  public var meanToolWaitMilliseconds: Double?
  /// Output tokens generated per second of simulated time.
  public var tokensPerSecond: Double
  /// The fraction of the site's capacity in use over the run, in [0, 1]: batch slots filled
  /// (busy replica time × mean batch ÷ replicas × maximum batch) at inference sites, workers busy
  /// at tool-only sites.
  public var capacityInUse: Double
  /// How the site coped with its load (decided once, by `SiteCondition.decide`).
  public var condition: SiteCondition
  /// What the site's prefix caches did; `nil` when the site models none.
  public var prefixCache: PrefixCacheLoad?

  /// Whether the offered load exceeded capacity (the run was cut short or the queue grew with the
  /// run).
  public var isOverloaded: Bool { condition == .overloaded }

  /// Creates a site load.
  public init(
    site: String, tier: String, utilization: Double, meanBatchSize: Double,
    meanQueueMilliseconds: Double, meanToolWaitMilliseconds: Double? = nil,
    tokensPerSecond: Double, capacityInUse: Double, condition: SiteCondition,
    prefixCache: PrefixCacheLoad? = nil
  ) {
    self.prefixCache = prefixCache
    self.site = site
    self.tier = tier
    self.utilization = utilization
    self.meanBatchSize = meanBatchSize
    self.meanQueueMilliseconds = meanQueueMilliseconds
    self.meanToolWaitMilliseconds = meanToolWaitMilliseconds
    self.tokensPerSecond = tokensPerSecond
    self.capacityInUse = capacityInUse
    self.condition = condition
  }

  enum CodingKeys: String, CodingKey {
    case site, tier, utilization, condition
    case meanBatchSize = "mean_batch_size"
    case meanQueueMilliseconds = "mean_queue_ms"
    case meanToolWaitMilliseconds = "mean_tool_wait_ms"
    case tokensPerSecond = "tokens_per_second"
    case capacityInUse = "capacity_in_use"
    case isOverloaded = "overloaded"
    case prefixCache = "prefix_cache"
  }

  /// Decodes a site load; `overloaded` is derived from `condition` and not read.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    site = try container.decode(String.self, forKey: .site)
    tier = try container.decode(String.self, forKey: .tier)
    utilization = try container.decode(Double.self, forKey: .utilization)
    meanBatchSize = try container.decode(Double.self, forKey: .meanBatchSize)
    meanQueueMilliseconds = try container.decode(Double.self, forKey: .meanQueueMilliseconds)
    meanToolWaitMilliseconds = try container.decodeIfPresent(
      Double.self, forKey: .meanToolWaitMilliseconds)
    tokensPerSecond = try container.decode(Double.self, forKey: .tokensPerSecond)
    capacityInUse = try container.decode(Double.self, forKey: .capacityInUse)
    condition = try container.decode(SiteCondition.self, forKey: .condition)
    prefixCache = try container.decodeIfPresent(PrefixCacheLoad.self, forKey: .prefixCache)
  }

  /// Encodes a site load, with `overloaded` for readers of the earlier format.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(site, forKey: .site)
    try container.encode(tier, forKey: .tier)
    try container.encode(utilization, forKey: .utilization)
    try container.encode(meanBatchSize, forKey: .meanBatchSize)
    try container.encode(meanQueueMilliseconds, forKey: .meanQueueMilliseconds)
    try container.encodeIfPresent(meanToolWaitMilliseconds, forKey: .meanToolWaitMilliseconds)
    try container.encode(tokensPerSecond, forKey: .tokensPerSecond)
    try container.encode(capacityInUse, forKey: .capacityInUse)
    try container.encode(condition, forKey: .condition)
    try container.encode(isOverloaded, forKey: .isOverloaded)
    try container.encodeIfPresent(prefixCache, forKey: .prefixCache)
  }
}

/// The verdict against the budget: the targets checked, whether all hold, and the typed findings
/// behind the summary sentence.
public struct BudgetVerdict: Codable, Hashable, Sendable {
  /// Every target checked.
  public var checks: [BudgetCheck]
  /// Whether every target holds.
  public var isMet: Bool
  /// The facts the summary states, in order; empty for a verdict read from a file (JSON keeps
  /// only their words, `summary`).
  public var findings: [VerdictFinding]
  /// The findings in words (``VerdictWording``): "p99 1.84 s misses the 1 s budget by 840 ms;
  /// 61% of the tail is network, mostly in plan".
  public var summary: String

  /// Creates a verdict from its findings, worded by ``VerdictWording``.
  public init(checks: [BudgetCheck], isMet: Bool, findings: [VerdictFinding]) {
    self.checks = checks
    self.isMet = isMet
    self.findings = findings
    summary = VerdictWording.summary(of: findings)
  }

  /// Creates a verdict from a summary already in words (a fixture, or a report with no sessions).
  public init(checks: [BudgetCheck], isMet: Bool, summary: String) {
    self.checks = checks
    self.isMet = isMet
    findings = []
    self.summary = summary
  }

  /// Verdicts are equal when their checks, outcome and words are: the findings determine the
  /// words, and a verdict read back from JSON has the words without the findings.
  public static func == (left: BudgetVerdict, right: BudgetVerdict) -> Bool {
    left.checks == right.checks && left.isMet == right.isMet && left.summary == right.summary
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(checks)
    hasher.combine(isMet)
    hasher.combine(summary)
  }

  /// Reads a verdict written by ``LatencyReport``'s encoding (findings are not written).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      checks: try container.decode([BudgetCheck].self, forKey: .checks),
      isMet: try container.decode(Bool.self, forKey: .isMet),
      summary: try container.decode(String.self, forKey: .summary))
  }

  enum CodingKeys: String, CodingKey {
    case checks, summary
    case isMet = "met"
  }
}

/// One budget target against its achieved value.
public struct BudgetCheck: Codable, Hashable, Sendable {
  /// Which metric (`p50`, `p99`, `ttft_p99`).
  public var metric: String
  /// The target, in milliseconds.
  public var targetMilliseconds: Double
  /// The achieved value, in milliseconds.
  public var achievedMilliseconds: Double

  /// Creates a check.
  public init(metric: String, targetMilliseconds: Double, achievedMilliseconds: Double) {
    self.metric = metric
    self.targetMilliseconds = targetMilliseconds
    self.achievedMilliseconds = achievedMilliseconds
  }

  /// Whether the target holds.
  public var isMet: Bool { achievedMilliseconds <= targetMilliseconds }
  /// Target minus achieved: positive is headroom, negative is the miss.
  public var marginMilliseconds: Double { targetMilliseconds - achievedMilliseconds }

  enum CodingKeys: String, CodingKey {
    case metric
    case targetMilliseconds = "target_ms"
    case achievedMilliseconds = "achieved_ms"
  }
}
