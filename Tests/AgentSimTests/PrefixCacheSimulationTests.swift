import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

@Suite("Prefix caches in the simulator")
struct PrefixCacheSimulationTests {
  static let unlimited = Int(Int32.max)

  static func prefill(_ report: LatencyReport, step: String) -> Double {
    report.steps.first { $0.step == step }?.meanMilliseconds[.prefill] ?? .nan
  }

  static func cacheLoad(_ report: LatencyReport) -> PrefixCacheLoad? {
    report.sites.first { $0.site == "pool" }?.prefixCache
  }

  @Test("a cache big enough for everything reproduces the run without a cache exactly")
  func bigCacheIsToday() throws {
    let load = ScenarioLoad(arrival: .poisson(ratePerSecond: 4), sessions: 300, warmupSessions: 20)
    func run(_ cache: PrefixCacheSettings?) throws -> LatencyReport {
      WorkflowSimulation.run(
        try PrefixCacheScenarios.loop(
          calls: 6, prompt: 900, output: 150, toolMilliseconds: .exponential(mean: 300),
          resultTokens: 700, cache: cache, load: load, roundTrip: 20, chunkTokens: 512),
        seed: 11)
    }
    let today = try run(nil)
    let cached = try run(PrefixCacheSettings(capacityTokens: Self.unlimited))
    #expect(cached.latency == today.latency)
    #expect(cached.components == today.components)
    #expect(cached.steps == today.steps)
    #expect(cached.run.events == today.run.events)
    let counters = try #require(Self.cacheLoad(cached))
    #expect(counters.misses == 0 && counters.hits == 320 * 5)
    #expect(Self.cacheLoad(today) == nil)
    #expect(today.reprefill == nil)
    #expect(cached.reprefill?.meanMilliseconds == 0)
  }

  @Test("a call whose prefix was evicted prefills its whole history, as the roofline predicts")
  func evictionReprefillsTheHistory() throws {
    let engine = try PrefixCacheScenarios.engine()
    func run(capacity: Int) throws -> LatencyReport {
      WorkflowSimulation.run(
        try PrefixCacheScenarios.loop(
          calls: 2, prompt: 2_000, output: 50, toolMilliseconds: .constant(10),
          resultTokens: 500, cache: PrefixCacheSettings(capacityTokens: capacity),
          load: PrefixCacheScenarios.one()),
        seed: 1)
    }
    let kept = try run(capacity: Self.unlimited)
    let evicted = try run(capacity: 1)
    func iteration(_ tokens: Int, cached: Int) -> Double {
      var work = IterationWork()
      work.addPrefillChunk(tokens: tokens, cachedTokens: cached)
      return engine.iteration(work).seconds * 1000
    }
    let overhead = engine.requestOverheadSeconds * 1000
    let first = iteration(2_000, cached: 0) + overhead
    // The second call: 2,000 + 50 history, 500 tool result, 2,000 prompt.
    let hit = iteration(2_500, cached: 2_050) + overhead
    let miss = iteration(4_550, cached: 0) + overhead
    let keptPrefill = Self.prefill(kept, step: "think")
    let evictedPrefill = Self.prefill(evicted, step: "think")
    #expect(abs(keptPrefill - (first + hit)) < 1e-5, "\(keptPrefill) vs \(first + hit)")
    #expect(abs(evictedPrefill - (first + miss)) < 1e-5, "\(evictedPrefill) vs \(first + miss)")
    #expect(miss > hit * 1.5)
    let counters = try #require(Self.cacheLoad(evicted))
    #expect(counters.misses == 1 && counters.hits == 0 && counters.expiredMisses == 0)
    #expect(counters.reprefilledTokens == 2_050)
    #expect(counters.evictedTokens == 2_050 + 4_600)
    #expect(Self.cacheLoad(kept)?.hits == 1)
    // The named re-prefill: the call's prefill with the lost prefix minus without it.
    let named =
      (engine.prefillSeconds(promptTokens: 4_550, cachedTokens: 0)
        - engine.prefillSeconds(promptTokens: 2_500, cachedTokens: 2_050)) * 1000
    #expect(abs(counters.reprefillMillisecondsPerSession - named) < 1e-9)
    // The budget's re-prefill line: the missed call's critical-path prefill in the ratio of what
    // the miss cost to its whole prefill, alone on the engine; part of prefill, never added.
    let whole = engine.prefillSeconds(promptTokens: 4_550, cachedTokens: 0) * 1000
    let line = try #require(evicted.reprefill)
    let expected = miss * named / whole
    #expect(abs(line.meanMilliseconds - expected) < 1e-5, "\(line.meanMilliseconds) vs \(expected)")
    #expect(line.meanMilliseconds <= evictedPrefill)
    #expect(kept.reprefill == ReprefillShare(meanMilliseconds: 0, tailMilliseconds: 0))
    let sum = evicted.components.reduce(0) { $0 + $1.meanMilliseconds }
    #expect(abs(sum - evicted.latency.meanMilliseconds) < 1e-6)
    // The verdict names it exactly when it is at least 5% of the mean latency.
    let share = counters.reprefillMillisecondsPerSession / evicted.latency.meanMilliseconds
    #expect(
      evicted.verdict.summary.contains("re-prefill") == (share >= 0.05),
      "share \(share): \(evicted.verdict.summary)")
  }

  @Test("the verdict names re-prefill, why and where, when it is at least 5% of mean or tail")
  func verdictNamesReprefill() {
    let latency = PercentileSummary(
      meanMilliseconds: 1_000, p50Milliseconds: 900, p90Milliseconds: 1_500,
      p95Milliseconds: 1_600, p99Milliseconds: 2_000, p999Milliseconds: 2_100,
      maxMilliseconds: 2_200)
    let components = LatencyComponent.allCases.map {
      ComponentShare(
        component: $0, meanMilliseconds: $0 == .prefill ? 1_000 : 0,
        tailMilliseconds: $0 == .prefill ? 2_000 : 0)
    }
    func site(expired: Int) -> SiteLoad {
      SiteLoad(
        site: "pool", tier: "region", utilization: 0.5, meanBatchSize: 4,
        meanQueueMilliseconds: 1, tokensPerSecond: 100, capacityInUse: 0.1, condition: .normal,
        prefixCache: PrefixCacheLoad(
          hits: 10, misses: 5, expiredMisses: expired, hostHits: 0, evictedTokens: 0,
          reprefilledTokens: 5_000, reprefillMillisecondsPerSession: 120))
    }
    func sentences(mean: Double, tail: Double, expired: Int = 5) -> [String] {
      VerdictFindings.reprefillFindings(
        sites: [site(expired: expired)],
        reprefill: ReprefillShare(meanMilliseconds: mean, tailMilliseconds: tail),
        components: components
      ).map(VerdictWording.sentence)
    }
    #expect(
      sentences(mean: 30, tail: 460)
        == [
          "23% of the tail is re-prefill after prefix caches expired at pool (30.0 ms per "
            + "session, 3% of the mean)"
        ])
    #expect(sentences(mean: 120, tail: 0, expired: 0).first?.contains("evicted at pool") == true)
    #expect(sentences(mean: 120, tail: 0, expired: 2).first?.contains("expired or evicted") == true)
    #expect(sentences(mean: 40, tail: 80).isEmpty)
    #expect(
      VerdictFindings.reprefillFindings(
        sites: [site(expired: 5)], reprefill: nil, components: components
      )
      .isEmpty)
  }

  @Test("TTL: a constant tool gap longer than the lifetime misses every time; shorter, never")
  func constantGapAgainstLifetime() throws {
    for (ttl, expectHits) in [(1.0, false), (3.0, true)] {
      let report = WorkflowSimulation.run(
        try PrefixCacheScenarios.loop(
          calls: 5, prompt: 100, output: 10, toolMilliseconds: .constant(2_000),
          resultTokens: 10,
          cache: PrefixCacheSettings(capacityTokens: Self.unlimited, timeToLive: .seconds(ttl)),
          load: PrefixCacheScenarios.one()),
        seed: 2)
      let counters = try #require(Self.cacheLoad(report))
      #expect(counters.hits == (expectHits ? 4 : 0), "ttl \(ttl)")
      #expect(counters.expiredMisses == (expectHits ? 0 : 4), "ttl \(ttl)")
    }
  }

  /// With exponential gaps of mean m between a call's end and the next call's lookup (plus the
  /// engine's constant per-request overhead δ), a prefix with lifetime T is gone with probability
  /// P(X + δ > T) = e^(−(T − δ)/m).
  @Test("TTL: with exponential tool gaps of mean m the next call misses with probability e^(-T/m)")
  func exponentialGapsMissAsTheoryPredicts() throws {
    let engine = try PrefixCacheScenarios.engine()
    let overhead = engine.requestOverheadSeconds
    for (mean, ttl) in [(1.0, 1.0), (1.0, 2.0), (2.0, 1.0)] {
      let report = WorkflowSimulation.run(
        try PrefixCacheScenarios.loop(
          calls: 201, prompt: 20, output: 2, toolMilliseconds: .exponential(mean: mean * 1000),
          resultTokens: 5,
          cache: PrefixCacheSettings(capacityTokens: Self.unlimited, timeToLive: .seconds(ttl)),
          load: ScenarioLoad(
            arrival: .poisson(ratePerSecond: 0.01), sessions: 40, warmupSessions: 0)),
        seed: 5)
      let counters = try #require(Self.cacheLoad(report))
      let calls = Double(counters.hits + counters.misses)
      #expect(calls == 40 * 200)
      let measured = Double(counters.expiredMisses) / calls
      let predicted = exp(-(ttl - overhead) / mean)
      let sd = (predicted * (1 - predicted) / calls).squareRoot()
      #expect(
        abs(measured - predicted) < 4 * sd,
        "m \(mean) s, T \(ttl) s: measured \(measured), predicted \(predicted) ± \(sd)")
      #expect(counters.misses == counters.expiredMisses)
    }
  }

  @Test("routing: prefix affinity hits where least-loaded scatters a conversation over replicas")
  func affinityBeatsLeastLoadedOnHits() throws {
    func run(_ routing: RoutingPolicy) throws -> LatencyReport {
      WorkflowSimulation.run(
        try PrefixCacheScenarios.loop(
          calls: 8, prompt: 1_500, output: 100, toolMilliseconds: .exponential(mean: 200),
          resultTokens: 800, replicas: 4,
          cache: PrefixCacheSettings(
            capacityTokens: Self.unlimited, routing: routing, affinityQueueLimit: 1_000),
          load: ScenarioLoad(
            arrival: .poisson(ratePerSecond: 8), sessions: 400, warmupSessions: 40),
          roundTrip: 20, chunkTokens: 512),
        seed: 9)
    }
    let scattered = try run(.leastLoaded)
    let affine = try run(.prefixAffinity)
    let scatteredCache = try #require(Self.cacheLoad(scattered))
    let affineCache = try #require(Self.cacheLoad(affine))
    #expect(affineCache.hitRate > 0.99, "\(affineCache)")
    #expect(scatteredCache.hitRate < 0.8, "\(scatteredCache)")
    #expect(affineCache.reprefilledTokens < scatteredCache.reprefilledTokens / 10)
    #expect(
      Self.prefill(affine, step: "think") < Self.prefill(scattered, step: "think"),
      "affinity prefills less")
  }
}

@Suite("Prefix caches at zero load")
struct PrefixCacheZeroLoadTests {
  @Test("explain agrees with one session alone: kept, evicted, and copied from host memory")
  func explainAgreesAtZeroLoad() throws {
    for (capacity, host) in [(Int(Int32.max), 0), (1_000, 0), (1_000, 100_000)] {
      let scenario = try PrefixCacheScenarios.loop(
        calls: 4, prompt: 2_000, output: 60, toolMilliseconds: .constant(50), resultTokens: 300,
        cache: PrefixCacheSettings(
          capacityTokens: capacity, hostCapacityTokens: host, hostCopySecondsPerToken: 1e-6),
        load: PrefixCacheScenarios.one(), roundTrip: 10)
      let report = WorkflowSimulation.run(scenario, seed: 4)
      let budget = ZeroLoadAnalysis.budget(of: scenario)
      for component in [LatencyComponent.prefill, .decode, .transfer] {
        let simulated = report.steps[0].meanMilliseconds[component] ?? 0
        let analytic = budget.steps[0].milliseconds[component] ?? 0
        #expect(
          abs(simulated - analytic) <= 1e-4 * max(1, analytic),
          "capacity \(capacity), host \(host), \(component): \(simulated) vs \(analytic)")
      }
    }
  }

  /// A site serving several models splits its KV memory between them; explain's default cache
  /// must be the pool's share (as the simulator's is), not what one engine alone would have.
  @Test("explain's default cache capacity is the pool's share of KV memory, not the engine's")
  func defaultCapacityIsThePoolsShare() throws {
    func budget(share: Int?, capacity: Int?) throws -> ZeroLoadBudget {
      var scenario = try PrefixCacheScenarios.loop(
        calls: 3, prompt: 2_000, output: 60, toolMilliseconds: .constant(50), resultTokens: 300,
        cache: PrefixCacheSettings(capacityTokens: capacity), load: PrefixCacheScenarios.one())
      if let share { scenario.pools[0].kvCapacityTokens = share }
      return ZeroLoadAnalysis.budget(of: scenario)
    }
    func prefill(_ budget: ZeroLoadBudget) -> Double { budget.steps[0].milliseconds[.prefill] ?? 0 }
    let shared = try budget(share: 1_000, capacity: nil)
    let explicit = try budget(share: nil, capacity: 1_000)
    let whole = try budget(share: nil, capacity: nil)
    #expect(abs(prefill(shared) - prefill(explicit)) < 1e-9)
    #expect(prefill(shared) > prefill(whole) * 1.2)
  }

  @Test("a hosted API's prompt cache: cached price and time to first token within the lifetime")
  func hostedPromptCache() throws {
    func scenario(gapMilliseconds: Double) -> Scenario {
      let nodes: [ProgramNode] = [
        .llm(
          LLMNode(
            step: 0, model: 0, site: 1, promptTokens: .constant(1_000),
            outputTokens: .constant(100), isConversation: true, isVisible: false)),
        .tool(
          ToolNode(
            step: 1, site: 0, duration: .constant(gapMilliseconds), resultTokens: .constant(500))),
        .sequence([0, 1, 0]),
      ]
      let api = HostedAPISite(
        timeToFirstToken: .constant(800), timePerToken: .constant(10), inputPricePerMillion: 3,
        outputPricePerMillion: 15,
        promptCache: HostedPromptCache(
          timeToLive: .seconds(300), cachedInputPricePerMillion: 0.3,
          cacheWritePricePerMillion: 3.75, cachedTimeToFirstToken: .constant(300)))
      return Scenario(
        name: "hosted", digest: "",
        sites: [
          ScenarioSite(
            name: "device", tier: .device,
            kind: .device(DeviceSite(engines: [], activePowerWatts: 5))),
          ScenarioSite(name: "api", tier: .region, kind: .hostedAPI(api)),
        ],
        pools: [], links: [Scenarios.link(roundTrip: .constant(0))], modelNames: ["m"],
        program: Program(
          nodes: nodes, root: 2, stepNames: ["think", "tool"], stepSites: ["api", "device"]),
        load: PrefixCacheScenarios.one(), budget: ScenarioBudget(), orchestratorSite: 0)
    }
    // First call: 1,000 written, 100 out. Second: 1,100 cached, 500 + 1,000 written, 100 out.
    let warm = WorkflowSimulation.run(scenario(gapMilliseconds: 60_000), seed: 1)
    let warmCost = (1_000 * 3.75 + 100 * 15 + 1_100 * 0.3 + 1_500 * 3.75 + 100 * 15) / 1e6
    #expect(abs(warm.costDollarsPerSession - warmCost) < 1e-12)
    #expect(abs(PrefixCacheSimulationTests.prefill(warm, step: "think") - 1_100) < 1e-6)
    // Six minutes idle: the prefix expired, and the whole history is written again.
    let cold = WorkflowSimulation.run(scenario(gapMilliseconds: 360_000), seed: 1)
    let coldCost = (1_000 * 3.75 + 100 * 15 + 2_600 * 3.75 + 100 * 15) / 1e6
    #expect(abs(cold.costDollarsPerSession - coldCost) < 1e-12)
    #expect(abs(PrefixCacheSimulationTests.prefill(cold, step: "think") - 1_600) < 1e-6)
    let counters = try #require(cold.sites.first { $0.site == "api" }?.prefixCache)
    #expect(counters.expiredMisses == 1 && counters.reprefilledTokens == 1_100)
    #expect(abs(counters.reprefillMillisecondsPerSession - 500) < 1e-9)
    // The budget line: 500 of the miss's 800 ms time to first token (the uncached minus the
    // cached mean, over the uncached) is re-prefill, on the critical path of the one session.
    #expect(abs((cold.reprefill?.meanMilliseconds ?? 0) - 500) < 1e-6)
    #expect(abs((cold.reprefill?.tailMilliseconds ?? 0) - 500) < 1e-6)
    #expect(warm.reprefill?.meanMilliseconds == 0)
    // explain assumes the prefix lives: it agrees with the warm run.
    let budget = ZeroLoadAnalysis.budget(of: scenario(gapMilliseconds: 60_000))
    #expect(abs((budget.steps[0].milliseconds[.prefill] ?? 0) - 1_100) < 1e-9)
  }
}

@Suite("Prefix-affinity routing under load")
struct PrefixAffinityLoadTests {
  /// A replica with more than `affinity_queue_limit` waiting loses its conversations to the
  /// least-loaded replica, where their prefixes are not: fewer hits. (At this load, near
  /// saturation, the hits the loose bound keeps also save enough prefill to shorten its queues.)
  @Test("a tighter affinity bound sends calls away from their prefix: fewer hits")
  func boundTradesHitsForQueueing() throws {
    func run(limit: Int) throws -> LatencyReport {
      WorkflowSimulation.run(
        try PrefixCacheScenarios.loop(
          calls: 10, prompt: 3_000, output: 200, toolMilliseconds: .exponential(mean: 100),
          resultTokens: 1_500, replicas: 4,
          cache: PrefixCacheSettings(
            capacityTokens: PrefixCacheSimulationTests.unlimited, routing: .prefixAffinity,
            affinityQueueLimit: limit),
          load: ScenarioLoad(
            arrival: .poisson(ratePerSecond: 1.5), sessions: 600, warmupSessions: 60),
          roundTrip: 20, chunkTokens: 512, maxBatch: 8),
        seed: 21)
    }
    let tight = try run(limit: 1)
    let loose = try run(limit: 1_000)
    let tightCache = try #require(PrefixCacheSimulationTests.cacheLoad(tight))
    let looseCache = try #require(PrefixCacheSimulationTests.cacheLoad(loose))
    let tightQueue = tight.components.first { $0.component == .queueing }?.meanMilliseconds ?? 0
    let looseQueue = loose.components.first { $0.component == .queueing }?.meanMilliseconds ?? 0
    #expect(looseCache.hitRate > 0.99, "\(looseCache)")
    #expect(tightCache.hitRate < looseCache.hitRate - 0.1, "\(tightCache)")
    #expect(tightCache.reprefilledTokens > looseCache.reprefilledTokens)
    #expect(looseQueue < tightQueue, "queueing \(looseQueue) ms vs \(tightQueue) ms")
  }
}
