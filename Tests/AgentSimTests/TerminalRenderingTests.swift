import AgentSim
import Foundation
import Testing

@Suite("Terminal rendering")
struct TerminalRenderingTests {
  static let styles = [
    TerminalStyle(unicode: true, color: false), TerminalStyle(unicode: true, color: true),
    TerminalStyle(unicode: false, color: false), TerminalStyle(unicode: false, color: true),
  ]

  @Test("every line fits in 80 columns", arguments: styles)
  func width(style: TerminalStyle) {
    for report in [ReportFixture.codingAgent(), ReportFixture.extreme()] {
      let text = ReportRenderer.renderReport(report, style: style)
      let widest = TerminalText.widestLine(text)
      #expect(widest.graphemes <= 80, "\(widest.line)")
      #expect(widest.scalars <= 80, "\(widest.line)")
    }
  }

  @Test("row labels stay whole when minute-long figures widen every column", arguments: styles)
  func labelsStayWhole(style: TerminalStyle) {
    var report = ReportFixture.codingAgent()
    // 4.94 min etc.: eight-character cells in all seven columns overflow 80 columns at the
    // default two-space gap; the table must close its gaps before it cuts a label.
    for keyPath in [
      \PercentileSummary.meanMilliseconds, \.p50Milliseconds, \.p90Milliseconds,
      \.p95Milliseconds, \.p99Milliseconds, \.p999Milliseconds, \.maxMilliseconds,
    ] {
      report.latency[keyPath: keyPath] = 296_400
      report.timeToFirstToken?[keyPath: keyPath] = 292_200
    }
    let text = ReportRenderer.renderReport(report, style: style)
    #expect(text.contains("end to end"))
    #expect(text.contains("first token"))
    #expect(TerminalText.widestLine(text).graphemes <= 80)
  }

  @Test("no escape codes without colour; some with it", arguments: styles)
  func escapes(style: TerminalStyle) {
    let text = ReportRenderer.renderReport(ReportFixture.codingAgent(), style: style)
    #expect(text.contains("\u{1B}") == style.color)
    #expect(text.contains("\u{1B}[31m") == style.color, "a missed budget is red")
  }

  @Test("ASCII mode prints only ASCII, even for non-ASCII names")
  func asciiOnly() {
    for report in [ReportFixture.codingAgent(), ReportFixture.extreme()] {
      for color in [false, true] {
        let text = ReportRenderer.renderReport(
          report, style: TerminalStyle(unicode: false, color: color))
        let offending = text.unicodeScalars.filter { !$0.isASCII }
        #expect(offending.isEmpty, "non-ASCII: \(String(String.UnicodeScalarView(offending)))")
        #expect(text.contains("MISS "))
        #expect(text.contains("|###"))
      }
    }
  }

  @Test("a user's control characters never reach the terminal")
  func controlCharactersInNames() {
    var report = ReportFixture.codingAgent()
    report.run.workflow = "evil\u{1B}[2J\u{7}name\u{202E}"
    report.steps[0].step = "plan\u{1B}]0;title\u{7}"
    let text = ReportRenderer.renderReport(report, style: .unicodePlain)
    #expect(!text.contains("\u{1B}"))
    #expect(!text.contains("\u{7}"))
    #expect(!text.contains("\u{202E}"))
  }

  @Test("the header names the workflow, sessions, seed, placement, version, digest and events")
  func header() {
    let lines = TerminalText.lines(
      ReportRenderer.renderTable(ReportFixture.codingAgent(), style: .unicodePlain))
    #expect(
      lines[0] == "coding-agent · 10,000 sessions (+500 warm-up) · seed 42 · agentsim 0.1.0")
    #expect(lines[1].hasPrefix("placement  plan=edge-a10 retrieve=device code=region-h100"))
    #expect(lines.contains("digest 9f3a1c2e4b5d6e7f · 48,213,554 events · 35.2 min simulated"))
  }

  @Test("the latency summary uses adaptive units")
  func latencySummary() {
    let lines = TerminalText.lines(
      ReportRenderer.renderTable(ReportFixture.codingAgent(), style: .unicodePlain))
    #expect(lines.contains { $0.hasPrefix("Latency") && $0.hasSuffix("p99   p99.9     max") })
    #expect(lines.contains("  end to end   3.03 s  2.78 s  4.39 s  5.07 s  6.83 s  9.47 s  12.6 s"))
    #expect(lines.contains("  first token  312 ms  288 ms  403 ms  468 ms  742 ms  1.18 s  1.54 s"))
  }

  @Test("the budget table's shares add up to 100%, for the mean and for the tail")
  func sharesAddUp() throws {
    // Thirds are the classic case where rounding each share alone prints 99.9%.
    var thirds = ReportFixture.codingAgent()
    thirds.components = [
      ComponentShare(component: .network, meanMilliseconds: 1, tailMilliseconds: 2),
      ComponentShare(component: .prefill, meanMilliseconds: 1, tailMilliseconds: 2),
      ComponentShare(component: .decode, meanMilliseconds: 1, tailMilliseconds: 2),
    ]
    for report in [ReportFixture.codingAgent(), thirds] {
      let lines = TerminalText.lines(ReportRenderer.renderTable(report, style: .unicodePlain))
      let start = try #require(lines.firstIndex { $0.hasPrefix("Where the time goes") })
      let end = try #require(lines[start...].firstIndex { $0.hasPrefix("  total") })
      var meanSum = 0.0
      var tailSum = 0.0
      for line in lines[(start + 1)..<end] {
        let percents = line.split(separator: " ").filter { $0.hasSuffix("%") }
          .compactMap { Double($0.dropLast()) }
        try #require(percents.count == 2, "\(line)")
        meanSum += percents[0]
        tailSum += percents[1]
      }
      #expect(abs(meanSum - 100) <= 0.1, "mean shares add to \(meanSum)")
      #expect(abs(tailSum - 100) <= 0.1, "tail shares add to \(tailSum)")
      #expect(lines[end].contains("100.0%"))
    }
  }

  @Test("the budget table lists components with time and leaves out all-zero ones")
  func componentRows() {
    var report = ReportFixture.codingAgent()
    report.components[5] = ComponentShare(
      component: .transfer, meanMilliseconds: 0, tailMilliseconds: 0)
    let lines = TerminalText.lines(ReportRenderer.renderTable(report, style: .unicodePlain))
    #expect(
      lines.contains { $0.hasPrefix("  queueing             462.0   15.4%    2,956.8   40.3%") })
    #expect(!lines.contains { $0.hasPrefix("  transfer") })
    #expect(
      lines.contains { $0.hasPrefix("  total              3,009.0  100.0%    7,344.8  100.0%") })
  }

  @Test("steps show site, runs, mean, tail and the dominant component; idle steps are named")
  func stepRows() {
    let lines = TerminalText.lines(
      ReportRenderer.renderTable(ReportFixture.codingAgent(), style: .unicodePlain))
    #expect(lines.contains("  code       region-h100  2.6×  1,294.0  3,371.0  queueing 49%"))
    #expect(lines.contains("  retrieve   device         1×     45.0     85.5  tool 100%"))
    #expect(!lines.contains { $0.hasPrefix("  escalate") })
    #expect(lines.contains("  no critical-path time: escalate"))
  }

  @Test("thousands of idle steps take three lines and say how many more")
  func manyIdleSteps() {
    var report = ReportFixture.codingAgent()
    report.steps += (0..<5_000).map { ReportFixture.step("x\($0)", "phone", runs: 0, [:]) }
    let lines = TerminalText.lines(ReportRenderer.renderTable(report, style: .unicodePlain))
    let start = lines.firstIndex { $0.hasPrefix("  no critical-path time: escalate, x0, x1") }
    guard let start else {
      Issue.record("no idle-step line")
      return
    }
    #expect(!lines[start + 1].hasPrefix("  no critical-path time"))
    #expect(lines[start + 2].hasSuffix(" more"), "\(lines[start ... start + 3])")
    #expect(!lines[start + 3].hasPrefix("    "), "\(lines[start + 3])")
    #expect(lines[start + 2].contains("… +"))
    #expect(lines.count < 200)
  }

  @Test("sites at 0.8 or more are flagged; overloaded ones say so in plain words")
  func siteFlags() {
    var report = ReportFixture.codingAgent()
    let busy = TerminalText.lines(ReportRenderer.renderTable(report, style: .unicodePlain))
    #expect(busy.contains { $0.hasPrefix("  region-h100") && $0.hasSuffix("! busy") })
    #expect(busy.contains { $0.hasPrefix("  edge-a10") && !$0.contains("!") })

    report.sites[1].utilization = 1.3
    report.sites[1].condition = .overloaded
    let text = ReportRenderer.renderTable(report, style: .unicodePlain)
    #expect(text.contains("✗ region-h100 is over capacity: utilization 1.3"))
    #expect(
      TerminalText.lines(text).contains {
        $0.hasPrefix("  region-h100") && $0.hasSuffix("✗ over capacity")
      })
    let colored = ReportRenderer.renderTable(
      report, style: TerminalStyle(unicode: true, color: true))
    #expect(colored.contains("\u{1B}[31m✗ region-h100 is over capacity"))
  }

  @Test("throughput, energy and cost, with tiny costs kept readable")
  func totals() {
    let text = ReportRenderer.renderTable(ReportFixture.codingAgent(), style: .unicodePlain)
    #expect(
      text.contains(
        "throughput 4.73 sessions/s · per session: device energy 3.18 J, cost $0.000313"))
  }

  @Test("the verdict line is prefixed with ✓/✗ or PASS/MISS and coloured")
  func verdict() {
    var report = ReportFixture.codingAgent()
    let unicode = TerminalText.lines(ReportRenderer.renderTable(report, style: .unicodePlain))
    #expect(unicode.contains { $0.hasPrefix("✗ p99 6.83 s misses the 6 s budget by 831 ms") })
    #expect(unicode.contains("  p99               ≤ 6 s    6.83 s  ✗ 831 ms over"))
    let ascii = TerminalText.lines(ReportRenderer.renderTable(report, style: .asciiPlain))
    #expect(ascii.contains { $0.hasPrefix("MISS p99 6.83 s misses") })

    report.verdict = BudgetVerdict(
      checks: [BudgetCheck(metric: "p99", targetMilliseconds: 8000, achievedMilliseconds: 6830.58)],
      isMet: true, summary: "p99 6.83 s meets the 8 s budget with 1.17 s to spare")
    let passed = ReportRenderer.renderTable(
      report, style: TerminalStyle(unicode: true, color: true))
    #expect(passed.contains("\u{1B}[1;32m✓\u{1B}[0m\u{1B}[32m p99 6.83 s meets the 8 s budget"))
    let passedASCII = TerminalText.lines(ReportRenderer.renderTable(report, style: .asciiPlain))
    #expect(passedASCII.contains { $0.hasPrefix("PASS p99 6.83 s meets") })
  }

  @Test("the table alone has no histogram; the full report puts it after the latency summary")
  func histogramPlacement() throws {
    let report = ReportFixture.codingAgent()
    #expect(
      !ReportRenderer.renderTable(report, style: .unicodePlain).contains("Latency distribution"))
    let lines = TerminalText.lines(ReportRenderer.renderReport(report, style: .unicodePlain))
    let summary = try #require(lines.firstIndex { $0.hasPrefix("  first token") })
    #expect(lines[summary + 2].hasPrefix("Latency distribution"))
  }
}
