import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

/// The first replica (of the first pool): the only one in most of these tests.
private let firstReplica = ReplicaID(raw: 0)

/// The first pool: the only one in these tests.
private let firstPool = PoolID(raw: 0)

/// Continuous batching driven directly, without sessions: requests in, iteration ends out.
@Suite("Replica batching")
struct ReplicaBatchingTests {
  static func batching(replicas: Int, maxBatch: Int = 32, chunkTokens: Int = 512) throws
    -> ReplicaBatching
  {
    var scenario = try Scenarios.agentLoop(rate: 1, sessions: 1)
    scenario.pools[0].replicas = replicas
    scenario.pools[0].maxBatch = maxBatch
    scenario.pools[0].chunkTokens = chunkTokens
    return ReplicaBatching(scenario: scenario, fastForwardsDecode: true)
  }

  /// Handles iteration ends in time order until every replica idles; returns the completions.
  static func drain(
    _ batching: inout ReplicaBatching, pending: [ReplicaBatching.IterationEnd]
  ) -> [ReplicaBatching.Completion] {
    var pending = pending
    var done: [ReplicaBatching.Completion] = []
    while let next = pending.indices.min(by: { pending[$0].time < pending[$1].time }) {
      let end = pending.remove(at: next)
      guard batching.isCurrent(end) else { continue }
      batching.finishIteration(end.replica, now: end.time)
      done += batching.completions
      if !batching.replicas[end.replica].isIterating,
        let following = batching.startIteration(end.replica, now: end.time)
      {
        pending.append(following)
      }
    }
    return done
  }

  @Test("a lone request: prefill is one iteration, decode the rest, and the replica is left empty")
  func loneRequest() throws {
    var batching = try Self.batching(replicas: 1)
    let roofline = batching.pools[firstPool].roofline
    let (replica, end) = batching.enqueue(
      owner: 7, pool: firstPool, newTokens: 300, cachedTokens: 0, outputTokens: 20, now: .zero)
    #expect(replica == firstReplica)
    guard let end else {
      Issue.record("an idle replica gathers the instant's arrivals")
      return
    }
    #expect(end.time == .zero)
    var work = IterationWork()
    work.addPrefillChunk(tokens: 300, cachedTokens: 0)
    let prefill = SimDuration.seconds(roofline.iteration(work).seconds)
    let done = Self.drain(&batching, pending: [end])
    #expect(done.count == 1)
    #expect(done.first?.owner == 7)
    #expect(done.first?.queueing == .zero)
    #expect(done.first?.prefill == prefill)
    // 19 decode iterations at contexts 301…319, in one stretch.
    let decode = ConvexSum.sum(count: 19) { index in
      roofline.iteration(IterationWork(decodeSequences: 1, decodeContextTokens: 301 + index))
        .seconds
    }
    #expect(done.first?.decode == .seconds(decode))
    #expect(batching.replicas[firstReplica].kvUsedTokens == 0)
    #expect(batching.replicas[firstReplica].completed == 1)
    #expect(batching.replicas[firstReplica].outputTokens == 20)
    #expect(batching.requests.liveCount == 0)
  }

  @Test("requests go to the least-loaded replica, lowest index first")
  func leastLoaded() throws {
    var batching = try Self.batching(replicas: 3)
    var chosen: [Int] = []
    for owner in 0..<6 {
      chosen.append(
        batching.enqueue(
          owner: Int32(owner), pool: firstPool, newTokens: 100, cachedTokens: 0, outputTokens: 5,
          now: .zero
        ).replica.index)
    }
    #expect(chosen == [0, 1, 2, 0, 1, 2])
  }

  @Test("a full batch makes the next request wait; it is admitted when a sequence finishes")
  func batchLimit() throws {
    var batching = try Self.batching(replicas: 1, maxBatch: 1)
    var pending: [ReplicaBatching.IterationEnd] = []
    for owner in 0..<2 {
      if let end = batching.enqueue(
        owner: Int32(owner), pool: firstPool, newTokens: 50, cachedTokens: 0, outputTokens: 10,
        now: .zero
      ).end {
        pending.append(end)
      }
    }
    // Both wait for the end of the instant, when the batch takes one.
    #expect(pending.count == 1)
    #expect(batching.replicas[firstReplica].waiting.count == 2)
    let done = ReplicaBatchingTests.drain(&batching, pending: pending)
    #expect(done.map(\.owner) == [0, 1])
    // The second waited exactly as long as the first took.
    let first = done[0].queueing + done[0].prefill + done[0].decode
    #expect(done[1].queueing == first)
    #expect(done[0].queueing == .zero)
  }

  @Test("requests arriving together at an idle replica run in one first iteration")
  func arrivalsTogetherBatchTogether() throws {
    var batching = try Self.batching(replicas: 1)
    let roofline = batching.pools[firstPool].roofline
    var pending: [ReplicaBatching.IterationEnd] = []
    for owner in 0..<4 {
      if let end = batching.enqueue(
        owner: Int32(owner), pool: firstPool, newTokens: 100, cachedTokens: 0, outputTokens: 1,
        now: .zero + .milliseconds(3)
      ).end {
        pending.append(end)
      }
    }
    let done = ReplicaBatchingTests.drain(&batching, pending: pending)
    #expect(done.map(\.owner) == [0, 1, 2, 3])
    // One iteration prefills all four (400 tokens within the 512-token budget) and produces each
    // one's only token: nobody waits, and all finish together.
    var work = IterationWork()
    for _ in 0..<4 { work.addPrefillChunk(tokens: 100, cachedTokens: 0) }
    let together = SimDuration.seconds(roofline.iteration(work).seconds)
    for completion in done {
      #expect(completion.queueing == .zero)
      #expect(completion.prefill == together)
    }
    #expect(batching.replicas[firstReplica].iterations == 1)
    #expect(batching.replicas[firstReplica].batchSizeSum == 4)
  }

  @Test("an arrival during a decode stretch cuts it at the next iteration boundary")
  func cutStretch() throws {
    var batching = try Self.batching(replicas: 1)
    guard
      let gathered = batching.enqueue(
        owner: 0, pool: firstPool, newTokens: 10, cachedTokens: 0, outputTokens: 200, now: .zero
      ).end
    else {
      Issue.record("an idle replica gathers the instant's arrivals")
      return
    }
    batching.finishIteration(firstReplica, now: gathered.time)
    guard let first = batching.startIteration(firstReplica, now: gathered.time) else {
      Issue.record("the request is admitted")
      return
    }
    batching.finishIteration(firstReplica, now: first.time)
    guard let stretch = batching.startIteration(firstReplica, now: first.time) else {
      Issue.record("the sequence still decodes")
      return
    }
    #expect(batching.replicas[firstReplica].stretchIterations == 199)
    let midway = first.time + .nanoseconds((stretch.time - first.time).nanoseconds / 2)
    let cut = batching.enqueue(
      owner: 1, pool: firstPool, newTokens: 10, cachedTokens: 0, outputTokens: 5, now: midway
    ).end
    #expect(!batching.isCurrent(stretch))
    guard let cut else {
      Issue.record("the stretch is cut")
      return
    }
    #expect(batching.isCurrent(cut))
    #expect(cut.time >= midway && cut.time < stretch.time)
    #expect(batching.replicas[firstReplica].stretchIterations < 199)
    let done = Self.drain(&batching, pending: [cut])
    #expect(Set(done.map(\.owner)) == [0, 1])
  }
}

@Suite("Cancelled stragglers leave nothing behind")
struct CancelledStragglerStateTests {
  @Test("after a run with cancel_rest every frame, session and replica request is released")
  func nothingLeaks() throws {
    for cancelRest in [false, true] {
      let steps = """
        [{"parallel": {"name": "race", "join": {"first": 1, "cancel_rest": \(cancelRest)},
          "steps": [
            {"llm": {"name": "quick", "model": "small", "site": "region", "context": "fresh",
                     "prompt_tokens": 200, "output_tokens": 5}},
            {"sequence": {"name": "slow", "steps": [
              {"llm": {"name": "slow-call", "model": "small", "site": "region",
                       "prompt_tokens": 200, "output_tokens": 300}},
              {"tool": {"name": "slow-tool", "site": "phone", "duration_ms": 50}}]}}
          ]}}]
        """
      let workflow = try SharedReplicaTests.workflow(
        serves: #"["small"]"#, steps: steps, rate: 4, sessions: 50)
      var simulation = SessionSimulator.makeSimulation(
        scenario: try Scenario.resolving(workflow), seed: 5)
      simulation.run()
      #expect(simulation.model.finishedSessions == 50)
      // The run stops at the last session's end; drain what is still in flight (stragglers, or
      // the iteration a withdrawn request leaves at) before counting.
      simulation.run()
      let model = simulation.model
      #expect(simulation.scheduler.pendingCount == 0)
      #expect(model.frames.liveCount == 0, "cancel_rest \(cancelRest)")
      #expect(model.sessions.liveCount == 0, "cancel_rest \(cancelRest)")
      #expect(model.batching.requests.liveCount == 0, "cancel_rest \(cancelRest)")
      #expect(model.batching.replicas.elements.allSatisfy { $0.kvUsedTokens == 0 })
    }
  }
}

/// The engines' scheduling policies (`EngineProfile.schedulerSteps`, `separatesPrefill`), driven
/// directly.
@Suite("Replica batching: scheduling policies")
struct SchedulingPolicyTests {
  /// One replica of the agent-loop scenario's pool whose engine schedules as told.
  static func batching(
    schedulerSteps: Int = 1, separatesPrefill: Bool = false, chunksPrefill: Bool = true,
    chunkTokens: Int? = nil, asyncScheduling: Bool = false
  ) throws -> ReplicaBatching {
    var scenario = try Scenarios.agentLoop(rate: 1, sessions: 1)
    let old = scenario.pools[0].engine
    var profile = old.engine
    profile.schedulerSteps = schedulerSteps
    profile.separatesPrefill = separatesPrefill
    profile.chunksPrefill = chunksPrefill
    profile.asyncScheduling = asyncScheduling
    scenario.pools[0].engine = try InferenceEngine(
      hardware: old.hardware, model: old.model, precision: old.precision,
      acceleratorCount: old.acceleratorCount, engine: profile)
    scenario.pools[0].replicas = 1
    if let chunkTokens { scenario.pools[0].chunkTokens = chunkTokens }
    return ReplicaBatching(scenario: scenario, fastForwardsDecode: true)
  }

  /// Starts `owner`'s lone request (300 prompt tokens, `output` out) at time zero and runs its
  /// prefill; returns the pending decode iteration end.
  static func startLone(
    _ batching: inout ReplicaBatching, output: Int32
  ) throws -> ReplicaBatching.IterationEnd {
    let queued = batching.enqueue(
      owner: 0, pool: firstPool, newTokens: 300, cachedTokens: 0, outputTokens: output, now: .zero)
    let gather = try #require(queued.end)
    batching.finishIteration(firstReplica, now: gather.time)
    let started = batching.startIteration(firstReplica, now: gather.time)
    let prefill = try #require(started)
    batching.finishIteration(firstReplica, now: prefill.time)
    let decoding = batching.startIteration(firstReplica, now: prefill.time)
    return try #require(decoding)
  }

  @Test("multi-step scheduling: a prompt arriving mid-group waits for the group's end")
  func multiStepDefersAdmission() throws {
    var batching = try Self.batching(schedulerSteps: 10)
    let roofline = batching.pools[firstPool].roofline
    let group = try Self.startLone(&batching, output: 100)
    let start = batching.replicas[firstReplica].stretchStart
    // Ten decode steps of one sequence at contexts 301…310, one iteration end.
    let steps = ConvexSum.sum(count: 10) { index in
      roofline.iteration(IterationWork(decodeSequences: 1, decodeContextTokens: 301 + index))
        .seconds
    }
    #expect(group.time == start + .saturating(seconds: steps))
    // A newcomer after the first step does not cut the group.
    let arrival = start + .saturating(seconds: steps / 5)
    let cut = batching.enqueue(
      owner: 1, pool: firstPool, newTokens: 50, cachedTokens: 0, outputTokens: 5, now: arrival)
    #expect(cut.end == nil)
    #expect(batching.isCurrent(group))
    batching.finishIteration(firstReplica, now: group.time)
    #expect(batching.replicas[firstReplica].waiting.count == 1)
    let next = batching.startIteration(firstReplica, now: group.time)
    #expect(next != nil)
    #expect(batching.replicas[firstReplica].running.count == 2)
  }

  @Test("a catalog engine turns async scheduling on with async_scheduling, and prints it")
  func catalogAsyncScheduling() throws {
    let withAsync = """
      {"name": "vllm-async", "request_overhead_ms": 4.95, "iteration_overhead_ms": 1.06,
       "layer_overhead_ms": 0.0187, "async_scheduling": true, "source": "test"}
      """
    let profile = try JSONDecoder().decode(EngineProfile.self, from: Data(withAsync.utf8))
    #expect(profile.asyncScheduling)
    let without = withAsync.replacingOccurrences(of: #""async_scheduling": true, "#, with: "")
    #expect(without != withAsync)
    let plain = try JSONDecoder().decode(EngineProfile.self, from: Data(without.utf8))
    #expect(!plain.asyncScheduling)
    // What `catalog engines --format json` prints reads back the same.
    let again = try JSONDecoder().decode(EngineProfile.self, from: JSONEncoder().encode(profile))
    #expect(again == profile)
    let text = CatalogRenderer.engines(
      Catalog.builtInEngines + [profile], style: TerminalStyle(unicode: false, color: false))
    #expect(text.contains("async scheduling: yes"))
    #expect(text.components(separatedBy: "async scheduling: yes").count == 2)
  }

  @Test("async scheduling: a prompt arriving mid-iteration joins the iteration after next")
  func asyncSchedulingDefersAdmission() throws {
    // One sequence decodes 100 tokens; a 50-token prompt arrives 40% into its fourth decode
    // step. Scheduled every iteration, it joins the next; composed one iteration ahead, the one
    // after.
    func newcomerFirstToken(async: Bool) throws -> (first: SimTime, step: Double) {
      var batching = try Self.batching(asyncScheduling: async)
      let roofline = batching.pools[firstPool].roofline
      let stretch = try Self.startLone(&batching, output: 100)
      let start = batching.replicas[firstReplica].stretchStart
      let step = roofline.iteration(IterationWork(decodeSequences: 1, decodeContextTokens: 301))
        .seconds
      let arrival = start + .saturating(seconds: 3.4 * step)
      let queued = batching.enqueue(
        owner: 1, pool: firstPool, newTokens: 50, cachedTokens: 0, outputTokens: 5, now: arrival)
      let done = ReplicaBatchingTests.drain(
        &batching, pending: [stretch] + (queued.end.map { [$0] } ?? []))
      let newcomer = try #require(done.first { $0.owner == 1 })
      #expect(newcomer.firstTokenAt > arrival)
      return (newcomer.firstTokenAt, step)
    }
    let sync = try newcomerFirstToken(async: false)
    let async = try newcomerFirstToken(async: true)
    // One decode step later (the newcomer's own iteration is the same work either way).
    let delay = (async.first - sync.first).seconds
    #expect(abs(delay / sync.step - 1) < 0.05, "\(delay) s against a \(sync.step) s step")
  }

  @Test("multi-step scheduling: a sequence that ends mid-group returns when the group ends")
  func multiStepReturnsAtGroupEnd() throws {
    var batching = try Self.batching(schedulerSteps: 10)
    // The prefill makes the first token; three more leave seven surplus steps in the group.
    let group = try Self.startLone(&batching, output: 4)
    #expect(batching.replicas[firstReplica].stretchIterations == 10)
    batching.finishIteration(firstReplica, now: group.time)
    #expect(batching.completions.count == 1)
    #expect(batching.completions.first.map { $0.firstTokenAt + $0.decode } == group.time)
    #expect(batching.replicas[firstReplica].outputTokens == 4)
  }

  @Test("iteration-level scheduling: the same newcomer cuts the stretch at the next step")
  func singleStepAdmitsAtNextIteration() throws {
    var batching = try Self.batching(schedulerSteps: 1)
    let stretch = try Self.startLone(&batching, output: 100)
    let start = batching.replicas[firstReplica].stretchStart
    let cut = batching.enqueue(
      owner: 1, pool: firstPool, newTokens: 50, cachedTokens: 0, outputTokens: 5,
      now: start + .milliseconds(1))
    let end = try #require(cut.end)
    #expect(end.time < stretch.time)
    #expect(!batching.isCurrent(stretch))
  }

  /// Three identical prompts of `prompt` tokens enqueued together at an idle replica with a
  /// 1,000-token budget; the first-token times of the three, in admission order.
  static func firstTokensOfThree(prompt: Int32, chunksPrefill: Bool) throws -> [SimTime] {
    var batching = try Self.batching(chunksPrefill: chunksPrefill, chunkTokens: 1000)
    var pending: [ReplicaBatching.IterationEnd] = []
    for owner in 0..<3 {
      let queued = batching.enqueue(
        owner: Int32(owner), pool: firstPool, newTokens: prompt, cachedTokens: 0, outputTokens: 50,
        now: .zero)
      if let end = queued.end { pending.append(end) }
    }
    let done = ReplicaBatchingTests.drain(&batching, pending: pending)
    #expect(done.count == 3)
    return done.sorted { $0.owner < $1.owner }.map { $0.firstTokenAt }
  }

  @Test("whole prompts: a prompt the budget's rest cannot take waits for the next iteration")
  func wholePromptsAdmitOnlyWhatFits() throws {
    // 600-token prompts and a 1,000-token budget: chunked, the second prompt's first 400 tokens
    // share the first iteration and its rest the second with the third's 600, so the second and
    // third first tokens come together; whole, each prompt has its own iteration.
    let chunked = try Self.firstTokensOfThree(prompt: 600, chunksPrefill: true)
    #expect(chunked[0] < chunked[1])
    #expect(chunked[1] == chunked[2])
    let whole = try Self.firstTokensOfThree(prompt: 600, chunksPrefill: false)
    #expect(whole[0] < whole[1] && whole[1] < whole[2])
    // The first iteration prefills exactly the first prompt, alone.
    var batching = try Self.batching(chunksPrefill: false, chunkTokens: 1000)
    let roofline = batching.pools[firstPool].roofline
    var work = IterationWork()
    work.addPrefillChunk(tokens: 600, cachedTokens: 0)
    #expect(whole[0] == SimTime.zero + .saturating(seconds: roofline.iteration(work).seconds))
    // A prompt longer than the whole budget still runs, whole and alone.
    let long = batching.enqueue(
      owner: 9, pool: firstPool, newTokens: 1500, cachedTokens: 0, outputTokens: 2, now: .zero)
    let done = ReplicaBatchingTests.drain(&batching, pending: [try #require(long.end)])
    var longWork = IterationWork()
    longWork.addPrefillChunk(tokens: 1500, cachedTokens: 0)
    #expect(
      done.first?.firstTokenAt
        == SimTime.zero + .saturating(seconds: roofline.iteration(longWork).seconds))
  }

  @Test("separate prefill: running decodes pause for a prompt-only iteration")
  func separatePrefillPausesDecodes() throws {
    for separates in [false, true] {
      var batching = try Self.batching(separatesPrefill: separates)
      let roofline = batching.pools[firstPool].roofline
      let stretch = try Self.startLone(&batching, output: 100)
      let now = batching.replicas[firstReplica].stretchStart + .milliseconds(1)
      let queued = batching.enqueue(
        owner: 1, pool: firstPool, newTokens: 200, cachedTokens: 0, outputTokens: 5, now: now)
      let cut = try #require(queued.end)
      #expect(!batching.isCurrent(stretch))
      batching.finishIteration(firstReplica, now: cut.time)
      let produced = batching.replicas[firstReplica].outputTokens
      let started = batching.startIteration(firstReplica, now: cut.time)
      let mixed = try #require(started)
      var prefill = IterationWork()
      prefill.addPrefillChunk(tokens: 200, cachedTokens: 0)
      let context = Int(
        batching.requests[batching.replicas[firstReplica].running[0]].sequenceContext)
      var both = prefill
      both.addDecode(contextTokens: context)
      let expected = separates ? prefill : both
      #expect(mixed.time == cut.time + .saturating(seconds: roofline.iteration(expected).seconds))
      batching.finishIteration(firstReplica, now: mixed.time)
      // The newcomer's first token, plus the paused sequence's next one unless it paused.
      #expect(batching.replicas[firstReplica].outputTokens == produced + (separates ? 1 : 2))
    }
  }
}

/// The batch a site's condition counts its slots by (`ReportBuilder.batchLimit`).
@Suite("Site batch slots")
struct SiteBatchSlotTests {
  @Test("a replica's batch is its limit, or the requests its KV cache holds at their mean size")
  func kvLimitedBatch() {
    #expect(
      ReportBuilder.batchLimit(
        maxBatch: 128, kvCapacityTokens: 300_000, admitted: 100, reservedTokens: 3_000_000)
        == 10)
    #expect(
      ReportBuilder.batchLimit(
        maxBatch: 8, kvCapacityTokens: 300_000, admitted: 100, reservedTokens: 300_000) == 8)
    #expect(
      ReportBuilder.batchLimit(
        maxBatch: 128, kvCapacityTokens: 1_000, admitted: 1, reservedTokens: 50_000) == 1)
    #expect(
      ReportBuilder.batchLimit(
        maxBatch: 128, kvCapacityTokens: 1_000, admitted: 0, reservedTokens: 0) == 128)
  }
}
