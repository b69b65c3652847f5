import AgentSim
import Testing

/// `--set` and the speculative switch walk a key path with one descent
/// (`WorkflowOverride.descend`): the same words for a missing key, an index out of range or a
/// value of the wrong kind, and only `set` adds a missing last key.
@Suite("--set and speculative=on|off share one path descent")
struct WorkflowOverrideDescentTests {
  static let text = """
    {"name": "w", "load": {"rate_per_s": 1},
     "steps": [{"tool": {"name": "t"}}, {"speculative": {"name": "s", "target_model": "m"}}]}
    """

  /// The diagnostic applying `override` to ``text`` throws, or `nil` when it applies.
  static func problem(_ override: String) throws -> Diagnostic? {
    var root = try JSONParser.parse(text, file: "w.json")
    do {
      try WorkflowOverride(parsing: override).apply(to: &root)
      return nil
    } catch let diagnostic as Diagnostic {
      return diagnostic
    }
  }

  @Test(
    "a path that leads nowhere: the same error whether it sets a field or switches a step",
    arguments: [
      ("steps[5]", "$.steps has 2 elements; index 5 is out of range", nil),
      ("lod.rate", "$ has no 'lod'", "did you mean 'load'?"),
      ("name.x", "$.name is not an object, so it has no 'x'", nil),
      ("load[0]", "$.load is not an array, so it has no element 0", nil),
    ] as [(String, String, String?)])
  func sameErrors(path: String, message: String, suggestion: String?) throws {
    for override in ["\(path).field=1", "\(path).speculative=off"] {
      let diagnostic = try #require(try Self.problem(override), "\(override) applied")
      #expect(diagnostic.message == message, "\(override)")
      #expect(diagnostic.suggestion == suggestion, "\(override)")
      #expect(diagnostic.path == "--set " + override.prefix { $0 != "=" })
    }
  }

  @Test("set adds a missing last key; the switch, which needs a step there, reports it")
  func onlySetAddsTheLastKey() throws {
    var root = try JSONParser.parse(Self.text, file: "w.json")
    let path = try WorkflowOverride(parsing: "load.warmup_sessions=3").apply(to: &root)
    #expect(path == "$.load.warmup_sessions")
    #expect(root.value(atPath: "$.load.warmup_sessions")?.kind == .number(3))
    let diagnostic = try #require(try Self.problem("load.missing.speculative=off"))
    #expect(diagnostic.message == "$.load has no 'missing'")
  }

  @Test("the switch by path and by name reaches the same step and reports the same path")
  func switchByPathOrName() throws {
    for override in ["steps[1].speculative=off", "steps.s.speculative=off"] {
      var root = try JSONParser.parse(Self.text, file: "w.json")
      let path = try WorkflowOverride(parsing: override).apply(to: &root)
      #expect(path == "$.steps[1].speculative", "\(override)")
      #expect(root.value(atPath: "$.steps[1].llm.model")?.kind == .string("m"), "\(override)")
    }
  }
}
