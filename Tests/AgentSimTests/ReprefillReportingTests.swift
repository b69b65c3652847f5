import Foundation
import Testing

@testable import AgentSim

@Suite("Re-prefill and prefix caches in the report's tables and files")
struct ReprefillReportingTests {
  /// The coding-agent fixture with a prefix cache at its first site and `reprefill` of prefill.
  static func report(reprefill: ReprefillShare?) -> LatencyReport {
    var report = ReportFixture.codingAgent()
    report.sites[0].prefixCache = PrefixCacheLoad(
      hits: 90, misses: 10, expiredMisses: 4, hostHits: 0, evictedTokens: 12_345,
      reprefilledTokens: 67_890, reprefillMillisecondsPerSession: 25)
    report.reprefill = reprefill
    return report
  }

  @Test("the budget table shows re-prefill under prefill, and the total stays the six components")
  func budgetTableNamesReprefill() throws {
    let share = ReprefillShare(meanMilliseconds: 12.5, tailMilliseconds: 40)
    let style = TerminalStyle(unicode: true, color: false)
    let lines = ReportRenderer.componentLines(Self.report(reprefill: share), style: style)
    func trimmed(_ line: String) -> Substring { line.drop { $0 == " " } }
    let prefill = try #require(lines.firstIndex { trimmed($0).hasPrefix("prefill") })
    #expect(trimmed(lines[prefill + 1]).hasPrefix("re-prefill"))
    #expect(lines[prefill + 1].contains("12.5") && lines[prefill + 1].contains("40.0"))
    let without = ReportRenderer.componentLines(Self.report(reprefill: nil), style: style)
    #expect(!without.joined().contains("re-prefill"))
    // The total row is the same with and without the named part.
    #expect(
      lines.first { trimmed($0).hasPrefix("total") }
        == without.first { trimmed($0).hasPrefix("total") })
  }

  @Test("JSON writes re-prefill as part of prefill and reads it back")
  func jsonCarriesReprefill() throws {
    let report = Self.report(
      reprefill: ReprefillShare(meanMilliseconds: 12.5, tailMilliseconds: 40))
    let data = try ReportRenderer.renderJSON(report)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#""part_of" : "prefill""#))
    #expect(try ReportRenderer.decodeJSON(data).reprefill == report.reprefill)
    let plain = try ReportRenderer.renderJSON(Self.report(reprefill: nil))
    #expect(!String(decoding: plain, as: UTF8.self).contains("\"reprefill\""))
  }

  @Test("the HTML budget table has a re-prefill row")
  func htmlNamesReprefill() {
    let html = ReportRenderer.renderHTML(
      Self.report(reprefill: ReprefillShare(meanMilliseconds: 12.5, tailMilliseconds: 40)))
    #expect(html.contains("\u{2003}re-prefill"))
  }

  @Test("the sites CSV has the prefix cache's counters, empty where a site has no cache")
  func sitesCSVHasCacheColumns() throws {
    let csv = ReportRenderer.sitesCSV(Self.report(reprefill: nil))
    let rows = csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let header = rows[0].map(String.init)
    let columns = [
      "prefix_cache_hits", "prefix_cache_misses", "prefix_cache_hit_rate",
      "prefix_cache_evicted_tokens", "prefix_cache_reprefilled_tokens",
    ]
    let indices = try columns.map { try #require(header.firstIndex(of: $0)) }
    #expect(indices.map { String(rows[1][$0]) } == ["90", "10", "0.900000", "12345", "67890"])
    #expect(rows.count > 2)
    #expect(indices.allSatisfy { rows[2][$0].isEmpty })
  }

  @Test("sessions-out rows carry re-prefill time beside the components")
  func sessionTableHasReprefill() {
    let columns = SessionTable.header.split(separator: ",").map(String.init)
    let prefill = columns.firstIndex(of: "prefill_ms") ?? -1
    #expect(columns.firstIndex(of: "reprefill_ms").map { $0 > prefill } == true)
  }
}
