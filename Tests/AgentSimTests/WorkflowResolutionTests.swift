import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

/// The resolution stage (`ResolvedWorkflow.resolve`): typed catalog values and every default in
/// one place; the placement check (`ResolvedWorkflow.check(placement:)`), per placement; and a
/// builder that builds what the check accepted.
@Suite("Resolve before you simulate")
struct WorkflowResolutionTests {
  /// A phone serving `small` and, when `phoneServesBig`, a 70B model that cannot fit it; an edge
  /// L40S pool serving both, with `edge` extra keys.
  static func text(edge: String = "", phoneServesBig: Bool = true, precision: String = "q4")
    -> String
  {
    """
    {
      "version": 1, "name": "resolve",
      "models": {
        "small": {"model": "llama-3.2-3b", "precision": "\(precision)"},
        "big": {"model": "llama-3.1-70b", "precision": "q4"}
      },
      "sites": {
        "phone": {"tier": "device", "hardware": "apple-a17-pro",
                  "serves": \(phoneServesBig ? #"["small", "big"]"# : #"["small"]"#)},
        "edge": {"tier": "edge", "hardware": "h100-sxm", "serves": ["small", "big"]\(edge)}
      },
      "links": [{"between": ["phone", "edge"], "rtt_median_ms": 10, "uplink_mbps": 100,
                 "downlink_mbps": 100}],
      "load": {"arrival": "poisson", "rate_per_s": 1, "sessions": 10},
      "steps": [
        {"tool": {"name": "listen", "site": "phone", "pin": "device", "duration_ms": 5}},
        {"llm": {"name": "plan", "model": "small", "site": ["phone", "edge"],
                 "prompt_tokens": 10, "output_tokens": 5}},
        {"llm": {"name": "answer", "model": "big",
                 "site": \(phoneServesBig ? #"["edge", "phone"]"# : #""edge""#),
                 "prompt_tokens": 10, "output_tokens": 5}}
      ]
    }
    """
  }

  static func resolve(_ text: String) throws -> ResolvedWorkflow {
    let workflow = try Workflow.decode(from: Data(text.utf8), file: "resolve.json")
    return try ResolvedWorkflow.resolve(workflow, file: "resolve.json")
  }

  static func deployment(_ resolved: ResolvedWorkflow, _ site: String) throws
    -> ResolvedDeployment
  {
    let index = try #require(resolved.siteIndex(named: site))
    guard case .hardware(let deployment) = resolved.sites[index].backend else {
      throw DiagnosticError(Diagnostic(message: "\(site) is not hardware"))
    }
    return deployment
  }

  @Test("precision is a typed enum checked by the decoder itself, without catalog names")
  func typedPrecision() throws {
    let workflow = try Workflow.decode(from: Data(Self.text().utf8), file: "resolve.json")
    #expect(workflow.models.map(\.precision) == [.q4, .q4])
    #expect(throws: DiagnosticError.self) {
      try Workflow.decode(from: Data(Self.text(precision: "q3").utf8), file: "resolve.json")
    }
    do {
      _ = try Workflow.decode(from: Data(Self.text(precision: "q3").utf8), file: "resolve.json")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == [
          "resolve.json:4:53: error: $.models.small.precision: unknown precision 'q3' (not in "
            + "the catalog); did you mean 'q4'?"
        ])
    }
  }

  @Test("resolution applies every default: engine, batch, chunk, tool workers, price, replicas")
  func defaults() throws {
    let resolved = try Self.resolve(Self.text())
    let catalog = Catalog.builtIn
    let edge = try Self.deployment(resolved, "edge")
    let h100 = try catalog.hardware(named: "h100-sxm")
    #expect(edge.engine.name == catalog.defaultEngine(for: h100).name)
    #expect(edge.maxBatch == edge.engine.maxBatch)
    #expect(edge.chunkTokens == edge.engine.prefillTokenBudget)
    #expect(edge.hardware.pricePerHour == h100.pricePerHour)
    #expect(edge.replicas == 1 && edge.acceleratorsPerReplica == 1)
    #expect(edge.kvPrecision == nil && edge.computeBackend == nil)
    #expect(resolved.sites.map(\.toolWorkers) == [0, 0])
    #expect(resolved.models.map(\.precision) == [.q4, .q4])
    #expect(resolved.models.map(\.architecture.name) == ["llama-3.2-3b", "llama-3.1-70b"])
    #expect(resolved.orchestratorSite == 0)

    let explicit = try Self.resolve(
      Self.text(
        edge: #", "engine": "sglang", "max_batch": 8, "chunk_tokens": 256, "price_per_hour": 9, "#
          + #""replicas": 3, "tool_workers": 4"#))
    let set = try Self.deployment(explicit, "edge")
    #expect(set.engine.name == "sglang")
    #expect(set.maxBatch == 8 && set.chunkTokens == 256 && set.replicas == 3)
    #expect(set.hardware.pricePerHour == 9)
    #expect(explicit.sites.map(\.toolWorkers) == [0, 4])
  }

  @Test("an unknown engine is a resolution diagnostic with the site's path and a suggestion")
  func unknownEngine() throws {
    let workflow = try Workflow.decode(
      from: Data(Self.text(edge: #", "engine": "sglng""#).utf8), file: "resolve.json")
    do {
      _ = try ResolvedWorkflow.resolve(workflow, file: "resolve.json")
      Issue.record("expected a diagnostic")
    } catch {
      #expect(error.diagnostics.map(\.path) == ["$.sites.edge.engine"])
      #expect(error.diagnostics.first?.suggestion == "did you mean 'sglang'?")
    }
  }

  @Test("serves is checked per placement: only placements that put the 70B on the phone fail")
  func servesPerPlacement() throws {
    let resolved = try Self.resolve(Self.text())
    // The default placement never runs the 70B on the phone: feasible.
    let checked = try resolved.check()
    #expect(checked.site(ofStep: "answer") == resolved.siteIndex(named: "edge"))
    #expect(checked.site(ofStep: "plan") == resolved.siteIndex(named: "phone"))
    _ = try resolved.check(placement: ["plan": "edge"])
    do {
      _ = try resolved.check(placement: ["answer": "phone"])
      Issue.record("expected the 70B not to fit the phone")
    } catch {
      #expect(error.diagnostics.map(\.path) == ["$.sites.phone.serves"])
      #expect(error.diagnostics.first?.message.hasPrefix("infeasible: llama-3.1-70b") == true)
      #expect(error.diagnostics.first?.suggestion != nil)
    }
  }

  @Test("a placement is checked step by step: pin, serves, unknown step and site, with paths")
  func placementProblems() throws {
    let resolved = try Self.resolve(Self.text(phoneServesBig: false))
    func paths(_ placement: [String: String]) -> [String] {
      do {
        _ = try resolved.check(placement: placement)
        return []
      } catch {
        return error.diagnostics.map { "\($0.path): \($0.message)" }
      }
    }
    #expect(
      paths(["listen": "edge"]) == [
        "$.steps[0].tool.site: step 'listen' is pinned to the device tier, but 'edge' is edge"
      ])
    #expect(
      paths(["answer": "phone"]) == [
        "$.steps[2].llm.site: site 'phone' does not serve model 'big' needed by step 'answer'"
      ])
    #expect(paths(["answr": "edge"]) == ["--placement: no placeable step named 'answr'"])
    // Every problem a placement can have says what to do instead.
    for placement in [["listen": "edge"], ["answer": "phone"], ["answr": "edge"]] {
      do {
        _ = try resolved.check(placement: placement)
      } catch {
        #expect(error.diagnostics.allSatisfy { $0.suggestion != nil }, "\(placement)")
      }
    }
    do {
      _ = try resolved.check(placement: ["listen": "edge"])
    } catch {
      #expect(error.diagnostics.map(\.suggestion) == ["place 'listen' at 'phone'"])
    }
    #expect(
      paths(["plan": "egde"]) == [
        "$.steps[1].llm.site: step 'plan' is placed at unknown site 'egde'"
      ])
  }

  @Test("one predicate says why a site cannot run a step, for the decoder and the check")
  func refusals() throws {
    let workflow = try Workflow.decode(
      from: Data(Self.text(phoneServesBig: false).utf8), file: "resolve.json")
    let phone = try #require(workflow.site(named: "phone"))
    let api = SiteDefinition(
      name: "api", tier: .region, serves: ["small"],
      backend: .hostedAPI(
        HostedAPIDefinition(
          timeToFirstToken: .constant(100), timePerToken: .constant(10), inputPricePerMillion: 1,
          outputPricePerMillion: 2)))
    #expect(phone.refusals(model: "small", isTool: false, pin: nil).isEmpty)
    #expect(
      phone.refusals(model: "big", isTool: false, pin: .edge) == [
        .doesNotServe(model: "big"), .pinnedElsewhere(pin: .edge),
      ])
    #expect(
      api.refusals(model: nil, isTool: true, pin: .device) == [
        .hostedAPIRunsNoTools, .pinnedElsewhere(pin: .device),
      ])
    // A call whose model the decoder could not read is checked for its pin only.
    #expect(api.refusals(model: nil, isTool: false, pin: nil).isEmpty)
  }

  @Test("the builder builds what the check chose: each call at its checked site")
  func builderFollowsCheck() throws {
    let resolved = try Self.resolve(Self.text())
    for placement in [[:], ["plan": "edge"]] {
      let checked = try resolved.check(placement: placement)
      let scenario = ScenarioBuilder.build(checked)
      let program = scenario.program
      for (index, name) in program.stepNames.enumerated() {
        let site = try #require(checked.site(ofStep: name))
        #expect(program.stepSites[index] == resolved.sites[site].name, "\(name)")
      }
      #expect(scenario.pools.count == (placement.isEmpty ? 1 : 2))
    }
  }

  @Test("distributions are made once, when resolving; the builder's nodes take those")
  func distributionsMadeOnce() throws {
    let tokens = #"{"lognormal": {"median": 40, "p99": 400}}"#
    let text = Self.text()
      .replacingOccurrences(of: #""prompt_tokens": 10"#, with: #""prompt_tokens": \#(tokens)"#)
      .replacingOccurrences(
        of: #""duration_ms": 5"#, with: #""duration_ms": {"exponential": {"mean": 5}}"#)
    let resolved = try Self.resolve(text)
    guard case .tool(let tool) = resolved.workflow.steps[0].kind,
      case .llm(let plan) = resolved.workflow.steps[1].kind,
      case .distribution(let prompt) = plan.promptTokens
    else {
      Issue.record("unexpected steps: \(resolved.workflow.steps)")
      return
    }
    #expect(resolved.distribution(of: prompt) == .lognormal(median: 40, p99: 400))
    #expect(resolved.distribution(of: tool.duration) == .exponential(mean: 5))
    #expect(resolved.distribution(of: CountSpec.constant(7)) == .constant(7))
    let program = ScenarioBuilder.build(try resolved.check()).program
    var prompts: [Distribution] = []
    var durations: [Distribution] = []
    for node in program.nodes {
      switch node {
      case .llm(let call): prompts.append(call.promptTokens)
      case .tool(let tool): durations.append(tool.duration)
      default: continue
      }
    }
    // Both calls share the one specification, hence the one distribution made for it.
    #expect(prompts == [.lognormal(median: 40, p99: 400), .lognormal(median: 40, p99: 400)])
    #expect(durations == [.exponential(mean: 5)])
  }
}
