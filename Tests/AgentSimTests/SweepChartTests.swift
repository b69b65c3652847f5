import AgentSim
import Foundation
import Testing

/// The sweep's Pareto chart reads at a glance: legend symbols never touch a label, a p99 axis
/// under a decade still has several ticks, and the recommendation's label carries a halo.
@Suite("Sweep chart")
struct SweepChartTests {
  static func chart() throws -> String {
    let plan = try SweepFixture.plan(settings: SweepSettings(sessions: 60))
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    return SVGChart.pareto(for: report).render()
  }

  /// The `x` of every `<text>` whose content is `label`.
  static func textX(_ svg: String, _ label: String) -> [Double] {
    svg.split(separator: "\n").filter { $0.hasSuffix(">\(label)</text>") }.compactMap { line in
      line.firstRange(of: "x=\"").flatMap { range in
        Double(line[range.upperBound...].prefix { $0 != "\"" })
      }
    }
  }

  @Test("each legend label starts at least 5 px right of its symbol and ends before the next")
  func legendSpacing() throws {
    let svg = try Self.chart()
    let labels = [
      "misses the budget", "meets the budget", "Pareto front", "recommended",
      "p99 budget",
    ]
    let starts = try labels.map { try #require(Self.textX(svg, $0).first, "\($0)") }
    // The ring of "recommended" is the symbol nearest its label: radius 6 plus half its stroke.
    let ring = try #require(
      svg.split(separator: "\n").first { $0.contains("r=\"6.0\"") && $0.contains("fill=\"none\"") })
    let cx = try #require(
      ring.firstRange(of: "cx=\"").flatMap { Double(ring[$0.upperBound...].prefix { $0 != "\"" }) })
    #expect(starts[3] - (cx + 6 + 1.25) >= 5, "ring edge \(cx + 7.25), label \(starts[3])")
    for index in 0..<(labels.count - 1) {
      let end = starts[index] + Double(labels[index].count) * 12 * 0.55
      #expect(starts[index + 1] - end >= 24, "\(labels[index]) ends at \(end)")
    }
  }

  @Test("a p99 axis spanning under a decade gets at least four labelled ticks")
  func logTicks() throws {
    let svg = try Self.chart()
    let tickLabels = svg.split(separator: "\n").filter {
      $0.contains("text-anchor=\"middle\"") && $0.contains("font-size=\"11.0\"")
        && ($0.hasSuffix(" ms</text>") || $0.hasSuffix(" s</text>"))
    }
    #expect(tickLabels.count >= 4, "\(tickLabels)")
    // The round 1-2-5 values stay, whatever fills in between.
    #expect(tickLabels.contains { $0.hasSuffix(">1 s</text>") }, "\(tickLabels)")
    #expect(tickLabels.contains { $0.hasSuffix(">2 s</text>") }, "\(tickLabels)")
  }

  @Test("the recommendation's label has a halo")
  func labelHalo() throws {
    let svg = try Self.chart()
    let label = try #require(svg.split(separator: "\n").first { $0.contains(">recommended #") })
    #expect(label.contains("paint-order=\"stroke\""))
  }
}

/// Sweep sentences print energy as every table does.
@Suite("Sweep sentences")
struct SweepSentenceTests {
  @Test("an energy recommendation groups joules: 1,356 J, not 1356 J")
  func groupedJoules() throws {
    let plan = try SweepFixture.plan(settings: SweepSettings(sessions: 60, objective: .energy))
    var results = SweepRunner(jobs: 2).run(plan)
    for index in results.indices {
      results[index].metrics?.energyJoules += 1_356
    }
    let report = SweepReport(sweep: plan.identity, results: results)
    let sentence = report.recommendation
    #expect(sentence.contains("J of device energy"), "\(sentence)")
    #expect(
      sentence.range(of: #"\d,\d{3}(\.\d+)? J"#, options: .regularExpression) != nil, "\(sentence)")
  }
}

/// One point is "1 point", and one point meets the budget.
@Suite("Sweep counts in words")
struct SweepCountWordsTests {
  @Test("a one-point sweep says 1 point and 1 meets")
  func singular() throws {
    let plan = try SweepPlan.load(
      contentsOf: ReadmeClaimsTests.root.appendingPathComponent("workflows/simpy-agent-loop.json"),
      file: "simpy-agent-loop.json", settings: SweepSettings(sessions: 30))
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 1).run(plan))
    let text = SweepRenderer.renderTable(report, style: .unicodePlain)
    #expect(text.contains("1 point (placements)"), "\(text)")
    #expect(!text.contains("1 points"))
    if report.counts.meetingBudget == 1 { #expect(text.contains("1 meets the budget")) }
    let html = SweepRenderer.renderHTML(report)
    #expect(html.contains("1 point ·") && !html.contains("1 points"))
  }
}

/// The sweep page at narrow widths: the legend stays inside the chart, and the main-effects
/// table never breaks a number from its unit.
@Suite("Sweep page layout")
struct SweepPageLayoutTests {
  @Test("the legend's last label ends inside the 760 px chart")
  func legendFits() throws {
    let svg = try SweepChartTests.chart()
    let start = try #require(SweepChartTests.textX(svg, "p99 budget").first)
    #expect(start + Double("p99 budget".count) * 12 * 0.7 <= 760, "starts at \(start)")
  }

  @Test("the main-effects table joins numbers to units with no-break spaces")
  func effectsKeepUnits() throws {
    let plan = try SweepFixture.plan(settings: SweepSettings(sessions: 60))
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let html = SweepRenderer.renderHTML(report)
    let table = try #require(
      html.components(separatedBy: "<th>mean by level</th>").dropFirst().first?
        .components(separatedBy: "</table>").first)
    #expect(table.contains("\u{00A0}ms") || table.contains("\u{00A0}s<"))
    #expect(table.range(of: #"\d (ms|s|min)\b"#, options: .regularExpression) == nil)
  }
}
