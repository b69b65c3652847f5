import AgentSim
import AgentSimCLI
import Foundation
import Testing

/// Captures what a command writes.
final class CapturedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var outputText = ""
  private var errorText = ""

  var output: String { lock.withLock { outputText } }
  var error: String { lock.withLock { errorText } }

  func context(in directory: URL) -> CommandContext {
    CommandContext(
      writeOutput: { text in self.lock.withLock { self.outputText += text } },
      writeError: { text in self.lock.withLock { self.errorText += text } },
      environment: [:], isOutputTerminal: false, isErrorTerminal: false,
      currentDirectory: directory)
  }
}

@Suite("agentsim validate")
struct ValidateCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test("accepts every example workflow with status 0")
  func examples() {
    let names = [
      "coding-agent", "document-extraction", "embedded-fallback", "multi-agent-research",
      "router-cascade", "speculative-decoding", "voice-assistant",
    ]
    let captured = CapturedOutput()
    let status = AgentSimTool.main(
      arguments: ["validate"] + names.map { "workflows/\($0).json" },
      context: captured.context(in: Self.root))
    #expect(status == .success)
    #expect(captured.error == "")
    let lines = captured.output.split(separator: "\n").map(String.init)
    #expect(lines.count == names.count)
    #expect(lines.first == "ok: workflows/coding-agent.json (8 steps, 2 sites)")
    #expect(lines.last == "ok: workflows/voice-assistant.json (3 steps, 2 sites)")
  }

  @Test("prints every diagnostic of a bad file and exits with status 2")
  func badFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = """
      {
        "version": 1,
        "name": "bad",
        "models": {"small": {"model": "llama-3.2-3b"}},
        "sites": {"phone": {"tier": "device", "hardware": "apple-a17-pro", "serves": ["small"]}},
        "load": {"arrival": "poisson", "rate_per_s": 1},
        "steps": [
          {"llm": {"name": "a", "model": "small", "site": "phone", "prompt_tokens": 10,
                   "output_tokens": -3}},
          {"tool": {"name": "b", "site": "phone", "duration_ms": 5, "reslt_tokens": 2}}
        ]
      }
      """
    try Data(text.utf8).write(to: directory.appendingPathComponent("bad.json"))
    let good = Self.root.appendingPathComponent("workflows/voice-assistant.json").path
    let captured = CapturedOutput()
    let status = AgentSimTool.main(
      arguments: ["validate", "bad.json", good], context: captured.context(in: directory))
    #expect(status == .badInput)
    #expect(
      captured.error == """
        bad.json:9:31: error: $.steps[0].llm.output_tokens: expected an integer in 1...10000000, \
        found -3
        bad.json:10:63: error: $.steps[1].tool.reslt_tokens: unknown key 'reslt_tokens'; did you \
        mean 'result_tokens'?

        """)
    #expect(captured.output == "ok: \(good) (3 steps, 2 sites)\n")
  }

  @Test(
    "reports what run would reject (a model too big, no fp8 path, no interconnect), located",
    arguments: [
      (
        #""model": "llama-3.2-3b", "precision": "q4""#,
        #""model": "llama-3.1-70b", "precision": "q4""#,
        "v.json:21:72: error: $.sites.phone.serves: infeasible (as the on_outage fallback of "
          + "'reply'): llama-3.1-70b at q4 needs 39.7 GB of weights, but one apple-a17-pro has "
          + "4.0 GB usable (8.0 GB × 0.5 each); use a smaller model, or larger hardware, or fall "
          + "back to another site"
      ),
      (
        #""precision": "q4""#, #""precision": "fp8""#,
        "v.json:21:72: error: $.sites.phone.serves: as the on_outage fallback of 'reply': "
          + "apple-a17-pro has no fp8 path on its gpu (no native fp8 tensor throughput is "
          + "listed); use one of bf16, fp16, int8, q4, or fall back to another site"
      ),
      (
        #""replicas": 2,"#, #""replicas": 2, "accelerators_per_replica": 4,"#,
        "v.json:22:106: error: $.sites.edge.serves: l40s lists no interconnect bandwidth, so it "
          + "cannot be used with tensor parallelism over 4 accelerators; use 1 accelerator, or "
          + "define the hardware with 'interconnect_gb_per_s'"
      ),
    ])
  func resolveProblems(original: String, replacement: String, expected: String) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("workflows/voice-assistant.json"),
      encoding: .utf8)
    #expect(text.contains(original))
    try Data(text.replacingOccurrences(of: original, with: replacement).utf8).write(
      to: directory.appendingPathComponent("v.json"))
    for command in ["validate", "run"] {
      let captured = CapturedOutput()
      let status = AgentSimTool.main(
        arguments: [command, "v.json", "--no-write"].filter {
          command == "run" || $0 != "--no-write"
        },
        context: captured.context(in: directory))
      #expect(status == .badInput)
      #expect(captured.error == expected + "\n", "\(command)")
    }
  }

  @Test("a device such as /dev/null is not a workflow file")
  func device() {
    let captured = CapturedOutput()
    let status = AgentSimTool.main(
      arguments: ["validate", "/dev/null"], context: captured.context(in: Self.root))
    #expect(status == .badInput)
    #expect(
      captured.error == "/dev/null: error: is a device, not a workflow file; name a workflow JSON "
        + "file, such as workflows/voice-assistant.json\n")
  }

  @Test("reports a missing file with status 2")
  func missingFile() {
    let captured = CapturedOutput()
    let status = AgentSimTool.main(
      arguments: ["validate", "no-such-file.json"],
      context: captured.context(in: FileManager.default.temporaryDirectory))
    #expect(status == .badInput)
    #expect(captured.error == "no-such-file.json: error: no such file\n")
  }

  @Test("needs at least one file")
  func noFiles() {
    let captured = CapturedOutput()
    let status = AgentSimTool.main(
      arguments: ["validate"], context: captured.context(in: Self.root))
    #expect(status == .badInput)
    #expect(captured.error.hasPrefix("error: missing argument <workflow>"))
  }
}

@Suite("validate --catalog and --set provenance")
struct ValidateCatalogTests {
  @Test("a workflow naming user hardware is valid only with the --catalog that defines it")
  func userHardware() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // The user catalog: the built-in L40S under a new name.
    let listing = CapturedOutput()
    #expect(
      AgentSimTool.main(
        arguments: ["catalog", "hardware", "--format", "json"],
        context: listing.context(in: ValidateCommandTests.root)) == .success)
    let catalog = try #require(
      try JSONSerialization.jsonObject(with: Data(listing.output.utf8)) as? [String: Any])
    let hardware = try #require(catalog["hardware"] as? [[String: Any]])
    var entry = try #require(hardware.first { $0["name"] as? String == "l40s" })
    entry["name"] = "lab-box"
    let catalogURL = directory.appendingPathComponent("lab.json")
    try JSONSerialization.data(withJSONObject: ["hardware": [entry]]).write(to: catalogURL)
    let workflow = try String(
      contentsOf: ValidateCommandTests.root.appendingPathComponent(
        "workflows/voice-assistant.json"), encoding: .utf8
    ).replacingOccurrences(of: "\"hardware\": \"l40s\"", with: "\"hardware\": \"lab-box\"")
    let workflowURL = directory.appendingPathComponent("lab-voice.json")
    try workflow.write(to: workflowURL, atomically: true, encoding: .utf8)

    let without = CapturedOutput()
    #expect(
      AgentSimTool.main(
        arguments: ["validate", workflowURL.path], context: without.context(in: directory))
        == .badInput)
    #expect(without.error.contains("lab-box"))
    let with = CapturedOutput()
    #expect(
      AgentSimTool.main(
        arguments: ["validate", workflowURL.path, "--catalog", catalogURL.path],
        context: with.context(in: directory)) == .success, "\(with.error)")
    #expect(with.output.contains("ok: \(workflowURL.path)"))
  }

  @Test("a bad --catalog file: every problem, with the file as named, and status 2")
  func badCatalog() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = """
      {"links": [
        {"name": "a", "rtt_median_ms": 3, "rtt_p99_ms": 30, "uplink_mbps": 0,
         "downlink_mbps": 1, "source": "s"},
        {"name": "b", "rtt_median_ms": 3, "uplink_mbps": 1, "downlink_mbps": 1, "source": "s",
         "rtt_p90_ms": 9}
      ]}
      """
    try Data(text.utf8).write(to: directory.appendingPathComponent("lab.json"))
    try FileManager.default.copyItem(
      at: ValidateCommandTests.root.appendingPathComponent("workflows/voice-assistant.json"),
      to: directory.appendingPathComponent("v.json"))
    for command in ["validate", "run"] {
      let captured = CapturedOutput()
      let status = AgentSimTool.main(
        arguments: [command, "v.json", "--catalog", "lab.json"],
        context: captured.context(in: directory))
      #expect(status == .badInput, "\(command)")
      #expect(
        captured.error == """
          lab.json:2:70: error: $.links[0].uplink_mbps: expected a positive finite number, found \
          0.0
          lab.json:4:3: error: $.links[1].rtt_p99_ms: missing required key 'rtt_p99_ms'; add it \
          ('agentsim catalog --format json' prints complete entries to copy)
          lab.json:5:18: error: $.links[1].rtt_p90_ms: unknown key 'rtt_p90_ms'; did you mean \
          'rtt_p99_ms'?

          """, "\(command)")
      #expect(captured.output == "", "\(command)")
    }
  }

  @Test("a value --set made invalid is reported against the --set, not the file's line")
  func setProvenance() {
    let captured = CapturedOutput()
    let status = AgentSimTool.main(
      arguments: [
        "run", "workflows/voice-assistant.json", "--no-write", "--set", "load.rate_per_s=-1",
        "--set", "steps.reply.output_tokens=-5",
      ], context: captured.context(in: ValidateCommandTests.root))
    #expect(status == .badInput)
    #expect(captured.error.contains("--set load.rate_per_s=-1: error: $.load.rate_per_s:"))
    #expect(
      captured.error.contains(
        "--set steps.reply.output_tokens=-5: error: $.steps[1].llm.output_tokens:"),
      "\(captured.error)")
    #expect(!captured.error.contains("voice-assistant.json:"))
  }

  @Test(
    "a budget written in seconds is a located warning that suggests milliseconds; it fails nothing")
  func budgetInSeconds() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = try String(
      contentsOf: ValidateCommandTests.root.appendingPathComponent(
        "workflows/voice-assistant.json"),
      encoding: .utf8)
    let original = #""budget": {"ttft_ms": 320, "p50_ms": 700, "p99_ms": 1000}"#
    #expect(text.contains(original))
    try Data(
      text.replacingOccurrences(of: original, with: #""budget": {"ttft_ms": 320, "p99_ms": 1.2}"#)
        .utf8
    ).write(to: directory.appendingPathComponent("v.json"))
    let expected =
      "v.json:31:40: warning: $.budget.p99_ms: a budget of 1.2 ms is shorter than any end-to-end "
      + "agent task takes (under 20 ms), and budgets are in milliseconds; did you mean 1.2 s = "
      + "1200 ms?\n"
    let validated = CapturedOutput()
    #expect(
      AgentSimTool.main(
        arguments: ["validate", "v.json"], context: validated.context(in: directory))
        == .success)
    #expect(validated.error == expected)
    #expect(validated.output == "ok: v.json (3 steps, 2 sites)\n")
    // `run` says it too, on standard error only: the report's bytes are the report's.
    let ran = CapturedOutput()
    #expect(
      AgentSimTool.main(
        arguments: ["run", "v.json", "--no-write", "--sessions", "20", "--warmup", "0"],
        context: ran.context(in: directory)) == .success)
    #expect(ran.error == expected)
    #expect(!ran.output.contains("warning"))
    // A budget --set in seconds is the --set's warning, not the file's.
    let overridden = CapturedOutput()
    #expect(
      AgentSimTool.main(
        arguments: ["validate", "workflows/voice-assistant.json", "--set", "budget.ttft_ms=0.3"],
        context: overridden.context(in: ValidateCommandTests.root)) == .success)
    #expect(
      overridden.error
        == "--set budget.ttft_ms=0.3: warning: $.budget.ttft_ms: a budget of 0.3 ms is shorter "
        + "than any end-to-end agent task takes (under 20 ms), and budgets are in milliseconds; "
        + "did you mean 0.3 s = 300 ms?\n")
  }
}
