import Foundation
import Testing

@testable import AgentSim

/// The optimizer against the exhaustive sweep on every example workflow small enough to
/// enumerate in a test, and its load-aware cost estimate against the zero-load figures it
/// refines.
@Suite("optimize: examples and load-aware estimates")
struct OptimizeExampleTests {
  /// Every example workflow whose placement space is small enough to sweep here (at most 64
  /// placements), found by listing `workflows/`: placement-sweep's 6,561 placements have their
  /// own test, with the tools fixed to the laptop.
  static let smallExamples: [String] = {
    let folder = OptimizeSearchTests.root.appendingPathComponent("workflows")
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
      .filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted() ?? []
    return names.filter { name in
      guard let loaded = try? OptimizeSearchTests.load(name),
        let space = try? PlacementSpace(workflow: loaded.workflow)
      else { return false }
      return space.count <= 64
    }
  }()

  @Test(
    "on every small example, optimize's best is the sweep's cheapest point that meets the budget, or within the two runs' noise of it",
    arguments: smallExamples)
  func matchesSweep(file: String) throws {
    let url = OptimizeSearchTests.root.appendingPathComponent("workflows/\(file)")
    let plan = try SweepPlan.load(
      contentsOf: url, file: file,
      settings: SweepSettings(seed: 42, sessions: 300, objective: .cost))
    #expect(plan.count <= 64)
    let sweep = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))

    let loaded = try OptimizeSearchTests.load(file)
    let report = try PlacementOptimizer(jobs: 2).optimize(
      loaded, settings: OptimizeSettings(seed: 42, sessions: 300))
    if report.budgetUnreachable == true {
      // The percentile bounds rule out every placement (document-extraction: its p50 bound is
      // over the 5 s target everywhere): the sweep's runs must all miss the budget too, and the
      // best shown is the one nearest the budget, which misses it.
      let best = try #require(report.best)
      #expect(!best.meetsBudget)
      #expect(sweep.recommended == nil)
      #expect(sweep.points.allSatisfy { !$0.meetsBudget })
      let isMedian = report.settings.objective == .p50
      #expect(isMedian || report.settings.objective == .p99)
      let ours = isMedian ? best.p50Milliseconds : best.p99Milliseconds
      for point in sweep.points {
        guard let theirs = point.metrics else { continue }
        let value = isMedian ? theirs.p50Milliseconds : theirs.p99Milliseconds
        let a =
          (isMedian ? best.noise?.p50HalfWidthMilliseconds : best.noise?.p99HalfWidthMilliseconds)
          ?? 0
        let b =
          (isMedian
            ? theirs.noise?.p50HalfWidthMilliseconds : theirs.noise?.p99HalfWidthMilliseconds) ?? 0
        #expect(ours - value <= (a * a + b * b).squareRoot(), "\(point.placement): \(value) ms")
      }
      return
    }
    let best = try #require(report.best, "a best unless the bounds rule out the budget")
    guard let recommended = sweep.recommended.map({ sweep.points[$0] }) else {
      // No placement meets the budget in the sweep: the same runs cannot meet it here.
      #expect(!best.meetsBudget)
      return
    }
    let theirs = try #require(recommended.metrics)
    #expect(best.meetsBudget)
    if best.placement == recommended.placement {
      // Same placement, seed and sessions: the very same run.
      #expect(best.costPerSessionDollars == theirs.costDollars)
      #expect(best.p99Milliseconds == theirs.p99Milliseconds)
    } else {
      let a = best.noise?.costHalfWidthDollars ?? 0
      let b = theirs.noise?.costHalfWidthDollars ?? 0
      let noise = (a * a + b * b).squareRoot()
      #expect(
        best.costPerSessionDollars - theirs.costDollars <= noise,
        "optimize chose \(best.placement) at \(best.costPerSessionDollars), the sweep \(recommended.placement) at \(theirs.costDollars) (noise \(noise))"
      )
    }
  }

  @Test("the examples compared with the sweep are found (a listing that finds none would pass)")
  func examplesFound() {
    #expect(Self.smallExamples.count >= 5, "\(Self.smallExamples)")
  }

  @Test(
    "the load-aware cost is the zero-load cost with no arrivals, and falls as the arrival rate batches more requests together"
  )
  func loadAwareCostFallsWithLoad() throws {
    let placement = [
      "transcribe": "laptop", "classify": "laptop", "retrieve": "laptop", "rerank": "edge",
      "plan": "region", "lookup": "laptop", "answer": "region", "check": "edge",
    ]
    func cost(rate: String) throws -> (loadAware: Double, zeroLoad: Double) {
      let loaded = try OptimizeSearchTests.load(
        "placement-sweep.json", overrides: ["load.rate_per_s=\(rate)"])
      let scenario = try loaded.scenario(placement: placement)
      return (
        LoadAwareCost.dollars(of: scenario), PlacementEstimate.of(scenario).zeroLoadCostDollars
      )
    }
    let idle = try cost(rate: "0.000001")
    #expect(idle.zeroLoad > 0)
    #expect(abs(idle.loadAware - idle.zeroLoad) <= 1e-6 * idle.zeroLoad)
    let rates = ["1", "4", "16", "64"]
    let costs = try rates.map { try cost(rate: $0) }
    for (lighter, heavier) in zip(costs, costs.dropFirst()) {
      #expect(heavier.loadAware < lighter.loadAware)
      #expect(heavier.zeroLoad == lighter.zeroLoad)
    }
    // Saturated, a site bills at most its replicas' whole time: (1 − e^−a)/a → 1/a.
    #expect(LoadAwareCost.batchingFactor(offered: 0) == 1)
    #expect(abs(LoadAwareCost.batchingFactor(offered: 50) - 1.0 / 50) < 1e-12)
  }
}
