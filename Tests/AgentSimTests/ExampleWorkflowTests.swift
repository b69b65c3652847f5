import AgentSim
import Foundation
import SimulationKernel
import Testing

@Suite("Example workflows and the JSON Schema")
struct ExampleWorkflowTests {
  /// The repository's root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let workflows = root.appendingPathComponent("workflows")

  static func exampleFiles() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: workflows, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "json" && $0.lastPathComponent != "schema.json" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// The hardware, models, precisions and link profiles the examples may use.
  static let catalog = CatalogNames(
    hardware: [
      "apple-a17-pro", "apple-m3-max", "apple-m4-max", "snapdragon-8-gen-3",
      "jetson-orin-nano-super", "jetson-agx-orin", "l4", "l40s", "a10g", "a100-80gb", "h100-sxm",
      "h200",
    ],
    models: [
      "llama-3.2-1b", "llama-3.2-3b", "llama-3.1-8b", "llama-3.1-70b", "qwen2.5-7b", "qwen2.5-72b",
      "mixtral-8x7b", "gpt-oss-20b",
    ],
    precisions: ["bf16", "fp16", "fp8", "int8", "q4"], links: [])

  @Test("the nine examples and the benchmark workflow are present")
  func examplesPresent() throws {
    #expect(
      try Self.exampleFiles().map(\.lastPathComponent) == [
        "agent-prompt-cache.json", "coding-agent.json", "document-extraction.json",
        "embedded-fallback.json",
        "multi-agent-research.json", "placement-sweep.json", "router-cascade.json",
        "simpy-agent-loop.json",
        "speculative-decoding.json", "voice-assistant.json",
      ])
  }

  @Test("every example decodes and validates cleanly, with its schema and a cited source")
  func examplesAreValid() throws {
    for file in try Self.exampleFiles() {
      let workflow = try Workflow.load(
        contentsOf: file, file: file.lastPathComponent, names: Self.catalog)
      #expect(workflow.name + ".json" == file.lastPathComponent)
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(text.contains(#""$schema": "./schema.json""#), "\(file.lastPathComponent)")
      #expect(
        text.hasPrefix("//"), "\(file.lastPathComponent) starts with a comment on its sources")
      #expect(text.contains("Sources"), "\(file.lastPathComponent) cites its sources")
    }
  }

  /// TraceLab (issue 13): tool-triggered steps per session have median 15, mean 74 and p99 over
  /// 1,000; the example's loop count is drawn from that heavy tail (capped so that conversations
  /// stay within the model's window, which the workflow's comments explain).
  @Test("the coding agent's loop count is TraceLab's: median 15, p99 1,000, mean near 74 uncapped")
  func codingAgentLoopLength() throws {
    let loaded = try WorkflowLoader.load(
      contentsOf: Self.workflows.appendingPathComponent("coding-agent.json"),
      file: "coding-agent.json")
    let scenario = try loaded.scenario()
    let counts = scenario.program.nodes.compactMap { node -> Distribution? in
      if case .loop(_, .drawn(let count, _)) = node { return count }
      return nil
    }
    let count = try #require(counts.first)
    #expect(abs(count.quantile(0.5) - 15) < 0.5)
    #expect(abs(count.quantile(0.99) - 1_000) < 1)
    #expect((66.0...82.0).contains(count.mean), "mean \(count.mean)")
  }

  /// Reads `workflows/schema.json` with the project's own parser.
  static func schema() throws -> [String: JSONValue] {
    let data = try Data(contentsOf: workflows.appendingPathComponent("schema.json"))
    let value = try JSONParser.parse(data, file: "schema.json")
    return members(of: value)
  }

  static func members(of value: JSONValue?) -> [String: JSONValue] {
    guard case .object(let members)? = value?.kind else { return [:] }
    return Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value) })
  }

  @Test("the schema's properties equal the decoder's known keys, for every object kind")
  func schemaInSync() throws {
    let schema = try Self.schema()
    let definitions = Self.members(of: schema["$defs"])
    for (kind, keys) in Workflow.knownKeys {
      let definition = kind == "workflow" ? schema : Self.members(of: definitions[kind])
      let properties = Set(Self.members(of: definition["properties"]).keys)
      #expect(properties == Set(keys), "schema definition '\(kind)'")
      #expect(definition["additionalProperties"]?.kind == .bool(false), "'\(kind)' is closed")
    }
    // Every closed object definition in the schema is one the decoder knows.
    for (name, definition) in definitions
    where Self.members(of: definition)["additionalProperties"]?.kind == .bool(false) {
      #expect(Workflow.knownKeys[name] != nil, "schema definition '\(name)' has no decoder keys")
    }
    #expect(schema["$schema"]?.kind == .string("https://json-schema.org/draft/2020-12/schema"))
  }
}
