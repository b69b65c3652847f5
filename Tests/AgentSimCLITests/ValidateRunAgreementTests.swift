import AgentSim
import AgentSimCLI
import Foundation
import Testing

/// `validate` runs exactly the checks `run` runs before it simulates (`LoadedWorkflow.check`,
/// through `placementProblems`), with the same `--placement` and `--set`, so the two agree on
/// every file and flags: same exit status, and the errors `validate` prints are the ones `run`
/// prints.
@Suite("validate and run agree")
struct ValidateRunAgreementTests {
  static let rejected = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/rejected")

  /// Every fixture `run` must reject, by file name: adding a file adds a case.
  static let rejectedFixtures: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: rejected.path)) ?? [])
    .filter { $0.hasSuffix(".json") }.sorted()

  /// `validate FILE` and `run FILE` (few sessions, nothing written): status, `validate`'s error
  /// lines, and everything `run` printed on standard error.
  static func both(_ path: String, flags: [String] = []) -> (
    validate: AgentSimCLI.ExitStatus, run: AgentSimCLI.ExitStatus, validateErrors: [String],
    runErrors: [String]
  ) {
    let (validate, validated) = RunCommandTests.run(["validate", path] + flags)
    let (run, ran) = RunCommandTests.run(
      ["run", path, "--sessions", "20", "--warmup", "0", "--no-write", "--format", "csv"] + flags)
    // Warnings (other candidates that cannot run) are `validate`'s alone: `run` runs one
    // placement.
    let errors = validated.error.split(separator: "\n").map(String.init).filter {
      !$0.contains(": warning: ")
    }
    return (validate, run, errors, ran.error.split(separator: "\n").map(String.init))
  }

  @Test("the fixtures are there")
  func fixturesPresent() {
    #expect(Self.rejectedFixtures.count >= 8, "\(Self.rejectedFixtures)")
  }

  @Test("every example: both exit 0, validate prints no error", arguments: RunCommandTests.examples)
  func examples(name: String) {
    let outcome = Self.both("workflows/\(name).json")
    #expect(outcome.validate == .success)
    #expect(outcome.run == .success)
    #expect(outcome.validateErrors.isEmpty, "\(outcome.validateErrors)")
    #expect(outcome.runErrors.isEmpty, "\(outcome.runErrors)")
  }

  @Test(
    "every rejected fixture: both exit 2 with the same diagnostics", arguments: rejectedFixtures)
  func rejectedFixture(name: String) {
    let outcome = Self.both(Self.rejected.appendingPathComponent(name).path)
    #expect(outcome.validate == .badInput)
    #expect(outcome.run == .badInput)
    #expect(!outcome.runErrors.isEmpty)
    #expect(outcome.validateErrors == outcome.runErrors)
    // Each names its JSON path and says what to do.
    for line in outcome.runErrors {
      #expect(line.contains(": error: $."), "\(line)")
      #expect(line.contains("; "), "no suggestion: \(line)")
    }
  }

  /// `--placement` and `--set` that `run` rejects, on a valid example: each in a different check
  /// (placement check, override path, decoder range, unknown step).
  static let rejectedFlags: [[String]] = [
    ["--placement", "reply=nowhere"],
    ["--placement", "speech-to-text=edge"],
    ["--placement", "no-such-step=edge"],
    ["--set", "load.rate_per_s=-1"],
    ["--set", "lod.rate_per_s=1"],
    ["--set", "sites.edge.serves=[]", "--placement", "reply=phone"],
  ]

  @Test(
    "a bad --placement or --set: validate and run both exit 2 with the same diagnostics",
    arguments: rejectedFlags)
  func badFlags(flags: [String]) {
    let outcome = Self.both("workflows/voice-assistant.json", flags: flags)
    #expect(outcome.validate == .badInput)
    #expect(outcome.run == .badInput)
    #expect(!outcome.runErrors.isEmpty)
    #expect(outcome.validateErrors == outcome.runErrors)
  }

  @Test("a good --placement and --set: both exit 0, validate prints no error")
  func goodFlags() {
    let outcome = Self.both(
      "workflows/voice-assistant.json",
      flags: ["--placement", "reply=phone", "--set", "load.rate_per_s=0.5"])
    #expect(outcome.validate == .success)
    #expect(outcome.run == .success)
    #expect(outcome.validateErrors.isEmpty, "\(outcome.validateErrors)")
    #expect(outcome.runErrors.isEmpty, "\(outcome.runErrors)")
  }

  /// A transfer and a speculative step across the chain, with the tool at either candidate.
  @Test("sites linked only through a third: validate and run both exit 0, at every placement")
  func chainedLinks() {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/accepted/chained-links.json").path
    for flags in [[], ["--placement", "search=edge"]] {
      let outcome = Self.both(path, flags: flags)
      #expect(outcome.validate == .success, "\(flags)")
      #expect(outcome.run == .success, "\(flags)")
      #expect(outcome.validateErrors.isEmpty, "\(outcome.validateErrors)")
      #expect(outcome.runErrors.isEmpty, "\(outcome.runErrors)")
    }
  }

  /// The step placed at `region` makes its fallback site `edge` load a model too big for it: the
  /// error, at a site no step is placed at, names the step and the way out.
  @Test("a model too big for a fallback site: the error names the step that falls back there")
  func fallbackNamed() {
    let outcome = Self.both(Self.rejected.appendingPathComponent("fallback-too-big.json").path)
    #expect(outcome.runErrors.count == 1)
    #expect(
      outcome.runErrors.first?.contains(
        "$.sites.edge.serves: infeasible (as the on_outage fallback of 'reply'): llama-3.1-70b")
        == true, "\(outcome.runErrors)")
    #expect(
      outcome.runErrors.first?.hasSuffix("or fall back to another site") == true,
      "\(outcome.runErrors)")
  }
}
