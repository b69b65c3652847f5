import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

/// The percentile-aware latency bounds (``LowerBound/p50Milliseconds`` and
/// ``LowerBound/p99Milliseconds``) against simulation: sampled placements of every example
/// workflow, at several seeds and session counts, never report a median or 99th percentile below
/// their bounds, and the bounds say more than the minimum does.
@Suite("lower bounds: percentiles")
struct PercentileBoundTests {
  /// Every example workflow, found by listing `workflows/`.
  static let examples: [String] = {
    let folder = OptimizeSearchTests.root.appendingPathComponent("workflows")
    return
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
      .filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()) ?? []
  }()

  /// A fixed sample of placement numbers: the first, the last and a few pseudo-random ones.
  static func sample(count: Int, size: Int) -> [Int] {
    guard count > size else { return Array(0..<count) }
    var chosen: Set<Int> = [0, count - 1]
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    while chosen.count < size {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      chosen.insert(Int((state >> 33) % UInt64(count)))
    }
    return chosen.sorted()
  }

  @Test(
    "no simulated median or 99th percentile of a sampled placement falls below its bound",
    arguments: examples)
  func boundsHoldInSimulation(file: String) throws {
    let loaded = try OptimizeSearchTests.load(file)
    let space = try PlacementSpace(workflow: loaded.workflow)
    var checked = 0
    for index in Self.sample(count: space.count, size: 4) {
      guard var scenario = try? loaded.scenario(placement: space.placement(at: index)) else {
        continue
      }
      for (sessions, seed) in [(150, UInt64(1)), (400, UInt64(7)), (400, UInt64(42))] {
        scenario.load.sessions = sessions
        scenario.load.warmupSessions = min(scenario.load.warmupSessions, 20)
        let bound = LowerBound.of(scenario)
        let report = WorkflowSimulation.run(scenario, seed: seed)
        guard report.hasMeasuredSessions, !(report.stoppedEarly?.isRunaway ?? false) else {
          continue
        }
        let metrics = SweepMetrics(report)
        #expect(
          metrics.p50Milliseconds >= bound.p50Milliseconds,
          "\(file) placement \(index), \(sessions) sessions, seed \(seed): p50 \(metrics.p50Milliseconds) < bound \(bound.p50Milliseconds)"
        )
        #expect(
          metrics.p99Milliseconds >= bound.p99Milliseconds,
          "\(file) placement \(index), \(sessions) sessions, seed \(seed): p99 \(metrics.p99Milliseconds) < bound \(bound.p99Milliseconds)"
        )
        #expect(bound.p99Milliseconds >= bound.p50Milliseconds)
        #expect(bound.p50Milliseconds >= bound.latencyMilliseconds)
        checked += 1
      }
    }
    #expect(checked > 0)
  }

  @Test("the estimator's level: below the percentile, rising towards it with the sessions")
  func levels() {
    let small = QuantileLevel.level(0.99, sessions: 250)
    let large = QuantileLevel.level(0.99, sessions: 10_000)
    #expect(small < large && large < 0.99)
    #expect(QuantileLevel.level(0.5, sessions: 1_000) < 0.5)
    // At the level, the chance that the nearest-rank order statistic falls below the quantile
    // is the stated risk; a little above it, more.
    let rank = SampleQuantiles.nearestRank(0.99, count: 250)
    #expect(QuantileLevel.upperTail(count: 250, probability: small, atLeast: rank) <= 1e-9)
    #expect(
      QuantileLevel.upperTail(count: 250, probability: small + 0.01, atLeast: rank) > 1e-9)
  }

  @Test(
    "on placement-sweep, the p99 bound rules out the all-laptop placement that the minimum lets through"
  )
  func allLaptopRuledOut() throws {
    let loaded = try OptimizeSearchTests.load("placement-sweep.json")
    let space = try PlacementSpace(workflow: loaded.workflow)
    var placement: [String: String] = [:]
    for step in space.steps { placement[step.name] = "laptop" }
    var scenario = try loaded.scenario(placement: placement)
    scenario.load.sessions = 2_000
    let bound = LowerBound.of(scenario)
    #expect(bound.latencyMilliseconds < 1_500)
    #expect(bound.p99Milliseconds > 1_500)
  }
}
