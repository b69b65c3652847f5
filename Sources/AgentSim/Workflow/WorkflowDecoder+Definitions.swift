/// Models, sites, links, load, budget and context.
extension WorkflowDecoder {
  func decodeModels(_ reader: JSONReader) -> [ModelBinding]? {
    guard let object = reader.object() else { return nil }
    var models: [ModelBinding] = []
    for member in object.members {
      modelAliases.append(member.key)
      guard checkKeyName(member, in: object), let fields = object.optional(member.key)?.object()
      else { continue }
      fields.rejectUnknownKeys(Workflow.keys("model"))
      let modelReader = fields.required("model")
      let model = modelReader?.string()
      if let model, let modelReader { noteCatalogName(.model, model, modelReader) }
      var precision = ModelBinding.defaultPrecision
      if let precisionReader = fields.optional("precision") {
        guard let text = precisionReader.string() else { continue }
        guard let typed = Precision(rawValue: text) else {
          // Precisions are a closed set: checked here even without catalog names, in the words
          // the catalog check uses.
          reportUnknownCatalogName(
            CatalogReference(kind: .precision, name: text, reader: precisionReader),
            known: Precision.allCases.map(\.rawValue))
          continue
        }
        precision = typed
        // A smaller set of catalog names (a test's, a restricted catalog's) may still refuse it.
        noteCatalogName(.precision, text, precisionReader)
      }
      if let model {
        models.append(ModelBinding(alias: member.key, model: model, precision: precision))
      }
    }
    // A workflow of tools alone (a queueing model, a benchmark) needs no model.
    return models
  }

  func decodeSites(_ reader: JSONReader) -> [SiteDefinition]? {
    guard let object = reader.object() else { return nil }
    siteNames = object.keys
    var result: [SiteDefinition] = []
    var deviceSite: String?
    for member in object.members {
      guard checkKeyName(member, in: object), let siteReader = object.optional(member.key),
        let site = decodeSite(siteReader, name: member.key)
      else { continue }
      if site.tier == .device {
        if let deviceSite {
          siteReader.error(
            "a workflow has at most one device-tier site (the user's device), "
              + "but '\(deviceSite)' is one already",
            suggestion: "use tier 'edge' for a shared nearby server")
          continue
        }
        deviceSite = site.name
      }
      sites[site.name] = site
      result.append(site)
    }
    if object.members.isEmpty {
      reader.error("expected at least one site, found an empty object")
    }
    return result
  }

  private func decodeSite(_ reader: JSONReader, name: String) -> SiteDefinition? {
    guard let fields = reader.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("site"))
    let tier = fields.required("tier")?.choice(SiteTier.self)
    var serves: [String] = []
    var isValid = tier != nil
    if let servesReader = fields.optional("serves") {
      if let elements = servesReader.array() {
        for element in elements {
          guard let alias = decodeModelReference(element) else {
            isValid = false
            continue
          }
          if serves.contains(alias) {
            element.error("model alias '\(alias)' is listed twice")
            isValid = false
          }
          serves.append(alias)
        }
      } else {
        isValid = false
      }
    }
    let toolWorkers = fields.optional("tool_workers")?.integer(.range(1...1_000_000))
    if fields.contains("tool_workers") && toolWorkers == nil { isValid = false }

    let backend: SiteDefinition.Backend?
    if let apiReader = fields.optional("hosted_api") {
      for key in [
        "hardware", "replicas", "accelerators_per_replica", "max_batch", "chunk_tokens",
        "price_per_hour", "engine", "backend", "kv_precision",
      ] where fields.contains(key) {
        fields.error(
          atKey: key, "a hosted API site has no '\(key)': the API is a black box",
          suggestion: "remove '\(key)', or remove 'hosted_api' to model hardware")
        isValid = false
      }
      if fields.contains("tool_workers") {
        fields.error(atKey: "tool_workers", "a hosted API site runs no tools")
        isValid = false
      }
      if tier == .device {
        fields.error(atKey: "tier", "a hosted API cannot be on the 'device' tier")
        isValid = false
      }
      backend = decodeHostedAPI(apiReader).map(SiteDefinition.Backend.hostedAPI)
    } else {
      backend = decodeHardware(fields, tier: tier).map(SiteDefinition.Backend.hardware)
    }
    let caching = decodeSiteCaching(
      fields, tier: tier, isHostedAPI: fields.contains("hosted_api"))
    guard isValid, caching.isValid, let tier, let backend else { return nil }
    return SiteDefinition(
      name: name, tier: tier, serves: serves, backend: backend, toolWorkers: toolWorkers,
      prefixCache: caching.prefixCache, routing: caching.routing,
      affinityQueueLimit: caching.affinityQueueLimit)
  }

  private func decodeHardware(_ fields: JSONObjectReader, tier: SiteTier?) -> HardwareDeployment? {
    let hardwareReader = fields.required("hardware", what: "or 'hosted_api'")
    let hardware = hardwareReader?.string()
    if let hardware, let hardwareReader { noteCatalogName(.hardware, hardware, hardwareReader) }
    var isValid = hardware != nil
    if tier == .device {
      for key in ["replicas", "accelerators_per_replica"] where fields.contains(key) {
        fields.error(
          atKey: key,
          "a device-tier site has no '\(key)': every session has its own single device",
          suggestion: "remove '\(key)', or use tier 'edge' for a shared pool")
        isValid = false
      }
      if fields.contains("price_per_hour") {
        fields.error(
          atKey: "price_per_hour",
          "a device-tier site is not rented: the user's device costs battery energy, not money",
          suggestion: "remove 'price_per_hour', or use tier 'edge' for a rented pool")
        isValid = false
      }
    }
    func integer(_ key: String, _ range: ClosedRange<Int>) -> Int? {
      guard let reader = fields.optional(key) else { return nil }
      guard let value = reader.integer(.range(range)) else {
        isValid = false
        return nil
      }
      return value
    }
    let replicas = integer("replicas", 1...10_000) ?? 1
    let accelerators = integer("accelerators_per_replica", 1...64) ?? 1
    let maxBatch = integer("max_batch", 1...65_536)
    let chunkTokens = integer("chunk_tokens", 1...1_048_576)
    var price: Double?
    if tier != .device, let reader = fields.optional("price_per_hour") {
      price = reader.number(.range(ValueLimits.price))
      if price == nil { isValid = false }
    }
    let engine = fields.optional("engine").map { $0.string() }
    if case .some(.none) = engine { isValid = false }
    let backend = fields.optional("backend").map { $0.choice(ComputeBackend.self) }
    if case .some(.none) = backend { isValid = false }
    let kvPrecision = fields.optional("kv_precision").map { $0.choice(KVPrecision.self) }
    if case .some(.none) = kvPrecision { isValid = false }
    guard isValid, let hardware else { return nil }
    return HardwareDeployment(
      hardware: hardware, replicas: tier == .device ? 1 : replicas,
      acceleratorsPerReplica: tier == .device ? 1 : accelerators, maxBatch: maxBatch,
      chunkTokens: chunkTokens, pricePerAcceleratorHour: price, engine: engine ?? nil,
      backend: backend ?? nil, kvPrecision: kvPrecision ?? nil)
  }

  private func decodeHostedAPI(_ reader: JSONReader) -> HostedAPIDefinition? {
    guard let fields = reader.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("hosted_api"))
    let ttft = fields.required("ttft_ms").flatMap {
      decodeDistribution($0, quantity: .milliseconds)
    }
    let perToken = fields.required("per_token_ms").flatMap {
      decodeDistribution($0, quantity: .milliseconds)
    }
    let inputReader = fields.optional("input_price_per_million")
    let outputReader = fields.optional("output_price_per_million")
    let inputPrice = inputReader.map { $0.number(.range(ValueLimits.price)) } ?? 0
    let outputPrice = outputReader.map { $0.number(.range(ValueLimits.price)) } ?? 0
    let cachedReader = fields.optional("cached_input_price_per_million")
    let cachedPrice = cachedReader.map { $0.number(.range(ValueLimits.price)) }
    let writeReader = fields.optional("cache_write_price_per_million")
    let writePrice = writeReader.map { $0.number(.range(ValueLimits.price)) }
    let cachedTTFT = fields.optional("cached_ttft_ms").map {
      decodeDistribution($0, quantity: .milliseconds)
    }
    if case .some(.none) = cachedPrice { return nil }
    if case .some(.none) = writePrice { return nil }
    if case .some(.none) = cachedTTFT { return nil }
    guard let ttft, let perToken, let inputPrice, let outputPrice else { return nil }
    return HostedAPIDefinition(
      timeToFirstToken: ttft, timePerToken: perToken, inputPricePerMillion: inputPrice,
      outputPricePerMillion: outputPrice, cachedInputPricePerMillion: cachedPrice ?? nil,
      cacheWritePricePerMillion: writePrice ?? nil, cachedTimeToFirstToken: cachedTTFT ?? nil)
  }

  func decodeLinks(_ reader: JSONReader) -> [LinkDefinition]? {
    guard let elements = reader.array() else { return nil }
    var firstLocations: [[String]: SourceLocation] = [:]
    var result: [LinkDefinition] = []
    for element in elements {
      guard let link = decodeLink(element) else {
        linksIncomplete = true
        continue
      }
      let pair = [link.firstSite, link.secondSite].sorted()
      if let first = firstLocations[pair] {
        element.error(
          "duplicate link between '\(pair[0])' and '\(pair[1])' (first defined at line "
            + "\(first.line), column \(first.column))")
        continue
      }
      firstLocations[pair] = element.location
      result.append(link)
    }
    siteLinks = SiteLinks(result)
    return result
  }

  private func decodeLink(_ reader: JSONReader) -> LinkDefinition? {
    guard let fields = reader.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("link"))
    var isValid = true
    var endpoints: [String] = []
    if let betweenReader = fields.required("between") {
      if let elements = betweenReader.array() {
        if elements.count != 2 {
          betweenReader.error("expected two site names, found \(elements.count)")
          isValid = false
        } else {
          for element in elements {
            if let site = decodeSiteReference(element) { endpoints.append(site) }
          }
          if endpoints.count == 2 && endpoints[0] == endpoints[1] {
            betweenReader.error("a link joins two different sites, found '\(endpoints[0])' twice")
            isValid = false
          }
        }
      } else {
        isValid = false
      }
    }
    var profile: String?
    if let profileReader = fields.optional("profile") {
      profile = profileReader.string()
      if let profile { noteCatalogName(.link, profile, profileReader) } else { isValid = false }
    }
    func number(_ key: String, _ constraint: NumberConstraint) -> Double? {
      guard let reader = fields.optional(key) else {
        if profile == nil && !fields.contains("profile")
          && ["rtt_median_ms", "uplink_mbps", "downlink_mbps"].contains(key)
        {
          fields.reader.error(
            "missing required key '\(key)' (a link without 'profile' is defined inline)")
          isValid = false
        }
        return nil
      }
      guard let value = reader.number(constraint) else {
        isValid = false
        return nil
      }
      return value
    }
    // Zero is a co-located link (same rack): no latency, only bandwidth.
    let median = number("rtt_median_ms", ValueLimits.duration)
    let p99 = number("rtt_p99_ms", ValueLimits.duration)
    if let median, let p99, p99 < median, let p99Reader = fields.optional("rtt_p99_ms") {
      p99Reader.error(
        "expected 'rtt_p99_ms' at least 'rtt_median_ms' (\(JSONText.format(median))), "
          + "found \(JSONText.format(p99))")
      isValid = false
    } else if let median, let p99, median > 0, p99 > median,
      let p99Reader = fields.optional("rtt_p99_ms"),
      case let problems = Self.rangeProblems(
        of: .lognormal(median: median, p99: p99), quantity: .milliseconds),
      let problem = problems.first
    {
      // The round trip is drawn from the lognormal through the median and p99.
      p99Reader.error(
        "the round-trip lognormal through median \(JSONText.format(median)) and p99 "
          + "\(JSONText.format(p99)): \(problem)",
        suggestion: "bring 'rtt_p99_ms' closer to 'rtt_median_ms'")
      isValid = false
    }
    let uplink = number("uplink_mbps", .range(ValueLimits.megabitsPerSecond))
    let downlink = number("downlink_mbps", .range(ValueLimits.megabitsPerSecond))
    let overhead = number("overhead_ms", ValueLimits.duration)
    var outage: OutageDefinition?
    if let outageReader = fields.optional("outage") {
      if let outageFields = outageReader.object() {
        outageFields.rejectUnknownKeys(Workflow.keys("outage"))
        let mtbf = outageFields.required("mtbf_s")?.number(.range(ValueLimits.outageSeconds))
        let mttr = outageFields.required("mttr_s")?.number(.range(ValueLimits.outageSeconds))
        if let mtbf, let mttr {
          outage = OutageDefinition(
            meanTimeBetweenFailuresSeconds: mtbf, meanTimeToRepairSeconds: mttr)
        } else {
          isValid = false
        }
      } else {
        isValid = false
      }
    }
    guard isValid, endpoints.count == 2 else { return nil }
    return LinkDefinition(
      between: endpoints[0], and: endpoints[1], profile: profile, rttMedianMilliseconds: median,
      rttP99Milliseconds: p99, uplinkMegabitsPerSecond: uplink, downlinkMegabitsPerSecond: downlink,
      overheadMilliseconds: overhead, outage: outage)
  }

  /// The arrival processes, as `load.arrival` names them.
  enum ArrivalName: String, CaseIterable {
    case poisson, closed
  }

  func decodeLoad(_ reader: JSONReader) -> LoadDefinition? {
    guard let fields = reader.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("load"))
    let arrivalName = fields.required("arrival")?.choice(ArrivalName.self)
    let sessions = fields.optional("sessions").map { $0.integer(.range(1...100_000_000)) }
    let warmup = fields.optional("warmup_sessions").map { $0.integer(.range(0...100_000_000)) }
    var arrival: LoadDefinition.Arrival?
    switch arrivalName {
    case .poisson:
      for key in ["concurrency", "think_time_ms"] where fields.contains(key) {
        fields.error(
          atKey: key, "'\(key)' applies only to closed-loop load (\"arrival\": \"closed\")")
      }
      arrival = fields.required("rate_per_s")?.number(.range(ValueLimits.ratesPerSecond)).map {
        .poisson(ratePerSecond: $0)
      }
    case .closed:
      if fields.contains("rate_per_s") {
        fields.error(
          atKey: "rate_per_s",
          "'rate_per_s' applies only to open-loop load (\"arrival\": \"poisson\")")
      }
      let concurrency = fields.required("concurrency")?.integer(.range(1...1_000_000))
      let thinkTime: DistributionSpec? =
        fields.optional("think_time_ms").map { decodeDistribution($0, quantity: .milliseconds) }
        ?? .constant(0)
      if let concurrency, let thinkTime {
        arrival = .closed(concurrency: concurrency, thinkTime: thinkTime)
      }
    case nil:
      break
    }
    guard let arrival, let sessionCount = sessions ?? 10_000, let warmupCount = warmup ?? 0 else {
      return nil
    }
    return LoadDefinition(arrival: arrival, sessions: sessionCount, warmupSessions: warmupCount)
  }

  func decodeBudget(_ reader: JSONReader) -> BudgetDefinition? {
    guard let fields = reader.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("budget"))
    let keys = Workflow.keys("budget")
    guard keys.contains(where: fields.contains) else {
      reader.error(
        "a budget needs at least one of " + keys.map { "'\($0)'" }.joined(separator: ", "))
      return nil
    }
    var isValid = true
    let p50 = present(fields.optional("p50_ms").map(decodeBudgetTarget), &isValid)
    let p99 = present(fields.optional("p99_ms").map(decodeBudgetTarget), &isValid)
    let ttft = present(fields.optional("ttft_ms").map(decodeBudgetTarget), &isValid)
    guard isValid else { return nil }
    return BudgetDefinition(p50Milliseconds: p50, p99Milliseconds: p99, ttftMilliseconds: ttft)
  }

  /// One budget target in milliseconds; one too short for any agent task is kept, with a
  /// warning, since it was most likely written in seconds (`"p99_ms": 1.2` for 1.2 s).
  private func decodeBudgetTarget(_ reader: JSONReader) -> Double? {
    guard let milliseconds = reader.number(ValueLimits.positiveDuration) else { return nil }
    if milliseconds < BudgetDefinition.shortestPlausibleMilliseconds {
      let shown = JSONText.format(milliseconds)
      // Rounded to a millionth of a millisecond, so 1.1 suggests 1100, not 1100.0000000000002.
      let meant = JSONText.format((milliseconds * 1e9).rounded() / 1e6)
      reader.warning(
        "a budget of \(shown) ms is shorter than any end-to-end agent task takes (under "
          + "\(JSONText.format(BudgetDefinition.shortestPlausibleMilliseconds)) ms), and budgets "
          + "are in milliseconds",
        suggestion: "did you mean \(shown) s = \(meant) ms?")
    }
    return milliseconds
  }

  func decodeContext(_ reader: JSONReader) -> CountSpec? {
    guard let fields = reader.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("context"))
    return fields.optional("initial_tokens").map { decodeCount($0, quantity: .tokens) } ?? .zero
  }
}
