import AgentSim
import SimulationKernel
import Testing

/// Scenarios for the conversation's meaning across steps: a device orchestrator with a tool, and a
/// region pool with a real engine.
enum ConversationScenarios {
  static func engine() throws -> InferenceEngine {
    let catalog = Catalog.builtIn
    return try InferenceEngine(
      hardware: catalog.hardware(named: "h100-sxm"), model: catalog.model(named: "llama-3.1-8b"),
      precision: .fp8)
  }

  /// `tools` (two device tools returning 3,000 tokens each) then a conversation call in the region.
  /// - Parameter parallel: whether the tools run in a parallel section or in sequence.
  static func toolsThenCall(parallel: Bool, initialTokens: Int = 0) throws -> Scenario {
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 0, duration: .constant(5), resultTokens: .constant(3_000))),
      .tool(ToolNode(step: 1, site: 0, duration: .constant(7), resultTokens: .constant(3_000))),
      parallel ? .parallel([0, 1], join: 2) : .sequence([0, 1]),
      .llm(
        LLMNode(
          step: 2, model: 0, site: 1, promptTokens: .constant(100), outputTokens: .constant(20),
          isConversation: true, isVisible: false)),
      .sequence([2, 3]),
    ]
    return try scenario(
      nodes: nodes, root: 4, stepNames: ["search", "fetch", "answer"], initialTokens: initialTokens
    )
  }

  static func scenario(
    nodes: [ProgramNode], root: Int, stepNames: [String], initialTokens: Int
  ) throws -> Scenario {
    Scenario(
      name: "conversation", digest: "", sites: Scenarios.sites(toolWorkers: 0),
      pools: [
        InferencePool(
          site: 1, model: 0, replicas: 1, engine: try engine(), maxBatch: 8,
          chunkTokens: 512, pricePerReplicaHour: 4)
      ],
      links: [Scenarios.link(roundTrip: .constant(10))], modelNames: ["m"],
      program: Program(
        nodes: nodes, root: root, stepNames: stepNames,
        stepSites: stepNames.map { _ in "pool" }),
      load: ScenarioLoad(arrival: .poisson(ratePerSecond: 0.01), sessions: 5, warmupSessions: 0),
      budget: ScenarioBudget(), orchestratorSite: 0, initialContextTokens: initialTokens)
  }

  static func prefill(_ report: LatencyReport, step: String) -> Double {
    report.steps.first { $0.step == step }?.meanMilliseconds[.prefill] ?? .nan
  }
}

@Suite("Conversation semantics")
struct ConversationSemanticsTests {
  @Test(
    "a call after two parallel 3,000-token tool results prefills what it does after them in sequence"
  )
  func parallelResultsReachTheParent() throws {
    let sequential = WorkflowSimulation.run(
      try ConversationScenarios.toolsThenCall(parallel: false), seed: 3)
    let parallel = WorkflowSimulation.run(
      try ConversationScenarios.toolsThenCall(parallel: true), seed: 3)
    let alone = ConversationScenarios.prefill(sequential, step: "answer")
    let joined = ConversationScenarios.prefill(parallel, step: "answer")
    #expect(alone > 0)
    #expect(abs(joined - alone) <= 1e-9 * alone, "parallel \(joined) ms vs sequence \(alone) ms")
    // explain agrees with the simulator on both shapes.
    for scenario in [
      try ConversationScenarios.toolsThenCall(parallel: false),
      try ConversationScenarios.toolsThenCall(parallel: true),
    ] {
      let analytic = ZeroLoadAnalysis.budget(of: scenario).steps[2].milliseconds[.prefill] ?? 0
      #expect(abs(analytic - alone) <= 1e-6 * alone, "explain \(analytic) ms vs \(alone) ms")
    }
  }

  @Test("a call inside a parallel section prefills the conversation so far and the initial tokens")
  func parallelChildrenInheritTheConversation() throws {
    func scenario(parallel: Bool) throws -> Scenario {
      let nodes: [ProgramNode] = [
        .llm(
          LLMNode(
            step: 0, model: 0, site: 1, promptTokens: .constant(100), outputTokens: .constant(20),
            isConversation: true, isVisible: false)),
        .tool(ToolNode(step: 1, site: 0, duration: .constant(1), resultTokens: .constant(0))),
        parallel ? .parallel([0, 1], join: 2) : .sequence([0, 1]),
        .sequence([2]),
      ]
      return try ConversationScenarios.scenario(
        nodes: nodes, root: 3, stepNames: ["ask", "noop"], initialTokens: 2_000)
    }
    let sequential = WorkflowSimulation.run(try scenario(parallel: false), seed: 4)
    let parallel = WorkflowSimulation.run(try scenario(parallel: true), seed: 4)
    let alone = ConversationScenarios.prefill(sequential, step: "ask")
    let inside = ConversationScenarios.prefill(parallel, step: "ask")
    #expect(abs(inside - alone) <= 1e-9 * alone, "parallel \(inside) ms vs sequence \(alone) ms")
  }
}

@Suite("Report semantics")
struct ReportSemanticsTests {
  @Test("throughput divides measured sessions by the measured time, not the warm-up's too")
  func throughputExcludesWarmup() {
    // Poisson arrivals at 64/s with as many warm-up sessions as measured ones: counting the
    // warm-up's time would halve the throughput.
    var scenario = Scenarios.mmc(
      servers: 4, utilization: 0.5, meanMilliseconds: 50, sessions: 20_000)
    scenario.load.warmupSessions = 20_000
    let report = WorkflowSimulation.run(scenario, seed: 8)
    // 20,000 Poisson gaps: the measured window's relative sd is 1/√20,000 ≈ 0.7%.
    let rate = 0.5 * 4 / 0.05
    #expect(
      abs(report.throughputSessionsPerSecond - rate) < 0.035 * rate,
      "throughput \(report.throughputSessionsPerSecond) vs arrival rate \(rate)")
  }
}
