import AgentSim
import Foundation
import SimulationKernel
import Testing

@Suite("Sweep lower bounds and pruning")
struct SweepPruningTests {
  /// Overrides that make the fixture nearly deterministic (constant round trips, tool time and
  /// answer length) and give the sites replicas enough that the two models sharing them seldom
  /// take turns, so that lower bounds are close to the simulated latencies and dominance pruning
  /// has something to prune; the budget is 1.1 s.
  static let tight = [
    "links[0].rtt_p99_ms=10", "links[1].rtt_p99_ms=30", "links[2].rtt_p99_ms=10",
    "steps.sense.duration_ms=30", "steps.answer.output_tokens=20", "sites.edge.replicas=8",
    "sites.region.replicas=4",
    "budget.p99_ms=1100",
  ]

  /// A sweep large enough (for `maximumPoints: 1`) to prune: two tool-duration settings, one of
  /// which cannot meet the budget (its search takes at least 950 ms).
  static func prunedPlan() throws -> SweepPlan {
    try SweepFixture.plan(
      overrides: tight,
      axes: [
        ParameterAxis(
          key: "steps.search.duration_ms",
          values: [
            #"{"uniform": {"min": 20, "max": 60}}"#, #"{"uniform": {"min": 950, "max": 1000}}"#,
          ])
      ],
      candidates: ["sense": ["phone"]],
      settings: SweepSettings(sessions: 150, maximumPoints: 1, pilotPerOrdering: 1))
  }

  @Test("pruned points really miss the budget or are really dominated (simulated to check)")
  func pruningIsSound() throws {
    let plan = try Self.prunedPlan()
    let results = SweepRunner(jobs: 2).run(plan)
    let report = SweepReport(sweep: plan.identity, results: results)
    #expect(report.counts.prunedByBudget == 12)
    #expect(report.counts.prunedAsDominated > 0)
    #expect(
      report.counts.simulated + report.counts.prunedByBudget
        + report.counts.prunedAsDominated + report.counts.infeasible == plan.count)
    let simulated = report.points.filter(\.isRanked)
    for pruned in report.points where pruned.status != .simulated {
      #expect(!pruned.reasons.isEmpty)
      let point = plan.point(at: pruned.index)
      let actual = SweepMetrics(
        WorkflowSimulation.run(try plan.scenario(for: point), seed: point.seed))
      switch pruned.status {
      case .prunedByBudget:
        #expect(!actual.meetsBudget, "point \(pruned.index)")
        #expect(actual.p99Milliseconds > 1100, "point \(pruned.index)")
      case .prunedAsDominated:
        let vector = [actual.p99Milliseconds, actual.costDollars, actual.energyJoules]
        let dominated = simulated.contains { other in
          guard let metrics = other.metrics, other.meetsBudget else { return false }
          return ParetoFront.dominates(
            [metrics.p99Milliseconds, metrics.costDollars, metrics.energyJoules], vector)
        }
        #expect(dominated || !actual.meetsBudget, "point \(pruned.index)")
      default:
        break
      }
    }
  }

  @Test("pruning drops no point of the front and keeps the recommendation")
  func pruningKeepsTheFront() throws {
    let pruned = try Self.prunedPlan()
    var settings = pruned.settings
    settings.maximumPoints = SweepSettings.defaultMaximumPoints
    let full = try SweepFixture.plan(
      overrides: Self.tight, axes: pruned.grid.axes, candidates: ["sense": ["phone"]],
      settings: settings)
    let prunedReport = SweepReport(
      sweep: pruned.identity, results: SweepRunner(jobs: 2).run(pruned))
    let fullReport = SweepReport(sweep: full.identity, results: SweepRunner(jobs: 2).run(full))
    #expect(fullReport.counts.simulated == full.count)
    #expect(prunedReport.front == fullReport.front)
    #expect(prunedReport.recommended == fullReport.recommended)
    #expect(prunedReport.recommendation == fullReport.recommendation)
    #expect(prunedReport.ranking.first == fullReport.ranking.first)
  }

  @Test("a pruned sweep is the same for any --jobs and merges from shards byte for byte")
  func prunedShards() throws {
    let plan = try Self.prunedPlan()
    let whole = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 1).run(plan))
    let shards = (0..<3).flatMap { index in
      SweepRunner(jobs: 2).run(plan, shard: SweepShard(index: index, count: 3))
    }
    let merged = SweepReport(sweep: plan.identity, results: shards)
    #expect(try SweepFixture.json(merged) == SweepFixture.json(whole))
  }

  /// Every example workflow, every placement of up to 12: no session is faster than the latency
  /// bound, and cost and energy are at least theirs.
  @Test("the bounds hold for every session of the examples, at every placement")
  func boundsHoldOnExamples() throws {
    let root = SweepFixture.url.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("workflows")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()
    #expect(files.count >= 7)
    var checked = 0
    for file in files + ["../Tests/AgentSimTests/Fixtures/sweep-small.json"] {
      let plan = try SweepPlan.load(
        contentsOf: folder.appendingPathComponent(file), file: file,
        settings: SweepSettings(sessions: 120, warmupSessions: 0))
      for index in stride(from: 0, to: plan.count, by: max(1, plan.count / 12)) {
        let point = plan.point(at: index)
        guard let scenario = try? plan.scenario(for: point) else { continue }
        let bound = LowerBound.of(scenario)
        var simulation = SessionSimulator.makeSimulation(scenario: scenario, seed: 7)
        simulation.run()
        let model = simulation.model
        guard model.overload == nil else { continue }
        let latency = model.statistics.latency
        #expect(bound.latencyMilliseconds > 0, "\(file) #\(index)")
        #expect(latency.minimum >= bound.latencyMilliseconds, "\(file) #\(index)")
        let report = WorkflowSimulation.run(scenario, seed: 7)
        #expect(report.costDollarsPerSession >= bound.costDollars, "\(file) #\(index)")
        #expect(report.deviceEnergyJoulesPerSession >= bound.energyJoules, "\(file) #\(index)")
        #expect(report.latency.p50Milliseconds >= bound.latencyMilliseconds, "\(file) #\(index)")
        checked += 1
      }
    }
    #expect(checked >= 20)
  }
}
