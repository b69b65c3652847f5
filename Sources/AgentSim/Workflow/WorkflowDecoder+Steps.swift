/// Steps and their references to sites and models.
extension WorkflowDecoder {
  /// A non-empty array of steps.
  func decodeStepList(_ reader: JSONReader) -> [WorkflowStep]? {
    guard let elements = reader.array() else { return nil }
    guard !elements.isEmpty else {
      reader.error("expected at least one step, found an empty array")
      return nil
    }
    let steps = elements.map(decodeStep)
    guard steps.allSatisfy({ $0 != nil }) else { return nil }
    return steps.compactMap { $0 }
  }

  /// One step: an object with exactly one kind key.
  func decodeStep(_ reader: JSONReader) -> WorkflowStep? {
    guard let object = reader.object() else { return nil }
    object.rejectUnknownKeys(Workflow.keys("step"))
    let kinds = object.members.compactMap { StepKindName(rawValue: $0.key) }
    guard let kind = kinds.first else {
      if object.members.isEmpty {
        reader.error(
          "expected a step: an object with one of the keys "
            + StepKindName.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
      }
      return nil
    }
    if kinds.count > 1 {
      object.error(
        atKey: kinds[1].rawValue,
        "a step has exactly one kind, found both '\(kind.rawValue)' and '\(kinds[1].rawValue)'",
        suggestion: "wrap them in a 'sequence' or 'parallel' step")
      return nil
    }
    guard let fields = object.optional(kind.rawValue)?.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys(kind.rawValue))
    let name = decodeStepName(fields)
    let stepKind: WorkflowStep.Kind?
    switch kind {
    case .llm: stepKind = decodeLLMCall(fields).map(WorkflowStep.Kind.llm)
    case .tool: stepKind = decodeTool(fields).map(WorkflowStep.Kind.tool)
    case .transfer: stepKind = decodeTransfer(fields).map(WorkflowStep.Kind.transfer)
    case .sequence:
      stepKind = fields.required("steps").flatMap(decodeStepList).map(WorkflowStep.Kind.sequence)
    case .parallel: stepKind = decodeParallel(fields).map(WorkflowStep.Kind.parallel)
    case .branch: stepKind = decodeBranch(fields).map(WorkflowStep.Kind.branch)
    case .loop: stepKind = decodeLoop(fields).map(WorkflowStep.Kind.loop)
    case .speculative: stepKind = decodeSpeculative(fields).map(WorkflowStep.Kind.speculative)
    case .cascade: stepKind = decodeCascade(fields).map(WorkflowStep.Kind.cascade)
    }
    guard let name, let stepKind else { return nil }
    return WorkflowStep(name: name, kind: stepKind)
  }

  private func decodeStepName(_ fields: JSONObjectReader) -> String? {
    guard let reader = fields.required("name"),
      let name = decodeName(reader, pattern: .identifier)
    else { return nil }
    if let first = stepNameLocations[name] {
      reader.error(
        "duplicate step name '\(name)' (first defined at line \(first.line), column "
          + "\(first.column))",
        suggestion: "step names are unique in a workflow")
      return nil
    }
    stepNameLocations[name] = reader.location
    return name
  }

  /// The fields of a model call (an `llm` step, or a cascade's `first` / `then`).
  func decodeLLMCall(_ fields: JSONObjectReader) -> LLMStep? {
    let modelReader = fields.required("model")
    let model = modelReader.flatMap(decodeModelReference)
    var isValid = modelReader != nil && model != nil
    let placement = decodePlacement(fields, model: model, forTool: false)
    let prompt = fields.required("prompt_tokens").flatMap { decodeCount($0, quantity: .tokens) }
    let output = fields.required("output_tokens").flatMap {
      decodeCount($0, minimum: 1, quantity: .tokens)
    }
    let context = present(fields.optional("context").map { $0.choice(ContextMode.self) }, &isValid)
    let visible = present(fields.optional("visible").map { $0.bool() }, &isValid)
    let onOutage = present(
      fields.optional("on_outage").map {
        decodeOutagePolicy($0, placement: placement, model: model, forTool: false)
      },
      &isValid)
    guard isValid, let model, let placement, let prompt, let output else { return nil }
    return LLMStep(
      model: model, placement: placement, promptTokens: prompt, outputTokens: output,
      context: context ?? .conversation, isVisible: visible ?? false, onOutage: onOutage ?? .wait)
  }

  private func decodeTool(_ fields: JSONObjectReader) -> ToolStep? {
    var isValid = true
    let placement = decodePlacement(fields, model: nil, forTool: true)
    let duration = fields.required("duration_ms").flatMap {
      decodeDistribution($0, quantity: .milliseconds)
    }
    let resultTokens = present(
      fields.optional("result_tokens").map { decodeCount($0, quantity: .tokens) }, &isValid)
    let onOutage = present(
      fields.optional("on_outage").map {
        decodeOutagePolicy($0, placement: placement, model: nil, forTool: true)
      },
      &isValid)
    let deviceBusy = present(fields.optional("device_busy").map { $0.bool() }, &isValid)
    guard isValid, let placement, let duration else { return nil }
    return ToolStep(
      placement: placement, duration: duration, resultTokens: resultTokens ?? .zero,
      onOutage: onOutage ?? .wait, keepsDeviceBusy: deviceBusy ?? true)
  }

  private func decodeTransfer(_ fields: JSONObjectReader) -> TransferStep? {
    let from = fields.required("from").flatMap(decodeSiteReference)
    let toReader = fields.required("to")
    let to = toReader.flatMap(decodeSiteReference)
    let bytes = fields.required("bytes").flatMap { decodeCount($0, quantity: .bytes) }
    guard let from, let to, let toReader, let bytes else { return nil }
    guard from != to else {
      toReader.error("a transfer moves bytes between two different sites, found '\(to)' twice")
      return nil
    }
    guard requireConnection(from, to, at: toReader) else { return nil }
    return TransferStep(from: from, to: to, bytes: bytes)
  }

  private func decodeParallel(_ fields: JSONObjectReader) -> ParallelStep? {
    let steps = fields.required("steps").flatMap(decodeStepList)
    var join = ParallelStep.Join.all
    var cancelsRest = false
    var isValid = true
    if let joinReader = fields.optional("join") {
      switch joinReader.value.kind {
      case .string("all"):
        break
      case .object:
        guard let joinFields = joinReader.object() else { return nil }
        joinFields.rejectUnknownKeys(Workflow.keys("join_first"))
        guard let firstReader = joinFields.required("first"),
          let first = firstReader.integer(.positive)
        else { return nil }
        if let steps, first > steps.count {
          firstReader.error(
            "join.first is \(first), but the parallel step has only \(steps.count) "
              + "step\(steps.count == 1 ? "" : "s")",
            suggestion: steps.count == 1
              ? "use \"first\": 1 (or \"join\": \"all\"), or add steps to wait for"
              : "use a k from 1 to \(steps.count) (\"first\": \(steps.count) is \"join\": \"all\"), "
                + "or add steps")
          isValid = false
        }
        join = .first(first)
        if let cancelReader = joinFields.optional("cancel_rest") {
          guard let value = cancelReader.bool() else { return nil }
          cancelsRest = value
        }
      default:
        joinReader.expected("\"all\" or {\"first\": k}")
        isValid = false
      }
    }
    guard isValid, let steps else { return nil }
    return ParallelStep(steps: steps, join: join, cancelsRest: cancelsRest)
  }

  private func decodeBranch(_ fields: JSONObjectReader) -> [BranchOption]? {
    guard let optionsReader = fields.required("options"), let elements = optionsReader.array()
    else { return nil }
    guard !elements.isEmpty else {
      optionsReader.error("expected at least one option, found an empty array")
      return nil
    }
    var options: [BranchOption] = []
    var isValid = true
    for element in elements {
      guard let optionFields = element.object() else {
        isValid = false
        continue
      }
      optionFields.rejectUnknownKeys(Workflow.keys("branch_option"))
      let probability = optionFields.required("probability")?.number(.probability)
      let step = optionFields.required("step").flatMap(decodeStep)
      guard let probability, let step else {
        isValid = false
        continue
      }
      options.append(BranchOption(probability: probability, step: step))
    }
    guard isValid else { return nil }
    let total = options.reduce(0) { $0 + $1.probability }
    guard total <= 1 + 1e-9 else {
      optionsReader.error(
        "branch probabilities sum to \(JSONText.format(total)), more than 1",
        suggestion: "the probabilities of a branch's options sum to at most 1; "
          + "the remainder does nothing")
      return nil
    }
    return options
  }

  /// Whether `reader` holds a JSON object (a distribution, where a number is also accepted).
  private static func isObject(_ reader: JSONReader) -> Bool {
    if case .object = reader.value.kind { return true }
    return false
  }

  private func decodeLoop(_ fields: JSONObjectReader) -> LoopStep? {
    let body = fields.required("body").flatMap(decodeStep)
    let limit = 1...10_000
    let repetition: LoopStep.Repetition?
    switch (fields.optional("count"), fields.optional("repeat_probability")) {
    case (.some, .some):
      fields.error(
        atKey: "repeat_probability",
        "a loop has either 'count', or 'repeat_probability' with 'max_iterations', not both")
      repetition = nil
    case (.some(let countReader), .none) where Self.isObject(countReader):
      // A drawn count: bounded by a required 'max_iterations', as a probabilistic loop is.
      let distribution = decodeDistribution(countReader, quantity: .iterations)
      guard let maximumReader = fields.optional("max_iterations") else {
        fields.reader.error(
          "unbounded loop: a distribution 'count' needs 'max_iterations'",
          suggestion: "add \"max_iterations\": n with n at most \(limit.upperBound)")
        return nil
      }
      let maximum = maximumReader.integer(.range(limit))
      guard let distribution, let maximum else { return nil }
      repetition = .drawn(distribution, maxIterations: maximum)
    case (.some(let countReader), .none):
      if fields.contains("max_iterations") {
        fields.error(
          atKey: "max_iterations",
          "'max_iterations' applies only with 'repeat_probability' or a distribution 'count'",
          suggestion: "a loop with a number 'count' runs exactly 'count' times")
      }
      repetition = countReader.integer(.range(0...limit.upperBound)).map { .count($0) }
    case (.none, .some(let probabilityReader)):
      let probability = probabilityReader.number(.probability)
      guard let maximumReader = fields.optional("max_iterations") else {
        fields.reader.error(
          "unbounded loop: 'repeat_probability' needs 'max_iterations'",
          suggestion: "add \"max_iterations\": n with n at most \(limit.upperBound)")
        return nil
      }
      let maximum = maximumReader.integer(.range(limit))
      guard let probability, let maximum else { return nil }
      repetition = .repeatWithProbability(probability, maxIterations: maximum)
    case (.none, .none):
      fields.reader.error(
        "missing required key 'count' (or 'repeat_probability' with 'max_iterations')")
      repetition = nil
    }
    guard let body, let repetition else { return nil }
    return LoopStep(body: body, repetition: repetition)
  }

  private func decodeSpeculative(_ fields: JSONObjectReader) -> SpeculativeStep? {
    var isValid = true
    let draftModel = fields.required("draft_model").flatMap(decodeModelReference)
    let draftSiteReader = fields.required("draft_site")
    let draftSite = draftSiteReader.flatMap {
      decodeServingSite($0, model: draftModel, forTool: false, pin: nil)
    }
    let targetModel = fields.required("target_model").flatMap(decodeModelReference)
    let targetSiteReader = fields.required("target_site")
    let targetSite = targetSiteReader.flatMap {
      decodeServingSite($0, model: targetModel, forTool: false, pin: nil)
    }
    if let draftSite, let targetSite, let targetSiteReader, draftSite != targetSite {
      isValid = requireConnection(draftSite, targetSite, at: targetSiteReader) && isValid
    }
    let draftTokens = fields.required("draft_tokens")?.integer(.range(1...64))
    let acceptance = fields.required("acceptance_rate")?.number(.probability)
    let prompt = fields.required("prompt_tokens").flatMap { decodeCount($0, quantity: .tokens) }
    let output = fields.required("output_tokens").flatMap {
      decodeCount($0, minimum: 1, quantity: .tokens)
    }
    let context = present(fields.optional("context").map { $0.choice(ContextMode.self) }, &isValid)
    let visible = present(fields.optional("visible").map { $0.bool() }, &isValid)
    guard isValid, let draftModel, let draftSite, let targetModel, let targetSite, let draftTokens,
      let acceptance, let prompt, let output
    else { return nil }
    return SpeculativeStep(
      draftModel: draftModel, draftSite: draftSite, targetModel: targetModel,
      targetSite: targetSite, draftTokens: draftTokens, acceptanceRate: acceptance,
      promptTokens: prompt, outputTokens: output, context: context ?? .conversation,
      isVisible: visible ?? false)
  }

  private func decodeCascade(_ fields: JSONObjectReader) -> CascadeStep? {
    func call(_ key: String) -> LLMStep? {
      guard let callFields = fields.required(key)?.object() else { return nil }
      callFields.rejectUnknownKeys(Workflow.keys("llm_call"))
      return decodeLLMCall(callFields)
    }
    let first = call("first")
    let probability = fields.required("escalate_probability")?.number(.probability)
    let then = call("then")
    guard let first, let probability, let then else { return nil }
    return CascadeStep(first: first, escalateProbability: probability, then: then)
  }

  /// `site` (one name or a list of candidates) and `pin`, checked against the model and links.
  private func decodePlacement(_ fields: JSONObjectReader, model: String?, forTool: Bool)
    -> SitePlacement?
  {
    var isValid = true
    let pin = present(fields.optional("pin").map { $0.choice(SiteTier.self) }, &isValid)
    guard let siteReader = fields.required("site") else { return nil }
    let candidateReaders: [JSONReader]
    switch siteReader.value.kind {
    case .string:
      candidateReaders = [siteReader]
    case .array:
      candidateReaders = siteReader.array() ?? []
      if candidateReaders.isEmpty {
        siteReader.error("expected at least one candidate site, found an empty array")
        return nil
      }
    default:
      siteReader.expected("a site name or an array of candidate site names")
      return nil
    }
    var candidates: [String] = []
    for reader in candidateReaders {
      guard let site = decodeServingSite(reader, model: model, forTool: forTool, pin: pin) else {
        isValid = false
        continue
      }
      if candidates.contains(site) {
        reader.error("site '\(site)' is listed twice")
        isValid = false
      }
      candidates.append(site)
    }
    guard isValid, !candidates.isEmpty else { return nil }
    return SitePlacement(candidates: candidates, pin: pin)
  }

  /// A site reference that can run the step: it serves the model (or runs tools), matches the
  /// pin, and is linked to the device.
  private func decodeServingSite(
    _ reader: JSONReader, model: String?, forTool: Bool, pin: SiteTier?
  ) -> String? {
    guard let name = decodeSiteReference(reader) else { return nil }
    guard let site = sites[name] else { return name }  // its own errors are reported already
    let refusals = site.refusals(model: model, isTool: forTool, pin: pin)
    for refusal in refusals {
      switch refusal {
      case .doesNotServe(let model):
        let servers = siteNames.filter { sites[$0]?.serves(model: model) ?? false }
        reader.error(
          "site '\(name)' does not serve model '\(model)'",
          suggestion: servers.isEmpty
            ? "add '\(model)' to $.sites.\(name).serves"
            : "add '\(model)' to $.sites.\(name).serves, or use "
              + servers.map { "'\($0)'" }.joined(separator: ", "))
      case .hostedAPIRunsNoTools:
        let runners = siteNames.filter {
          guard let other = sites[$0] else { return false }
          return other.refusals(model: nil, isTool: true, pin: pin).isEmpty
        }
        reader.error(
          "site '\(name)' is a hosted API and cannot run tools",
          suggestion: runners.isEmpty
            ? "run the tool at a site with 'hardware' (one without 'serves' is a tool-only site)"
            : "run the tool at " + runners.map { "'\($0)'" }.joined(separator: ", ")
              + ", or at a tool-only site (one with 'hardware' and no 'serves')")
      case .pinnedElsewhere(let pin):
        let pinned = siteNames.filter {
          guard let other = sites[$0] else { return false }
          return other.refusals(model: model, isTool: forTool, pin: pin).isEmpty
        }
        reader.error(
          "site '\(name)' is on the '\(site.tier.rawValue)' tier, but the step is pinned to "
            + "'\(pin.rawValue)'",
          suggestion: (pinned.isEmpty
            ? "no site on the '\(pin.rawValue)' tier can run it; add one"
            : "use " + pinned.map { "'\($0)'" }.joined(separator: ", "))
            + ", or remove 'pin' if the step may leave the '\(pin.rawValue)' tier")
      }
    }
    var isValid = refusals.isEmpty
    if let device = deviceSiteName, site.tier != .device {
      isValid = requireConnection(device, name, at: reader) && isValid
    }
    return isValid ? name : nil
  }

  /// Whether a chain of links connects two sites (``SiteLinks/connects(_:_:)``: the rule the
  /// placement check applies, and the route the simulator sends messages on, hop by hop);
  /// records the problem once per pair of sites otherwise.
  ///
  /// Every link check of the decoder asks it: a candidate site and the device, a transfer's two
  /// sites, a speculative step's draft and target.
  private func requireConnection(_ site: String, _ other: String, at reader: JSONReader) -> Bool {
    if siteLinks.connects(site, other) { return true }
    if !linksIncomplete, reportedMissingLinks.insert([site, other].sorted()).inserted {
      reader.error(
        site == deviceSiteName
          ? "no chain of links joins the device site '\(site)' to '\(other)'"
          : "no chain of links joins '\(site)' and '\(other)'",
        suggestion: "add {\"between\": [\"\(site)\", \"\(other)\"], …} to $.links")
    }
    return false
  }

  /// `"wait"` or `{"fallback": site}`.
  private func decodeOutagePolicy(
    _ reader: JSONReader, placement: SitePlacement?, model: String?, forTool: Bool
  ) -> OutagePolicy? {
    switch reader.value.kind {
    case .string("wait"):
      return .wait
    case .object:
      guard let fields = reader.object() else { return nil }
      fields.rejectUnknownKeys(Workflow.keys("fallback"))
      guard let siteReader = fields.required("fallback"),
        let site = decodeServingSite(
          siteReader, model: model, forTool: forTool, pin: placement?.pin)
      else { return nil }
      return .fallback(site: site)
    default:
      reader.expected("\"wait\" or {\"fallback\": site}")
      return nil
    }
  }
}
