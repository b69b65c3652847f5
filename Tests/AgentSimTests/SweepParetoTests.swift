import AgentSim
import SimulationKernel
import Testing

@Suite("Pareto front")
struct SweepParetoTests {
  /// The front by definition: every point that no other point dominates.
  static func oracle(_ points: [[Double]]) -> [Int] {
    points.indices.filter { candidate in
      !points.indices.contains { other in
        other != candidate && ParetoFront.dominates(points[other], points[candidate])
      }
    }
  }

  @Test("matches the brute-force definition on random points with ties, over many seeds")
  func againstOracle() {
    for seed in UInt64(1)...200 {
      var generator = Xoshiro256StarStar(seed: seed)
      let count = Int(generator.nextInt(below: 60))
      // Few distinct values per axis, so ties and duplicates are common.
      let levels = 2 + Int(generator.nextInt(below: 6))
      let points = (0..<count).map { _ in
        (0..<3).map { _ in Double(generator.nextInt(below: UInt64(levels))) }
      }
      #expect(ParetoFront.indices(of: points) == Self.oracle(points), "seed \(seed)")
    }
  }

  @Test("dominance needs no worse everywhere and better somewhere")
  func dominance() {
    #expect(ParetoFront.dominates([1, 2, 3], [1, 2, 4]))
    #expect(!ParetoFront.dominates([1, 2, 3], [1, 2, 3]))
    #expect(!ParetoFront.dominates([0, 2, 5], [1, 2, 4]))
    #expect(ParetoFront.indices(of: [[1, 1, 1], [1, 1, 1], [2, 0, 1]]) == [0, 1, 2])
    #expect(ParetoFront.indices(of: []) == [])
  }

  @Test("the report's front is the front of the points that meet the budget")
  func reportFront() throws {
    let plan = try SweepFixture.plan(candidates: ["sense": ["phone", "edge"]])
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let eligible = report.points.filter(\.meetsBudget)
    let vectors = eligible.compactMap { point in
      point.metrics.map { [$0.p99Milliseconds, $0.costDollars, $0.energyJoules] }
    }
    #expect(report.front == Self.oracle(vectors).map { eligible[$0].index })
    #expect(report.points.filter { $0.isOnFront == true }.map(\.index) == report.front)
  }
}
