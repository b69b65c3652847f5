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

/// Working backwards from the budget over `--vary` settings, and speculative drafting on and off
/// as a setting.
@Suite("optimize: --vary pruned by bounds")
struct OptimizeVariantPruningTests {
  static func bestFigures(_ report: OptimizeReport) -> [String] {
    guard let best = report.best else { return ["none"] }
    return [
      "\(best.placement.sorted { $0.key < $1.key })",
      // Sorted: a dictionary's order differs between equal dictionaries built differently.
      "\((best.parameters ?? [:]).sorted { $0.key < $1.key })",
      "\(best.costPerSessionDollars)", "\(best.p99Milliseconds)", "\(best.meetsBudget)",
    ]
  }

  @Test(
    "settings ordered and skipped by their lower bounds give the exhaustive grid's answer",
    arguments: [
      OptimizeVariantTests.axes,
      [ParameterAxis(key: "budget.p99_ms", values: ["300", "1500", "250"])],
    ])
  func prunedEqualsExhaustive(axes: [ParameterAxis]) throws {
    let variants = try PlacementOptimizer.variants(
      contentsOf: OptimizeVariantTests.url, file: "placement-sweep.json", axes: axes)
    let settings = OptimizeSettings(seed: 42, sessions: 300)
    let optimizer = PlacementOptimizer(jobs: 2)
    let pruned = try optimizer.optimize(
      variants: variants, candidates: OptimizeVariantTests.candidates, settings: settings)
    let exhaustive = try optimizer.optimize(
      variants: variants, candidates: OptimizeVariantTests.candidates, settings: settings,
      exhaustive: true)
    #expect(Self.bestFigures(pruned) == Self.bestFigures(exhaustive))
    #expect(pruned.lowerBound == exhaustive.lowerBound)
    #expect(pruned.spaceSize == exhaustive.spaceSize)
    #expect(exhaustive.variantsPruned == 0)
    let json = String(decoding: try OptimizeRenderer.renderJSON(pruned), as: UTF8.self)
    #expect(json.contains("\"variants_pruned\""))
    if axes[0].key == "budget.p99_ms" {
      // 300 and 250 ms: no placement's p99 bound meets them, so only 1500 is searched.
      #expect(pruned.variantsPruned == 2)
      #expect(pruned.best?.parameters?["budget.p99_ms"] == "1500")
      #expect(OptimizeRenderer.renderText(pruned).contains("2 skipped by their lower bounds"))
    }
  }

  static let speculative = OptimizeSearchTests.root.appendingPathComponent(
    "workflows/speculative-decoding.json")

  @Test(
    "speculative drafting on and off as a --vary setting: optimize's best is the sweep's over the same grid"
  )
  func speculativeOnOff() throws {
    let axes = [ParameterAxis(key: "steps[1].speculative", values: ["on", "off"])]
    let plan = try SweepPlan.load(
      contentsOf: Self.speculative, file: "speculative-decoding.json", axes: axes,
      settings: SweepSettings(seed: 42, sessions: 300, objective: .cost))
    #expect(plan.count == 4)
    let sweep = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let variants = try PlacementOptimizer.variants(
      contentsOf: Self.speculative, file: "speculative-decoding.json", axes: axes)
    let report = try PlacementOptimizer(jobs: 2).optimize(
      variants: variants, settings: OptimizeSettings(seed: 42, sessions: 300))
    let best = try #require(report.best)
    guard let recommended = sweep.recommended.map({ sweep.points[$0] }) else {
      #expect(!best.meetsBudget)
      return
    }
    let theirs = try #require(recommended.metrics)
    // With drafting off the answer is a model call with one site, which optimize lists too.
    #expect(best.placement.filter { recommended.placement[$0.key] != nil } == recommended.placement)
    #expect(best.parameters == PlacementOptimizer.parameters(recommended.parameters))
    #expect(best.costPerSessionDollars == theirs.costDollars)
    #expect(best.p99Milliseconds == theirs.p99Milliseconds)
  }

  @Test("off turns the speculative step into a plain call of its target; on keeps it")
  func switchRewritesTheStep() throws {
    let off = try WorkflowLoader.load(
      contentsOf: Self.speculative, file: "speculative-decoding.json",
      overrides: ["steps.answer.speculative=off"])
    guard case .llm(let call) = off.workflow.steps[1].kind else {
      Issue.record("steps[1] is \(off.workflow.steps[1].kind), not a model call")
      return
    }
    #expect(call.model == "target")
    let on = try WorkflowLoader.load(
      contentsOf: Self.speculative, file: "speculative-decoding.json",
      overrides: ["steps[1].speculative=on"])
    guard case .speculative = on.workflow.steps[1].kind else {
      Issue.record("steps[1] is no longer speculative")
      return
    }
  }

  @Test(
    "speculative=on|off on a step that is not speculative, or with another value, is a precise error",
    arguments: [
      ("steps[0].speculative=off", "is a 'tool' step, not a speculative one"),
      ("steps[1].speculative=maybe", "expected on or off"),
      ("steps.nothing.speculative=off", "no step named 'nothing'"),
    ])
  func misuseIsAnError(override: String, message: String) throws {
    let error = try #require(throws: DiagnosticError.self) {
      _ = try WorkflowLoader.load(
        contentsOf: Self.speculative, file: "speculative-decoding.json", overrides: [override])
    }
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.message.contains(message), "\(diagnostic)")
    #expect(diagnostic.path.hasPrefix("--set"))
  }
}
