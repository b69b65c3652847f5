import AgentSim
import Foundation
import SimulationKernel
import Testing

/// A site's `replicas` are the site's, shared by the models it runs; `serves` is checked per
/// placement; the default batch limit comes from memory.
@Suite("Shared replicas")
struct SharedReplicaTests {
  /// A device and one H100 replica serving `serves`; `steps` run there.
  static func workflow(serves: String, steps: String, rate: Double = 0.05, sessions: Int = 20)
    throws -> Workflow
  {
    let text = """
      {
        "version": 1, "name": "shared",
        "models": {
          "small": {"model": "llama-3.2-1b", "precision": "bf16"},
          "medium": {"model": "llama-3.1-8b", "precision": "fp8"}
        },
        "sites": {
          "phone": {"tier": "device", "hardware": "apple-a17-pro"},
          "region": {"tier": "region", "hardware": "h100-sxm", "replicas": 1,
                     "serves": \(serves), "max_batch": 16}
        },
        "links": [{"between": ["phone", "region"], "rtt_median_ms": 10,
                   "uplink_mbps": 1000, "downlink_mbps": 1000}],
        "load": {"arrival": "poisson", "rate_per_s": \(rate), "sessions": \(sessions)},
        "steps": \(steps)
      }
      """
    return try Workflow.decode(from: Data(text.utf8), file: "shared.json")
  }

  static let parallelCalls = """
    [{"parallel": {"name": "both", "steps": [
      {"llm": {"name": "a", "model": "small", "site": "region", "context": "fresh",
               "prompt_tokens": 2000, "output_tokens": 200}},
      {"llm": {"name": "b", "model": "medium", "site": "region", "context": "fresh",
               "prompt_tokens": 2000, "output_tokens": 200}}
    ]}}]
    """

  @Test("one replica serving two models runs one of them at a time and is billed once")
  func billedOnce() throws {
    let scenario = try Scenario.resolving(
      try Self.workflow(serves: #"["small", "medium"]"#, steps: Self.parallelCalls, sessions: 1))
    #expect(scenario.pools.count == 2)
    let price = try #require(scenario.pools[0].pricePerReplicaHour)
    let report = WorkflowSimulation.run(scenario, seed: 1)
    let site = try #require(report.sites.first)
    // One session: its replica-seconds billed are the replica's busy time.
    let busySeconds = report.costDollarsPerSession / price * 3600
    let span = report.run.simulatedSeconds
    // Two calls in parallel on one replica take turns: the replica is busy for both, one after
    // the other, and never for more than the time it existed (two separate pools would have run
    // them at once and billed two replicas).
    #expect(busySeconds <= span * (1 + 1e-9), "busy \(busySeconds) s over \(span) s")
    // Utilization counts the site's one replica, not one per model.
    #expect(abs(site.utilization - busySeconds / span) <= 1e-9 * max(1, busySeconds / span))
    #expect(report.latency.meanMilliseconds >= busySeconds * 1000 * (1 - 1e-9))
  }

  @Test("parallel calls arriving together at an idle replica start together: nobody queues")
  func arrivalsTogether() throws {
    let steps = """
      [{"parallel": {"name": "fan", "steps": [
        {"llm": {"name": "a", "model": "small", "site": "region", "context": "fresh",
                 "prompt_tokens": 100, "output_tokens": 20}},
        {"llm": {"name": "b", "model": "small", "site": "region", "context": "fresh",
                 "prompt_tokens": 100, "output_tokens": 20}},
        {"llm": {"name": "c", "model": "small", "site": "region", "context": "fresh",
                 "prompt_tokens": 100, "output_tokens": 20}}
      ]}}]
      """
    let report = WorkflowSimulation.run(
      try Scenario.resolving(try Self.workflow(serves: #"["small"]"#, steps: steps)),
      seed: 2)
    let site = try #require(report.sites.first)
    #expect(site.meanQueueMilliseconds == 0)
    #expect(report.components.first { $0.component == .queueing }?.meanMilliseconds == 0)
    // Three sequences in every iteration of the (identical) calls.
    #expect(abs(site.meanBatchSize - 3) < 1e-9, "mean batch \(site.meanBatchSize)")
  }

  @Test("a served model no step uses adds no pool: utilization and cost are those without it")
  func idleModelDilutesNothing() throws {
    let steps = """
      [{"llm": {"name": "a", "model": "small", "site": "region", "context": "fresh",
                "prompt_tokens": 500, "output_tokens": 50}}]
      """
    let alone = WorkflowSimulation.run(
      try Scenario.resolving(try Self.workflow(serves: #"["small"]"#, steps: steps)),
      seed: 4)
    let both = WorkflowSimulation.run(
      try Scenario.resolving(
        try Self.workflow(serves: #"["small", "medium"]"#, steps: steps)),
      seed: 4)
    let siteAlone = try #require(alone.sites.first)
    let siteBoth = try #require(both.sites.first)
    #expect(siteAlone.utilization > 0)
    #expect(siteBoth.utilization == siteAlone.utilization)
    #expect(siteBoth.capacityInUse == siteAlone.capacityInUse)
    #expect(both.costDollarsPerSession == alone.costDollarsPerSession)
  }

  @Test("two models on one replica share its memory: each gets half of what the weights leave")
  func memoryShared() throws {
    let one = try Scenario.resolving(
      try Self.workflow(
        serves: #"["small", "medium"]"#,
        steps: """
          [{"llm": {"name": "a", "model": "small", "site": "region", "prompt_tokens": 10,
                    "output_tokens": 5}}]
          """))
    let two = try Scenario.resolving(
      try Self.workflow(serves: #"["small", "medium"]"#, steps: Self.parallelCalls))
    let engines = two.pools.map(\.engine)
    let spare = engines[0].usableMemoryBytes - engines[0].weightBytes - engines[1].weightBytes
    #expect(one.pools.count == 1)
    #expect(one.pools[0].kvCapacityTokens == engines[0].kvCapacityTokens)
    for pool in two.pools {
      #expect(
        pool.kvCapacityTokens == Int((spare / 2 / pool.engine.kvBytesPerToken).rounded(.down)))
      #expect(pool.kvCapacityTokens < pool.engine.kvCapacityTokens)
    }
  }

  @Test("weights that fit alone but not together make the placement infeasible")
  func weightsTogether() throws {
    // Two 8B models at 16-bit on one 24 GB L4 (21.6 GB usable): 16 GB each alone, 32 GB together.
    let text = """
      {
        "version": 1, "name": "crowded",
        "models": {
          "a": {"model": "llama-3.1-8b", "precision": "bf16"},
          "b": {"model": "llama-3.1-8b", "precision": "bf16"}
        },
        "sites": {
          "phone": {"tier": "device", "hardware": "apple-a17-pro"},
          "edge": {"tier": "edge", "hardware": "l4", "serves": ["a", "b"]}
        },
        "links": [{"between": ["phone", "edge"], "rtt_median_ms": 10, "uplink_mbps": 100,
                   "downlink_mbps": 100}],
        "load": {"arrival": "poisson", "rate_per_s": 1, "sessions": 10},
        "steps": [
          {"llm": {"name": "x", "model": "a", "site": "edge", "prompt_tokens": 10, "output_tokens": 5}},
          {"llm": {"name": "y", "model": "b", "site": "edge", "prompt_tokens": 10, "output_tokens": 5}}
        ]
      }
      """
    let workflow = try Workflow.decode(from: Data(text.utf8), file: "crowded.json")
    #expect(throws: DiagnosticError.self) { try Scenario.resolving(workflow) }
    do {
      _ = try Scenario.resolving(workflow)
    } catch {
      let messages = error.diagnostics.map(\.message)
      #expect(messages.contains { $0.contains("together") && $0.contains("edge") })
    }
  }

  @Test("without max_batch the limit is the engine's (vLLM 256); an explicit limit stays")
  func defaultMaxBatch() throws {
    var workflow = try Self.workflow(
      serves: #"["medium"]"#,
      steps: """
        [{"llm": {"name": "b", "model": "medium", "site": "region", "prompt_tokens": 10,
                  "output_tokens": 5}}]
        """)
    guard case .hardware(var deployment) = workflow.sites[1].backend else {
      Issue.record("the region is hardware")
      return
    }
    deployment.maxBatch = nil
    workflow.sites[1].backend = .hardware(deployment)
    let scenario = try Scenario.resolving(workflow)
    #expect(scenario.pools[0].maxBatch == scenario.pools[0].engine.engine.maxBatch)
    #expect(scenario.pools[0].maxBatch == 256)
    // An explicit limit stays.
    deployment.maxBatch = 3
    workflow.sites[1].backend = .hardware(deployment)
    #expect(try Scenario.resolving(workflow).pools[0].maxBatch == 3)
  }
}

@Suite("Cancelling stragglers")
struct CancelRestTests {
  /// A short and a long call racing at one replica; the join takes the first to finish.
  static func report(cancelRest: Bool) throws -> LatencyReport {
    let steps = """
      [{"parallel": {"name": "race", "join": {"first": 1, "cancel_rest": \(cancelRest)},
        "steps": [
          {"llm": {"name": "quick", "model": "small", "site": "region", "context": "fresh",
                   "prompt_tokens": 200, "output_tokens": 5}},
          {"llm": {"name": "slow", "model": "small", "site": "region", "context": "fresh",
                   "prompt_tokens": 200, "output_tokens": 600}}
        ]}},
       {"tool": {"name": "after", "site": "phone", "duration_ms": 5}}]
      """
    let workflow = try SharedReplicaTests.workflow(
      serves: #"["small"]"#, steps: steps, rate: 2, sessions: 60)
    return WorkflowSimulation.run(try Scenario.resolving(workflow), seed: 9)
  }

  @Test("cancel_rest withdraws the straggler's request: the replica generates and bills far less")
  func loadDrops() throws {
    let kept = try Self.report(cancelRest: false)
    let cancelled = try Self.report(cancelRest: true)
    // Every session still finishes (nothing leaks or hangs).
    #expect(kept.run.sessions == 60 && cancelled.run.sessions == 60)
    #expect(kept.stoppedEarly == nil && cancelled.stoppedEarly == nil)
    let keptSite = try #require(kept.sites.first)
    let cancelledSite = try #require(cancelled.sites.first)
    // Without cancelling, each session's slow call generates 600 tokens after the join; with it,
    // it stops a few iterations in.
    #expect(cancelledSite.tokensPerSecond < 0.25 * keptSite.tokensPerSecond)
    #expect(cancelled.costDollarsPerSession < 0.5 * kept.costDollarsPerSession)
    // The critical path is the quick call either way.
    #expect(cancelled.latency.meanMilliseconds <= kept.latency.meanMilliseconds * 1.05)
  }

  @Test("cancel_rest drops a straggler's tool call waiting for a worker; a running one finishes")
  func toolCallsDropped() throws {
    func utilization(cancelRest: Bool) throws -> (Double, LatencyReport) {
      let steps = """
        [{"parallel": {"name": "race", "join": {"first": 1, "cancel_rest": \(cancelRest)},
          "steps": [
            {"tool": {"name": "quick", "site": "phone", "duration_ms": 100}},
            {"tool": {"name": "slow-a", "site": "region", "duration_ms": 500}},
            {"tool": {"name": "slow-b", "site": "region", "duration_ms": 500}}
          ]}}]
        """
      var workflow = try SharedReplicaTests.workflow(
        serves: #"["small"]"#, steps: steps, rate: 0.2, sessions: 30)
      workflow.sites[1].toolWorkers = 1
      let report = WorkflowSimulation.run(try Scenario.resolving(workflow), seed: 3)
      return (report.sites.first?.utilization ?? .nan, report)
    }
    let (kept, keptReport) = try utilization(cancelRest: false)
    let (cancelled, cancelledReport) = try utilization(cancelRest: true)
    #expect(keptReport.run.sessions == 30 && cancelledReport.run.sessions == 30)
    // Without cancelling, the one worker runs both slow calls of every session (1 s); with it,
    // only the one already running when the quick call joins at 100 ms (0.5 s): the waiting one
    // is dropped. (A call still on its way when the join happens never runs at all.)
    #expect(kept > 0)
    #expect(abs(cancelled / kept - 0.5) < 0.1, "utilization \(cancelled) vs \(kept)")
  }

  @Test("cancel_rest must be true or false")
  func decoding() throws {
    let text = """
      {"version": 1, "name": "w",
       "sites": {"phone": {"tier": "device", "hardware": "apple-a17-pro"}},
       "load": {"arrival": "poisson", "rate_per_s": 1, "sessions": 1},
       "steps": [{"parallel": {"name": "p", "join": {"first": 1, "cancel_rest": "yes"},
         "steps": [{"tool": {"name": "a", "site": "phone", "duration_ms": 1}},
                   {"tool": {"name": "b", "site": "phone", "duration_ms": 2}}]}}]}
      """
    #expect(throws: DiagnosticError.self) {
      try Workflow.decode(from: Data(text.utf8), file: "w.json")
    }
    let good = text.replacingOccurrences(of: "\"yes\"", with: "true")
    let workflow = try Workflow.decode(from: Data(good.utf8), file: "w.json")
    guard case .parallel(let parallel) = workflow.steps[0].kind else {
      Issue.record("a parallel step")
      return
    }
    #expect(parallel.cancelsRest)
  }
}
