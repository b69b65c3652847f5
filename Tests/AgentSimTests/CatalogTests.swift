import AgentSim
import Foundation
import Testing

@Suite("Catalog consistency")
struct CatalogTests {
  static let requiredHardware = [
    "apple-a17-pro", "apple-a18-pro", "apple-m1", "apple-m1-max", "apple-m2-ultra", "apple-m3-max",
    "apple-m4-max", "snapdragon-8-gen-3", "snapdragon-x-elite", "jetson-orin-nano-super",
    "jetson-agx-orin", "rtx-4090", "l4", "l40s", "a10g", "a100-80gb", "h100-sxm", "h100-pcie",
    "h200", "b200", "mi300x",
  ]

  /// Published total parameters, billions (model cards / papers), to check the architecture
  /// numbers against.
  static let publishedParameters: [(String, Double)] = [
    ("llama-2-7b", 6.74), ("llama-2-13b", 13.0), ("llama-2-70b", 69.0), ("llama-3.2-1b", 1.24),
    ("llama-3.2-3b", 3.21), ("llama-3.1-8b", 8.03), ("llama-3.1-70b", 70.6),
    ("llama-3.1-405b", 405.9), ("mistral-7b", 7.25), ("phi-3-mini", 3.82), ("qwen2.5-3b", 3.09),
    ("qwen2.5-7b", 7.62), ("qwen2.5-14b", 14.7), ("qwen2.5-32b", 32.5), ("qwen2.5-72b", 72.7),
    ("qwen3-0.6b", 0.6), ("qwen3-4b", 4.0), ("gemma-2-9b", 9.24),
    ("gemma-2-27b", 27.2), ("mixtral-8x7b", 46.7), ("deepseek-v3", 671), ("gpt-oss-20b", 20.9),
    ("gpt-oss-120b", 116.8),
  ]

  @Test("every required hardware and model is present")
  func required() throws {
    for name in Self.requiredHardware { _ = try Catalog.builtIn.hardware(named: name) }
    for (name, _) in Self.publishedParameters { _ = try Catalog.builtIn.model(named: name) }
    for name in [
      "wifi-edge", "5g-edge", "lte-edge", "wifi-region", "5g-region", "lte-region",
      "fixed-region", "edge-region", "region-region-same-continent",
      "region-region-transatlantic",
    ] {
      _ = try Catalog.builtIn.link(named: name)
    }
  }

  @Test("names are unique kebab-case; every entry is sourced and its numbers valid")
  func consistency() {
    let catalog = Catalog.builtIn
    for names in [
      catalog.hardware.map(\.name), catalog.models.map(\.name), catalog.links.map(\.name),
    ] {
      #expect(Set(names).count == names.count)
    }
    for (index, entry) in catalog.hardware.enumerated() {
      #expect(entry.validationProblems(at: "$.hardware[\(index)]") == [], "\(entry.name)")
      #expect(entry.source.count > 20 && entry.calibration.count > 5, "\(entry.name)")
    }
    for (index, entry) in catalog.models.enumerated() {
      #expect(entry.validationProblems(at: "$.models[\(index)]") == [], "\(entry.name)")
      #expect(entry.source.contains("huggingface.co/"), "\(entry.name)")
    }
    for (index, entry) in catalog.links.enumerated() {
      #expect(entry.validationProblems(at: "$.links[\(index)]") == [], "\(entry.name)")
      #expect(entry.source.contains("§3") || entry.source.contains("assumption"), "\(entry.name)")
    }
  }

  @Test("architecture numbers reproduce published parameter counts within 2%")
  func parameterCounts() throws {
    for (name, billions) in Self.publishedParameters {
      let model = try Catalog.builtIn.model(named: name)
      let counted = model.totalParameters / 1e9
      #expect(abs(counted / billions - 1) < 0.02, "\(name): \(counted) B vs \(billions) B")
    }
    // Active parameters of the MoE models (model cards): Mixtral 12.9 B, DeepSeek-V3 37 B,
    // gpt-oss-120b 5.1 B, gpt-oss-20b 3.6 B (active counts include the LM head).
    for (name, billions) in [
      ("mixtral-8x7b", 12.9), ("deepseek-v3", 37.0), ("gpt-oss-120b", 5.1), ("gpt-oss-20b", 3.6),
    ] {
      let model = try Catalog.builtIn.model(named: name)
      let active = (model.activeParametersPerToken + model.embeddingParameters) / 1e9
      #expect(abs(active / billions - 1) < 0.05, "\(name): \(active) B vs \(billions) B")
    }
  }

  @Test(
    "unknown names throw a diagnostic with a did-you-mean",
    arguments: [
      ("hardware", "h100-smx", "did you mean 'h100-sxm'?"),
      ("model", "llama-3.1-8", "did you mean 'llama-3.1-8b'?"),
      ("link", "wifi-egde", "did you mean 'wifi-edge'?"),
      ("model", "gpt-5", "see 'agentsim catalog models'"),
    ])
  func unknownName(kind: String, name: String, suggestion: String) {
    do {
      switch kind {
      case "hardware": _ = try Catalog.builtIn.hardware(named: name)
      case "model": _ = try Catalog.builtIn.model(named: name)
      default: _ = try Catalog.builtIn.link(named: name)
      }
      Issue.record("expected a diagnostic for \(name)")
    } catch let diagnostic as Diagnostic {
      #expect(diagnostic.message == "unknown \(kind) '\(name)'")
      #expect(diagnostic.suggestion == suggestion)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("built-in entries survive a JSON round trip in the user-definition shape")
  func roundTrip() throws {
    let definitions = CatalogDefinitions(
      hardware: Catalog.builtIn.hardware, models: Catalog.builtIn.models,
      links: Catalog.builtIn.links)
    let data = try JSONEncoder().encode(definitions)
    let decoded = try JSONDecoder().decode(CatalogDefinitions.self, from: data)
    #expect(decoded == definitions)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"memory_bandwidth_gb_per_s\""))
    #expect(text.contains("\"num_key_value_heads\""))
    #expect(text.contains("\"rtt_p99_ms\""))
  }
}

@Suite("User-defined catalog entries")
struct UserDefinitionTests {
  static let validHardware = """
    {"name": "my-gpu", "tier": "edge", "memory_gb": 16, "memory_bandwidth_gb_per_s": 500,
     "peak_tflops": {"fp16": 100}, "memory_efficiency": 0.8, "compute_efficiency": 0.5,
     "active_power_w": 200,
     "source": "my lab, 2026"}
    """

  static func load(_ text: String) throws -> Catalog {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("agentsim-catalog-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try Catalog.builtIn.loadingUserDefinitions(from: url)
  }

  static func problems(_ text: String) -> [String] {
    do {
      _ = try load(text)
      return []
    } catch let error as DiagnosticError {
      return error.diagnostics.map { diagnostic in
        var copy = diagnostic
        copy.file = nil
        return copy.description
      }
    } catch {
      return ["unexpected \(error)"]
    }
  }

  @Test("adds user hardware, models and links, and replaces a built-in of the same name")
  func adds() throws {
    let catalog = try Self.load(
      """
      {
        "hardware": [\(Self.validHardware)],
        "models": [{"name": "tiny", "num_hidden_layers": 2, "hidden_size": 64,
          "intermediate_size": 128, "num_attention_heads": 4, "num_key_value_heads": 2,
          "head_dim": 16, "vocab_size": 1000, "tie_word_embeddings": true,
          "max_context_tokens": 2048, "source": "test"}],
        "links": [{"name": "wifi-edge", "rtt_median_ms": 3, "rtt_p99_ms": 30,
          "uplink_mbps": 100, "downlink_mbps": 500, "source": "my office"}]
      }
      """)
    #expect(try catalog.hardware(named: "my-gpu").usableMemoryFraction == 0.9)
    #expect(try catalog.model(named: "tiny").experts == 1)
    #expect(try catalog.link(named: "wifi-edge").rttMedianMilliseconds == 3)
    #expect(catalog.links.count == Catalog.builtIn.links.count)
    let engine = try InferenceEngine(
      hardware: catalog.hardware(named: "my-gpu"), model: catalog.model(named: "tiny"),
      precision: .fp16)
    #expect(engine.fitProblem == nil)
  }

  @Test(
    "reports bad definitions with the JSON path and a suggestion",
    arguments: [
      (
        #"{"hardwares": []}"#,
        ["error: $.hardwares: unknown key 'hardwares'; did you mean 'hardware'?"]
      ),
      (
        #"{"links": [{"name": "x", "rtt_median_ms": 3, "rtt_p99_ms": 30, "uplink_mbps": 1, "#
          + #""downlink_mbps": 1, "source": "s", "rtt_p50_ms": 3}]}"#,
        ["error: $.links[0].rtt_p50_ms: unknown key 'rtt_p50_ms'"]
      ),
      (
        #"{"links": [{"name": "x", "rtt_median_ms": 3, "uplink_mbps": 1, "#
          + #""downlink_mbps": 1, "source": "s"}]}"#,
        ["error: $.links[0].rtt_p99_ms: missing required key 'rtt_p99_ms'"]
      ),
      (
        #"{"links": [{"name": "x", "rtt_median_ms": "fast", "rtt_p99_ms": 30, "#
          + #""uplink_mbps": 1, "downlink_mbps": 1, "source": "s"}]}"#,
        ["error: $.links[0].rtt_median_ms: expected a number"]
      ),
      (
        #"{"links": [{"name": "x", "rtt_median_ms": 40, "rtt_p99_ms": 30, "uplink_mbps": -1, "#
          + #""downlink_mbps": 1, "source": "s"}]}"#,
        [
          "error: $.links[0].rtt_p99_ms: expected at least rtt_median_ms (40.0), found 30.0",
          "error: $.links[0].uplink_mbps: expected a positive finite number, found -1.0",
        ]
      ),
      (
        "{\"hardware\": [\(UserDefinitionTests.validHardware), \(UserDefinitionTests.validHardware)]}",
        ["error: $.hardware[1].name: duplicate name 'my-gpu'"]
      ),
      (
        "{\"hardware\": [\(UserDefinitionTests.validHardware.replacingOccurrences(of: "\"edge\"", with: "\"edg\""))]}",
        [
          "error: $.hardware[0].tier: expected one of device, edge, region, found 'edg'; "
            + "did you mean 'edge'?"
        ]
      ),
      ("{\"links\": [\n  {\"name\": }\n]}", ["error: expected a value, found '}'"]),
    ])
  func problems(text: String, expected: [String]) {
    let problems = Self.problems(text)
    #expect(problems.count == expected.count, "\(problems)")
    for (problem, prefix) in zip(problems, expected) {
      #expect(problem.hasPrefix(prefix), "\(problem)")
    }
  }

  @Test("reports every problem in a catalog file in one pass, in file order, located")
  func everyProblem() throws {
    let bad = Self.validHardware.replacingOccurrences(
      of: "\"memory_gb\": 16", with: "\"memory_gb\": -16")
    let text = """
      {
        "hardware": [
          \(bad),
          {"name": "lab", "tier": "edge", "memory_gbs": 16}
        ],
        "models": [{"name": "tiny", "num_hidden_layers": "two"}],
        "links": [{"name": "x", "rtt_median_ms": 3, "rtt_p99_ms": 30, "uplink_mbps": 1,
          "downlink_mbps": 1, "source": "s", "rtt_p50_ms": 3}],
        "linkz": []
      }
      """
    let error = try #require(throws: DiagnosticError.self) { _ = try Self.load(text) }
    #expect(error.diagnostics.allSatisfy { $0.file?.hasSuffix(".json") == true })
    let lines = error.diagnostics.map {
      "\($0.line.map(String.init) ?? "-"):\($0.column.map(String.init) ?? "-") \($0.path): "
        + $0.message + ($0.suggestion.map { "; " + $0 } ?? "")
    }
    #expect(
      lines == [
        "3:53 $.hardware[0].memory_gb: expected a positive finite number, found -16.0",
        "7:5 $.hardware[1].memory_gb: missing required key 'memory_gb'; add it ('agentsim "
          + "catalog --format json' prints complete entries to copy)",
        "7:51 $.hardware[1].memory_gbs: unknown key 'memory_gbs'; did you mean 'memory_gb'?",
        "9:52 $.models[0].num_hidden_layers: expected a number",
        "11:54 $.links[0].rtt_p50_ms: unknown key 'rtt_p50_ms'; did you mean 'rtt_p99_ms'?",
        "12:12 $.linkz: unknown key 'linkz'; did you mean 'links'?",
      ], "\(lines)")
  }

  @Test(
    "an entry that cannot be decoded keeps the indices of the others, and a bad section the rest")
  func indicesAfterABadEntry() throws {
    let text = """
      {"hardware": [\(Self.validHardware), {"name": 3}, \(Self.validHardware)],
       "models": {"name": "tiny"}}
      """
    let problems = Self.problems(text)
    #expect(
      problems == [
        "error: $.hardware[1].name: expected a string",
        "error: $.hardware[2].name: duplicate name 'my-gpu'",
        "error: $.models: expected an array",
      ], "\(problems)")
  }

  @Test("syntax errors carry the file, line and column")
  func syntaxLocation() throws {
    do {
      _ = try Self.load("{\"links\": [\n  {\"name\": }\n]}")
      Issue.record("expected an error")
    } catch let error as DiagnosticError {
      let diagnostic = try #require(error.diagnostics.first)
      #expect(diagnostic.file?.hasSuffix(".json") == true)
      #expect(diagnostic.line == 2)
      #expect(diagnostic.column == 12)
    }
  }

  @Test("a file that ends early says where it ends")
  func truncatedFile() throws {
    do {
      _ = try Self.load("{\"hardware\": [ {\"name\": \"x\", }\n")
      Issue.record("expected an error")
    } catch let error as DiagnosticError {
      let diagnostic = try #require(error.diagnostics.first)
      #expect(diagnostic.line == 2, "\(diagnostic)")
      #expect(diagnostic.column != nil, "\(diagnostic)")
    }
  }
}
