import AgentSim
import Foundation
import Testing

/// The example of the DocC article *Using agentsim as a library* runs, and the article shows it
/// verbatim (the code between the markers below).
@Suite("library article")
struct LibraryArticleTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test("the article's example runs: a run, a placement compared with it, a sweep's main effects")
  func example() throws {
    let workflowsDirectory = Self.root.appendingPathComponent("workflows")
    // BEGIN LibraryExample
    let url = workflowsDirectory.appendingPathComponent("voice-assistant.json")
    let loaded = try WorkflowLoader.load(
      contentsOf: url, file: "voice-assistant.json",
      overrides: ["load.sessions=400", "load.warmup_sessions=40"])

    // One run at the workflow's first candidate sites, and one with the reply on the phone.
    let edge = WorkflowSimulation.run(try loaded.scenario(), seed: 42)
    let phone = WorkflowSimulation.run(try loaded.scenario(placement: ["reply": "phone"]), seed: 42)
    print(ReportRenderer.renderTable(edge, style: .unicodePlain))

    let comparison = RunComparison(
      a: ComparedResult(report: edge, label: "edge"),
      b: ComparedResult(report: phone, label: "phone"))
    let p99 = comparison.difference(of: .p99)
    print(ComparisonRenderer.sentence(comparison))

    // Every placement of the workflow's candidate sites, ranked, with what moves p99.
    let plan = try SweepPlan.load(
      contentsOf: url, file: "voice-assistant.json", settings: SweepSettings(sessions: 200))
    let sweep = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    for effect in sweep.mainEffects() {
      print(effect.factor, effect.best, effect.worst, effect.effect)
    }
    print(sweep.recommendation)
    // END LibraryExample
    #expect(p99?.judgement == .largerThanNoise)
    #expect((p99?.difference ?? 0) > 0)
    #expect(sweep.mainEffects().first?.factor == .step("reply"))
    #expect(sweep.counts.simulated == 2)
  }

  @Test("the article shows the example exactly as the test runs it")
  func articleIsInSync() throws {
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let lines = source.components(separatedBy: "\n")
    let begin = try #require(lines.firstIndex { $0.hasSuffix("// BEGIN LibraryExample") })
    let end = try #require(lines.firstIndex { $0.hasSuffix("// END LibraryExample") })
    let example = lines[(begin + 1)..<end].map {
      $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0
    }
    .joined(separator: "\n")
    let article = try String(
      contentsOf: Self.root.appendingPathComponent(
        "Sources/AgentSim/AgentSim.docc/UsingAgentSimAsALibrary.md"), encoding: .utf8)
    #expect(article.contains(example), "copy the example between the markers into the article")
  }
}
