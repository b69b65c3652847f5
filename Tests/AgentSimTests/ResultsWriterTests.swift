import AgentSim
import Foundation
import Testing

@Suite("Results writer")
struct ResultsWriterTests {
  /// 2025-03-14 09:26:53 UTC.
  static let date = Date(timeIntervalSince1970: 1_741_944_413)

  static func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-results-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func contents(_ url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  @Test("writes every file into a new folder and leaves no temporary folder behind")
  func writesFolder() throws {
    let root = try Self.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let report = ReportFixture.codingAgent()
    let folder = try ResultsWriter().write(
      report, workflowName: "coding-agent", to: results, at: Self.date)
    #expect(folder.lastPathComponent == "coding-agent-20250314-092653")
    #expect(try Self.contents(results) == ["coding-agent-20250314-092653"])
    #expect(try Self.contents(folder) == ResultsWriter.fileNames.sorted())
    let json = try Data(contentsOf: folder.appendingPathComponent("summary.json"))
    #expect(json == (try ReportRenderer.renderJSON(report)))
    #expect(try ReportRenderer.decodeJSON(json) == report)
    let steps = try String(contentsOf: folder.appendingPathComponent("steps.csv"), encoding: .utf8)
    #expect(steps == ReportRenderer.stepsCSV(report))
  }

  @Test("never overwrites: later writes get -2, -3")
  func neverOverwrites() throws {
    let root = try Self.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let writer = ResultsWriter()
    var report = ReportFixture.codingAgent()
    let first = try writer.write(report, workflowName: "coding-agent", to: root, at: Self.date)
    report.run.seed = 7
    let second = try writer.write(report, workflowName: "coding-agent", to: root, at: Self.date)
    let third = try writer.write(report, workflowName: "coding-agent", to: root, at: Self.date)
    #expect(second.lastPathComponent == "coding-agent-20250314-092653-2")
    #expect(third.lastPathComponent == "coding-agent-20250314-092653-3")
    let kept = try ReportRenderer.decodeJSON(
      Data(contentsOf: first.appendingPathComponent("summary.json")))
    #expect(kept.run.seed == 42)
    #expect(try Self.contents(root).allSatisfy { !$0.hasPrefix(".tmp-") })
  }

  @Test("an empty folder or a file already at the name is not replaced")
  func takenNames() throws {
    let root = try Self.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("coding-agent-20250314-092653"),
      withIntermediateDirectories: false)
    try Data("x".utf8).write(to: root.appendingPathComponent("coding-agent-20250314-092653-2"))
    let folder = try ResultsWriter().write(
      ReportFixture.codingAgent(), workflowName: "coding-agent", to: root, at: Self.date)
    #expect(folder.lastPathComponent == "coding-agent-20250314-092653-3")
  }

  @Test("sanitizes workflow names for the file system")
  func sanitizes() throws {
    let root = try Self.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try ResultsWriter().write(
      ReportFixture.codingAgent(), workflowName: "../evil name", to: root, at: Self.date)
    #expect(folder.deletingLastPathComponent().standardizedFileURL == root.standardizedFileURL)
    #expect(folder.lastPathComponent == "evil-name-20250314-092653")
    #expect(try Self.contents(root) == ["evil-name-20250314-092653"])
  }

  @Test(
    "sanitized names keep [a-z0-9-_.] and collapse the rest",
    arguments: [
      ("../evil name", "evil-name"), ("Coding Agent v2", "coding-agent-v2"),
      (".hidden", "hidden"), ("a/b\\c:d", "a-b-c-d"), ("résumé 日本", "r-sum"), ("", "workflow"),
      ("...", "workflow"), ("--rm -rf", "rm-rf"), ("snake_case.v1", "snake_case.v1"),
      (String(repeating: "x", count: 300), String(repeating: "x", count: 64)),
    ])
  func sanitizedName(name: String, expected: String) {
    #expect(ResultsWriter.sanitizedName(name) == expected)
  }

  @Test("timestamps are UTC yyyyMMdd-HHmmss")
  func timestamps() {
    #expect(ResultsWriter.timestamp(for: Self.date) == "20250314-092653")
    #expect(ResultsWriter.timestamp(for: Date(timeIntervalSince1970: 0)) == "19700101-000000")
    #expect(
      ResultsWriter.timestamp(for: Date(timeIntervalSince1970: 951_825_599)) == "20000229-115959")
    #expect(ResultsWriter.timestamp(for: Date(timeIntervalSince1970: -1)) == "19691231-235959")
  }

  @Test("an unusable results directory is a clear error, and nothing is left behind")
  func failure() throws {
    let root = try Self.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("results")
    try Data("not a folder".utf8).write(to: file)
    #expect {
      try ResultsWriter().write(
        ReportFixture.codingAgent(), workflowName: "coding-agent", to: file, at: Self.date)
    } throws: { error in
      let description = "\(error)"
      return error is ResultsWriterError && description.hasPrefix("cannot write results to '")
        && description.contains("/results")
    }
    var report = ReportFixture.codingAgent()
    report.costDollarsPerSession = .infinity
    #expect {
      try ResultsWriter().write(report, workflowName: "coding-agent", to: root, at: Self.date)
    } throws: { error in
      "\(error)".contains("cost_dollars_per_session")
    }
    #expect(try Self.contents(root) == ["results"])
  }

  @Test("report.html is self-contained, escapes names and draws the three charts")
  func html() throws {
    var report = ReportFixture.codingAgent()
    report.run.workflow = "<script>alert('x')</script> & co"
    let html = ReportRenderer.renderHTML(report)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co"))
    #expect(!html.contains("src="))
    #expect(!html.contains("href="))
    #expect(!html.contains("@import"))
    #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
    #expect(html.contains("budget p99 6 s"))
    #expect(html.contains("<polyline"))
    #expect(html.contains("queueing: 2.96 s (40.1%)"))
  }

  @Test("SVG text is escaped for XML")
  func svgEscape() {
    #expect(SVGChart.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    #expect(SVGChart.escape("bell\u{7}") == "bell\u{FFFD}")
    var chart = SVGChart(width: 10, height: 10, title: "t<")
    chart.addText("x&y", x: 1, y: 2)
    #expect(chart.render().contains(">x&amp;y</text>"))
    #expect(chart.render().contains("aria-label=\"t&lt;\""))
  }
}
