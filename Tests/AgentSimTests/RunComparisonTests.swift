import AgentSim
import Foundation
import Testing

/// `RunNoise` from batch means and `RunComparison`'s judgement of differences against it.
@Suite("run comparison and noise")
struct RunComparisonTests {
  static let voiceAssistant = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("workflows/voice-assistant.json")

  static func report(seed: UInt64, sessions: Int = 2_000, overrides: [String] = []) throws
    -> LatencyReport
  {
    let loaded = try WorkflowLoader.load(
      contentsOf: voiceAssistant, file: "voice-assistant.json",
      overrides: ["load.sessions=\(sessions)", "load.warmup_sessions=100"] + overrides)
    return WorkflowSimulation.run(try loaded.scenario(), seed: seed)
  }

  static func comparison(_ a: LatencyReport, _ b: LatencyReport) -> RunComparison {
    RunComparison(
      a: ComparedResult(report: a, label: "a"), b: ComparedResult(report: b, label: "b"))
  }

  @Test("the same workflow with two seeds differs within the noise at p50 and p99")
  func sameWorkflowTwoSeeds() throws {
    let comparison = Self.comparison(try Self.report(seed: 1), try Self.report(seed: 2))
    for metric in [ComparedMetric.p50, .p99, .mean] {
      let row = try #require(comparison.difference(of: metric))
      #expect(row.difference != 0, "two seeds give different \(metric)")
      #expect(row.judgement == .withinNoise, "\(metric): \(row)")
    }
    #expect(comparison.isSameWorkflow)
  }

  @Test("a slower link moves p50 and p99 by more than the noise")
  func realChange() throws {
    let comparison = Self.comparison(
      try Self.report(seed: 1),
      try Self.report(
        seed: 2, overrides: ["links[0].rtt_median_ms=150", "links[0].rtt_p99_ms=500"]))
    for metric in [ComparedMetric.p50, .p99] {
      let row = try #require(comparison.difference(of: metric))
      #expect(row.judgement == .largerThanNoise, "\(metric): \(row)")
      #expect((row.difference ?? 0) > 0)
    }
    #expect(!comparison.isSameWorkflow)
  }

  @Test("noise shrinks with more sessions, and is absent with fewer than two batches")
  func noiseScales() throws {
    let small = try #require(try Self.report(seed: 3, sessions: 400).noise)
    let large = try #require(try Self.report(seed: 3, sessions: 4_000).noise)
    #expect(small.batches == 20 && small.sessionsPerBatch == 20)
    #expect(large.sessionsPerBatch == 200)
    #expect(large.p50HalfWidthMilliseconds < small.p50HalfWidthMilliseconds)
    #expect(large.meanHalfWidthMilliseconds < small.meanHalfWidthMilliseconds)
    #expect(large.costHalfWidthDollars > 0)
    #expect(try Self.report(seed: 3, sessions: 1).noise == nil)
  }

  @Test("a report without noise (an older file) compares without a judgement")
  func olderFile() throws {
    var old = try Self.report(seed: 1, sessions: 200)
    old.noise = nil
    let comparison = Self.comparison(old, try Self.report(seed: 2, sessions: 200))
    let row = try #require(comparison.difference(of: .p99))
    #expect(row.noise == nil && row.judgement == nil)
    #expect(ComparisonRenderer.sentence(comparison).contains("no noise estimate"))
  }

  @Test("steps that moved and sites only one run used are listed")
  func movedSteps() throws {
    let a = try Self.report(seed: 1, sessions: 200)
    var loaded = try WorkflowLoader.load(
      contentsOf: Self.voiceAssistant, file: "voice-assistant.json",
      overrides: ["load.sessions=200", "load.warmup_sessions=100"])
    loaded.file = "voice-assistant.json"
    let b = WorkflowSimulation.run(try loaded.scenario(placement: ["reply": "phone"]), seed: 1)
    let comparison = Self.comparison(a, b)
    let reply = try #require(comparison.steps.first { $0.step == "reply" })
    #expect(reply.hasMoved && reply.siteA == "edge" && reply.siteB == "phone")
    let edge = try #require(comparison.sites.first { $0.site == "edge" })
    #expect(edge.utilizationA != nil)
    let json = String(decoding: try ComparisonRenderer.renderJSON(comparison), as: UTF8.self)
    #expect(json.contains("\"format_version\" : 1"))
    #expect(json.contains("\"judgement\""))
  }
}
