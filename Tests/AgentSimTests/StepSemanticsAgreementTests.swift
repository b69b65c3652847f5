import AgentSim
import SimulationKernel
import Testing

/// One minimal workflow per step kind: the step, then a conversation call that shows what the
/// step left in the conversation (cached prefix, pending results, moved history).
///
/// Sites: 0 the orchestrating phone, 1 a region pool with a real engine, 2 and 3 two hosted APIs
/// (the speculative step's draft and target: their times do not depend on the context, so
/// `explain`'s expected rounds are exact when every draft is accepted). Links have finite
/// bandwidth and a setup cost, so every byte a kind puts on the wire shows in the times.
enum StepKindScenarios {
  static func scenario(for kind: StepKind) throws -> Scenario {
    let step: ProgramNode
    switch kind {
    case .llm:
      step = .llm(
        LLMNode(
          step: 0, model: 0, site: 1, promptTokens: .constant(200), outputTokens: .constant(40),
          isConversation: true, isVisible: true))
    case .tool:
      step = .tool(
        ToolNode(step: 0, site: 1, duration: .constant(25), resultTokens: .constant(700)))
    case .transfer:
      step = .transfer(TransferNode(step: 0, from: 0, to: 1, bytes: .constant(200_000)))
    case .speculative:
      step = .speculative(
        SpeculativeNode(
          step: 0, draftModel: 0, draftSite: 2, targetModel: 0, targetSite: 3, draftTokens: 4,
          acceptanceRate: 1, promptTokens: .constant(120), outputTokens: .constant(41),
          isVisible: true, isConversation: true))
    }
    let followUp = ProgramNode.llm(
      LLMNode(
        step: 1, model: 0, site: 1, promptTokens: .constant(50), outputTokens: .constant(10),
        isConversation: true, isVisible: false))
    let catalog = Catalog.builtIn
    let engine = try InferenceEngine(
      hardware: catalog.hardware(named: "h100-sxm"), model: catalog.model(named: "llama-3.1-8b"),
      precision: .fp8)
    func api(firstToken: Double, perToken: Double) -> ScenarioSite.Kind {
      .hostedAPI(
        HostedAPISite(
          timeToFirstToken: .constant(firstToken), timePerToken: .constant(perToken),
          inputPricePerMillion: 1, outputPricePerMillion: 2))
    }
    func link(_ first: Int, _ second: Int, roundTrip: Double) -> ScenarioLink {
      ScenarioLink(
        first: first, second: second, roundTrip: .constant(roundTrip),
        uplinkBitsPerSecond: 2e6, downlinkBitsPerSecond: 5e6, setupMilliseconds: 30)
    }
    return Scenario(
      name: "kind-\(kind)", digest: "",
      sites: [
        ScenarioSite(
          name: "phone", tier: .device, kind: .device(DeviceSite(engines: [], activePowerWatts: 5))
        ),
        ScenarioSite(name: "region", tier: .region, kind: .shared),
        ScenarioSite(name: "draft", tier: .edge, kind: api(firstToken: 15, perToken: 3)),
        ScenarioSite(name: "target", tier: .region, kind: api(firstToken: 90, perToken: 11)),
      ],
      pools: [
        InferencePool(
          site: 1, model: 0, replicas: 1, engine: engine, maxBatch: 8, chunkTokens: 512,
          pricePerReplicaHour: 4)
      ],
      links: [link(0, 1, roundTrip: 20), link(0, 2, roundTrip: 8), link(2, 3, roundTrip: 14)],
      modelNames: ["m"],
      program: Program(
        nodes: [step, followUp, .sequence([0, 1])], root: 2, stepNames: ["step", "follow-up"],
        stepSites: ["region", "region"]),
      // One session every 1,000 s on average: none waits for another.
      load: ScenarioLoad(arrival: .poisson(ratePerSecond: 0.001), sessions: 12, warmupSessions: 0),
      budget: ScenarioBudget(), orchestratorSite: 0, initialContextTokens: 300)
  }
}

@Suite("One definition per step kind")
struct StepSemanticsAgreementTests {
  /// Durations are rounded to whole nanoseconds, a few dozen per session.
  static let tolerance = 1e-4

  /// At zero load the simulator's mean, per component and per step, equals explain's, and the
  /// sweep's lower bound lies below both.
  @Test("simulator, explain and bound agree on every step kind", arguments: StepKind.allCases)
  func interpretersAgree(_ kind: StepKind) throws {
    let scenario = try StepKindScenarios.scenario(for: kind)
    #expect(scenario.program.nodes[0].stepKind == kind)
    let report = WorkflowSimulation.run(scenario, seed: 7)
    let budget = ZeroLoadAnalysis.budget(of: scenario)
    let simulated = report.latency.meanMilliseconds
    #expect(
      abs(simulated - budget.totalMilliseconds) <= Self.tolerance,
      "\(kind): simulated \(simulated) ms, explain \(budget.totalMilliseconds) ms")
    for component in LatencyComponent.allCases {
      let mean = report.components.first { $0.component == component }?.meanMilliseconds ?? 0
      let analytic = budget.components[component] ?? 0
      #expect(
        abs(mean - analytic) <= Self.tolerance,
        "\(kind) \(component): simulated \(mean) ms, explain \(analytic) ms")
    }
    for (index, estimate) in budget.steps.enumerated() {
      for component in LatencyComponent.allCases {
        let mean = report.steps[index].meanMilliseconds[component] ?? 0
        let analytic = estimate.milliseconds[component] ?? 0
        #expect(
          abs(mean - analytic) <= Self.tolerance,
          "\(kind) \(estimate.step) \(component): simulated \(mean) ms, explain \(analytic) ms")
      }
    }
    let bound = LowerBound.of(scenario).latencyMilliseconds
    #expect(bound > 0)
    #expect(bound <= simulated, "\(kind): bound \(bound) ms above the simulated \(simulated) ms")
    #expect(
      bound <= budget.totalMilliseconds,
      "\(kind): bound \(bound) ms above explain's \(budget.totalMilliseconds) ms")
  }
}
