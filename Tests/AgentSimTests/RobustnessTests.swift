import AgentSim
import Foundation
import SimulationKernel
import Testing

/// Issue 12 in the library: ranges the simulation cannot overflow, runaway limits, honest early
/// stops and located catalog errors.
@Suite("Robustness")
struct RobustnessTests {
  static let workflows = ExampleWorkflowTests.workflows

  static func scenario(_ example: String, set overrides: [String] = []) throws -> Scenario {
    try WorkflowLoader.load(
      contentsOf: workflows.appendingPathComponent(example), file: example, overrides: overrides
    ).scenario()
  }

  @Test(
    "no draw exceeds the largest draw the decoder checks, over many seeds",
    arguments: [
      Distribution.exponential(mean: 3), .normal(mean: 10, standardDeviation: 4),
      .lognormal(mu: 2, sigma: 1.5), .gamma(shape: 0.3, scale: 2), .gamma(shape: 7, scale: 0.5),
      .uniform(lower: 1, upper: 2),
    ])
  func largestDraw(_ distribution: Distribution) {
    let bound = distribution.largestDraw
    #expect(bound.isFinite)
    var largest = -Double.infinity
    for seed in 0..<20 {
      var generator = Xoshiro256StarStar(seed: UInt64(seed), stream: 3)
      for _ in 0..<5_000 { largest = max(largest, distribution.sample(using: &generator)) }
    }
    #expect(largest <= bound)
    // The bound is not absurdly loose where the tail is light.
    if case .uniform = distribution { #expect(bound == 2) }
  }

  @Test("saturating durations clamp absurd and non-finite values instead of trapping")
  func saturatingDurations() {
    #expect(SimDuration.saturating(seconds: 1e30) == SimDuration.saturationLimit)
    #expect(SimDuration.saturating(milliseconds: .nan) == SimDuration.saturationLimit)
    #expect(SimDuration.saturating(seconds: -5) == .zero)
    #expect(SimDuration.saturating(milliseconds: 1.5) == .nanoseconds(1_500_000))
  }

  @Test("a session past the work budget ends the run as a runaway naming the step")
  func workBudget() throws {
    let scenario = try Self.scenario(
      "coding-agent.json", set: ["load.sessions=5", "load.warmup_sessions=0"])
    let report = WorkflowSimulation.run(
      scenario, seed: 1, limits: SessionSimulator.Limits(maximumWorkPerSession: 3))
    let stop = try #require(report.stoppedEarly)
    #expect(stop.cause == .sessionWorkLimit)
    #expect(stop.isRunaway)
    #expect(stop.step != nil)
    let diagnostic = try #require(stop.runawayDiagnostic(file: "coding-agent.json"))
    #expect(diagnostic.message.contains("one session ran more than 3 steps"))
  }

  @Test("the simulated clock past the horizon ends the run as a runaway, not a trap")
  func timeHorizon() throws {
    let scenario = try Self.scenario(
      "voice-assistant.json", set: ["load.sessions=50", "load.warmup_sessions=0"])
    let report = WorkflowSimulation.run(
      scenario, seed: 1, limits: SessionSimulator.Limits(simulatedTimeHorizon: .seconds(1)))
    #expect(report.stoppedEarly?.cause == .simulatedTimeLimit)
    // The report carries a typed trigger; only Rendering words it.
    let stop = try #require(report.stoppedEarly)
    guard case .simulatedTime(let seconds, let horizon) = stop.trigger else {
      Issue.record("expected a simulated-time trigger, found \(stop.trigger)")
      return
    }
    #expect(horizon == 1 && seconds > horizon)
    #expect(stop.detail.hasPrefix("simulated time reached "))
    let json = String(decoding: try ReportRenderer.renderJSON(report), as: UTF8.self)
    #expect(json.contains("\"stopped_early\""))
    #expect(json.contains("\"simulated_time_limit\""))
    #expect(json.contains("\"detail\" : \"\(stop.detail)\""))
    // Read back from JSON, the stop keeps its words.
    let decoded = try JSONDecoder().decode(LatencyReport.self, from: Data(json.utf8))
    #expect(decoded.stoppedEarly?.trigger == .recorded(stop.detail))
    #expect(decoded.stoppedEarly?.detail == stop.detail)
  }

  @Test("with no measured session, no latency, ✓ or margin is printed, and JSON says why")
  func noMeasuredSession() throws {
    let scenario = try Self.scenario(
      "coding-agent.json",
      set: ["load.rate_per_s=100", "load.sessions=200", "load.warmup_sessions=0"])
    let report = WorkflowSimulation.run(
      scenario, seed: 1, limits: SessionSimulator.Limits(maximumActiveSessions: 30))
    #expect(report.run.sessions == 0)
    let stop = try #require(report.stoppedEarly)
    #expect(stop.cause == .overload)
    #expect(stop.trigger == .overload(.sessionsInFlight(31)), "\(stop.trigger)")
    #expect(stop.detail == "31 sessions in flight")
    let text = ReportRenderer.renderReport(report, style: .unicodePlain)
    #expect(text.contains("no measured session finished"))
    #expect(text.contains("over capacity"))
    for absent in ["✓", "to spare", "p50", "Latency", "cost $"] {
      #expect(!text.contains(absent), "\(absent)")
    }
    let json = String(decoding: try ReportRenderer.renderJSON(report), as: UTF8.self)
    #expect(json.contains("\"cause\" : \"overload\""))
  }

  @Test("progress reporting pauses the run without changing its result")
  func progressIsInvisible() throws {
    let scenario = try Self.scenario(
      "voice-assistant.json", set: ["load.sessions=300", "load.warmup_sessions=10"])
    let plain = WorkflowSimulation.run(scenario, seed: 9)
    var calls: [Int] = []
    let reported = WorkflowSimulation.run(scenario, seed: 9, progressEvery: 64) {
      calls.append($0.done)
    }
    #expect(reported == plain)
    #expect(calls == [64, 128, 192, 256])
  }

  @Test("a user catalog's out-of-range numbers are rejected with line:column")
  func catalogRanges() throws {
    let text = """
      {"hardware": [
        {"name": "huge", "tier": "edge", "memory_gb": 1e15, "memory_bandwidth_gb_per_s": 500,
         "peak_tflops": {"fp16": 100}, "memory_efficiency": 1e-9, "compute_efficiency": 0.5,
         "active_power_w": 200, "source": "test"}]}
      """
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("agentsim-catalog-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    do {
      _ = try Catalog.builtIn.loadingUserDefinitions(from: url)
      Issue.record("expected diagnostics")
    } catch let error as DiagnosticError {
      let lines = error.diagnostics.map {
        "\($0.line ?? 0):\($0.column ?? 0) \($0.path): \($0.message)"
      }
      #expect(
        lines == [
          "2:49 $.hardware[0].memory_gb: expected a number in [0.001, 100000], found 1000000000000000.0",
          "3:55 $.hardware[0].memory_efficiency: expected a number in [0.001, 1], found 1e-09",
        ])
    }
  }
}
