import AgentSim
import Foundation
import SimulationKernel
import Testing

/// Scenarios built by hand, so the simulator is tested without the workflow decoder.
enum Scenarios {
  /// A device (orchestrator) and one shared site `pool`, linked with the given round trip.
  static func sites(toolWorkers: Int) -> [ScenarioSite] {
    [
      ScenarioSite(
        name: "device", tier: .device, kind: .device(DeviceSite(engines: [], activePowerWatts: 5))),
      ScenarioSite(name: "pool", tier: .region, kind: .shared, toolWorkers: toolWorkers),
    ]
  }

  static func link(roundTrip: Distribution) -> ScenarioLink {
    ScenarioLink(
      first: 0, second: 1, roundTrip: roundTrip, uplinkBitsPerSecond: 0, downlinkBitsPerSecond: 0)
  }

  /// One tool step at `pool` with exponential duration: an M/M/c queue inside a workflow.
  static func mmc(servers: Int, utilization: Double, meanMilliseconds: Double, sessions: Int)
    -> Scenario
  {
    let rate = utilization * Double(servers) / (meanMilliseconds / 1000)
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 1, duration: .exponential(mean: meanMilliseconds))),
      .sequence([0]),
    ]
    return Scenario(
      name: "mmc", digest: "", sites: sites(toolWorkers: servers), pools: [],
      links: [link(roundTrip: .constant(0))], modelNames: [],
      program: Program(nodes: nodes, root: 1, stepNames: ["work"], stepSites: ["pool"]),
      load: ScenarioLoad(
        arrival: .poisson(ratePerSecond: rate), sessions: sessions, warmupSessions: 2_000),
      budget: ScenarioBudget(p99Milliseconds: 1000), orchestratorSite: 0)
  }

  /// A coding-agent-like loop against a real engine in the region: plan, then (write code, run
  /// tests on the device) three times; constant tokens, lognormal RTT.
  static func agentLoop(rate: Double, sessions: Int) throws -> Scenario {
    let catalog = Catalog.builtIn
    let engine = try InferenceEngine(
      hardware: catalog.hardware(named: "h100-sxm"), model: catalog.model(named: "llama-3.1-8b"),
      precision: .fp8)
    let nodes: [ProgramNode] = [
      .llm(
        LLMNode(
          step: 0, model: 0, site: 1, promptTokens: .constant(800), outputTokens: .constant(120),
          isConversation: true, isVisible: true)),
      .llm(
        LLMNode(
          step: 1, model: 0, site: 1, promptTokens: .constant(200), outputTokens: .constant(300),
          isConversation: true, isVisible: false)),
      .tool(
        ToolNode(
          step: 2, site: 0, duration: .exponential(mean: 150), resultTokens: .constant(400))),
      .sequence([1, 2]),
      .loop(body: 3, repetition: .count(3)),
      .sequence([0, 4]),
    ]
    return Scenario(
      name: "agent-loop", digest: "", sites: sites(toolWorkers: 8),
      pools: [
        InferencePool(
          site: 1, model: 0, replicas: 2, engine: engine, maxBatch: 32, chunkTokens: 512,
          pricePerReplicaHour: 4)
      ],
      links: [
        ScenarioLink(
          first: 0, second: 1, roundTrip: .lognormal(median: 40, p99: 120),
          uplinkBitsPerSecond: 20e6, downlinkBitsPerSecond: 100e6, setupMilliseconds: 30)
      ],
      modelNames: ["m"],
      program: Program(
        nodes: nodes, root: 5, stepNames: ["plan", "code", "test"],
        stepSites: ["pool", "pool", "device"]),
      load: ScenarioLoad(
        arrival: .poisson(ratePerSecond: rate), sessions: sessions, warmupSessions: 0),
      budget: ScenarioBudget(p50Milliseconds: 3000, p99Milliseconds: 4000), orchestratorSite: 0,
      initialContextTokens: 1000)
  }
}

@Suite("Session simulator")
struct SessionSimulatorTests {
  @Test("M/M/c through a workflow matches Erlang C within a 99% interval over replications")
  func erlangC() {
    // 10 independent replications of 40,000 sessions; the interval comes from their spread.
    let means = (0..<10).map { replication -> Double in
      let report = WorkflowSimulation.run(
        Scenarios.mmc(servers: 4, utilization: 0.8, meanMilliseconds: 50, sessions: 40_000),
        seed: 100 + UInt64(replication))
      return report.components.first { $0.component == .queueing }?.meanMilliseconds ?? .nan
    }
    let interval = ConfidenceInterval.replications(means, level: 0.99)
    let analytic = 1000 * QueueingTheory.mmcMeanWait(servers: 4, arrivalRate: 64, meanService: 0.05)
    #expect(interval.contains(analytic), "W_q \(interval) vs Erlang C \(analytic) ms")
    #expect(interval.relativeHalfWidth < 0.1)
  }

  @Test("a site's tool wait is the mean wait of its calls for a worker (Little's law)")
  func toolWait() {
    let report = WorkflowSimulation.run(
      Scenarios.mmc(servers: 4, utilization: 0.7, meanMilliseconds: 50, sessions: 40_000),
      seed: 11)
    let site = report.sites.first { $0.site == "pool" }
    let wait = site?.meanToolWaitMilliseconds ?? .nan
    // One call per session: the measured sessions' queueing is the same waits (the site's figure
    // also counts the 2,000 warm-up sessions').
    let queueing = report.components.first { $0.component == .queueing }?.meanMilliseconds ?? 0
    #expect(queueing > 5)
    #expect(abs(wait - queueing) < 0.05 * queueing, "tool wait \(wait) ms, queueing \(queueing) ms")
    // A site whose tools need no worker (no tool_workers) has no tool wait at all.
    var unlimited = Scenarios.mmc(servers: 4, utilization: 0.1, meanMilliseconds: 50, sessions: 10)
    unlimited.sites[1].toolWorkers = 0
    let free = WorkflowSimulation.run(unlimited, seed: 1)
    #expect(free.sites.first { $0.site == "pool" }?.meanToolWaitMilliseconds == nil)
  }

  @Test("utilization at a shared site is λ·E[S]/c (Little's law for the servers)")
  func little() {
    let report = WorkflowSimulation.run(
      Scenarios.mmc(servers: 4, utilization: 0.6, meanMilliseconds: 50, sessions: 60_000),
      seed: 5)
    let utilization = report.sites.first { $0.site == "pool" }?.utilization ?? .nan
    // Busy server-time over the run is a sum of ~62,000 exponential services: relative sd ≈ 0.4%.
    #expect(abs(utilization - 0.6) < 0.01, "utilization \(utilization)")
    // And the mean latency is the mean wait plus the mean service (no network here).
    let queueing = report.components.first { $0.component == .queueing }?.meanMilliseconds ?? 0
    let tool = report.components.first { $0.component == .tool }?.meanMilliseconds ?? 0
    #expect(abs(report.latency.meanMilliseconds - queueing - tool) < 0.01 * tool)
  }

  @Test("at vanishing load the mean agrees with the zero-load analytic budget within 1%")
  func zeroLoad() throws {
    let scenario = try Scenarios.agentLoop(rate: 0.01, sessions: 3_000)
    let report = WorkflowSimulation.run(scenario, seed: 7)
    let budget = ZeroLoadAnalysis.budget(of: scenario)
    let relative =
      abs(report.latency.meanMilliseconds - budget.totalMilliseconds)
      / budget.totalMilliseconds
    #expect(
      relative < 0.01,
      "simulated mean \(report.latency.meanMilliseconds) ms vs analytic \(budget.totalMilliseconds) ms"
    )
    // The compute components, which carry no randomness at zero load, agree much more closely.
    for component in [LatencyComponent.prefill, .decode] {
      let simulated = report.components.first { $0.component == component }?.meanMilliseconds ?? 0
      let analytic = budget.components[component] ?? 0
      #expect(
        abs(simulated - analytic) <= 1e-3 * analytic, "\(component): \(simulated) vs \(analytic)")
    }
    #expect(report.sites.first?.isOverloaded == false)
  }

  @Test("components add up to the end-to-end mean; steps add up to the components")
  func criticalPath() throws {
    let report = WorkflowSimulation.run(try Scenarios.agentLoop(rate: 2, sessions: 2_000), seed: 3)
    let components = report.components.reduce(0) { $0 + $1.meanMilliseconds }
    #expect(abs(components - report.latency.meanMilliseconds) < 1e-3 * components)
    let steps = report.steps.reduce(0) { $0 + $1.totalMeanMilliseconds }
    #expect(abs(steps - components) < 1e-6 * components)
    let executions = report.steps.map(\.executionsPerSession)
    #expect(executions == [1, 3, 3])
    let tail = report.components.reduce(0) { $0 + $1.tailMilliseconds }
    #expect(tail >= report.latency.p99Milliseconds * 0.99)
  }

  @Test("the same seed gives an identical report; another seed does not")
  func determinism() throws {
    let scenario = try Scenarios.agentLoop(rate: 3, sessions: 1_000)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let first = try encoder.encode(WorkflowSimulation.run(scenario, seed: 42))
    let second = try encoder.encode(WorkflowSimulation.run(scenario, seed: 42))
    let other = try encoder.encode(WorkflowSimulation.run(scenario, seed: 43))
    #expect(first == second)
    #expect(first != other)
  }

  @Test("branches, geometric loops and first-k joins run as often as their definitions say")
  func structure() {
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 0, duration: .constant(10))),
      .tool(ToolNode(step: 1, site: 0, duration: .constant(20))),
      .tool(ToolNode(step: 2, site: 0, duration: .exponential(mean: 30))),
      .branch([BranchTarget(cumulativeProbability: 0.3, node: 0)]),
      .loop(body: 1, repetition: .geometric(probability: 0.5, maximum: 4)),
      .parallel([2, 2, 2], join: 1),
      .sequence([3, 4, 5]),
    ]
    let scenario = Scenario(
      name: "structure", digest: "", sites: Scenarios.sites(toolWorkers: 1), pools: [],
      links: [Scenarios.link(roundTrip: .constant(0))], modelNames: [],
      program: Program(
        nodes: nodes, root: 6, stepNames: ["maybe", "repeat", "race"],
        stepSites: ["device", "device", "device"]),
      load: ScenarioLoad(arrival: .poisson(ratePerSecond: 1), sessions: 40_000, warmupSessions: 0),
      budget: ScenarioBudget(), orchestratorSite: 0)
    let report = WorkflowSimulation.run(scenario, seed: 9)
    let executions = Dictionary(
      uniqueKeysWithValues: report.steps.map { ($0.step, $0.executionsPerSession) })
    // Binomial / geometric sampling error over 40,000 sessions is below 0.01 at these values.
    #expect(abs((executions["maybe"] ?? 0) - 0.3) < 0.01)
    #expect(
      abs(
        (executions["repeat"] ?? 0)
          - LoopRepetition.geometric(probability: 0.5, maximum: 4).expectedCount) < 0.02)
    // First of three exponentials (mean 30): the minimum has mean 10.
    #expect(executions["race"] == 1)
    let race = report.steps.first { $0.step == "race" }?.totalMeanMilliseconds ?? 0
    #expect(abs(race - 10) < 0.3, "first-of-3 mean \(race)")
  }

  @Test("decode fast-forward gives the same results as stepping every iteration")
  func fastForward() throws {
    // Moderate load, so stretches are often cut short by arrivals.
    let scenario = try Scenarios.agentLoop(rate: 4, sessions: 1_500)
    let fast = WorkflowSimulation.run(scenario, seed: 11)
    let slow = WorkflowSimulation.run(
      scenario, seed: 11, limits: SessionSimulator.Limits(fastForwardsDecode: false))
    // Only nanosecond rounding differs (one rounding per stretch instead of per iteration), so
    // the runs agree far inside any sampling error, and the fast one handles far fewer events.
    #expect(
      abs(fast.latency.meanMilliseconds - slow.latency.meanMilliseconds)
        < 1e-4 * slow.latency.meanMilliseconds)
    #expect(
      abs(fast.latency.p99Milliseconds - slow.latency.p99Milliseconds)
        < 1e-3 * slow.latency.p99Milliseconds)
    for (a, b) in zip(fast.components, slow.components) {
      #expect(abs(a.meanMilliseconds - b.meanMilliseconds) <= 1e-3 * max(b.meanMilliseconds, 1))
    }
    #expect(fast.sites[0].meanBatchSize == slow.sites[0].meanBatchSize)
    #expect(fast.run.events * 2 < slow.run.events, "\(fast.run.events) vs \(slow.run.events)")
  }

  @Test("a pool's cost is its busy replica-hours times its price; an unpriced pool is named")
  func cost() throws {
    var scenario = try Scenarios.agentLoop(rate: 2, sessions: 1_000)
    let priced = WorkflowSimulation.run(scenario, seed: 9)
    #expect(priced.unpricedSites.isEmpty)
    #expect(priced.costDollarsPerSession > 0)
    scenario.pools[0].pricePerReplicaHour = 10
    let dearer = WorkflowSimulation.run(scenario, seed: 9)
    // The same sessions on the same replicas: the cost scales with the price and nothing else.
    #expect(abs(dearer.costDollarsPerSession - 2.5 * priced.costDollarsPerSession) < 1e-12)
    #expect(dearer.latency == priced.latency)
    scenario.pools[0].pricePerReplicaHour = nil
    let unpriced = WorkflowSimulation.run(scenario, seed: 9)
    #expect(unpriced.costDollarsPerSession == 0)
    #expect(unpriced.unpricedSites == ["pool"])
  }

  @Test("an overloaded shared site stops the run and says so")
  func overload() {
    var scenario = Scenarios.mmc(
      servers: 1, utilization: 1.5, meanMilliseconds: 50, sessions: 50_000)
    scenario.load.warmupSessions = 0
    let report = WorkflowSimulation.run(
      scenario, seed: 1,
      limits: SessionSimulator.Limits(maximumActiveSessions: 5_000, maximumQueueLength: 2_000))
    #expect(report.sites.first?.isOverloaded == true)
    #expect(report.verdict.summary.contains("pool is over capacity"))
    #expect(!report.verdict.isMet)
    let utilization = report.sites.first?.utilization ?? 0
    #expect(utilization > 1.3 && utilization < 1.7, "utilization \(utilization)")
  }
}
