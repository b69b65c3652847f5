/// The step tree under a placement: where each placeable step runs, and whether it can.
extension PlacementChecker {
  mutating func checkSteps(_ steps: [WorkflowStep], path: String) {
    for (index, step) in steps.enumerated() { checkStep(step, path: "\(path)[\(index)]") }
  }

  mutating func checkStep(_ step: WorkflowStep, path: String) {
    switch step.kind {
    case .llm(let call):
      checkCall(call, name: step.name, path: path + ".llm")
    case .tool(let tool):
      guard
        let site = chooseSite(
          step: step.name, placement: tool.placement, model: nil, path: path + ".tool.site")
      else { return }
      requireLink(
        resolved.orchestratorSite, site, path: path + ".tool",
        why: "step '\(step.name)' runs at '\(workflow.sites[site].name)'")
      checkOutage(tool.onOutage, model: nil, path: path + ".tool")
    case .transfer(let transfer):
      guard let from = siteIndex(transfer.from, path: path + ".transfer.from"),
        let to = siteIndex(transfer.to, path: path + ".transfer.to")
      else { return }
      requireLink(from, to, path: path + ".transfer", why: "transfer '\(step.name)' crosses it")
    case .sequence(let steps):
      checkSteps(steps, path: path + ".sequence.steps")
    case .parallel(let parallel):
      for (index, child) in parallel.steps.enumerated() {
        checkStep(child, path: "\(path).parallel.steps[\(index)]")
      }
    case .branch(let options):
      for (index, option) in options.enumerated() {
        checkStep(option.step, path: "\(path).branch.options[\(index)].step")
      }
    case .loop(let loop):
      checkStep(loop.body, path: path + ".loop.body")
    case .speculative(let speculative):
      checkSpeculative(speculative, path: path + ".speculative")
    case .cascade(let cascade):
      checkCall(cascade.first, name: step.name + ".first", path: path + ".cascade.first")
      checkCall(cascade.then, name: step.name + ".then", path: path + ".cascade.then")
    }
  }

  mutating func checkCall(_ call: LLMStep, name: String, path: String) {
    guard
      let site = chooseSite(
        step: name, placement: call.placement, model: call.model, path: path + ".site"),
      modelIndex(call.model, path: path + ".model") != nil
    else { return }
    requireLink(
      resolved.orchestratorSite, site, path: path,
      why: "step '\(name)' runs at '\(workflow.sites[site].name)'")
    checkOutage(call.onOutage, model: call.model, path: path)
  }

  mutating func checkSpeculative(_ speculative: SpeculativeStep, path: String) {
    guard let draftSite = siteIndex(speculative.draftSite, path: path + ".draft_site"),
      let targetSite = siteIndex(speculative.targetSite, path: path + ".target_site"),
      modelIndex(speculative.draftModel, path: path + ".draft_model") != nil,
      modelIndex(speculative.targetModel, path: path + ".target_model") != nil
    else { return }
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
      resolved.orchestratorSite, draftSite, path: path,
      why: "the draft runs at '\(speculative.draftSite)'")
    requireLink(draftSite, targetSite, path: path, why: "draft and target exchange tokens")
  }

  /// Checks an outage fallback: a site the orchestrator reaches that serves the step's model.
  mutating func checkOutage(_ policy: OutagePolicy, model: String?, path: String) {
    guard case .fallback(let site) = policy else { return }
    guard let index = resolved.siteIndex[site] else {
      problem(path + ".on_outage", "unknown fallback site '\(site)'")
      return
    }
    requireLink(
      resolved.orchestratorSite, index, path: path + ".on_outage", why: "fallback site '\(site)'")
    if let model, !workflow.sites[index].serves(model: model) {
      problem(
        path + ".on_outage",
        "fallback site '\(workflow.sites[index].name)' does not serve model '\(model)'")
    }
  }

  /// The site a placeable step runs at: the `--placement` override, else its first candidate;
  /// reports one that cannot run it (unknown, on another tier than its pin, not serving its
  /// model, a hosted API for a tool).
  mutating func chooseSite(
    step name: String, placement candidates: SitePlacement, model: String?, path: String
  ) -> Int? {
    var chosen = candidates.defaultSite
    if let override = placement[name] {
      usedPlacements.insert(name)
      chosen = override
    }
    guard let site = resolved.siteIndex[chosen] else {
      problem(
        path, "step '\(name)' is placed at unknown site '\(chosen)'",
        suggestion: NearestName.suggestion(for: chosen, among: workflow.sites.map(\.name)).map {
          "did you mean '\($0)'?"
        })
      return nil
    }
    let definition = workflow.sites[site]
    // Only tool steps are placed without a model.
    for refusal in definition.refusals(model: model, isTool: model == nil, pin: candidates.pin) {
      switch refusal {
      case .doesNotServe(let model):
        problem(
          path, "site '\(chosen)' does not serve model '\(model)' needed by step '\(name)'",
          suggestion: "add \"\(model)\" to its \"serves\", or place the step elsewhere")
      case .hostedAPIRunsNoTools:
        problem(
          path, "tool step '\(name)' cannot run at hosted API site '\(chosen)'",
          suggestion: alternatives(for: name, model: nil) { _ in true })
      case .pinnedElsewhere(let pin):
        problem(
          path,
          "step '\(name)' is pinned to the \(pin.rawValue) tier, but '\(chosen)' is "
            + "\(definition.tier.rawValue)",
          suggestion: alternatives(for: name, model: model) { $0.tier == pin })
      }
    }
    // Returned even with a problem, so that its links are checked too (one pass).
    stepSites[name] = site
    return site
  }

  /// "place 'name' at 'a' or 'b'": the sites that can run the step (they serve its model, or run
  /// tools, and pass `isAllowed`); `nil` when none can.
  func alternatives(
    for name: String, model: String?, where isAllowed: (SiteDefinition) -> Bool
  ) -> String? {
    let sites = workflow.sites.filter { site in
      let canRun = model.map { site.serves(model: $0) } ?? !site.isHostedAPI
      return canRun && isAllowed(site)
    }.map { "'\($0.name)'" }
    guard !sites.isEmpty else { return nil }
    return "place '\(name)' at " + sites.joined(separator: " or ")
  }
}
