import AgentSim
import Foundation
import Testing

@Test func look() throws {
  let report = ReportFixture.codingAgent()
  var text = ReportRenderer.renderReport(report, style: .unicodePlain)
  text += "\n=====\n" + ReportRenderer.renderReport(report, style: .asciiPlain)
  text += "\n=====\n" + ReportRenderer.renderReport(report, style: TerminalStyle(unicode: true, color: true))
  try text.write(toFile: "/tmp/rendering-look.txt", atomically: true, encoding: .utf8)
}
