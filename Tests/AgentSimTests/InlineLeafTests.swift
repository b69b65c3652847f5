import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

/// Tools and transfers under a sequence, loop or branch run in their parent's frame
/// (`Frame.inlineLeaf`) instead of a frame of their own, and so does a sequence under one
/// (`Frame.inlineSequence`): these tests check that the session holds fewer frames and that
/// nothing else changes (the same draws, events and figures as with a frame per leaf,
/// `SimulationLimits.runsLeavesInPlace` off, and per sequence, `runsSequencesInPlace` off).
@Suite("Leaves run in place")
struct InlineLeafTests {
  static func scenario(_ file: String, sessions: Int, overrides: [String] = []) throws
    -> Scenario
  {
    let url = ExampleWorkflowTests.workflows.appendingPathComponent(file)
    var scenario = try WorkflowLoader.load(contentsOf: url, file: file, overrides: overrides)
      .scenario()
    scenario.load.sessions = sessions
    scenario.load.warmupSessions = min(scenario.load.warmupSessions, sessions / 4)
    return scenario
  }

  static let framed = SimulationLimits(runsLeavesInPlace: false)
  static let framedSequences = SimulationLimits(runsSequencesInPlace: false)
  /// Steps' figures through records on the critical-path chain, messages through the queue.
  static let chained = SimulationLimits(sumsStepsInPlace: false, resumesMessagesInPlace: false)
  /// Every step through `childCompleted` and `spawnChild`, without the step cursor.
  static let unstepped = SimulationLimits(stepsInPlace: false)

  @Test("an agent-loop session holds its composite steps' frames; its tools take none")
  func toolsTakeNoFrame() throws {
    // At 100 Gbit/s (the workflow's link is free) a tool request's 1,024 bytes take 82 ns: a
    // message to resume in place.
    let scenario = try Self.scenario(
      "simpy-agent-loop.json", sessions: 1,
      overrides: ["links[0].uplink_mbps=100000", "links[0].downlink_mbps=100000"])
    var inPlace = SessionSimulator.makeSimulation(scenario: scenario, seed: 3)
    inPlace.run()
    var framed = SessionSimulator.makeSimulation(scenario: scenario, seed: 3, limits: Self.framed)
    framed.run()
    var framedSequences = SessionSimulator.makeSimulation(
      scenario: scenario, seed: 3, limits: Self.framedSequences)
    framedSequences.run()
    #expect(inPlace.model.finishedSessions == 1)
    // Slots ever allocated = the most frames alive at once: the workflow's top-level sequence,
    // the loop and, with a frame per sequence, one iteration's sequence and, with a frame per
    // leaf, the running tool.
    #expect(inPlace.model.frames.count == 2)
    #expect(framedSequences.model.frames.count == 3)
    #expect(framed.model.frames.count == 4)
    #expect(inPlace.model.frames.liveCount == 0)
    #expect(inPlace.handledCount == framed.handledCount)
    #expect(inPlace.handledCount == framedSequences.handledCount)
    var chained = SessionSimulator.makeSimulation(scenario: scenario, seed: 3, limits: Self.chained)
    chained.run()
    // Each tool call's request to the pool (a tenth of a microsecond) resumes in place: the same
    // events, ten fewer trips through the queue.
    #expect(inPlace.model.resumedInPlace == 10)
    #expect(chained.model.resumedInPlace == 0)
    // The step cursor starts every tool but the first of the session (19 of 20).
    #expect(inPlace.model.steppedInPlace == 19)
    var unstepped = SessionSimulator.makeSimulation(
      scenario: scenario, seed: 3, limits: Self.unstepped)
    unstepped.run()
    #expect(unstepped.model.steppedInPlace == 0)
    #expect(inPlace.handledCount == unstepped.handledCount)
    #expect(inPlace.model.statistics.stepSums == unstepped.model.statistics.stepSums)
    #expect(inPlace.handledCount == chained.handledCount)
    #expect(inPlace.model.statistics.stepSums == chained.model.statistics.stepSums)
    #expect(inPlace.model.statistics.latency.count == 1)
  }

  @Test(
    "leaves and sequences in place, step sums and messages in place change no figure of any example",
    arguments: [
      "agent-prompt-cache.json", "coding-agent.json", "document-extraction.json",
      "embedded-fallback.json", "multi-agent-research.json", "placement-sweep.json",
      "router-cascade.json", "simpy-agent-loop.json", "speculative-decoding.json",
      "voice-assistant.json",
    ])
  func sameReports(file: String) throws {
    let scenario = try Self.scenario(file, sessions: 400)
    let inPlace = WorkflowSimulation.run(scenario, seed: 5)
    let framed = WorkflowSimulation.run(scenario, seed: 5, limits: Self.framed)
    let framedSequences = WorkflowSimulation.run(scenario, seed: 5, limits: Self.framedSequences)
    let chained = WorkflowSimulation.run(scenario, seed: 5, limits: Self.chained)
    let unstepped = WorkflowSimulation.run(scenario, seed: 5, limits: Self.unstepped)
    #expect(inPlace.run.sessions > 0)
    #expect(inPlace == framed)
    #expect(inPlace == framedSequences)
    #expect(inPlace == chained)
    #expect(inPlace == unstepped)
  }

  @Test("a tool and a transfer under a branch and a loop, over a drawn round trip, draw the same")
  func branchAndLoopOfLeaves() {
    // loop(3) of branch{ 0.5: sequence[tool at pool, transfer], 0.5: tool on the device }
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 1, duration: .exponential(mean: 20))),
      .transfer(TransferNode(step: 1, from: 0, to: 1, bytes: .uniform(lower: 1e5, upper: 1e6))),
      .sequence([0, 1]),
      .tool(ToolNode(step: 2, site: 0, duration: .lognormal(mu: 1, sigma: 0.5))),
      .branch([
        BranchTarget(cumulativeProbability: 0.5, node: 2),
        BranchTarget(cumulativeProbability: 1, node: 3),
      ]),
      .loop(body: 4, repetition: .count(3)),
    ]
    var scenario = Scenario(
      name: "leaves", digest: "", sites: Scenarios.sites(toolWorkers: 2), pools: [],
      links: [
        ScenarioLink(
          first: 0, second: 1, roundTrip: .lognormal(median: 10, p99: 40),
          uplinkBitsPerSecond: 1e8, downlinkBitsPerSecond: 1e8)
      ],
      modelNames: [],
      program: Program(
        nodes: nodes, root: 5, stepNames: ["work", "upload", "local"],
        stepSites: ["pool", "pool", "device"]),
      load: ScenarioLoad(arrival: .poisson(ratePerSecond: 20), sessions: 2_000, warmupSessions: 0),
      budget: ScenarioBudget(p99Milliseconds: 1000), orchestratorSite: 0)
    let inPlace = WorkflowSimulation.run(scenario, seed: 8)
    let framed = WorkflowSimulation.run(scenario, seed: 8, limits: Self.framed)
    let framedSequences = WorkflowSimulation.run(scenario, seed: 8, limits: Self.framedSequences)
    let unstepped = WorkflowSimulation.run(scenario, seed: 8, limits: Self.unstepped)
    #expect(inPlace.run.sessions == 2_000)
    #expect(inPlace == framed)
    #expect(inPlace == framedSequences)
    #expect(inPlace == unstepped)
    scenario.load.sessions = 1
    var single = SessionSimulator.makeSimulation(scenario: scenario, seed: 8)
    single.run()
    // The loop and the branch; neither a leaf nor the branch's sequence took a frame.
    #expect(single.model.frames.count <= 2)
  }

  @Test("nested sequences, empty ones and a geometric loop of them draw the same in place")
  func nestedSequences() {
    // loop(p 0.7, ≤ 6) of sequence[tool, sequence[tool at pool, sequence[], transfer], tool]
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 1, duration: .exponential(mean: 20))),
      .transfer(TransferNode(step: 1, from: 0, to: 1, bytes: .uniform(lower: 1e5, upper: 1e6))),
      .sequence([]),
      .sequence([0, 2, 1]),
      .tool(ToolNode(step: 2, site: 0, duration: .lognormal(mu: 1, sigma: 0.5))),
      .sequence([4, 3, 4]),
      .loop(body: 5, repetition: .geometric(probability: 0.7, maximum: 6)),
    ]
    let scenario = Scenario(
      name: "sequences", digest: "", sites: Scenarios.sites(toolWorkers: 2), pools: [],
      links: [
        ScenarioLink(
          first: 0, second: 1, roundTrip: .lognormal(median: 10, p99: 40),
          uplinkBitsPerSecond: 1e8, downlinkBitsPerSecond: 1e8)
      ],
      modelNames: [],
      program: Program(
        nodes: nodes, root: 6, stepNames: ["work", "upload", "local"],
        stepSites: ["pool", "pool", "device"]),
      load: ScenarioLoad(arrival: .poisson(ratePerSecond: 20), sessions: 2_000, warmupSessions: 0),
      budget: ScenarioBudget(p99Milliseconds: 1000), orchestratorSite: 0)
    let inPlace = WorkflowSimulation.run(scenario, seed: 9)
    let framed = WorkflowSimulation.run(scenario, seed: 9, limits: Self.framed)
    let framedSequences = WorkflowSimulation.run(scenario, seed: 9, limits: Self.framedSequences)
    let chained = WorkflowSimulation.run(scenario, seed: 9, limits: Self.chained)
    let unstepped = WorkflowSimulation.run(scenario, seed: 9, limits: Self.unstepped)
    #expect(inPlace == chained)
    #expect(inPlace == unstepped)
    #expect(inPlace.run.sessions == 2_000)
    #expect(inPlace == framed)
    #expect(inPlace == framedSequences)
  }

  @Test("the step cursor walks leaves under sequences, fixed loops and drawn loops as frames do")
  func stepCursor() {
    // sequence[tool, loop(drawn ≤ 5) of tool, loop(3) of sequence[tool at pool, transfer, tool],
    //          sequence[transfer, tool], tool]
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 1, duration: .exponential(mean: 20))),
      .transfer(TransferNode(step: 1, from: 0, to: 1, bytes: .uniform(lower: 1e5, upper: 1e6))),
      .tool(ToolNode(step: 2, site: 0, duration: .lognormal(mu: 1, sigma: 0.5))),
      .loop(body: 2, repetition: .drawn(.uniform(lower: 0, upper: 5), maximum: 5)),
      .sequence([0, 1, 2]),
      .loop(body: 4, repetition: .count(3)),
      .sequence([1, 0]),
      .sequence([2, 3, 5, 6, 0]),
    ]
    var scenario = Scenario(
      name: "cursor", digest: "", sites: Scenarios.sites(toolWorkers: 2), pools: [],
      links: [
        ScenarioLink(
          first: 0, second: 1, roundTrip: .lognormal(median: 10, p99: 40),
          uplinkBitsPerSecond: 1e8, downlinkBitsPerSecond: 1e8)
      ],
      modelNames: [],
      program: Program(
        nodes: nodes, root: 7, stepNames: ["work", "upload", "local"],
        stepSites: ["pool", "pool", "device"]),
      load: ScenarioLoad(arrival: .poisson(ratePerSecond: 10), sessions: 1_000, warmupSessions: 0),
      budget: ScenarioBudget(p99Milliseconds: 1000), orchestratorSite: 0)
    let stepped = WorkflowSimulation.run(scenario, seed: 11)
    let unstepped = WorkflowSimulation.run(scenario, seed: 11, limits: Self.unstepped)
    let framed = WorkflowSimulation.run(scenario, seed: 11, limits: Self.framed)
    #expect(stepped.run.sessions == 1_000)
    #expect(stepped == unstepped)
    #expect(stepped == framed)
    scenario.load.sessions = 1
    var single = SessionSimulator.makeSimulation(scenario: scenario, seed: 11)
    single.run()
    var singleUnstepped = SessionSimulator.makeSimulation(
      scenario: scenario, seed: 11, limits: Self.unstepped)
    singleUnstepped.run()
    #expect(single.model.steppedInPlace > 0)
    #expect(single.handledCount == singleUnstepped.handledCount)
    #expect(single.model.statistics.stepSums == singleUnstepped.model.statistics.stepSums)
  }
}
