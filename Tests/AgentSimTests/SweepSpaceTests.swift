import AgentSim
import Foundation
import Testing

@Suite("Sweep spaces: placements, parameters, infeasible points")
struct SweepSpaceTests {
  @Test("the placement space is the cross product of the candidates, first step most significant")
  func crossProduct() throws {
    let plan = try SweepFixture.plan()
    #expect(plan.space.steps.map(\.name) == ["sense", "classify", "search", "answer"])
    #expect(plan.space.steps.map(\.candidates.count) == [1, 3, 2, 2])
    #expect(plan.space.steps[0].pin == .device)
    #expect(plan.count == 12)
    var seen = Set<[String: String]>()
    for index in 0..<plan.count { seen.insert(plan.point(at: index).placement) }
    #expect(seen.count == 12)
    #expect(
      plan.point(at: 0).placement == [
        "sense": "phone", "classify": "phone", "search": "edge", "answer": "edge",
      ])
    #expect(plan.point(at: 1).placement["answer"] == "region")
    #expect(plan.point(at: 2).placement["search"] == "region")
    #expect(plan.point(at: 4).placement["classify"] == "edge")
  }

  @Test("--candidates replaces a step's sites; unknown steps and sites are errors")
  func candidates() throws {
    let plan = try SweepFixture.plan(candidates: [
      "classify": ["region"], "sense": ["phone", "edge"],
    ])
    #expect(plan.count == 2 * 1 * 2 * 2)
    do {
      _ = try SweepFixture.plan(candidates: ["clasify": ["edge"]])
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.first?.message == "no placeable step named 'clasify'")
      #expect(error.diagnostics.first?.suggestion == "did you mean 'classify'?")
    }
    do {
      _ = try SweepFixture.plan(candidates: ["classify": ["edg"]])
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.first?.message == "unknown site 'edg'")
    }
  }

  @Test("points that violate a pin are listed as infeasible with the reason, never dropped")
  func infeasibleReasons() throws {
    let plan = try SweepFixture.plan(candidates: ["sense": ["phone", "edge"]])
    let results = SweepRunner(jobs: 2).run(plan)
    #expect(results.count == plan.count)
    let infeasible = results.filter { $0.status == .infeasible }
    #expect(infeasible.count == 12)
    for result in infeasible {
      #expect(result.placement["sense"] == "edge")
      #expect(result.metrics == nil)
      #expect(result.reasons.contains { $0.contains("pinned to the device tier") })
    }
    let report = SweepReport(sweep: plan.identity, results: results)
    #expect(report.counts.infeasible == 12)
    #expect(report.counts.simulated == 12)
    #expect(report.ranking.count == 12)
  }

  @Test("a model that does not fit where a point places it makes that point infeasible, saying why")
  func memoryFit() throws {
    let plan = try SweepFixture.plan(
      axes: [ParameterAxis(key: "models.large.model", values: ["llama-3.1-8b", "llama-3.1-70b"])],
      candidates: ["classify": ["edge"], "search": ["edge"]])
    let results = SweepRunner(jobs: 2).run(plan)
    #expect(results.count == 4)
    #expect(results.prefix(2).allSatisfy { $0.status == .simulated })
    for result in results.suffix(2) {
      #expect(result.status == .infeasible)
      // Only the site the point puts the large model at is named: both serve it, and the
      // other one's fit is no concern of this point.
      let site = result.placement["answer"] ?? ""
      let other = site == "edge" ? "region" : "edge"
      #expect(result.reasons.contains { $0.contains("infeasible") && $0.contains(site) })
      #expect(!result.reasons.contains { $0.contains("$.sites.\(other)") })
    }
  }

  @Test(
    "a served model that cannot run at a site leaves feasible the points that never put it there")
  func servesCheckedPerPlacement() throws {
    // The phone also lists the large model, which does not fit in its memory: only the points
    // that put `answer` on the phone are infeasible.
    let plan = try SweepFixture.plan(
      overrides: [
        #"sites.phone.serves=["small", "large"]"#, "models.large.model=llama-3.1-70b",
        "models.large.precision=q4",
      ],
      candidates: ["classify": ["phone"], "search": ["edge"], "answer": ["phone", "region"]])
    let results = SweepRunner(jobs: 2).run(plan)
    #expect(results.count == 2)
    let byAnswer = Dictionary(uniqueKeysWithValues: results.map { ($0.placement["answer"], $0) })
    #expect(byAnswer["region"]?.status == .simulated)
    #expect(byAnswer["phone"]?.status == .infeasible)
    #expect(
      byAnswer["phone"]?.reasons.contains { $0.contains("$.sites.phone.serves") } == true)
    // validate resolves like run: the default placement (answer at the edge, which holds the
    // model here) is fine, and no candidate puts the large model on the phone: nothing to report.
    let loaded = try WorkflowLoader.load(
      contentsOf: SweepFixture.url, file: "sweep-small.json",
      overrides: [
        #"sites.phone.serves=["small", "large"]"#, "models.large.model=llama-3.1-70b",
        "models.large.precision=q4", "sites.edge.hardware=h100-sxm",
      ])
    #expect(loaded.placementProblems().isEmpty, "\(loaded.placementProblems())")
  }

  @Test("--vary crosses parameter settings with placements, parameter-major")
  func parameterGrid() throws {
    let axes = [
      try ParameterAxis(parsing: "links[0].rtt_median_ms=5,40"),
      try ParameterAxis(parsing: "load.rate_per_s=1,2,3"),
    ]
    let plan = try SweepFixture.plan(axes: axes, candidates: ["classify": ["edge", "region"]])
    #expect(plan.grid.count == 6)
    #expect(plan.space.count == 8)
    #expect(plan.count == 48)
    let point = plan.point(at: 8 * 4 + 3)
    #expect(point.parameterIndex == 4)
    #expect(point.placementIndex == 3)
    #expect(point.parameters == ["links[0].rtt_median_ms=40", "load.rate_per_s=2"])
    // Every point runs with the sweep's seed: common random numbers across settings too.
    #expect((0..<plan.count).allSatisfy { plan.point(at: $0).seed == 42 })
  }

  @Test("--vary values may be JSON with commas")
  func jsonValues() throws {
    let axis = try ParameterAxis(
      parsing: #"steps.search.duration_ms={"uniform": {"min": 1, "max": 2}},30"#)
    #expect(axis.values == [#"{"uniform": {"min": 1, "max": 2}}"#, "30"])
    #expect(throws: Diagnostic.self) { try ParameterAxis(parsing: "load.rate_per_s=1,,2") }
    #expect(throws: Diagnostic.self) { try ParameterAxis(parsing: "=1,2") }
  }

  @Test("a --vary key that leads nowhere is an error naming the key")
  func badVaryKey() throws {
    do {
      _ = try SweepFixture.plan(axes: [ParameterAxis(key: "load.rate_per_sec", values: ["1", "2"])])
      Issue.record("expected an error")
    } catch {
      #expect(!error.diagnostics.isEmpty)
      #expect(error.diagnostics.allSatisfy { $0.path == "--vary load.rate_per_sec" })
      #expect(error.diagnostics.contains { $0.description.contains("rate_per_sec") })
    }
  }

  @Test("placements that differ only where a step without randomness runs draw the same sessions")
  func commonRandomNumbers() throws {
    // classify has constant tokens; sense (a random tool on the phone) and answer (random output
    // tokens in the region) are placed alike, so their draws must coincide to the nanosecond.
    let plan = try SweepFixture.plan(
      candidates: ["classify": ["phone", "edge"], "search": ["region"], "answer": ["region"]])
    #expect(plan.count == 2)
    let reports = try (0..<2).map { index in
      let point = plan.point(at: index)
      return WorkflowSimulation.run(try plan.scenario(for: point), seed: point.seed)
    }
    #expect(reports[0].run.placement["classify"] == "phone")
    #expect(reports[1].run.placement["classify"] == "edge")
    func tool(_ report: LatencyReport) -> Double? {
      report.components.first { $0.component == .tool }?.meanMilliseconds
    }
    func step(_ report: LatencyReport, _ name: String) -> StepShare? {
      report.steps.first { $0.step == name }
    }
    #expect(tool(reports[0]) == tool(reports[1]))
    #expect(
      step(reports[0], "sense")?.meanMilliseconds == step(reports[1], "sense")?.meanMilliseconds)
    // The same answers are decoded: the region's output token rate per session is identical.
    #expect(
      step(reports[0], "answer")?.meanMilliseconds[.decode] != nil
        && reports[0].sites.first { $0.site == "region" }.map {
          $0.tokensPerSecond * reports[0].run.simulatedSeconds
        }?.rounded()
          == reports[1].sites.first { $0.site == "region" }.map {
            $0.tokensPerSecond * reports[1].run.simulatedSeconds
          }?.rounded()
    )
    #expect(step(reports[0], "classify")?.site != step(reports[1], "classify")?.site)
  }
}
