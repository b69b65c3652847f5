import AgentSim
import Foundation
import Testing

/// Issue 12's honest early stops: a run in which no measured session finished prints no latency,
/// tick or margin in any format; a run whose sessions took no time says so instead of "no measured
/// sessions"; a sweep point that runs away is infeasible with the reason.
@Suite("Runs that measure nothing")
struct UnmeasuredRunTests {
  /// A workflow whose first session runs past the century horizon: 2,000 tool calls of 30 days.
  static func runaway(count: Int = 2_000) -> String {
    """
    {"version": 1, "name": "runaway",
     "sites": {"phone": {"tier": "device", "hardware": "apple-a17-pro"}},
     "load": {"arrival": "poisson", "rate_per_s": 1, "sessions": 10},
     "budget": {"p50_ms": 700, "p99_ms": 1000},
     "steps": [{"loop": {"name": "wait", "count": \(count), "body":
       {"tool": {"name": "sleep", "site": "phone", "duration_ms": 2592000000}}}}]}
    """
  }

  /// A workflow whose only step is a loop that never runs its body.
  static let emptyLoop = """
    {"version": 1, "name": "loop-zero",
     "models": {"m": {"model": "llama-3.2-3b", "precision": "q4"}},
     "sites": {"phone": {"tier": "device", "hardware": "apple-a17-pro", "serves": ["m"]}},
     "load": {"arrival": "poisson", "rate_per_s": 1, "sessions": 20},
     "budget": {"p50_ms": 700},
     "steps": [{"loop": {"name": "l", "count": 0, "body": {"llm": {"name": "r", "model": "m",
       "site": "phone", "prompt_tokens": 30, "output_tokens": 10}}}}]}
    """

  static func write(_ text: String, name: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-unmeasured-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  static func report(_ text: String) throws -> LatencyReport {
    let url = try write(text, name: "workflow.json")
    let loaded = try WorkflowLoader.load(contentsOf: url, file: "workflow.json")
    return WorkflowSimulation.run(try loaded.scenario(), seed: 42)
  }

  @Test("no measured session: JSON has null latency, energy and cost and no checks")
  func jsonHasNoFigures() throws {
    let report = try Self.report(Self.runaway())
    #expect(!report.hasMeasuredSessions)
    #expect(report.stoppedEarly?.isRunaway == true)
    let data = try ReportRenderer.renderJSON(report)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["latency"] is NSNull)
    #expect(object["device_energy_joules_per_session"] is NSNull)
    #expect(object["cost_dollars_per_session"] is NSNull)
    #expect(object["time_to_first_token"] == nil)
    #expect((object["components"] as? [Any])?.isEmpty == true)
    #expect((object["steps"] as? [Any])?.isEmpty == true)
    let verdict = try #require(object["verdict"] as? [String: Any])
    #expect((verdict["checks"] as? [Any])?.isEmpty == true)
    #expect(verdict["met"] as? Bool == false)
    let summary = try #require(verdict["summary"] as? String)
    #expect(summary.hasPrefix("no measured session finished"))
    #expect(!summary.contains("0 ms"))
    // And it reads back as the same report.
    #expect(try ReportRenderer.decodeJSON(data) == report)
  }

  @Test("no measured session: text, CSV and HTML print no latency, tick or margin")
  func otherFormatsHaveNoFigures() throws {
    let report = try Self.report(Self.runaway())
    let text = ReportRenderer.renderReport(
      report, style: TerminalStyle(unicode: true, color: false))
    #expect(text.contains("no measured session finished"))
    for figure in ["✓", "to spare", "0 ms", "p50", "$"] {
      #expect(!text.contains(figure), "text: \(figure)\n\(text)")
    }
    let csv = ReportRenderer.summaryCSV(report).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = csv[0]
    let row = csv[1]
    for key in [
      "p50_ms", "p99_ms", "mean_ms", "device_energy_joules_per_session",
      "cost_dollars_per_session",
    ] {
      let column = try #require(header.firstIndex(of: key))
      #expect(row[column] == "", "\(key): \(row[column])")
    }
    let html = ReportRenderer.renderHTML(report)
    #expect(html.contains("no measured session finished"))
    for figure in ["<h2>Latency</h2>", "✓", "to spare", "0 ms", "device energy", "cost $"] {
      #expect(!html.contains(figure), "HTML: \(figure)")
    }
  }

  @Test("sessions that take no time are counted, not called unmeasured")
  func zeroLatencySessions() throws {
    let report = try Self.report(Self.emptyLoop)
    #expect(report.hasMeasuredSessions)
    #expect(report.run.sessions == 20)
    let text = ReportRenderer.renderReport(
      report, style: TerminalStyle(unicode: true, color: false))
    #expect(text.contains("20 sessions"))
    #expect(text.contains("all 20 sessions took 0 ms"))
    #expect(!text.contains("no measured sessions"))
    #expect(!ReportRenderer.renderHTML(report).contains("no measured sessions"))
  }

  @Test("a sweep point that runs away is infeasible, with the reason, and the sweep goes on")
  func sweepRunawayIsInfeasible() throws {
    let url = try Self.write(Self.runaway(count: 1), name: "runaway.json")
    let plan = try SweepPlan.load(
      contentsOf: url, file: "runaway.json",
      axes: [ParameterAxis(key: "steps[0].loop.count", values: ["1", "2000"])],
      settings: SweepSettings(sessions: 10))
    let results = SweepRunner(jobs: 2).run(plan)
    #expect(results.count == 2)
    #expect(results[0].status == .simulated)
    #expect(results[0].metrics?.sessions == 10)
    #expect(results[1].status == .infeasible)
    #expect(results[1].metrics == nil)
    let reason = try #require(results[1].reasons.first)
    #expect(reason.contains("the run stopped in step 'sleep'"), "\(reason)")
    let report = SweepReport(sweep: plan.identity, results: results)
    #expect(report.counts.infeasible == 1)
  }
}
