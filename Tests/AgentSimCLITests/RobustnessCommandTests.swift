import AgentSim
import Foundation
import Testing

@testable import AgentSimCLI

/// The command-line fixes of issue 12: each case was accepted, or answered with nonsense, before.
@Suite("Command-line robustness")
struct RobustnessCommandTests {
  static let root = RunCommandTests.root

  @Test("conflicting --placement for one step is a usage error, not 'last wins'")
  func conflictingPlacement() {
    let (status, captured) = RunCommandTests.run([
      "run", "workflows/voice-assistant.json", "--placement", "reply=edge,reply=phone",
      "--no-write",
    ])
    #expect(status == .badInput)
    #expect(
      captured.error.hasPrefix("error: --placement puts step 'reply' at both 'edge' and 'phone'"))
    // The same site twice is not a conflict.
    let (same, _) = RunCommandTests.run([
      "run", "workflows/voice-assistant.json", "--placement", "reply=edge", "--placement",
      "reply=edge", "--sessions", "5", "--warmup", "0", "--no-write",
    ])
    #expect(same == .success)
  }

  @Test("--out '' is rejected before simulating, for run and sweep")
  func emptyOut() {
    for command in ["run", "sweep"] {
      let (status, captured) = RunCommandTests.run([
        command, "workflows/voice-assistant.json", "--out", "", "--sessions", "5",
      ])
      #expect(status == .badInput)
      #expect(
        captured.error.hasPrefix("error: option '--out' expects a folder, found an empty string"))
      #expect(captured.output.isEmpty)
    }
  }

  @Test("a runaway run is exit status 2 with the step and the value")
  func runaway() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-runaway-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // 10,000 tool calls of 30 days each: the clock passes a century at the 1,218th.
    let text = """
      {"version": 1, "name": "runaway",
       "sites": {"phone": {"tier": "device", "hardware": "apple-a17-pro"}},
       "load": {"arrival": "poisson", "rate_per_s": 1, "sessions": 2},
       "steps": [{"loop": {"name": "outer", "count": 10000, "body":
         {"tool": {"name": "tick", "site": "phone", "duration_ms": 2592000000}}}}]}
      """
    try Data(text.utf8).write(to: directory.appendingPathComponent("runaway.json"))
    let (status, captured) = RunCommandTests.run(
      ["run", "runaway.json", "--warmup", "0", "--no-write"], in: directory)
    #expect(status == .badInput)
    #expect(
      captured.error
        == "runaway.json: error: the run stopped in step 'tick' after 0 of 2 sessions: simulated "
        + "time reached 36,540 days, past the horizon of 36,525 days; shorten durations or think "
        + "times, raise 'load.rate_per_s', or run fewer sessions\n")
    #expect(captured.output.isEmpty)
  }

  @Test("merge says '1 point' and rejects a format_version below 1")
  func mergeMessages() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-merge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = Self.root.appendingPathComponent(SweepCommandTests.workflow).path
    let (status, _) = SweepCommandTests.run(
      [
        "sweep", path, "--sessions", "20", "--candidates", "classify=edge,region", "--shard",
        "0/2", "--out", "shards", "--jobs", "1",
      ], in: directory)
    #expect(status == .success)
    let folder = directory.appendingPathComponent("shards/sweep-small-sweep-shards")
    let file = folder.appendingPathComponent("points-0-of-2.jsonl")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    #expect(lines.count > 2)
    // Shard 0 of 2 cut to its header and one point.
    try Data((lines.prefix(2).joined(separator: "\n") + "\n").utf8).write(to: file)
    let (cut, cutOutput) = SweepCommandTests.run(["merge", file.path, "--no-write"], in: directory)
    #expect(cut == .badInput)
    #expect(
      cutOutput.error.contains("holds 1 point, not the \(lines.count - 1) points of shard 0 of 2"))
    let header = String(lines[0]).replacingOccurrences(
      of: #""format_version":1"#, with: #""format_version":-1"#)
    #expect(header != String(lines[0]))
    try Data((header + "\n" + lines.dropFirst().joined(separator: "\n") + "\n").utf8).write(
      to: file)
    let (bad, badOutput) = SweepCommandTests.run(["merge", file.path, "--no-write"], in: directory)
    #expect(bad == .badInput)
    #expect(
      badOutput.error.contains("was written in shard format -1; this agentsim reads formats 1 to 1")
    )
  }

  @Test("a misspelt model reference lists the defined 'model aliases'")
  func modelAliases() throws {
    let text = DiagnosticText.workflow(model: "nothing-like-it")
    do {
      _ = try Workflow.decode(from: Data(text.utf8), file: "t.json")
      Issue.record("expected a diagnostic")
    } catch {
      #expect(
        error.diagnostics.map(\.description).contains {
          $0.hasSuffix("defined model aliases: small")
        })
    }
  }

  @Test("the run progress line counts sessions")
  func progressLine() {
    let line = ProgressBar.line(
      SweepProgress(done: 2_048, total: 10_000), elapsed: 2, unit: "sessions")
    #expect(line == "[####....................] 2,048/10,000 sessions  1024/s  0:08 left")
  }
}

/// A one-step workflow whose step uses `model` as its alias.
enum DiagnosticText {
  static func workflow(model: String) -> String {
    #"{"version": 1, "name": "t", "models": {"small": {"model": "llama-3.2-1b"}}, "#
      + #""sites": {"dev": {"tier": "device", "hardware": "apple-a17-pro", "serves": ["small"]}}, "#
      + #""load": {"arrival": "poisson", "rate_per_s": 1}, "steps": [{"llm": {"name": "a", "#
      + #""model": ""# + model + #"", "site": "dev", "prompt_tokens": 1, "output_tokens": 1}}]}"#
  }
}
