/// The engines of the models a placement runs at each site: their fit, alone and together.
extension PlacementChecker {
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

  /// Makes every site, with an inference engine for each served model in `hosted` (per site, the
  /// models the placement runs there), reporting any that cannot run there.
  mutating func makeSites(hosted: [Set<String>]) {
    let fallbacks = fallbackOnlyModels()
    for (index, site) in resolved.sites.enumerated() {
      let path = "$.sites.\(site.name)"
      let tier = site.tier
      switch site.backend {
      case .hostedAPI(let api):
        sites.append(ScenarioSite(name: site.name, tier: tier, kind: .hostedAPI(api)))
      case .hardware(let deployment):
        var deviceEngines = [InferenceEngine?](repeating: nil, count: resolved.models.count)
        var sitePools: [InferencePool] = []
        // Only the served models this placement runs here are loaded: a model in `serves` that
        // could not run here makes infeasible only the placements that put it here.
        for alias in site.definition.serves where hosted[index].contains(alias) {
          let fallbackOf = fallbacks[index]?[alias] ?? []
          guard let model = resolved.modelIndex[alias],
            let engine = makeEngine(
              resolved.models[model], deployment: deployment, site: site, path: path,
              fallbackOf: fallbackOf)
          else { continue }
          if site.tier == .device {
            deviceEngines[model] = engine
          } else {
            sitePools.append(
              makePool(site: index, model: model, engine: engine, deployment: deployment))
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
              name: site.name, tier: tier,
              kind: .device(
                DeviceSite(
                  engines: deviceEngines,
                  activePowerWatts: deployment.hardware.activePowerWatts
                    * Double(deployment.acceleratorsPerReplica)))))
        } else {
          sites.append(
            ScenarioSite(name: site.name, tier: tier, kind: .shared, toolWorkers: site.toolWorkers))
        }
      }
    }
  }

  /// The engine of `model` on one replica of `deployment`; reports, and returns nil, when the
  /// hardware has no path for it or it does not fit. `fallbackOf` names the steps that run the
  /// model here only as their outage fallback, which the report names.
  mutating func makeEngine(
    _ model: ResolvedModel, deployment: ResolvedDeployment, site: ResolvedSite, path: String,
    fallbackOf: [String] = []
  ) -> InferenceEngine? {
    let names = fallbackOf.map { "'\($0)'" }.joined(separator: ", ")
    let why = fallbackOf.isEmpty ? "" : " (as the on_outage fallback of \(names))"
    let otherFallback = fallbackOf.isEmpty ? "" : ", or fall back to another site"
    let engine: InferenceEngine
    do {
      engine = try InferenceEngine(
        hardware: deployment.hardware, model: model.architecture, precision: model.precision,
        acceleratorCount: deployment.acceleratorsPerReplica, engine: deployment.engine,
        kvPrecision: deployment.kvPrecision, backend: deployment.computeBackend)
    } catch let diagnostic as Diagnostic {
      problem(
        path + ".serves",
        (fallbackOf.isEmpty ? "" : "as the on_outage fallback of \(names): ") + diagnostic.message,
        suggestion: diagnostic.suggestion.map { $0 + otherFallback })
      return nil
    } catch {
      problem(path + ".serves", "\(error)")
      return nil
    }
    if let fitProblem = engine.fitProblem {
      problem(
        path + ".serves", "infeasible\(why): \(fitProblem)",
        suggestion: Self.fitSuggestion(precision: model.precision, tier: site.tier)
          + otherFallback)
      return nil
    }
    return engine
  }

  /// A shared site's pool of replicas running one model.
  func makePool(site: Int, model: Int, engine: InferenceEngine, deployment: ResolvedDeployment)
    -> InferencePool
  {
    let definition = resolved.sites[site].definition
    let cachesPrefixes = definition.prefixCache != nil || definition.routing == .prefixAffinity
    return InferencePool(
      site: site, model: model, replicas: deployment.replicas, engine: engine,
      maxBatch: deployment.maxBatch, chunkTokens: deployment.chunkTokens,
      pricePerReplicaHour: engine.pricePerHour,
      prefixCache: cachesPrefixes
        ? PrefixCacheSettings(
          definition: definition.prefixCache, routing: definition.routing,
          affinityQueueLimit: definition.affinityQueueLimit,
          kvBytesPerToken: engine.kvBytesPerToken, maxBatch: deployment.maxBatch)
        : nil)
  }

  /// The KV-cache tokens each of `engines` (the models one replica, or the device, holds at once)
  /// gets: the memory their weights leave together, shared equally, as separate engine processes
  /// on one accelerator would split it. Reports a problem, and returns nil, when the weights
  /// together leave no room.
  mutating func shareMemory(
    of engines: [InferenceEngine], site: String, tier: SiteTier, path: String
  ) -> [Int]? {
    guard engines.count > 1 else { return engines.map(\.kvCapacityTokens) }
    let weights = engines.reduce(0) { $0 + $1.weightBytes }
    let usable = InferenceEngine.usableMemoryBytes(
      hardware: engines[0].hardware, accelerators: engines[0].acceleratorCount,
      engine: engines[0].engine, weightBytes: weights)
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
}
