import AgentSim
import Foundation
import Testing

/// A budget target under 20 ms was almost surely written in seconds: a warning that names the
/// path and the milliseconds meant, and never an error.
@Suite("Budgets written in seconds")
struct BudgetUnitWarningTests {
  /// A valid one-step workflow whose `budget` object is `budget`.
  static func text(budget: String) -> String {
    #"{"version": 1, "name": "t", "models": {"small": {"model": "llama-3.2-3b"}}, "#
      + #""sites": {"dev": {"tier": "device", "hardware": "apple-a17-pro", "serves": ["small"]}}, "#
      + #""load": {"arrival": "poisson", "rate_per_s": 1},"# + "\n"
      + #""budget": "# + budget + ",\n"
      + #""steps": [{"llm": {"name": "a", "model": "small", "site": "dev", "prompt_tokens": 1, "#
      + #""output_tokens": 5, "visible": true}}]}"#
  }

  static func warnings(budget: String) throws -> [String] {
    try WorkflowLoader.load(data: Data(text(budget: budget).utf8), file: "t.json").warnings
      .map(\.description)
  }

  @Test("every target under 20 ms is warned about, at its own key, with the value times 1000")
  func eachTarget() throws {
    #expect(
      try Self.warnings(budget: #"{"p50_ms": 0.25, "p99_ms": 19.99, "ttft_ms": 1.1}"#) == [
        "t.json:2:22: warning: $.budget.p50_ms: a budget of 0.25 ms is shorter than any "
          + "end-to-end agent task takes (under 20 ms), and budgets are in milliseconds; did you "
          + "mean 0.25 s = 250 ms?",
        "t.json:2:38: warning: $.budget.p99_ms: a budget of 19.99 ms is shorter than any "
          + "end-to-end agent task takes (under 20 ms), and budgets are in milliseconds; did you "
          + "mean 19.99 s = 19990 ms?",
        "t.json:2:56: warning: $.budget.ttft_ms: a budget of 1.1 ms is shorter than any "
          + "end-to-end agent task takes (under 20 ms), and budgets are in milliseconds; did you "
          + "mean 1.1 s = 1100 ms?",
      ])
  }

  @Test("20 ms and above, and no budget, are silent")
  func plausible() throws {
    #expect(try Self.warnings(budget: #"{"p50_ms": 20, "p99_ms": 1200, "ttft_ms": 300}"#) == [])
    let withoutBudget = Self.text(budget: "null").replacingOccurrences(
      of: #""budget": null,"#, with: "")
    #expect(try WorkflowLoader.load(data: Data(withoutBudget.utf8), file: "t.json").warnings == [])
  }

  @Test("a warning does not hide the file's errors, and the errors still fail the load")
  func withErrors() throws {
    let text = Self.text(budget: #"{"p99_ms": 1.5}"#).replacingOccurrences(
      of: #""output_tokens": 5"#, with: #""output_tokens": -5"#)
    let error = try #require(throws: DiagnosticError.self) {
      _ = try WorkflowLoader.load(data: Data(text.utf8), file: "t.json")
    }
    #expect(error.diagnostics.map(\.severity) == [.warning, .error])
    #expect(error.diagnostics.first?.path == "$.budget.p99_ms")
  }
}
