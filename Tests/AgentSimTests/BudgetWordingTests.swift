import AgentSim
import Foundation
import Testing

/// The step table's "most of tail" names a component only of tail time that is there, and a
/// budget's first-token target reads the same in `run`, `sweep` and `optimize`.
@Suite("Budget and tail wording")
struct BudgetWordingTests {
  /// The fixture with `summarize` taking no tail time and `fix` a negligible 0.01 ms of decode.
  static func report() throws -> LatencyReport {
    var report = ReportFixture.codingAgent()
    let summarize = try #require(report.steps.firstIndex { $0.step == "summarize" })
    let fix = try #require(report.steps.firstIndex { $0.step == "fix" })
    for component in LatencyComponent.allCases {
      report.steps[summarize].tailMilliseconds[component] = 0
      report.steps[fix].tailMilliseconds[component] = component == .decode ? 0.01 : 0
    }
    return report
  }

  @Test("a step with no or negligible tail time: no component named in 'most of tail'")
  func zeroTail() throws {
    let report = try Self.report()
    let lines = ReportRenderer.renderReport(report, style: .unicodePlain)
      .split(separator: "\n").map(String.init)
    let summarize = try #require(lines.first { $0.hasPrefix("  summarize") })
    let fix = try #require(lines.first { $0.hasPrefix("  fix ") })
    #expect(summarize.hasSuffix("  0.0  –"), "\(summarize)")
    #expect(fix.hasSuffix("  <0.1  –"), "\(fix)")
    // A step with tail time still names its largest tail component: review's tail is network
    // 70 × 3, queueing 95 × 6.4, prefill 140 × 1.3 and decode 160 × 1.4 ms.
    let review = try #require(lines.first { $0.hasPrefix("  review") })
    let tail = [70 * 3.0, 95 * 6.4, 140 * 1.3, 160 * 1.4]
    let percent = Int((100 * tail[1] / tail.reduce(0, +)).rounded())
    #expect(review.hasSuffix("queueing \(percent)%"), "\(review)")

    let html = ReportRenderer.renderHTML(report)
    #expect(html.contains("<tr><td>summarize</td><td>edge-a10</td><td>1×</td>"))
    let row = try #require(
      html.split(separator: "\n").first { $0.hasPrefix("<tr><td>summarize</td>") })
    #expect(row.hasSuffix("<td>0.0</td><td>–</td></tr>"), "\(row)")
  }

  @Test("the sweep names the first-token target as run's budget table does: first token p99")
  func sweepFirstToken() throws {
    let plan = try SweepFixture.plan(
      overrides: ["budget.ttft_ms=2000"], settings: SweepSettings(sessions: 40))
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 1).run(plan))
    let text = SweepRenderer.renderTable(report, style: .unicodePlain)
    #expect(text.contains("budget p99 ≤ 900 ms, first token p99 ≤ 2 s"), "\(text)")
    #expect(!text.contains("first token ≤"), "\(text)")
    // run's budget table, for the same target.
    let table = ReportRenderer.renderReport(ReportFixture.codingAgent(), style: .unicodePlain)
    #expect(table.contains("\n  first token p99   ≤ 1 s "), "\(table)")
  }
}
