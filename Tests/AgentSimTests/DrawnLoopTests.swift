import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

@Suite("Loops with a drawn count")
struct DrawnLoopTests {
  /// A 1 ms device tool repeated by a loop with `repetition`.
  static func scenario(_ repetition: LoopRepetition, sessions: Int) -> Scenario {
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 0, duration: .constant(1))),
      .loop(body: 0, repetition: repetition),
    ]
    return Scenario(
      name: "drawn", digest: "", sites: Scenarios.sites(toolWorkers: 0), pools: [],
      links: [Scenarios.link(roundTrip: .constant(0))], modelNames: [],
      program: Program(nodes: nodes, root: 1, stepNames: ["work"], stepSites: ["device"]),
      load: ScenarioLoad(
        arrival: .poisson(ratePerSecond: 0.01), sessions: sessions, warmupSessions: 0),
      budget: ScenarioBudget(), orchestratorSite: 0)
  }

  /// round(U(0, 10)) capped at 6: P(N = 0) = 0.05, P(N = k) = 0.1 for k in 1...5, P(N = 6) =
  /// 0.45, so E[N] = 1.5 + 2.7 = 4.2 and Var[N] = 21.7 − 4.2² = 4.06.
  @Test("a drawn count runs the body as often as the rounded, capped distribution says")
  func drawnCountMatchesItsDistribution() {
    let repetition = LoopRepetition.drawn(.uniform(lower: 0, upper: 10), maximum: 6)
    #expect(abs(repetition.expectedCount - 4.2) < 1e-12)
    #expect(repetition.probabilityOfRunning(atLeast: 7) == 0)
    let sessions = 20_000
    let report = WorkflowSimulation.run(Self.scenario(repetition, sessions: sessions), seed: 9)
    let runs = report.steps[0].executionsPerSession
    let standardError = (4.06 / Double(sessions)).squareRoot()
    #expect(abs(runs - 4.2) < 4 * standardError, "\(runs) runs per session")
    // Never more than the cap: each run is 1 ms of tool time.
    #expect(report.latency.maxMilliseconds <= 6 + 1e-6)
    // Some sessions draw 0 runs and take no time.
    #expect(report.histogram.isEmpty || report.latency.p50Milliseconds > 0)
  }

  @Test("a distribution count decodes with max_iterations, and bounds the leaf count with it")
  func decodesWithItsBound() throws {
    let text = #"""
      {"version": 1, "name": "w", "models": {"m": {"model": "llama-3.2-1b"}},
       "sites": {"dev": {"tier": "device", "hardware": "apple-m3-max", "serves": ["m"]}},
       "load": {"arrival": "poisson", "rate_per_s": 1, "sessions": 10},
       "steps": [{"loop": {"name": "l", "max_iterations": 40,
                           "count": {"lognormal": {"median": 15, "p99": 1000}},
                           "body": {"tool": {"name": "t", "site": "dev", "duration_ms": 5}}}}]}
      """#
    let loaded = try WorkflowLoader.load(data: Data(text.utf8), file: "t.json")
    guard case .loop(let loop) = loaded.workflow.steps[0].kind,
      case .drawn(_, let maximum) = loop.repetition
    else {
      Issue.record("expected a loop with a drawn count")
      return
    }
    #expect(maximum == 40)
    #expect(loaded.workflow.steps[0].maximumLeafExecutions == 40)
  }
}
