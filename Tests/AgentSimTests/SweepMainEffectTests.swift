import AgentSim
import Testing

/// Main effects of a sweep's factors and the recommendation's cost ties, on the small sweep with
/// its metrics replaced by known values.
@Suite("sweep main effects")
struct SweepMainEffectTests {
  static let siteOrder = ["phone": 0.0, "edge": 1.0, "region": 2.0]

  /// The small sweep with p99 = 500 + 100·classify + 10·search (site index) + 3·classify·answer.
  static func syntheticReport(costHalfWidth: Double) throws -> SweepReport {
    let plan = try SweepFixture.plan(settings: SweepSettings(sessions: 20))
    var results = SweepRunner(jobs: 1).run(plan)
    for position in results.indices {
      guard var metrics = results[position].metrics else { continue }
      let placement = results[position].placement
      let classify = siteOrder[placement["classify"] ?? ""] ?? 0
      let search = siteOrder[placement["search"] ?? ""] ?? 0
      let answer = siteOrder[placement["answer"] ?? ""] ?? 0
      metrics.p99Milliseconds = 500 + 100 * classify + 10 * search + 3 * classify * answer
      metrics.meetsBudget = true
      metrics.costDollars = 0.001 + 0.0001 * Double(results[position].index % 3)
      metrics.noise = RunNoise(
        batches: 20, sessionsPerBatch: 1, meanHalfWidthMilliseconds: 1,
        p50HalfWidthMilliseconds: 1, p99HalfWidthMilliseconds: 1,
        costHalfWidthDollars: costHalfWidth)
      results[position].metrics = metrics
    }
    return SweepReport(sweep: plan.identity, results: results)
  }

  @Test("effects are best-to-worst differences of level means, largest first, with paired spread")
  func knownEffects() throws {
    let effects = try Self.syntheticReport(costHalfWidth: 0).mainEffects()
    #expect(effects.map(\.factor) == [.step("classify"), .step("search"), .step("answer")])
    let classify = try #require(effects.first)
    #expect(classify.best == "phone" && classify.worst == "region")
    // Averaged over answer (edge 1, region 2): 200 + 3·2·1.5 = 209; paired 206 … 212.
    #expect(abs(classify.effect - 209) < 1e-9)
    #expect(classify.smallestPairedChange == 206 && classify.largestPairedChange == 212)
    #expect(classify.pairs == 4)
    #expect(classify.levels.map(\.value) == ["phone", "edge", "region"])
    let search = effects[1]
    #expect(abs(search.effect - 10) < 1e-9 && search.smallestPairedChange == 10)
    let answer = effects[2]
    #expect(abs(answer.effect - 3) < 1e-9)  // 3·classify averaged over 0, 1, 2
    #expect(answer.smallestPairedChange == 0 && answer.largestPairedChange == 6)
  }

  @Test("costs within the noise of the recommendation's are named; outside it, none")
  func costTies() throws {
    let wide = try Self.syntheticReport(costHalfWidth: 0.001)
    let recommended = try #require(wide.recommended)
    let tied = wide.pointsWithinCostNoise()
    #expect(!tied.isEmpty && !tied.contains(recommended))
    #expect(tied.count == wide.points.filter(\.meetsBudget).count - 1)
    let narrow = try Self.syntheticReport(costHalfWidth: 0.00001)
    let cheapest = narrow.points.compactMap { $0.metrics?.costDollars }.min()
    let sameCost = narrow.points.filter {
      $0.meetsBudget && $0.metrics?.costDollars == cheapest && $0.index != narrow.recommended
    }
    #expect(narrow.pointsWithinCostNoise() == sameCost.map(\.index))
    let table = SweepRenderer.renderTable(wide, style: .unicodePlain)
    #expect(table.contains("Within noise: the cost of"))
    #expect(table.contains("classify's site moves p99 by 209 ms; search's by 10.0 ms"))
  }
}
