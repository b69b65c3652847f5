import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

/// Scenarios for prefix caches: a device orchestrator and a region pool of an 8B model on H100s.
enum PrefixCacheScenarios {
  static func engine() throws -> InferenceEngine {
    let catalog = Catalog.builtIn
    return try InferenceEngine(
      hardware: catalog.hardware(named: "h100-sxm"), model: catalog.model(named: "llama-3.1-8b"),
      precision: .fp8)
  }

  /// A session loop: `calls` rounds of (conversation call at the region, tool on the device).
  static func loop(
    calls: Int, prompt: Int, output: Int, toolMilliseconds: Distribution, resultTokens: Int,
    replicas: Int = 1, cache: PrefixCacheSettings?, load: ScenarioLoad, roundTrip: Double = 0,
    chunkTokens: Int = 1_048_576, maxBatch: Int = 64
  ) throws -> Scenario {
    let nodes: [ProgramNode] = [
      .llm(
        LLMNode(
          step: 0, model: 0, site: 1, promptTokens: .constant(Double(prompt)),
          outputTokens: .constant(Double(output)), isConversation: true, isVisible: false)),
      .tool(
        ToolNode(
          step: 1, site: 0, duration: toolMilliseconds,
          resultTokens: .constant(Double(resultTokens)))),
      .sequence([0, 1]),
      .loop(body: 2, repetition: .count(calls)),
    ]
    return Scenario(
      name: "prefix", digest: "", sites: Scenarios.sites(toolWorkers: 0),
      pools: [
        InferencePool(
          site: 1, model: 0, replicas: replicas, engine: try engine(), maxBatch: maxBatch,
          chunkTokens: chunkTokens, pricePerReplicaHour: 4, prefixCache: cache)
      ],
      links: [Scenarios.link(roundTrip: .constant(roundTrip))], modelNames: ["m"],
      program: Program(
        nodes: nodes, root: 3, stepNames: ["think", "tool"], stepSites: ["pool", "device"]),
      load: load, budget: ScenarioBudget(), orchestratorSite: 0)
  }

  static func one() -> ScenarioLoad {
    ScenarioLoad(arrival: .poisson(ratePerSecond: 0.001), sessions: 1, warmupSessions: 0)
  }
}

@Suite("Prefix caches")
struct PrefixCacheTests {
  // MARK: - The component alone

  @Test("LRU: the least recently used prefix makes room, and a read refreshes a prefix")
  func leastRecentlyUsedIsEvicted() {
    var cache = PrefixCache()
    let slot = cache.addSlot(capacityTokens: 300, timeToLive: nil, hostCapacityTokens: 0)
    for conversation in 0..<3 {
      cache.store(
        slot, conversation: Int64(conversation), tokens: 100,
        now: SimTime(nanosecondsSinceStart: Int64(conversation)), limit: 300)
    }
    // Reading 0 (without claiming it) makes 1 the least recently used.
    #expect(
      cache.lookUp(slot, conversation: 0, claims: false, now: SimTime(nanosecondsSinceStart: 5))
        == .inherited(tokens: 100, fromHost: false))
    cache.store(
      slot, conversation: 3, tokens: 100, now: SimTime(nanosecondsSinceStart: 6), limit: 300)
    let now = SimTime(nanosecondsSinceStart: 7)
    #expect(cache.heldTokens(slot, conversation: 1, now: now) == 0)
    #expect(cache.heldTokens(slot, conversation: 0, now: now) == 100)
    #expect(cache.heldTokens(slot, conversation: 2, now: now) == 100)
    #expect(cache.slots[slot].counters.evictedTokens == 100)
    #expect(cache.usedTokens(slot).accelerator == 300)
    // A claimed prefix leaves the cache (it lives in the running batch) until stored again.
    #expect(
      cache.lookUp(slot, conversation: 2, claims: true, now: now)
        == .own(tokens: 100, fromHost: false))
    #expect(cache.usedTokens(slot).accelerator == 200)
    #expect(cache.lookUp(slot, conversation: 2, claims: true, now: now) == .none(wasExpired: false))
  }

  @Test("cyclic reuse of n equal prefixes: all hits when n fit, none when one more (LRU's cycle)")
  func cyclicReuseIsAllOrNothing() {
    for (conversations, capacityFor) in [(4, 4), (5, 4), (8, 8), (9, 8)] {
      var cache = PrefixCache()
      let slot = cache.addSlot(
        capacityTokens: 1_000 * capacityFor, timeToLive: nil, hostCapacityTokens: 0)
      var time: Int64 = 0
      for round in 0..<20 {
        for conversation in 0..<conversations {
          time += 1
          let now = SimTime(nanosecondsSinceStart: time)
          if round > 0 {
            let claim = cache.lookUp(
              slot, conversation: Int64(conversation), claims: true, now: now)
            cache.count(slot, wantedTokens: 1_000, found: claim)
          }
          cache.store(
            slot, conversation: Int64(conversation), tokens: 1_000, now: now,
            limit: 1_000 * capacityFor)
        }
      }
      let counters = cache.slots[slot].counters
      let expectedHits = conversations <= capacityFor ? 19 * conversations : 0
      #expect(counters.hits == expectedHits, "\(conversations) in room for \(capacityFor)")
      #expect(counters.hits + counters.misses == 19 * conversations)
      #expect(counters.reprefilledTokens == 1_000 * (19 * conversations - expectedHits))
    }
  }

  @Test("TTL: a prefix unused for longer than its lifetime is dropped; at the lifetime it lives")
  func timeToLiveExpires() {
    var cache = PrefixCache()
    let slot = cache.addSlot(capacityTokens: nil, timeToLive: .seconds(10), hostCapacityTokens: 0)
    cache.store(slot, conversation: 7, tokens: 500, now: .zero, limit: 10_000)
    #expect(cache.heldTokens(slot, conversation: 7, now: .zero + .seconds(10)) == 500)
    let late = SimTime.zero + .seconds(10) + SimDuration(nanoseconds: 1)
    #expect(cache.heldTokens(slot, conversation: 7, now: late) == 0)
    let claim = cache.lookUp(slot, conversation: 7, claims: true, now: late)
    #expect(claim == .none(wasExpired: true))
    cache.count(slot, wantedTokens: 500, found: claim)
    #expect(cache.slots[slot].counters.expiredMisses == 1)
    #expect(cache.slots[slot].counters.reprefilledTokens == 500)
    #expect(cache.usedTokens(slot).accelerator == 0)
  }

  @Test("host tier: an evicted prefix moves to host memory, where a hit finds it; host LRU drops")
  func hostTierKeepsEvictedPrefixes() {
    var cache = PrefixCache()
    let slot = cache.addSlot(capacityTokens: 100, timeToLive: nil, hostCapacityTokens: 150)
    cache.store(slot, conversation: 1, tokens: 100, now: .zero, limit: 100)
    cache.store(slot, conversation: 2, tokens: 100, now: .zero, limit: 100)
    #expect(cache.usedTokens(slot).accelerator == 100 && cache.usedTokens(slot).host == 100)
    cache.store(slot, conversation: 3, tokens: 100, now: .zero, limit: 100)
    // 2 moved to the host tier, which drops 1 to make room.
    #expect(cache.usedTokens(slot).accelerator == 100 && cache.usedTokens(slot).host == 100)
    #expect(cache.heldTokens(slot, conversation: 1, now: .zero) == 0)
    #expect(
      cache.lookUp(slot, conversation: 2, claims: true, now: .zero)
        == .own(tokens: 100, fromHost: true))
    #expect(cache.slots[slot].counters.evictedTokens == 200)
  }

  @Test("a released conversation's prefixes are never hit by the frame id's next conversation")
  func forgottenConversationsDoNotHit() {
    var cache = PrefixCache()
    let slot = cache.addSlot(capacityTokens: 1_000, timeToLive: nil, hostCapacityTokens: 0)
    let first = cache.key(owner: FrameID(raw: 5))
    cache.store(slot, conversation: first, tokens: 10, now: .zero, limit: 1_000)
    cache.forget(owner: FrameID(raw: 5))
    let second = cache.key(owner: FrameID(raw: 5))
    #expect(first != second)
    #expect(cache.heldTokens(slot, conversation: second, now: .zero) == 0)
    // Its memory stays taken until evicted.
    #expect(cache.usedTokens(slot).accelerator == 10)
  }

  /// Che's approximation (Che, Tung and Wang, IEEE JSAC 2002; Fricker, Robert and Roberts, ITC
  /// 2012): under independent references with probabilities p_i, LRU of capacity C behaves as if
  /// every item stayed for a characteristic time T with Σ (1 − e^(−p_i T)) = C; hit ratio
  /// Σ p_i (1 − e^(−p_i T)).
  @Test("LRU under independent references matches Che's approximation at several capacities")
  func lruMatchesChesApproximation() {
    let items = 1_000
    let weights = (1...items).map { 1 / pow(Double($0), 0.8) }
    let total = weights.reduce(0, +)
    let probabilities = weights.map { $0 / total }
    var cumulative: [Double] = []
    var sum = 0.0
    for probability in probabilities {
      sum += probability
      cumulative.append(sum)
    }
    for capacity in [50, 100, 200, 400] {
      // Characteristic time by bisection.
      var low = 0.0
      var high = 1e9
      for _ in 0..<200 {
        let middle = (low + high) / 2
        let filled = probabilities.reduce(0) { $0 + (1 - exp(-$1 * middle)) }
        if filled < Double(capacity) { low = middle } else { high = middle }
      }
      let predicted = probabilities.reduce(0) { $0 + $1 * (1 - exp(-$1 * low)) }

      var cache = PrefixCache()
      let slot = cache.addSlot(capacityTokens: capacity, timeToLive: nil, hostCapacityTokens: 0)
      var generator = Xoshiro256StarStar(seed: 42, stream: UInt64(capacity))
      let warmup = 50_000
      let requests = 400_000
      var hits = 0
      for request in 0..<(warmup + requests) {
        let draw = generator.nextUniform()
        var lower = 0
        var upper = items - 1
        while lower < upper {
          let middle = (lower + upper) / 2
          if cumulative[middle] < draw { lower = middle + 1 } else { upper = middle }
        }
        let now = SimTime(nanosecondsSinceStart: Int64(request))
        let claim = cache.lookUp(slot, conversation: Int64(lower), claims: true, now: now)
        if request >= warmup && claim.tokens > 0 { hits += 1 }
        cache.store(slot, conversation: Int64(lower), tokens: 1, now: now, limit: capacity)
      }
      let measured = Double(hits) / Double(requests)
      // Binomial sampling error is under 0.001 here; Che's approximation itself is within about
      // 1% for a thousand Zipf items.
      #expect(
        abs(measured - predicted) < 0.01,
        "capacity \(capacity): LRU \(measured), Che \(predicted)")
    }
  }

  @Test("hosted prompt-cache prices: cached reads, writes and output at their own prices")
  func hostedPriceArithmetic() {
    let prompt = HostedPromptCache(
      timeToLive: .seconds(300), cachedInputPricePerMillion: 0.3,
      cacheWritePricePerMillion: 3.75, cachedTimeToFirstToken: .constant(200))
    let price = prompt.price(
      cachedTokens: 1_000_000, uncachedTokens: 2_000_000, writes: true, outputTokens: 100_000,
      inputPricePerMillion: 3, outputPricePerMillion: 15)
    #expect(abs(price - (0.3 + 7.5 + 1.5)) < 1e-12)
    let plain = prompt.price(
      cachedTokens: 0, uncachedTokens: 2_000_000, writes: false, outputTokens: 0,
      inputPricePerMillion: 3, outputPricePerMillion: 15)
    #expect(abs(plain - 6) < 1e-12)
  }
}
