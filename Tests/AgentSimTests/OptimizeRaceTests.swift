import Foundation
import Testing

@testable import AgentSim

/// The optimizer end to end: it finds the sweep's answer, the same answer for any number of
/// threads, within its session budget, with a reproducible early stop, and on a 20-step agent
/// (3²⁰ placements) with a zero-load front that no sampled placement beats.
@Suite("optimize: search and race")
struct OptimizeRaceTests {
  static func json(_ report: OptimizeReport) throws -> String {
    String(decoding: try OptimizeRenderer.renderJSON(report), as: UTF8.self)
  }

  @Test(
    "optimize finds the exhaustive sweep's cheapest placement that meets the budget (placement-sweep with its tools on the laptop: 243 placements, same sessions and seed)"
  )
  func matchesSweep() throws {
    let candidates = [
      "transcribe": ["laptop"], "retrieve": ["laptop"], "lookup": ["laptop"],
    ]
    let url = OptimizeSearchTests.root.appendingPathComponent("workflows/placement-sweep.json")
    let plan = try SweepPlan.load(
      contentsOf: url, file: "placement-sweep.json", candidates: candidates,
      settings: SweepSettings(seed: 42, sessions: 400, objective: .cost))
    #expect(plan.count == 243)
    let sweep = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let recommended = try #require(sweep.recommended.map { sweep.points[$0] })
    let sweepMetrics = try #require(recommended.metrics)

    let loaded = try OptimizeSearchTests.load("placement-sweep.json")
    let report = try PlacementOptimizer(jobs: 2).optimize(
      loaded, candidates: candidates, settings: OptimizeSettings(seed: 42, sessions: 400))
    let best = try #require(report.best)
    #expect(best.meetsBudget)
    #expect(best.sessions == 400)
    #expect(report.simulatedPoints < plan.count)
    if best.placement == recommended.placement {
      // Same placement, same seed, same sessions: the very same run.
      #expect(best.costPerSessionDollars == sweepMetrics.costDollars)
      #expect(best.p99Milliseconds == sweepMetrics.p99Milliseconds)
    } else {
      // Otherwise the two must be indistinguishable: costs within their 95% half-widths
      // combined in quadrature (as `compare` judges a difference), the sweep's no higher.
      let ours = try #require(best.noise).costHalfWidthDollars
      let theirs = try #require(sweepMetrics.noise).costHalfWidthDollars
      let noise = (ours * ours + theirs * theirs).squareRoot()
      // Batching under load can put the sweep's cheapest point off the zero-load front (answer
      // at the edge, about 5% cheaper): the neighbourhood search around the race's leader is
      // what reaches it.
      #expect(
        best.costPerSessionDollars - sweepMetrics.costDollars <= noise,
        "optimize chose \(best.placement) at \(best.costPerSessionDollars), the sweep \(recommended.placement) at \(sweepMetrics.costDollars) (noise \(noise))"
      )
    }
  }

  @Test("the report is byte-identical for 1 and 3 threads")
  func deterministicAcrossJobs() throws {
    let loaded = try OptimizeSearchTests.load("placement-sweep.json")
    let settings = OptimizeSettings(seed: 7, sessions: 300, candidates: 5)
    let one = try PlacementOptimizer(jobs: 1).optimize(loaded, settings: settings)
    let three = try PlacementOptimizer(jobs: 3).optimize(loaded, settings: settings)
    #expect(try Self.json(one) == Self.json(three))
    #expect(one.simulations > 1)
  }

  @Test("the session budget caps what is simulated (the best's final run aside)")
  func sessionBudget() throws {
    let loaded = try OptimizeSearchTests.load("placement-sweep.json")
    let small = try PlacementOptimizer(jobs: 2).optimize(
      loaded, settings: OptimizeSettings(seed: 42, sessions: 1000, sessionBudget: 3000))
    #expect(small.simulatedSessions <= 3000 + 1000)
    #expect(small.stop.reason == .sessionBudget)
    #expect(small.best != nil)
  }

  @Test("a time stop after a given round is reported as such and reproducible")
  func timeLimit() throws {
    let loaded = try OptimizeSearchTests.load("placement-sweep.json")
    func run() throws -> OptimizeReport {
      let calls = Counter()
      return try PlacementOptimizer(jobs: 2).optimize(
        loaded, settings: OptimizeSettings(seed: 42, sessions: 300),
        isOutOfTime: { calls.next() >= 3 })
    }
    let first = try run()
    #expect(first.stop.reason == .timeLimit)
    // Asked before each round: the third question stops it after two rounds.
    #expect(first.stop.rounds == 2)
    #expect(first.best != nil)
    #expect(try Self.json(first) == Self.json(try run()))
    #expect(OptimizeRenderer.renderText(first).contains("best so far"))
  }

  /// A 20-step agent: placement-sweep's eight steps cycled, three sites each (3²⁰ placements).
  static func twentySteps() throws -> LoadedWorkflow {
    let url = OptimizeSearchTests.root.appendingPathComponent("workflows/placement-sweep.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    let start = try #require(text.range(of: "\"steps\": ["))
    let end = try #require(text.range(of: "],\n}", options: .backwards))
    let lines = text[start.upperBound..<end.lowerBound].split(separator: "\n")
      .map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    // Each step is one or two lines; group them by their opening brace.
    var steps: [String] = []
    for line in lines {
      if line.hasPrefix("    {") {
        steps.append(line)
      } else {
        steps[steps.count - 1] += "\n" + line
      }
    }
    #expect(steps.count == 8)
    var generated: [String] = []
    for index in 0..<20 {
      var step = steps[index % 8]
      let name = try #require(step.range(of: #""name": "[a-z]+""#, options: .regularExpression))
      let original = step[name].dropFirst(9).dropLast()
      step.replaceSubrange(name, with: "\"name\": \"\(original)-\(index)\"")
      generated.append(step.hasSuffix(",") ? step : step + ",")
    }
    var workflow =
      text[..<start.upperBound] + "\n" + generated.joined(separator: "\n") + "\n"
      + text[end.lowerBound...]
    workflow = workflow.replacingOccurrences(of: "\"p99_ms\": 1500", with: "\"p99_ms\": 3750")
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("optimize-twenty-\(UUID().uuidString).json")
    try workflow.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    return try WorkflowLoader.load(contentsOf: file, file: "placement-sweep-20.json")
  }

  @Test(
    "a 20-step agent (3^20 placements) is searched, not enumerated, and no sampled placement beats its zero-load front or its lower bound"
  )
  func twentyStepAgent() throws {
    let loaded = try Self.twentySteps()
    let space = try PlacementSpace(workflow: loaded.workflow)
    #expect(space.count == 3_486_784_401)
    // The optimizer below measures 250 sessions: its percentile bounds are for that count.
    let chain = try PlacementChain(loaded: loaded, space: space, sessions: 250)
    let limits = ParetoSearch.Limits(p99Milliseconds: 3750, maximumCostDollars: nil)
    let figures = OptimizeObjective.cost.searchFigures(limitsCost: false) + limits.excessFigures
    let outcome = ParetoSearch.run(chain: chain, figures: figures, limits: limits)
    #expect(!outcome.points.isEmpty)
    #expect(outcome.labelsCreated < 1_000_000)
    let bound = try #require(Search.lowerBound(chain: chain, objective: .cost, limits: limits))

    // A fixed pseudo-random sample of placements, each analysed whole: every one that passes
    // the bounds is matched or beaten by a front point on every figure, and none is cheaper than
    // the lower bound.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let keep = 1 - LowerBound.slack
    var checked = 0
    for _ in 0..<150 {
      var digits: [Int] = []
      for _ in 0..<20 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        digits.append(Int((state >> 33) % 3))
      }
      var placement: [String: String] = [:]
      for (position, step) in space.steps.enumerated() {
        placement[step.name] = step.candidates[digits[position]]
      }
      var scenario = try loaded.scenario(placement: placement)
      scenario.load.sessions = 250
      let estimate = PlacementEstimate.of(scenario)
      #expect(estimate.bound.costDollars >= bound - 1e-15)
      guard estimate.bound.p99Milliseconds <= 3750 else { continue }
      let vector = [
        estimate.zeroLoadCostDollars, estimate.zeroLoadMilliseconds,
        estimate.bound.latencyMilliseconds / keep,
        (estimate.bound.p99Milliseconds - estimate.bound.latencyMilliseconds) / keep,
      ]
      let covered = outcome.points.contains { point in
        zip(figures.map { point.values[$0.rawValue] }, vector).allSatisfy {
          $0 <= $1 + 1e-9 * max(1, abs($1))
        }
      }
      #expect(covered, "placement \(digits) is beaten by no front point")
      checked += 1
    }
    #expect(checked > 50)

    let report = try PlacementOptimizer(jobs: 2).optimize(
      loaded, settings: OptimizeSettings(seed: 42, sessions: 250, candidates: 4))
    #expect(report.spaceSize == 3_486_784_401)
    #expect(report.best != nil)
    #expect(report.simulatedPoints <= 40)
    #expect(report.zeroLoad.frontSize == outcome.points.count)
  }
}

/// Counts calls, from any thread.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  func next() -> Int {
    lock.withLock {
      count += 1
      return count
    }
  }
}
