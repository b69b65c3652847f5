import AgentSim
import Foundation
import Testing

@Suite("Workflow decoding")
struct WorkflowDecodingTests {
  /// A world with a device, an edge pool, a region pool and a hosted API, all linked.
  static let world = """
    {
      "$schema": "./schema.json",
      "version": 1,
      "name": "every-kind",
      "description": "All step kinds.",
      "models": {"small": {"model": "llama-3.2-3b", "precision": "q4"},
                 "large": {"model": "llama-3.1-70b"}},
      "sites": {
        "device": {"tier": "device", "hardware": "apple-m3-max", "serves": ["small"]},
        "edge": {"tier": "edge", "hardware": "l40s", "replicas": 2, "accelerators_per_replica": 1,
                 "serves": ["small"], "max_batch": 64, "chunk_tokens": 512, "tool_workers": 8},
        "region": {"tier": "region", "hardware": "h100-sxm", "replicas": 4,
                   "accelerators_per_replica": 4, "serves": ["large"], "max_batch": 128},
        "api": {"tier": "region", "serves": ["large"],
                "hosted_api": {"ttft_ms": {"lognormal": {"median": 300, "p99": 900}},
                               "per_token_ms": 12, "input_price_per_million": 3.0,
                               "output_price_per_million": 15.0}}
      },
      "links": [
        {"between": ["device", "edge"], "profile": "wifi-edge"},
        {"between": ["device", "region"], "profile": "5g-region", "rtt_median_ms": 35},
        {"between": ["edge", "region"], "rtt_median_ms": 12, "rtt_p99_ms": 30, "uplink_mbps": 10000,
         "downlink_mbps": 10000, "overhead_ms": 0, "outage": {"mtbf_s": 600, "mttr_s": 5}},
        {"between": ["device", "api"], "profile": "5g-region"}
      ],
      "load": {"arrival": "closed", "concurrency": 32, "think_time_ms": {"exponential": {"mean": 5000}},
               "sessions": 1000, "warmup_sessions": 50},
      "budget": {"p50_ms": 800, "p99_ms": 2000, "ttft_ms": 300},
      "context": {"initial_tokens": 1500},
      "steps": [
        {"llm": {"name": "plan", "model": "small", "site": ["edge", "device"],
                 "prompt_tokens": 200, "output_tokens": {"constant": 40}, "context": "fresh",
                 "visible": true, "on_outage": {"fallback": "device"}}},
        {"tool": {"name": "search", "site": "edge", "pin": "edge", "duration_ms": {"gamma": {"shape": 2, "scale": 50}},
                  "result_tokens": {"uniform": {"min": 100, "max": 300}}, "on_outage": "wait"}},
        {"transfer": {"name": "upload", "from": "device", "to": "region", "bytes": 2000000}},
        {"parallel": {"name": "fan-out", "join": {"first": 1}, "steps": [
          {"tool": {"name": "t1", "site": "device", "duration_ms": {"erlang": {"k": 3, "mean": 90}}}},
          {"tool": {"name": "t2", "site": "device", "duration_ms": {"normal": {"mean": 50, "sd": 5}}}}
        ]}},
        {"branch": {"name": "maybe", "options": [
          {"probability": 0.3, "step": {"sequence": {"name": "seq", "steps": [
            {"tool": {"name": "t3", "site": "device",
                      "duration_ms": {"empirical": {"samples": [1, 2, 3]}}}}]}}}
        ]}},
        {"loop": {"name": "retry", "repeat_probability": 0.5, "max_iterations": 4, "body":
          {"tool": {"name": "t4", "site": "device", "duration_ms":
            {"empirical": {"percentiles": {"p100": 40, "p0": 1, "p50": 10, "p99.9": 30}}}}}}},
        {"loop": {"name": "fixed", "count": 3, "body":
          {"tool": {"name": "t5", "site": "device", "duration_ms": {"mixture": [
            {"weight": 0.9, "distribution": 10},
            {"weight": 0.1, "distribution": {"lognormal": {"mu": 5, "sigma": 1}}}]}}}}},
        {"speculative": {"name": "spec", "draft_model": "small", "draft_site": "device",
                         "target_model": "large", "target_site": "region", "draft_tokens": 4,
                         "acceptance_rate": 0.7, "prompt_tokens": 100, "output_tokens": 200,
                         "visible": true}},
        {"cascade": {"name": "route",
                     "first": {"model": "small", "site": "edge", "prompt_tokens": 50, "output_tokens": 20},
                     "escalate_probability": 0.2,
                     "then": {"model": "large", "site": ["api", "region"], "prompt_tokens": 50,
                              "output_tokens": 100, "visible": true}}}
      ]
    }
    """

  private func decode(names: CatalogNames? = nil) throws(DiagnosticError) -> Workflow {
    try Workflow.decode(from: Data(Self.world.utf8), file: "world.json", names: names)
  }

  @Test("decodes the header, models, sites, links, load, budget and context")
  func definitions() throws {
    let workflow = try decode()
    #expect(workflow.version == 1)
    #expect(workflow.name == "every-kind")
    #expect(workflow.description == "All step kinds.")
    #expect(
      workflow.models == [
        ModelBinding(alias: "small", model: "llama-3.2-3b", precision: .q4),
        ModelBinding(alias: "large", model: "llama-3.1-70b", precision: .bf16),
      ])
    #expect(workflow.sites.map(\.name) == ["device", "edge", "region", "api"])
    #expect(
      workflow.site(named: "edge")
        == SiteDefinition(
          name: "edge", tier: .edge, serves: ["small"],
          backend: .hardware(
            HardwareDeployment(
              hardware: "l40s", replicas: 2, acceleratorsPerReplica: 1, maxBatch: 64,
              chunkTokens: 512)),
          toolWorkers: 8))
    #expect(
      workflow.site(named: "api")?.backend
        == .hostedAPI(
          HostedAPIDefinition(
            timeToFirstToken: .lognormalQuantiles(median: 300, p99: 900),
            timePerToken: .constant(12), inputPricePerMillion: 3, outputPricePerMillion: 15)))
    #expect(workflow.deviceSite?.name == "device")
    #expect(workflow.link(between: "region", and: "device")?.profile == "5g-region")
    #expect(workflow.link(between: "region", and: "device")?.rttMedianMilliseconds == 35)
    #expect(
      workflow.link(between: "edge", and: "region")
        == LinkDefinition(
          between: "edge", and: "region", rttMedianMilliseconds: 12, rttP99Milliseconds: 30,
          uplinkMegabitsPerSecond: 10_000, downlinkMegabitsPerSecond: 10_000,
          overheadMilliseconds: 0,
          outage: OutageDefinition(meanTimeBetweenFailuresSeconds: 600, meanTimeToRepairSeconds: 5))
    )
    #expect(
      workflow.load
        == LoadDefinition(
          arrival: .closed(concurrency: 32, thinkTime: .exponential(mean: 5000)), sessions: 1000,
          warmupSessions: 50))
    #expect(
      workflow.budget
        == BudgetDefinition(p50Milliseconds: 800, p99Milliseconds: 2000, ttftMilliseconds: 300))
    #expect(workflow.initialContextTokens == .constant(1500))
  }

  @Test("a site's price_per_hour replaces the catalog's, for each accelerator of a replica")
  func sitePrice() throws {
    let text = Self.world.replacingOccurrences(
      of: #""max_batch": 128}"#, with: #""max_batch": 128, "price_per_hour": 2.5}"#)
    let workflow = try Workflow.decode(from: Data(text.utf8), file: "world.json")
    let region = workflow.sites.first { $0.name == "region" }
    guard case .hardware(let deployment) = region?.backend else {
      Issue.record("region is not a hardware site")
      return
    }
    #expect(deployment.pricePerAcceleratorHour == 2.5)
    let scenario = try Scenario.resolving(workflow)
    let regionIndex = scenario.sites.firstIndex { $0.name == "region" }
    let edgeIndex = scenario.sites.firstIndex { $0.name == "edge" }
    // 4 accelerators per replica at the site's $2.50; the edge keeps the catalog's L40S price.
    #expect(scenario.pools.filter { $0.site == regionIndex }.map(\.pricePerReplicaHour) == [10])
    let l40s = try Catalog.builtIn.hardware(named: "l40s").pricePerHour
    #expect(l40s != nil)
    #expect(scenario.pools.filter { $0.site == edgeIndex }.map(\.pricePerReplicaHour) == [l40s])
  }

  @Test("a site names its engine, compute unit and KV precision; unknown ones are diagnosed")
  func siteEngine() throws {
    let text = Self.world.replacingOccurrences(
      of: #""max_batch": 128}"#,
      with: #""max_batch": 128, "engine": "tensorrt-llm", "kv_precision": "fp8", "backend": "gpu"}"#
    )
    let workflow = try Workflow.decode(from: Data(text.utf8), file: "world.json")
    let region = workflow.sites.first { $0.name == "region" }
    guard case .hardware(let deployment) = region?.backend else {
      Issue.record("region is not a hardware site")
      return
    }
    #expect(deployment.engine == "tensorrt-llm")
    #expect(deployment.kvPrecision == .fp8)
    #expect(deployment.backend == .gpu)
    let scenario = try Scenario.resolving(workflow)
    let regionIndex = scenario.sites.firstIndex { $0.name == "region" }
    let pool = try #require(scenario.pools.first { $0.site == regionIndex })
    #expect(pool.engine.engine.name == "tensorrt-llm")
    #expect(pool.engine.kvPrecision == .fp8)
    // Without the keys the site runs the documented default for its hardware.
    let plain = try Scenario.resolving(try decode())
    let plainPool = try #require(plain.pools.first { $0.site == regionIndex })
    #expect(
      plainPool.engine.engine.name == Catalog.defaultEngineKind(for: pool.engine.hardware).rawValue)
    let misspelled = Self.world.replacingOccurrences(
      of: #""max_batch": 128}"#, with: #""max_batch": 128, "engine": "vlm"}"#)
    do {
      _ = try Scenario.resolving(
        try Workflow.decode(from: Data(misspelled.utf8), file: "world.json"))
      Issue.record("expected a diagnostic")
    } catch {
      let text = error.diagnostics.map(\.description).joined(separator: "\n")
      #expect(text.contains("$.sites.region.engine: unknown engine 'vlm'"), "\(text)")
      #expect(text.contains("did you mean 'vllm'?"), "\(text)")
    }
  }

  @Test("decodes every step kind")
  func steps() throws {
    let workflow = try decode()
    #expect(
      workflow.allSteps.map(\.name) == [
        "plan", "search", "upload", "fan-out", "t1", "t2", "maybe", "seq", "t3", "retry", "t4",
        "fixed", "t5", "spec", "route",
      ])
    #expect(
      workflow.step(named: "plan")?.kind
        == .llm(
          LLMStep(
            model: "small", placement: SitePlacement(candidates: ["edge", "device"]),
            promptTokens: .constant(200), outputTokens: .constant(40), context: .fresh,
            isVisible: true, onOutage: .fallback(site: "device"))))
    #expect(
      workflow.step(named: "search")?.kind
        == .tool(
          ToolStep(
            placement: SitePlacement(candidates: ["edge"], pin: .edge),
            duration: .gamma(shape: 2, scale: 50),
            resultTokens: .distribution(.uniform(min: 100, max: 300)), onOutage: .wait)))
    #expect(
      workflow.step(named: "upload")?.kind
        == .transfer(TransferStep(from: "device", to: "region", bytes: .constant(2_000_000))))
    guard case .parallel(let parallel) = workflow.step(named: "fan-out")?.kind else {
      Issue.record("expected a parallel step")
      return
    }
    #expect(parallel.join == .first(1))
    #expect(parallel.steps.map(\.name) == ["t1", "t2"])
    #expect(
      parallel.steps.map(\.kind) == [
        .tool(
          ToolStep(
            placement: SitePlacement(candidates: ["device"]), duration: .erlang(stages: 3, mean: 90)
          )),
        .tool(
          ToolStep(
            placement: SitePlacement(candidates: ["device"]),
            duration: .normal(mean: 50, standardDeviation: 5))),
      ])
    guard case .branch(let options) = workflow.step(named: "maybe")?.kind else {
      Issue.record("expected a branch")
      return
    }
    #expect(options.map(\.probability) == [0.3])
    #expect(options.first?.step.name == "seq")
    guard case .loop(let retry) = workflow.step(named: "retry")?.kind,
      case .tool(let percentiles) = retry.body.kind
    else {
      Issue.record("expected a loop of a tool")
      return
    }
    #expect(retry.repetition == .repeatWithProbability(0.5, maxIterations: 4))
    #expect(
      percentiles.duration
        == .empiricalPercentiles([
          PercentilePoint(percentile: 0, value: 1), PercentilePoint(percentile: 50, value: 10),
          PercentilePoint(percentile: 99.9, value: 30), PercentilePoint(percentile: 100, value: 40),
        ]))
    guard case .loop(let fixed) = workflow.step(named: "fixed")?.kind,
      case .tool(let mixture) = fixed.body.kind
    else {
      Issue.record("expected a loop of a tool")
      return
    }
    #expect(fixed.repetition == .count(3))
    #expect(
      mixture.duration
        == .mixture([
          MixtureComponentSpec(weight: 0.9, distribution: .constant(10)),
          MixtureComponentSpec(weight: 0.1, distribution: .lognormal(mu: 5, sigma: 1)),
        ]))
    #expect(
      workflow.step(named: "t3")?.kind
        == .tool(
          ToolStep(
            placement: SitePlacement(candidates: ["device"]),
            duration: .empiricalSamples([1, 2, 3]))))
    #expect(
      workflow.step(named: "spec")?.kind
        == .speculative(
          SpeculativeStep(
            draftModel: "small", draftSite: "device", targetModel: "large", targetSite: "region",
            draftTokens: 4, acceptanceRate: 0.7, promptTokens: .constant(100),
            outputTokens: .constant(200), isVisible: true)))
    #expect(
      workflow.step(named: "route")?.kind
        == .cascade(
          CascadeStep(
            first: LLMStep(
              model: "small", placement: SitePlacement(candidates: ["edge"]),
              promptTokens: .constant(50), outputTokens: .constant(20)),
            escalateProbability: 0.2,
            then: LLMStep(
              model: "large", placement: SitePlacement(candidates: ["api", "region"]),
              promptTokens: .constant(50), outputTokens: .constant(100), isVisible: true))))
  }

  @Test("counts the most leaf steps a session can run")
  func leafExecutions() throws {
    let workflow = try decode()
    // plan, search, upload, 2 parallel, branch 1, retry 4, fixed 3, spec, cascade 2.
    #expect(workflow.steps.map(\.maximumLeafExecutions) == [1, 1, 1, 2, 1, 4, 3, 1, 2])
  }

  static let catalog = CatalogNames(
    hardware: ["apple-m3-max", "l40s", "h100-sxm"], models: ["llama-3.2-3b", "llama-3.1-70b"],
    precisions: ["bf16", "q4"], links: ["wifi-edge", "5g-region"])

  @Test("checks catalog names when given, and accepts known ones")
  func catalogNames() throws {
    _ = try decode(names: Self.catalog)
    var smaller = Self.catalog
    smaller.hardware = ["apple-m3-max", "l40", "h100-pcie"]
    smaller.precisions = ["bf16", "q8"]
    smaller.links = ["wifi-edge"]
    do {
      _ = try decode(names: smaller)
      Issue.record("expected unknown catalog names")
    } catch {
      let expected: [String] = [
        "world.json:6:62: error: $.models.small.precision: unknown precision 'q4' (not in the "
          + "catalog); did you mean 'q8'?",
        "world.json:10:42: error: $.sites.edge.hardware: unknown hardware 'l40s' (not in the "
          + "catalog); did you mean 'l40'?",
        "world.json:12:46: error: $.sites.region.hardware: unknown hardware 'h100-sxm' (not in "
          + "the catalog); see 'agentsim catalog hardware', or define 'h100-sxm' in a --catalog "
          + "file",
        "world.json:21:50: error: $.links[1].profile: unknown link profile '5g-region' (not in "
          + "the catalog); see 'agentsim catalog links', or define '5g-region' in a --catalog file",
        "world.json:24:47: error: $.links[3].profile: unknown link profile '5g-region' (not in "
          + "the catalog); see 'agentsim catalog links', or define '5g-region' in a --catalog file",
      ]
      #expect(error.diagnostics.map(\.description) == expected)
    }
  }

  @Test("applies defaults for omitted fields")
  func defaults() throws {
    let text =
      DiagnosticCase.header.replacingOccurrences(
        of: #""arrival": "poisson", "rate_per_s": 1"#,
        with: #""arrival": "closed", "concurrency": 4"#)
      + "\n" + DiagnosticCase.llm() + "\n]}\n"
    let workflow = try Workflow.decode(from: Data(text.utf8), file: "t.json")
    #expect(
      workflow.load
        == LoadDefinition(
          arrival: .closed(concurrency: 4, thinkTime: .constant(0)), sessions: 10_000))
    #expect(workflow.budget == nil)
    #expect(workflow.initialContextTokens == .zero)
    #expect(workflow.models.first?.precision == .bf16)
    guard case .llm(let llm) = workflow.steps.first?.kind else {
      Issue.record("expected an llm step")
      return
    }
    #expect(llm.context == .conversation)
    #expect(!llm.isVisible)
    #expect(llm.onOutage == .wait)
    #expect(llm.placement.defaultSite == "edge")
    #expect(
      workflow.site(named: "dev")?.backend
        == .hardware(HardwareDeployment(hardware: "h", replicas: 1, acceleratorsPerReplica: 1)))
  }

  @Test("reports a missing or unreadable file as a diagnostic")
  func missingFile() {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-no-such-\(UUID().uuidString).json")
    do {
      _ = try Workflow.load(contentsOf: url, file: "missing.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.map(\.description) == ["missing.json: error: no such file"])
    }
  }
}
