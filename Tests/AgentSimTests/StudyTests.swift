import Foundation
import Testing

@testable import AgentSim

/// The machinery behind `agentsim study`: overrides per x, crossovers, the template, the spec's
/// checks, and a small study written, checked and regenerated identically on any thread count.
@Suite("reference study")
struct StudyTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test("{x} and {x*K} in a series' overrides become numbers; anything else is left alone")
  func substitution() {
    #expect(
      StudyRunner.substitute(x: 20, in: "links[0].rtt_median_ms={x}") == "links[0].rtt_median_ms=20"
    )
    #expect(StudyRunner.substitute(x: 2.5, in: "a={x*3}") == "a=7.5")
    #expect(StudyRunner.substitute(x: 0.7, in: "a={x}&b={x*10}") == "a=0.7&b=7")
    #expect(StudyRunner.substitute(x: 1, in: "a={y}") == "a={y}")
    #expect(StudyRunner.substitute(x: 1, in: "a={x") == "a={x")
  }

  @Test("a crossover is interpolated between the x values that bracket it")
  func crossover() {
    // a − b: −10 at x = 10, +30 at x = 20: zero at 12.5.
    #expect(StudyValues.crossover(x: [10, 20], a: [90, 130], b: [100, 100]) == "12.5")
    #expect(StudyValues.crossover(x: [10, 20], a: [110, 130], b: [100, 100]) == "below 10")
    #expect(StudyValues.crossover(x: [10, 20], a: [90, 95], b: [100, 100]) == "beyond 20")
    // A line over capacity counts as above the other.
    #expect(StudyValues.crossover(x: [10, 20, 40], a: [90, 95, nil], b: [100, 100, 100]) == "40")
  }

  @Test("the template's keys are filled; an unknown key is an error at its line and column")
  func template() throws {
    let filled = try StudyOutput.fill(
      "p99 {{run.a.p99}}, {{ run.a.mark }}\nend",
      values: ["run.a.p99": "1.2 s", "run.a.mark": "✓"],
      file: "t.md")
    #expect(filled == "p99 1.2 s, ✓\nend")
    let computed = try StudyOutput.fill(
      "{{ratio a b}} {{minus a b}}", values: [:], numbers: ["a": 300, "b": 100], file: "t.md")
    #expect(computed == "3.00× 200 ms")
    #expect(throws: DiagnosticError.self) {
      try StudyOutput.fill("{{ratio a c}}", values: [:], numbers: ["a": 1], file: "t.md")
    }
    #expect(throws: DiagnosticError.self) {
      try StudyOutput.fill("x\n  {{run.a.p98}}", values: ["run.a.p99": "1"], file: "t.md")
    }
    do {
      _ = try StudyOutput.fill("x\n  {{run.a.p98}}", values: ["run.a.p99": "1"], file: "t.md")
    } catch {
      let diagnostic = try #require(error.diagnostics.first)
      #expect(diagnostic.line == 2)
      #expect(diagnostic.column == 3)
      #expect(diagnostic.suggestion == "did you mean 'run.a.p99'?")
    }
  }

  @Test("the spec rejects duplicate ids, bars naming no run, and x values that do not increase")
  func specProblems() throws {
    let text = """
      {"name": "s", "seed": 1, "sessions": 10, "warmup_sessions": 0,
       "runs": [{"id": "a", "group": "g", "label": "A", "workflow": "w.json"},
                {"id": "a", "group": "g", "label": "A", "workflow": "w.json"}],
       "series": [{"id": "s", "title": "t", "x_label": "x", "x": [2, 1], "set": [],
                   "metric": "p99", "lines": [{"id": "l", "label": "L", "workflow": "w.json"}]}],
       "bars": [{"id": "b", "title": "t", "runs": ["aa"]}], "fronts": []}
      """
    let spec = try JSONDecoder().decode(StudySpec.self, from: Data(text.utf8))
    let paths = spec.problems(file: "study.json").map(\.path)
    #expect(paths == ["runs[1].id", "series[0].x", "bars[0].runs[0]"])
  }

  @Test("a missing field names its JSON path")
  func missingField() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-study-missing-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("study.json")
    try Data(
      #"{"name": "s", "seed": 1, "sessions": 10, "warmup_sessions": 0, "runs": [{"id": "a"}], "series": [], "bars": [], "fronts": []}"#
        .utf8
    ).write(to: url)
    do {
      _ = try StudySpec.load(contentsOf: url, file: "study.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.first?.path == "runs[0].group")
    }
  }

  /// A two-run, one-series study of the repository's voice assistant.
  static func smallStudy() throws -> (folder: URL, spec: StudySpec) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-study-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let workflow = root.appendingPathComponent("workflows/voice-assistant.json")
    try FileManager.default.copyItem(at: workflow, to: folder.appendingPathComponent("va.json"))
    let text = """
      {"name": "small", "seed": 7, "sessions": 200, "warmup_sessions": 20,
       "runs": [{"id": "edge", "group": "voice", "label": "edge", "workflow": "va.json",
                 "placement": {"reply": "edge"}},
                {"id": "phone", "group": "voice", "label": "phone", "workflow": "va.json",
                 "placement": {"reply": "phone"}}],
       "series": [{"id": "rtt", "title": "RTT", "x_label": "ms", "x": [5, 40],
                   "set": ["links[0].rtt_median_ms={x}", "links[0].rtt_p99_ms={x*3}"],
                   "metric": "p99",
                   "lines": [{"id": "edge", "label": "edge", "workflow": "va.json",
                              "placement": {"reply": "edge"}},
                             {"id": "phone", "label": "phone", "workflow": "va.json",
                              "placement": {"reply": "phone"}, "vary": false}]}],
       "bars": [{"id": "b", "title": "bars", "runs": ["edge", "phone"]}], "fronts": []}
      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("study.json"))
    let spec = try StudySpec.load(
      contentsOf: folder.appendingPathComponent("study.json"), file: "study.json")
    return (folder, spec)
  }

  @Test("a study's files are the same on 1 and 2 threads; check finds edits and leftovers")
  func writeAndCheck() throws {
    let (folder, spec) = try Self.smallStudy()
    defer { try? FileManager.default.removeItem(at: folder) }
    let template =
      "edge p99 {{run.edge.p99}} {{run.edge.mark}}; crossover {{series.rtt.crossover.edge.phone}}\n"
    let one = try StudyRunner(jobs: 1).run(spec, in: folder)
    let two = try StudyRunner(jobs: 2).run(spec, in: folder)
    let outputOne = try StudyOutput(one, template: template, templateFile: "template.md")
    let outputTwo = try StudyOutput(two, template: template, templateFile: "template.md")
    #expect(outputOne.files.map(\.contents) == outputTwo.files.map(\.contents))
    #expect(
      outputOne.files.map(\.path) == [
        "README.md", "data/runs.csv", "data/series-rtt.csv", "data/values.csv",
        "figures/bars-b.svg", "figures/series-rtt.svg",
      ])
    // The series' varied line moves with x; the fixed line does not.
    let edge = one.series[0][0].map(\.latency.p99Milliseconds)
    let phone = one.series[0][1].map(\.latency.p99Milliseconds)
    #expect(edge[0] < edge[1])
    #expect(phone[0] == phone[1])
    // The run's figure in the README is the report's.
    let readme = try #require(outputOne.files.first { $0.path == "README.md" }).contents
    #expect(
      readme.contains(DisplayFormat.duration(milliseconds: one.runs[0].latency.p99Milliseconds)))

    #expect(outputOne.differences(from: folder).count == 6)
    _ = try outputOne.write(to: folder)
    #expect(outputOne.differences(from: folder).isEmpty)
    try Data("changed".utf8).write(to: folder.appendingPathComponent("data/runs.csv"))
    try Data("stale".utf8).write(to: folder.appendingPathComponent("figures/old.svg"))
    #expect(outputOne.differences(from: folder) == ["data/runs.csv", "figures/old.svg"])
    _ = try outputOne.write(to: folder)
    #expect(outputOne.differences(from: folder).isEmpty)
  }

  @Test("a run's command names its workflow, placement, overrides (quoted when needed) and seed")
  func command() throws {
    let (folder, spec) = try Self.smallStudy()
    defer { try? FileManager.default.removeItem(at: folder) }
    var run = spec.runs[0]
    #expect(
      StudyValues.command(run, spec: spec)
        == "agentsim run va.json --placement reply=edge --sessions 200 --warmup 20 --seed 7 --no-write"
    )
    run.set = ["load.rate_per_s=4", #"sites.edge.prefix_cache={"capacity_gb":1}"#]
    run.sessions = 50
    #expect(
      StudyValues.command(run, spec: spec)
        == "agentsim run va.json --placement reply=edge --set load.rate_per_s=4 "
        + #"--set 'sites.edge.prefix_cache={"capacity_gb":1}' --sessions 50 --warmup 5 --seed 7 --no-write"#
    )
  }

  @Test("a run whose placement names an unknown site fails with the run's path")
  func badPlacement() throws {
    let (folder, spec) = try Self.smallStudy()
    defer { try? FileManager.default.removeItem(at: folder) }
    var bad = spec
    bad.runs[1].placement = ["reply": "moon"]
    do {
      _ = try StudyRunner(jobs: 1).run(bad, in: folder)
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.contains { $0.message.contains("(study runs[1])") })
    }
  }
}
