import AgentSim
import Foundation
import Testing

/// The JSON Schema requires what the workflow-format article says is required, and the decoder
/// agrees with both: an editor that checks a file against `workflows/schema.json` accepts and
/// rejects what `agentsim validate` does for a missing key.
@Suite("schema, docs and decoder agree on required keys")
struct SchemaDocsAgreementTests {
  static let root = ReadmeClaimsTests.root

  static func schema() throws -> [String: Any] {
    let data = try Data(contentsOf: root.appendingPathComponent("workflows/schema.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func article() throws -> String {
    try String(
      contentsOf: root.appendingPathComponent("Sources/AgentSim/AgentSim.docc/WorkflowFormat.md"),
      encoding: .utf8)
  }

  /// The article's "Top level" table: key → whether its Required column says yes.
  static func documentedTopLevel() throws -> [String: Bool] {
    let text = try article()
    let section = try #require(text.components(separatedBy: "## Top level").dropFirst().first)
    var keys: [String: Bool] = [:]
    for line in section.components(separatedBy: "\n## ")[0].split(separator: "\n")
    where line.hasPrefix("| `") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      keys[String(cells[0].dropFirst().dropLast())] = cells[1] == "yes"
    }
    return keys
  }

  @Test("the top-level table's Required column is the schema's required array")
  func topLevel() throws {
    let documented = try Self.documentedTopLevel()
    let schema = try Self.schema()
    let required = Set(try #require(schema["required"] as? [String]))
    let properties = Set(try #require((schema["properties"] as? [String: Any])?.keys))
    #expect(Set(documented.keys) == properties)
    #expect(Set(documented.filter(\.value).keys) == required)
  }

  @Test("sites need hardware unless hosted_api; inline links need an RTT and both bandwidths")
  func conditionalRequirements() throws {
    let text = try Self.article()
    #expect(text.contains("A catalog hardware name (`l40s`). Required unless `hosted_api`."))
    #expect(
      text.contains(
        "Without `profile`, `rtt_median_ms`, `uplink_mbps` and `downlink_mbps` are required."))
    let definitions = try #require(try Self.schema()["$defs"] as? [String: Any])
    func alternatives(_ name: String, _ key: String) throws -> [[String]] {
      let definition = try #require(definitions[name] as? [String: Any])
      let options = try #require(definition[key] as? [[String: Any]])
      return options.map { ($0["required"] as? [String]) ?? [] }
    }
    #expect(try alternatives("site", "oneOf") == [["hardware"], ["hosted_api"]])
    #expect(
      try alternatives("link", "anyOf")
        == [["profile"], ["rtt_median_ms", "uplink_mbps", "downlink_mbps"]])
  }

  @Test("the decoder requires exactly the schema's top-level keys")
  func decoderAgrees() throws {
    let example = Self.root.appendingPathComponent("workflows/voice-assistant.json")
    let root = try #require(
      try JSONSerialization.jsonObject(
        with: JSONValueProbe.strictJSON(try String(contentsOf: example, encoding: .utf8)))
        as? [String: Any])
    let required = Set(try #require(try Self.schema()["required"] as? [String]))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-required-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for key in root.keys.sorted() {
      var object = root
      object.removeValue(forKey: key)
      let url = directory.appendingPathComponent("\(key.filter(\.isLetter)).json")
      try JSONSerialization.data(withJSONObject: object).write(to: url)
      var messages: [String] = []
      do {
        _ = try WorkflowLoader.load(contentsOf: url, file: url.lastPathComponent)
      } catch {
        messages = error.diagnostics.map(\.message)
      }
      let saysMissing = messages.contains { $0.hasPrefix("missing required key '\(key)'") }
      #expect(saysMissing == required.contains(key), "\(key): \(messages)")
    }
  }
}

/// The example files use JSON5 comments and trailing commas; `JSONSerialization` takes neither.
enum JSONValueProbe {
  static func strictJSON(_ text: String) -> Data {
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var kept = String(line)
      if let range = kept.range(of: "//"), !kept[..<range.lowerBound].contains("\"http") {
        // Comments in the examples never follow a string holding "//".
        kept = String(kept[..<range.lowerBound])
      }
      lines.append(kept)
    }
    let joined = lines.joined(separator: "\n")
    let trailing = try? NSRegularExpression(pattern: ",(\\s*[}\\]])")
    let range = NSRange(joined.startIndex..., in: joined)
    let cleaned =
      trailing?.stringByReplacingMatches(in: joined, range: range, withTemplate: "$1") ?? joined
    return Data(cleaned.utf8)
  }
}
