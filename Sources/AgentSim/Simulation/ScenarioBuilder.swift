import SimulationKernel

/// Resolves a `Workflow` against the catalogs and a placement into a `Scenario`: names become
/// indices, catalog entries become inference engines, the step tree is compiled, and everything a
/// run needs is checked up front (a model that does not fit, a link nobody defined), with every
/// problem reported at once.
public struct ScenarioBuilder: Sendable {
  /// Hardware, models and link profiles to resolve names against.
  public var catalog: Catalog
  /// Iteration token budget of shared replicas when neither the workflow nor the engine names
  /// one (built-in engines carry their own, `EngineProfile.prefillTokenBudget`).
  public static let defaultChunkTokens = EngineProfile.defaultPrefillTokenBudget
  /// Batch limit of shared replicas when neither the workflow nor the engine names one
  /// (built-in engines carry their own, `EngineProfile.maxBatch`).
  public static let defaultMaxBatch = EngineProfile.defaultMaxBatch
  /// Tool workers at a shared site when the workflow names none: 0, unlimited, as the format and
  /// its schema document (a limit the user never set would invent queueing).
  public static let defaultToolWorkers = 0

  /// Creates a builder over a catalog.
  public init(catalog: Catalog = .builtIn) {
    self.catalog = catalog
  }

  /// Builds the scenario.
  ///
  /// - Parameters:
  ///   - workflow: The decoded, validated workflow.
  ///   - file: The workflow's file name, for diagnostics.
  ///   - digest: A stable digest of the workflow's source, for reports.
  ///   - placement: Step name → site name, overriding each step's default (first candidate) site.
  /// - Returns: The scenario.
  /// - Throws: `DiagnosticError` listing every problem: unknown names, a model that does not fit,
  ///   a missing link, a placement on a site that does not serve the step's model.
  public func build(
    _ workflow: Workflow, file: String? = nil, digest: String = "",
    placement: [String: String] = [:]
  ) throws -> Scenario {
    var compiler = ScenarioCompiler(
      workflow: workflow, catalog: catalog, file: file, placement: placement)
    let scenario = compiler.compile(digest: digest)
    if !compiler.diagnostics.isEmpty { throw DiagnosticError(compiler.diagnostics) }
    guard let scenario else {
      throw DiagnosticError(Diagnostic(file: file, message: "no scenario"))
    }
    return scenario
  }
}

/// The work of `ScenarioBuilder.build`, with its diagnostics collected as it goes.
struct ScenarioCompiler {
  let workflow: Workflow
  let catalog: Catalog
  let file: String?
  let placement: [String: String]
  var diagnostics: [Diagnostic] = []
  var nodes: [ProgramNode] = []
  var stepNames: [String] = []
  var stepSites: [String] = []
  var siteIndex: [String: Int] = [:]
  var modelIndex: [String: Int] = [:]
  var sites: [ScenarioSite] = []
  var pools: [InferencePool] = []
  var links: [ScenarioLink] = []
  var orchestrator = 0
  var usedPlacements: Set<String> = []
  var cancellingJoins: Set<Int> = []

  init(workflow: Workflow, catalog: Catalog, file: String?, placement: [String: String]) {
    self.workflow = workflow
    self.catalog = catalog
    self.file = file
    self.placement = placement
  }

  mutating func problem(_ path: String, _ message: String, suggestion: String? = nil) {
    diagnostics.append(
      Diagnostic(file: file, path: path, message: message, suggestion: suggestion))
  }

  mutating func compile(digest: String) -> Scenario? {
    for (index, binding) in workflow.models.enumerated() { modelIndex[binding.alias] = index }
    for (index, site) in workflow.sites.enumerated() { siteIndex[site.name] = index }
    orchestrator = workflow.sites.firstIndex { $0.tier == .device } ?? 0
    let engines = resolveModels()
    resolveSites(engines: engines, hosted: hostedModels())
    resolveLinks()
    let root = compileSequence(workflow.steps, path: "$.steps")
    for name in placement.keys.sorted() where !usedPlacements.contains(name) {
      let known = stepNamesForPlacement()
      problem(
        "--placement", "no placeable step named '\(name)'",
        suggestion: NearestName.suggestion(for: name, among: known).map {
          "did you mean '\($0)'?"
        } ?? "placeable steps: \(known.joined(separator: ", "))")
    }
    guard diagnostics.isEmpty else { return nil }
    let load: ScenarioLoad.Arrival
    switch workflow.load.arrival {
    case .poisson(let rate): load = .poisson(ratePerSecond: rate)
    case .closed(let users, let think):
      load = .closed(users: users, thinkTime: distribution(think, path: "$.load.think_time_ms"))
    }
    let budget = workflow.budget
    let initialTokens = Int(
      distribution(workflow.initialContextTokens, path: "$.context.initial_tokens").mean.rounded())
    return Scenario(
      name: workflow.name, digest: digest, sites: sites, pools: pools, links: links,
      modelNames: workflow.models.map(\.alias),
      program: Program(
        nodes: nodes, root: root, stepNames: stepNames, stepSites: stepSites,
        cancellingJoins: cancellingJoins),
      load: ScenarioLoad(
        arrival: load, sessions: workflow.load.sessions,
        warmupSessions: workflow.load.warmupSessions),
      budget: ScenarioBudget(
        p50Milliseconds: budget?.p50Milliseconds, p99Milliseconds: budget?.p99Milliseconds,
        timeToFirstTokenMilliseconds: budget?.ttftMilliseconds),
      orchestratorSite: orchestrator,
      initialContextTokens: initialTokens)
  }

  /// What to change when a model does not fit: only the precisions smaller than the one in use
  /// (none past q4), more accelerators only where a site has replicas to give them.
  static func fitSuggestion(precision: Precision, tier: SiteTier) -> String {
    let smaller = Precision.allCases.filter { $0.bytesPerParameter < precision.bytesPerParameter }
      .sorted { $0.bytesPerParameter > $1.bytesPerParameter }.map(\.rawValue)
    var options: [String] = []
    if !smaller.isEmpty {
      options.append("a smaller precision (\(smaller.joined(separator: ", ")))")
    }
    if tier != .device { options.append("more accelerators_per_replica") }
    options.append("a smaller model, or larger hardware")
    return "use " + options.joined(separator: ", ")
  }

  /// Each alias's model architecture and precision.
  mutating func resolveModels() -> [(ModelArchitecture, Precision)?] {
    workflow.models.map { binding in
      let path = "$.models.\(binding.alias)"
      guard let precision = Precision(rawValue: binding.precision) else {
        problem(
          path + ".precision", "unknown precision '\(binding.precision)'",
          suggestion: "use one of \(Precision.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
      }
      do {
        return (try catalog.model(named: binding.model), precision)
      } catch let diagnostic as Diagnostic {
        problem(path + ".model", diagnostic.message, suggestion: diagnostic.suggestion)
      } catch {
        problem(path + ".model", "\(error)")
      }
      return nil
    }
  }

  /// Resolves every site: its hardware and engine, and an inference engine for each served model
  /// in `hosted` (per site, the models the placement runs there).
  mutating func resolveSites(
    engines: [(ModelArchitecture, Precision)?], hosted: [Set<String>]
  ) {
    for (index, site) in workflow.sites.enumerated() {
      let path = "$.sites.\(site.name)"
      switch site.backend {
      case .hostedAPI(let api):
        sites.append(
          ScenarioSite(
            name: site.name, tier: site.tier.rawValue,
            kind: .hostedAPI(
              HostedAPISite(
                timeToFirstToken: distribution(api.timeToFirstToken, path: path),
                timePerToken: distribution(api.timePerToken, path: path),
                inputPricePerMillion: api.inputPricePerMillion,
                outputPricePerMillion: api.outputPricePerMillion,
                promptCache: promptCache(api, site: site, path: path)))))
      case .hardware(let deployment):
        var hardware: HardwareProfile
        do {
          hardware = try catalog.hardware(named: deployment.hardware)
          // The site's own price replaces the catalog's, so engines price it like any other.
          if let price = deployment.pricePerAcceleratorHour { hardware.pricePerHour = price }
        } catch let diagnostic as Diagnostic {
          problem(path + ".hardware", diagnostic.message, suggestion: diagnostic.suggestion)
          sites.append(ScenarioSite(name: site.name, tier: site.tier.rawValue, kind: .shared))
          continue
        } catch {
          problem(path + ".hardware", "\(error)")
          continue
        }
        var servingEngine = catalog.defaultEngine(for: hardware)
        if let name = deployment.engine {
          do {
            servingEngine = try catalog.engine(named: name)
          } catch let diagnostic as Diagnostic {
            problem(path + ".engine", diagnostic.message, suggestion: diagnostic.suggestion)
            sites.append(ScenarioSite(name: site.name, tier: site.tier.rawValue, kind: .shared))
            continue
          } catch {
            problem(path + ".engine", "\(error)")
            sites.append(ScenarioSite(name: site.name, tier: site.tier.rawValue, kind: .shared))
            continue
          }
        }
        var deviceEngines = [InferenceEngine?](repeating: nil, count: workflow.models.count)
        var sitePools: [InferencePool] = []
        // Only the served models this placement runs here are loaded: a model in `serves` that
        // could not run here makes infeasible only the placements that put it here.
        for alias in site.serves where hosted[index].contains(alias) {
          guard let model = modelIndex[alias], let resolved = engines[model] else { continue }
          let engine: InferenceEngine
          do {
            engine = try InferenceEngine(
              hardware: hardware, model: resolved.0, precision: resolved.1,
              acceleratorCount: deployment.acceleratorsPerReplica, engine: servingEngine,
              kvPrecision: deployment.kvPrecision, backend: deployment.backend)
          } catch let diagnostic as Diagnostic {
            problem(path + ".serves", diagnostic.message, suggestion: diagnostic.suggestion)
            continue
          } catch {
            problem(path + ".serves", "\(error)")
            continue
          }
          if let fitProblem = engine.fitProblem {
            problem(
              path + ".serves", "infeasible: \(fitProblem)",
              suggestion: Self.fitSuggestion(precision: resolved.1, tier: site.tier))
            continue
          }
          if site.tier == .device {
            deviceEngines[model] = engine
          } else {
            sitePools.append(
              InferencePool(
                site: index, model: model, replicas: deployment.replicas, engine: engine,
                maxBatch: deployment.maxBatch ?? servingEngine.maxBatch,
                chunkTokens: deployment.chunkTokens ?? servingEngine.prefillTokenBudget,
                pricePerReplicaHour: engine.pricePerHour,
                prefixCache: site.prefixCache == nil && site.routing != .prefixAffinity
                  ? nil
                  : PrefixCacheSettings(
                    definition: site.prefixCache, routing: site.routing,
                    affinityQueueLimit: site.affinityQueueLimit,
                    kvBytesPerToken: engine.kvBytesPerToken,
                    maxBatch: deployment.maxBatch ?? servingEngine.maxBatch)))
          }
        }
        let loaded =
          site.tier == .device ? deviceEngines.compactMap { $0 } : sitePools.map(\.engine)
        if let tokens = shareMemory(of: loaded, site: site.name, tier: site.tier, path: path),
          site.tier != .device
        {
          for offset in sitePools.indices { sitePools[offset].kvCapacityTokens = tokens[offset] }
        }
        pools += sitePools
        if site.tier == .device {
          sites.append(
            ScenarioSite(
              name: site.name, tier: site.tier.rawValue,
              kind: .device(
                DeviceSite(
                  engines: deviceEngines,
                  activePowerWatts: hardware.activePowerWatts
                    * Double(deployment.acceleratorsPerReplica)))))
        } else {
          sites.append(
            ScenarioSite(
              name: site.name, tier: site.tier.rawValue, kind: .shared,
              toolWorkers: site.toolWorkers ?? ScenarioBuilder.defaultToolWorkers))
        }
      }
    }
  }

  /// Per site, the model aliases the placement runs there: every LLM call's and cascade stage's
  /// chosen site, its outage fallback, and both sides of a speculative step.
  ///
  /// - Complexity: O(steps).
  func hostedModels() -> [Set<String>] {
    var hosted = [Set<String>](repeating: [], count: workflow.sites.count)
    func add(_ site: String, _ model: String) {
      if let index = siteIndex[site] { hosted[index].insert(model) }
    }
    func add(_ call: LLMStep, name: String) {
      add(placement[name] ?? call.placement.defaultSite, call.model)
      if case .fallback(let site) = call.onOutage { add(site, call.model) }
    }
    for step in workflow.allSteps {
      switch step.kind {
      case .llm(let call): add(call, name: step.name)
      case .cascade(let cascade):
        add(cascade.first, name: step.name + ".first")
        add(cascade.then, name: step.name + ".then")
      case .speculative(let speculative):
        add(speculative.draftSite, speculative.draftModel)
        add(speculative.targetSite, speculative.targetModel)
      default: continue
      }
    }
    return hosted
  }

  /// The KV-cache tokens each of `engines` (the models one replica, or the device, holds at once)
  /// gets: the memory their weights leave together, shared equally, as separate engine processes
  /// on one accelerator would split it. Reports a problem, and returns nil, when the weights
  /// together leave no room.
  mutating func shareMemory(
    of engines: [InferenceEngine], site: String, tier: SiteTier, path: String
  ) -> [Int]? {
    guard engines.count > 1 else { return engines.map(\.kvCapacityTokens) }
    let usable = engines[0].usableMemoryBytes
    let weights = engines.reduce(0) { $0 + $1.weightBytes }
    let share = (usable - weights) / Double(engines.count)
    let tokens = engines.map { share > 0 ? Int((share / $0.kvBytesPerToken).rounded(.down)) : 0 }
    guard tokens.contains(where: { $0 < 1 }) else { return tokens }
    let names = engines.map { "\($0.model.name) at \($0.precision.rawValue)" }
    problem(
      path + ".serves",
      "infeasible: this placement runs \(names.joined(separator: " and ")) at '\(site)', whose "
        + "replicas hold every model they run: "
        + "\(InferenceEngine.gigabytes(weights)) GB of weights together, but "
        + "\(InferenceEngine.gigabytes(usable)) GB usable",
      suggestion: Self.fitSuggestion(precision: engines[0].precision, tier: tier)
        + ", or place one of the models elsewhere")
    return nil
  }

  mutating func resolveLinks() {
    for (index, definition) in workflow.links.enumerated() {
      let path = "$.links[\(index)]"
      guard let first = siteIndex[definition.firstSite],
        let second = siteIndex[definition.secondSite]
      else { continue }
      var profile: LinkProfile?
      if let name = definition.profile {
        do {
          profile = try catalog.link(named: name)
        } catch let diagnostic as Diagnostic {
          problem(path + ".profile", diagnostic.message, suggestion: diagnostic.suggestion)
          continue
        } catch {
          problem(path + ".profile", "\(error)")
          continue
        }
      }
      guard
        let median = definition.rttMedianMilliseconds ?? profile?.rttMedianMilliseconds
      else {
        problem(
          path, "a link needs 'rtt_median_ms' or a catalog 'profile'",
          suggestion: "add \"rtt_median_ms\" (and \"rtt_p99_ms\")")
        continue
      }
      let p99 = definition.rttP99Milliseconds ?? profile?.rttP99Milliseconds ?? median
      let roundTrip: Distribution =
        p99 > median ? .lognormal(median: median, p99: p99) : .constant(median)
      let uplink = definition.uplinkMegabitsPerSecond ?? profile?.uplinkMegabitsPerSecond ?? 0
      let downlink =
        definition.downlinkMegabitsPerSecond ?? profile?.downlinkMegabitsPerSecond ?? 0
      let setup = definition.overheadMilliseconds ?? profile?.perRequestOverheadMilliseconds ?? 0
      let mtbf =
        definition.outage?.meanTimeBetweenFailuresSeconds ?? profile?.meanTimeBetweenFailuresSeconds
      let mttr = definition.outage?.meanTimeToRepairSeconds ?? profile?.meanTimeToRepairSeconds
      links.append(
        ScenarioLink(
          first: first, second: second, roundTrip: roundTrip, uplinkBitsPerSecond: uplink * 1e6,
          downlinkBitsPerSecond: downlink * 1e6, setupMilliseconds: setup,
          meanTimeBetweenFailuresSeconds: mtbf, meanTimeToRepairSeconds: mttr))
    }
  }

  func hasLink(_ first: Int, _ second: Int) -> Bool {
    RouteTable(siteCount: workflow.sites.count, links: links).route(from: first, to: second) != nil
  }

  mutating func requireLink(_ first: Int, _ second: Int, path: String, why: String) {
    guard !hasLink(first, second) else { return }
    let a = workflow.sites[first].name
    let b = workflow.sites[second].name
    problem(
      path, "\(why), but no chain of links connects '\(a)' and '\(b)'",
      suggestion: "add {\"between\": [\"\(a)\", \"\(b)\"], \"rtt_median_ms\": …} to \"links\"")
  }

  func stepNamesForPlacement() -> [String] {
    workflow.allSteps.flatMap { step -> [String] in
      switch step.kind {
      case .llm, .tool: return [step.name]
      case .cascade: return [step.name + ".first", step.name + ".then"]
      default: return []
      }
    }
  }

  /// The site a placeable step runs at: the `--placement` override, else its first candidate.
  mutating func chooseSite(
    step name: String, placement candidates: SitePlacement, model: String?, path: String
  ) -> Int? {
    var chosen = candidates.defaultSite
    if let override = placement[name] {
      usedPlacements.insert(name)
      chosen = override
    }
    guard let site = siteIndex[chosen] else {
      problem(
        path, "step '\(name)' is placed at unknown site '\(chosen)'",
        suggestion: NearestName.suggestion(for: chosen, among: workflow.sites.map(\.name)).map {
          "did you mean '\($0)'?"
        })
      return nil
    }
    let definition = workflow.sites[site]
    if let pin = candidates.pin, definition.tier != pin {
      problem(
        path,
        "step '\(name)' is pinned to the \(pin.rawValue) tier, but '\(chosen)' is "
          + "\(definition.tier.rawValue)")
    }
    if let model, !definition.serves(model: model) {
      problem(
        path, "site '\(chosen)' does not serve model '\(model)' needed by step '\(name)'",
        suggestion: "add \"\(model)\" to its \"serves\", or place the step elsewhere")
    }
    if model == nil, case .hostedAPI = definition.backend {
      problem(path, "tool step '\(name)' cannot run at hosted API site '\(chosen)'")
    }
    return site
  }

  mutating func addNode(_ node: ProgramNode) -> Int {
    nodes.append(node)
    return nodes.count - 1
  }

  mutating func addStep(_ name: String, site: String) -> Int {
    stepNames.append(name)
    stepSites.append(site)
    return stepNames.count - 1
  }

  mutating func compileSequence(_ steps: [WorkflowStep], path: String) -> Int {
    let children = steps.enumerated().map { index, step in
      compile(step, path: "\(path)[\(index)]")
    }
    return addNode(.sequence(children))
  }

  mutating func outage(_ policy: OutagePolicy, path: String) -> OutageResponse {
    switch policy {
    case .wait: return .wait
    case .fallback(let site):
      guard let index = siteIndex[site] else {
        problem(path + ".on_outage", "unknown fallback site '\(site)'")
        return .wait
      }
      requireLink(orchestrator, index, path: path + ".on_outage", why: "fallback site '\(site)'")
      return .fallback(site: index)
    }
  }

  mutating func compileLLM(_ call: LLMStep, name: String, path: String) -> Int {
    guard
      let site = chooseSite(
        step: name, placement: call.placement, model: call.model, path: path + ".site"),
      let model = modelIndex[call.model]
    else { return addNode(.sequence([])) }
    requireLink(
      orchestrator, site, path: path, why: "step '\(name)' runs at '\(workflow.sites[site].name)'")
    checkContextWindow(
      prompt: call.promptTokens, output: call.outputTokens,
      isConversation: call.context == .conversation, models: [call.model], path: path)
    let step = addStep(name, site: workflow.sites[site].name)
    let policy = outage(call.onOutage, path: path)
    if case .fallback(let fallback) = policy, !workflow.sites[fallback].serves(model: call.model) {
      problem(
        path + ".on_outage",
        "fallback site '\(workflow.sites[fallback].name)' does not serve "
          + "model '\(call.model)'")
    }
    return addNode(
      .llm(
        LLMNode(
          step: step, model: model, site: site,
          promptTokens: distribution(call.promptTokens, path: path),
          outputTokens: distribution(call.outputTokens, path: path),
          isConversation: call.context == .conversation, isVisible: call.isVisible,
          outageResponse: policy, contextWindowTokens: contextWindow(of: [call.model]))))
  }

  mutating func compile(_ step: WorkflowStep, path: String) -> Int {
    switch step.kind {
    case .llm(let call):
      return compileLLM(call, name: step.name, path: path + ".llm")
    case .tool(let tool):
      guard
        let site = chooseSite(
          step: step.name, placement: tool.placement, model: nil, path: path + ".tool.site")
      else { return addNode(.sequence([])) }
      requireLink(
        orchestrator, site, path: path + ".tool",
        why: "step '\(step.name)' runs at '\(workflow.sites[site].name)'")
      let id = addStep(step.name, site: workflow.sites[site].name)
      return addNode(
        .tool(
          ToolNode(
            step: id, site: site, duration: distribution(tool.duration, path: path),
            resultTokens: distribution(tool.resultTokens, path: path),
            outageResponse: outage(tool.onOutage, path: path + ".tool"),
            keepsDeviceBusy: tool.keepsDeviceBusy)))
    case .transfer(let transfer):
      guard let from = siteIndex[transfer.from], let to = siteIndex[transfer.to] else {
        return addNode(.sequence([]))
      }
      requireLink(from, to, path: path + ".transfer", why: "transfer '\(step.name)' crosses it")
      let id = addStep(step.name, site: "\(transfer.from)→\(transfer.to)")
      return addNode(
        .transfer(
          TransferNode(
            step: id, from: from, to: to, bytes: distribution(transfer.bytes, path: path))))
    case .sequence(let steps):
      return compileSequence(steps, path: path + ".sequence.steps")
    case .parallel(let parallel):
      let children = parallel.steps.enumerated().map { index, child in
        compile(child, path: "\(path).parallel.steps[\(index)]")
      }
      let join: Int
      switch parallel.join {
      case .all: join = children.count
      case .first(let count): join = count
      }
      let node = addNode(.parallel(children, join: join))
      if parallel.cancelsRest && join < children.count { cancellingJoins.insert(node) }
      return node
    case .branch(let options):
      var cumulative = 0.0
      var targets: [BranchTarget] = []
      for (index, option) in options.enumerated() {
        cumulative += option.probability
        let node = compile(option.step, path: "\(path).branch.options[\(index)].step")
        targets.append(BranchTarget(cumulativeProbability: cumulative, node: node))
      }
      return addNode(.branch(targets))
    case .loop(let loop):
      let body = compile(loop.body, path: path + ".loop.body")
      let repetition: LoopRepetition
      switch loop.repetition {
      case .count(let count): repetition = .count(count)
      case .repeatWithProbability(let probability, let maximum):
        repetition = .geometric(probability: probability, maximum: maximum)
      case .drawn(let count, let maximum):
        repetition = .drawn(distribution(count, path: path + ".loop.count"), maximum: maximum)
      }
      return addNode(.loop(body: body, repetition: repetition))
    case .speculative(let speculative):
      let path = path + ".speculative"
      guard let draftSite = siteIndex[speculative.draftSite],
        let targetSite = siteIndex[speculative.targetSite],
        let draftModel = modelIndex[speculative.draftModel],
        let targetModel = modelIndex[speculative.targetModel]
      else { return addNode(.sequence([])) }
      if !workflow.sites[draftSite].serves(model: speculative.draftModel) {
        problem(
          path + ".draft_site",
          "site '\(speculative.draftSite)' does not serve model '\(speculative.draftModel)'")
      }
      if !workflow.sites[targetSite].serves(model: speculative.targetModel) {
        problem(
          path + ".target_site",
          "site '\(speculative.targetSite)' does not serve model '\(speculative.targetModel)'")
      }
      requireLink(
        orchestrator, draftSite, path: path, why: "the draft runs at '\(speculative.draftSite)'")
      requireLink(draftSite, targetSite, path: path, why: "draft and target exchange tokens")
      checkContextWindow(
        prompt: speculative.promptTokens, output: speculative.outputTokens, isConversation: false,
        models: [speculative.draftModel, speculative.targetModel], path: path)
      let id = addStep(step.name, site: "\(speculative.draftSite)+\(speculative.targetSite)")
      return addNode(
        .speculative(
          SpeculativeNode(
            step: id, draftModel: draftModel, draftSite: draftSite, targetModel: targetModel,
            targetSite: targetSite, draftTokens: speculative.draftTokens,
            acceptanceRate: speculative.acceptanceRate,
            promptTokens: distribution(speculative.promptTokens, path: path),
            outputTokens: distribution(speculative.outputTokens, path: path),
            isVisible: speculative.isVisible,
            isConversation: speculative.context == .conversation,
            contextWindowTokens: contextWindow(
              of: [speculative.draftModel, speculative.targetModel]))))
    case .cascade(let cascade):
      let first = compileLLM(
        cascade.first, name: step.name + ".first", path: path + ".cascade.first")
      let then = compileLLM(cascade.then, name: step.name + ".then", path: path + ".cascade.then")
      let escalate = addNode(
        .branch([BranchTarget(cumulativeProbability: cascade.escalateProbability, node: then)]))
      return addNode(.sequence([first, escalate]))
    }
  }
}

extension ScenarioCompiler {
  /// Reports a call whose smallest possible context (prompt and output at their smallest draws,
  /// plus the initial context for a conversation) exceeds a model's context window: a call that
  /// can never fit is an input error, not a silent overrun. Larger draws of a distribution are
  /// not errors (real agents truncate); the simulator caps every token draw at
  /// `ValueLimits.maximumTokens`.
  mutating func checkContextWindow(
    prompt: CountSpec, output: CountSpec, isConversation: Bool, models: [String], path: String
  ) {
    func smallest(_ count: CountSpec) -> Double {
      switch count {
      case .constant(let value): return Double(value)
      case .distribution(let spec): return max(0, (try? spec.makeDistribution())?.lowerBound ?? 0)
      }
    }
    let initial = isConversation ? smallest(workflow.initialContextTokens) : 0
    let needed = smallest(prompt) + smallest(output) + initial
    for alias in models {
      guard let binding = workflow.models.first(where: { $0.alias == alias }),
        let model = try? catalog.model(named: binding.model),
        needed > Double(model.maxContextTokens)
      else { continue }
      let parts =
        isConversation && initial > 0 ? "initial context, prompt and output" : "prompt and output"
      problem(
        path + ".prompt_tokens",
        "needs at least \(DisplayFormat.grouped(needed)) tokens of context (\(parts)), but "
          + "\(binding.model)'s context window is \(DisplayFormat.grouped(model.maxContextTokens)) "
          + "tokens",
        suggestion: "lower the token counts, or use a model with a longer context window")
    }
  }

  /// The smallest context window of the catalog models behind `aliases`, in tokens (the largest
  /// `Int32` when the catalog knows none of them).
  func contextWindow(of aliases: [String]) -> Int {
    let windows = aliases.compactMap { alias in
      workflow.models.first { $0.alias == alias }.flatMap { try? catalog.model(named: $0.model) }?
        .maxContextTokens
    }
    return windows.min() ?? Int(Int32.max)
  }

  /// The kernel distribution of a specification; the decoder has validated it, so a failure here is
  /// a workflow built by hand, reported like any other problem.
  mutating func distribution(_ spec: DistributionSpec, path: String) -> Distribution {
    do {
      return try spec.makeDistribution()
    } catch {
      problem(path, "\(error)")
      return .constant(0)
    }
  }

  /// The kernel distribution of a count (a constant for a fixed count).
  mutating func distribution(_ count: CountSpec, path: String) -> Distribution {
    switch count {
    case .constant(let value): return .constant(Double(value))
    case .distribution(let spec): return distribution(spec, path: path)
    }
  }
}
