import AgentSim
import AgentSimCLI
import Foundation
import Testing

/// `agentsim compare` end to end in-process: results folders in, table, JSON and HTML out, and
/// bad input with exit status 2.
@Suite("agentsim compare")
struct CompareCommandTests {
  static func resultsFolder(_ arguments: [String], in directory: URL) throws -> String {
    let out = directory.appendingPathComponent(UUID().uuidString).path
    let (status, captured) = RunCommandTests.run(
      [
        "run", "workflows/voice-assistant.json", "--sessions", "300", "--warmup", "30", "--out",
        out,
      ]
        + arguments)
    #expect(status == .success, "\(captured.error)")
    let folders = try FileManager.default.contentsOfDirectory(atPath: out)
    return out + "/" + (try #require(folders.first))
  }

  @Test("two results folders: the table, JSON and HTML name both runs and judge the noise")
  func folders() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-compare-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let a = try Self.resultsFolder(["--seed", "1"], in: directory)
    let b = try Self.resultsFolder(
      ["--seed", "1", "--placement", "reply=phone"], in: directory)
    let (status, captured) = RunCommandTests.run(["compare", a, b])
    #expect(status == .success, "\(captured.error)")
    #expect(captured.output.contains("reply           edge    phone (moved)"))
    // The mean moved by seconds, its batch-means noise is a fraction of that: judged larger.
    #expect(
      captured.output.split(separator: "\n").contains {
        $0.hasPrefix("  mean") && $0.contains("± ") && $0.hasSuffix("larger")
      }, "\(captured.output)")
    let lines = captured.output.split(separator: "\n").filter { !$0.contains(directory.path) }
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(captured.output)")
    let (jsonStatus, json) = RunCommandTests.run(
      ["compare", a + "/summary.json", b, "--format", "json"])
    #expect(jsonStatus == .success)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    #expect(object["format_version"] as? Int == RunComparison.formatVersion)
    let (htmlStatus, html) = RunCommandTests.run(["compare", a, b, "--format", "html"])
    #expect(htmlStatus == .success)
    #expect(html.output.hasPrefix("<!DOCTYPE html>") && html.output.contains("<table>"))
  }

  @Test("a missing folder or a file that is not a summary is bad input (status 2)")
  func badInput() throws {
    let (status, captured) = RunCommandTests.run(
      ["compare", "results/no-such-run", "workflows/voice-assistant.json"])
    #expect(status == .badInput)
    #expect(captured.error.contains("results/no-such-run: error: no such file or folder"))
    let (schemaStatus, schema) = RunCommandTests.run(
      ["compare", "workflows/schema.json", "workflows/schema.json"])
    #expect(schemaStatus == .badInput)
    #expect(schema.error.contains("workflows/schema.json: error: $.format_version: missing field"))
  }
}
