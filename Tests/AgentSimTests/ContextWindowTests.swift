import AgentSim
import Foundation
import Testing

/// Issue 12: a context beyond the model's window is never run silently. A call whose smallest
/// context cannot fit is a diagnostic naming the window (`validate` and `run`); a larger draw or a
/// conversation that grows past it is truncated at run time, as agents do, and counted.
@Suite("Context windows")
struct ContextWindowTests {
  /// A conversation on a 4,096-token model: 3,000 initial tokens, then calls of 500 + 300 tokens.
  static func workflow(initial: Int, calls: Int) -> String {
    """
    {"version": 1, "name": "window",
     "models": {"m": {"model": "llama-2-7b", "precision": "q4"}},
     "sites": {"laptop": {"tier": "device", "hardware": "apple-m3-max", "serves": ["m"]}},
     "load": {"arrival": "poisson", "rate_per_s": 0.01, "sessions": 10},
     "context": {"initial_tokens": \(initial)},
     "steps": [{"loop": {"name": "turns", "count": \(calls), "body":
       {"llm": {"name": "turn", "model": "m", "site": "laptop", "prompt_tokens": 500,
                "output_tokens": 300}}}}]}
    """
  }

  static func report(_ text: String) throws -> LatencyReport {
    let url = try UnmeasuredRunTests.write(text, name: "window.json")
    let loaded = try WorkflowLoader.load(contentsOf: url, file: "window.json")
    return WorkflowSimulation.run(try loaded.scenario(), seed: 7)
  }

  @Test("a conversation that outgrows the window is truncated, counted and reported")
  func truncation() throws {
    // Call 1 holds 3,800 tokens; calls 2 and 3 would hold 4,600 and 5,400.
    let report = try Self.report(Self.workflow(initial: 3_000, calls: 3))
    #expect(report.truncatedCalls == 2 * 10)
    let text = ReportRenderer.renderReport(report, style: .unicodePlain)
    #expect(text.contains("20 model calls outgrew the model's context window"), "\(text)")
    let object = try JSONSerialization.jsonObject(with: ReportRenderer.renderJSON(report))
    #expect((object as? [String: Any])?["truncated_calls"] as? Int == 20)
    #expect(try ReportRenderer.decodeJSON(ReportRenderer.renderJSON(report)) == report)
    // A truncated call prefills the whole window less its output (the cache no longer matches):
    // more prefill than the untruncated first call, which prefilled 3,500 tokens.
    let fits = try Self.report(Self.workflow(initial: 3_000, calls: 1))
    #expect(fits.truncatedCalls == 0)
    let prefill = { (report: LatencyReport) in
      report.components.first { $0.component == .prefill }?.meanMilliseconds ?? 0
    }
    #expect(prefill(report) > 2 * prefill(fits))
    #expect(!ReportRenderer.renderReport(fits, style: .unicodePlain).contains("context window"))
  }

  @Test("a call that can never fit is a diagnostic naming the window")
  func staticCheck() throws {
    let url = try UnmeasuredRunTests.write(
      Self.workflow(initial: 4_000, calls: 1), name: "window.json")
    let loaded = try WorkflowLoader.load(contentsOf: url, file: "window.json")
    #expect {
      _ = try loaded.scenario()
    } throws: { error in
      let messages = (error as? DiagnosticError)?.diagnostics.map(\.message) ?? []
      return messages.contains { $0.contains("context window is 4,096 tokens") }
    }
  }
}
