import AgentSim
import Foundation
import Testing

/// The full terminal rendering of the fixture against committed files.
///
/// Run with `AGENTSIM_RECORD=1` to rewrite the goldens after an intended change; the test then
/// fails on purpose, so that the new output is reviewed (`git diff Tests/AgentSimTests/Golden`)
/// before it is committed.
@Suite("Golden renderings")
struct GoldenRenderingTests {
  static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden", isDirectory: true)

  @Test(
    "the fixture renders exactly as committed",
    arguments: [
      ("coding-agent.txt", TerminalStyle.unicodePlain),
      ("coding-agent-ascii.txt", TerminalStyle.asciiPlain),
    ])
  func golden(file: String, style: TerminalStyle) throws {
    let actual = ReportRenderer.renderReport(ReportFixture.codingAgent(), style: style)
    let url = Self.goldenDirectory.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["AGENTSIM_RECORD"] == "1" {
      try FileManager.default.createDirectory(
        at: Self.goldenDirectory, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url, options: .atomic)
      Issue.record("recorded \(url.path); review the diff and run again without AGENTSIM_RECORD")
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "rendering differs from \(file); AGENTSIM_RECORD=1 re-records it")
  }
}
