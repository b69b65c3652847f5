import AgentSim
import Foundation
import Testing

@Suite("Histogram rendering")
struct HistogramRenderingTests {
  static func rows(_ text: String) -> [String] {
    TerminalText.lines(text).filter { $0.contains("│") || $0.contains("|") }
  }

  @Test("markers sit on the rows that contain p50, p99 and the end-to-end budget targets")
  func markers() throws {
    let text = HistogramRenderer.render(ReportFixture.codingAgent(), style: .unicodePlain)
    let rows = Self.rows(text)
    #expect(rows.count == 14)
    let p50 = try #require(rows.first { $0.contains("◀ p50") })
    #expect(p50.hasPrefix("  2.51 s – 3.16 s │"))
    #expect(p50.hasSuffix("◀ p50, budget p50 3 s"))
    let p99 = try #require(rows.first { $0.hasSuffix("◀ p99") })
    #expect(p99.hasPrefix("  6.31 s – 7.94 s │"))
    let budget = try #require(rows.first { $0.hasSuffix("◀ budget p99 6 s") })
    #expect(budget.hasPrefix("  5.01 s – 6.31 s │"))
    #expect(!text.contains("ttft"), "a TTFT target is not drawn on the end-to-end axis")
    #expect(rows.filter { $0.contains("◀") }.count == 3)
  }

  @Test("rows show the range, an eighth-block bar, the count and the percentage")
  func rowFormat() throws {
    let rows = Self.rows(
      HistogramRenderer.render(ReportFixture.codingAgent(), style: .unicodePlain))
    let row = try #require(rows.first { $0.hasPrefix("  1.58 s – 2.00 s") })
    #expect(row.hasPrefix("  1.58 s – 2.00 s │█████████▌            │  1,145   11.5%"))
    // The largest bin fills the bar; a bin of one session still shows a sliver.
    #expect(rows.contains { $0.contains("│██████████████████████│  2,642") })
    #expect(rows.contains { $0.hasPrefix("  12.6 s – 15.8 s │▏ ") && $0.contains("<0.1%") })
  }

  @Test("ASCII bars use #, and every line fits in 80 columns")
  func ascii() {
    let text = HistogramRenderer.render(ReportFixture.codingAgent(), style: .asciiPlain)
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    #expect(text.contains("|######################|  2,642   26.4%  < p50, budget p50 3 s"))
    #expect(TerminalText.widestLine(text).scalars <= 80)
  }

  @Test("rows above the tail budget are red when colour is on")
  func colour() {
    let text = HistogramRenderer.render(
      ReportFixture.codingAgent(), style: TerminalStyle(unicode: true, color: true))
    let lines = text.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("  6.31 s – 7.94 s │\u{1B}[31m█") })
    #expect(lines.contains { $0.hasPrefix("  5.01 s – 6.31 s │███▏") })
  }

  @Test("many bins are merged to at most 30 rows, keeping every session")
  func rebinning() {
    let bins = ReportFixture.extreme().histogram
    let merged = HistogramRenderer.rebinned(bins, maximumRows: 30)
    #expect(merged.count <= 30)
    #expect(merged.count >= 20)
    #expect(merged.reduce(0) { $0 + $1.count } == bins.reduce(0) { $0 + $1.count })
    for (left, right) in zip(merged, merged.dropFirst()) {
      #expect(left.upperMilliseconds == right.lowerMilliseconds)
    }
    let rows = Self.rows(HistogramRenderer.render(ReportFixture.extreme(), style: .unicodePlain))
    #expect(rows.count == merged.count)
  }

  @Test("empty bins at either end are dropped; an empty histogram says so")
  func emptyBins() {
    let bins = ReportFixture.codingAgent().histogram
    let trimmed = HistogramRenderer.rebinned(bins, maximumRows: 30)
    #expect(trimmed.count == 14)
    #expect(trimmed.first?.count == 1)
    var report = ReportFixture.codingAgent()
    report.histogram = bins.map {
      HistogramBin(
        lowerMilliseconds: $0.lowerMilliseconds, upperMilliseconds: $0.upperMilliseconds, count: 0)
    }
    #expect(HistogramRenderer.render(report, style: .unicodePlain).contains("no measured sessions"))
  }

  @Test("a budget target outside the histogram is explained below it")
  func targetOutOfRange() {
    let text = HistogramRenderer.render(ReportFixture.extreme(), style: .unicodePlain)
    #expect(text.contains("is above every session"))
    #expect(text.contains("is below every session"))
  }
}
