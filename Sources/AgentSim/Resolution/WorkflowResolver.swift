import SimulationKernel

extension ResolvedWorkflow {
  /// Resolves `workflow` against `catalog`: models, hardware, engines and link profiles become
  /// typed catalog entries, every default is applied, and every distribution and token count is
  /// checked, so that nothing placement-independent fails after this.
  ///
  /// - Parameters:
  ///   - workflow: A decoded workflow (``Workflow/decode(from:file:names:)``) or one built in
  ///     code.
  ///   - catalog: The catalog to resolve names against.
  ///   - file: The workflow's file name, for diagnostics.
  /// - Returns: The resolved workflow.
  /// - Throws: `DiagnosticError` with every problem, each with its JSON path and a suggestion.
  /// - Complexity: O(*s* + *m* · *c*) for *s* steps, *m* names and *c* catalog entries.
  public static func resolve(
    _ workflow: Workflow, catalog: Catalog = .builtIn, file: String? = nil
  ) throws(DiagnosticError) -> ResolvedWorkflow {
    var resolver = WorkflowResolver(workflow: workflow, catalog: catalog, file: file)
    let resolved = resolver.resolve()
    guard let resolved, resolver.diagnostics.isEmpty else {
      throw DiagnosticError(
        resolver.diagnostics.isEmpty
          ? [Diagnostic(file: file, message: "the workflow could not be resolved")]
          : resolver.diagnostics)
    }
    return resolved
  }
}

/// The work of ``ResolvedWorkflow/resolve(_:catalog:file:)``, collecting every problem.
struct WorkflowResolver {
  let workflow: Workflow
  let catalog: Catalog
  let file: String?
  var diagnostics: [Diagnostic] = []
  /// Every distribution made so far, by specification: what the builder takes.
  var distributions: [DistributionSpec: Distribution] = [:]
  /// The conversation present when a session starts, as a distribution (made in ``resolve()``
  /// before the steps are checked against context windows).
  var initialContext: Distribution = .constant(0)

  mutating func problem(_ path: String, _ message: String, suggestion: String? = nil) {
    diagnostics.append(
      Diagnostic(file: file, path: path, message: message, suggestion: suggestion))
  }

  /// Records a catalog lookup's failure at `path`.
  mutating func problem(_ path: String, _ error: any Error) {
    if let diagnostic = error as? Diagnostic {
      problem(path, diagnostic.message, suggestion: diagnostic.suggestion)
    } else {
      problem(path, "\(error)")
    }
  }

  mutating func resolve() -> ResolvedWorkflow? {
    let models = resolveModels()
    let sites = resolveSites()
    var siteIndex: [String: Int] = [:]
    for (index, site) in workflow.sites.enumerated() { siteIndex[site.name] = index }
    var modelIndex: [String: Int] = [:]
    for (index, binding) in workflow.models.enumerated() { modelIndex[binding.alias] = index }
    let links = resolveLinks(siteIndex: siteIndex)
    let arrival: ScenarioLoad.Arrival
    switch workflow.load.arrival {
    case .poisson(let rate): arrival = .poisson(ratePerSecond: rate)
    case .closed(let users, let think):
      arrival = .closed(users: users, thinkTime: distribution(think, path: "$.load.think_time_ms"))
    }
    initialContext = distribution(
      workflow.initialContextTokens, path: "$.context.initial_tokens")
    let initialTokens = Int(initialContext.mean.rounded())
    checkSteps(workflow.steps, path: "$.steps", models: models)
    guard diagnostics.isEmpty, let models, let sites else { return nil }
    return ResolvedWorkflow(
      workflow: workflow, file: file, models: models, sites: sites, links: links,
      siteLinks: SiteLinks(workflow.links),
      orchestratorSite: workflow.sites.firstIndex { $0.tier == .device } ?? 0, arrival: arrival,
      initialContextTokens: initialTokens, siteIndex: siteIndex, modelIndex: modelIndex,
      distributions: distributions)
  }

  /// Each alias's catalog model; `nil` when any is unknown (reported).
  mutating func resolveModels() -> [ResolvedModel]? {
    var models: [ResolvedModel] = []
    for binding in workflow.models {
      do {
        models.append(
          ResolvedModel(
            alias: binding.alias, architecture: try catalog.model(named: binding.model),
            precision: binding.precision))
      } catch {
        problem("$.models.\(binding.alias).model", error)
      }
    }
    return models.count == workflow.models.count ? models : nil
  }

  /// Each site's hardware, engine and defaults, or its hosted API; `nil` when any is unknown
  /// (reported).
  mutating func resolveSites() -> [ResolvedSite]? {
    var sites: [ResolvedSite] = []
    for site in workflow.sites {
      let path = "$.sites.\(site.name)"
      let toolWorkers = site.toolWorkers ?? ResolvedSite.defaultToolWorkers
      switch site.backend {
      case .hostedAPI(let api):
        let hosted = HostedAPISite(
          timeToFirstToken: distribution(api.timeToFirstToken, path: path),
          timePerToken: distribution(api.timePerToken, path: path),
          inputPricePerMillion: api.inputPricePerMillion,
          outputPricePerMillion: api.outputPricePerMillion,
          promptCache: promptCache(api, site: site, path: path))
        sites.append(
          ResolvedSite(definition: site, backend: .hostedAPI(hosted), toolWorkers: toolWorkers))
      case .hardware(let deployment):
        var hardware: HardwareProfile
        do {
          hardware = try catalog.hardware(named: deployment.hardware)
        } catch {
          problem(path + ".hardware", error)
          continue
        }
        if let price = deployment.pricePerAcceleratorHour { hardware.pricePerHour = price }
        var engine = catalog.defaultEngine(for: hardware)
        if let name = deployment.engine {
          do {
            engine = try catalog.engine(named: name)
          } catch {
            problem(path + ".engine", error)
            continue
          }
        }
        let resolved = ResolvedDeployment(
          hardware: hardware, engine: engine, replicas: deployment.replicas,
          acceleratorsPerReplica: deployment.acceleratorsPerReplica,
          maxBatch: deployment.maxBatch ?? engine.maxBatch,
          chunkTokens: deployment.chunkTokens ?? engine.prefillTokenBudget,
          kvPrecision: deployment.kvPrecision, computeBackend: deployment.backend)
        sites.append(
          ResolvedSite(definition: site, backend: .hardware(resolved), toolWorkers: toolWorkers))
      }
    }
    return sites.count == workflow.sites.count ? sites : nil
  }

  /// A hosted API's prompt cache: present when the workflow describes one (a cached price or
  /// time to first token, or the site's `prefix_cache`). Cached tokens default to the input
  /// price, writes to the input price, the cached time to first token to the uncached one, and
  /// the lifetime to five minutes.
  mutating func promptCache(_ api: HostedAPIDefinition, site: SiteDefinition, path: String)
    -> HostedPromptCache?
  {
    guard api.describesPromptCache || site.prefixCache != nil else { return nil }
    let ttl = site.prefixCache?.ttlSeconds ?? PrefixCacheDefinition.defaultHostedTTLSeconds
    return HostedPromptCache(
      timeToLive: .seconds(ttl),
      cachedInputPricePerMillion: api.cachedInputPricePerMillion ?? api.inputPricePerMillion,
      cacheWritePricePerMillion: api.cacheWritePricePerMillion ?? api.inputPricePerMillion,
      cachedTimeToFirstToken: distribution(
        api.cachedTimeToFirstToken ?? api.timeToFirstToken, path: path + ".hosted_api"))
  }

  /// Each link with its catalog profile's figures where the workflow gives none.
  mutating func resolveLinks(siteIndex: [String: Int]) -> [ScenarioLink] {
    var links: [ScenarioLink] = []
    for (index, definition) in workflow.links.enumerated() {
      let path = "$.links[\(index)]"
      guard let first = siteIndex[definition.firstSite],
        let second = siteIndex[definition.secondSite]
      else {
        problem(
          path + ".between",
          "links unknown sites '\(definition.firstSite)' and '\(definition.secondSite)'",
          suggestion: "name sites defined in \"sites\"")
        continue
      }
      var profile: LinkProfile?
      if let name = definition.profile {
        do {
          profile = try catalog.link(named: name)
        } catch {
          problem(path + ".profile", error)
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
    return links
  }
}
