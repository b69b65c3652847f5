import Foundation
import Testing

@testable import AgentSim

/// Searching beyond placement with `--vary`: a step's model from a list and replicas per site,
/// against the exhaustive sweep over the same grid, with the chosen values in the report and
/// precise errors for bad settings.
@Suite("optimize: --vary settings")
struct OptimizeVariantTests {
  static let url = OptimizeSearchTests.root.appendingPathComponent("workflows/placement-sweep.json")
  /// Everything but plan and answer on the laptop: 9 placements per setting.
  static let candidates = [
    "transcribe": ["laptop"], "classify": ["laptop"], "retrieve": ["laptop"],
    "rerank": ["laptop"], "lookup": ["laptop"], "check": ["laptop"],
  ]
  /// plan's model (steps[4]) from a list, and the edge's replicas.
  static let axes = [
    ParameterAxis(key: "steps[4].llm.model", values: ["small", "medium"]),
    ParameterAxis(key: "sites.edge.replicas", values: ["1", "2"]),
  ]

  @Test(
    "over a grid of plan's model and the edge's replicas, optimize's best is the sweep's cheapest point that meets the budget (or within noise), and names its setting"
  )
  func matchesSweepOverGrid() throws {
    let plan = try SweepPlan.load(
      contentsOf: Self.url, file: "placement-sweep.json", axes: Self.axes,
      candidates: Self.candidates,
      settings: SweepSettings(seed: 42, sessions: 300, objective: .cost))
    #expect(plan.count == 36)
    let sweep = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let recommended = try #require(sweep.recommended.map { sweep.points[$0] })
    let theirs = try #require(recommended.metrics)

    let variants = try PlacementOptimizer.variants(
      contentsOf: Self.url, file: "placement-sweep.json", axes: Self.axes)
    #expect(variants.count == 4)
    let report = try PlacementOptimizer(jobs: 2).optimize(
      variants: variants, candidates: Self.candidates,
      settings: OptimizeSettings(seed: 42, sessions: 300))
    let best = try #require(report.best)
    #expect(best.meetsBudget)
    #expect(report.variants == 4)
    #expect(report.spaceSize == 36)
    let parameters = try #require(best.parameters)
    #expect(Set(parameters.keys) == ["steps[4].llm.model", "sites.edge.replicas"])
    let sweepParameters = PlacementOptimizer.parameters(recommended.parameters)
    if best.placement == recommended.placement, parameters == sweepParameters {
      #expect(best.costPerSessionDollars == theirs.costDollars)
      #expect(best.p99Milliseconds == theirs.p99Milliseconds)
    } else {
      let a = best.noise?.costHalfWidthDollars ?? 0
      let b = theirs.noise?.costHalfWidthDollars ?? 0
      #expect(
        best.costPerSessionDollars - theirs.costDollars <= (a * a + b * b).squareRoot(),
        "optimize chose \(best.placement) \(parameters) at \(best.costPerSessionDollars), the sweep \(recommended.placement) \(sweepParameters) at \(theirs.costDollars)"
      )
    }
    // The JSON's best carries the chosen values.
    let json = String(decoding: try OptimizeRenderer.renderJSON(report), as: UTF8.self)
    #expect(json.contains("\"parameters\""))
    #expect(json.contains("\"sites.edge.replicas\""))
    #expect(OptimizeRenderer.renderText(report).contains("best of 4 --vary settings"))
  }

  @Test("a --vary value the workflow rejects is blamed on its axis, with the field's message")
  func badValueIsBlamed() throws {
    let error = try #require(throws: DiagnosticError.self) {
      _ = try PlacementOptimizer.variants(
        contentsOf: Self.url, file: "placement-sweep.json",
        axes: [ParameterAxis(key: "steps[6].llm.model", values: ["small", "big"])])
    }
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.path == "--vary steps[6].llm.model")
    #expect(diagnostic.message.contains("'big'"))
  }

  @Test("a grid larger than optimize searches is refused with a way out")
  func tooManyVariants() throws {
    let values = (1...17).map(String.init)
    let error = try #require(throws: DiagnosticError.self) {
      _ = try PlacementOptimizer.variants(
        contentsOf: Self.url, file: "placement-sweep.json",
        axes: [
          ParameterAxis(key: "sites.edge.replicas", values: values),
          ParameterAxis(key: "sites.region.replicas", values: values),
        ])
    }
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.path == "--vary")
    #expect(diagnostic.message.contains("289"))
    #expect(diagnostic.suggestion?.contains("--set") == true)
  }
}
