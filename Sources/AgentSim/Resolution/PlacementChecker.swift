/// The work of ``ResolvedWorkflow/check(placement:)``, collecting every problem: first the
/// engines of the models each site runs under the placement, then the step tree in file order,
/// then `--placement` names that match no step.
struct PlacementChecker {
  let resolved: ResolvedWorkflow
  let placement: [String: String]
  var diagnostics: [Diagnostic] = []
  var stepSites: [String: Int] = [:]
  var usedPlacements: Set<String> = []
  var sites: [ScenarioSite] = []
  var pools: [InferencePool] = []

  init(resolved: ResolvedWorkflow, placement: [String: String]) {
    self.resolved = resolved
    self.placement = placement
  }

  var workflow: Workflow { resolved.workflow }

  mutating func problem(_ path: String, _ message: String, suggestion: String? = nil) {
    diagnostics.append(
      Diagnostic(file: resolved.file, path: path, message: message, suggestion: suggestion))
  }

  mutating func check() -> CheckedPlacement? {
    makeSites(hosted: hostedModels())
    checkSteps(workflow.steps, path: "$.steps")
    let known = stepNamesForPlacement()
    for name in placement.keys.sorted() where !usedPlacements.contains(name) {
      problem(
        "--placement", "no placeable step named '\(name)'",
        suggestion: NearestName.suggestion(for: name, among: known).map {
          "did you mean '\($0)'?"
        } ?? "placeable steps: \(known.joined(separator: ", "))")
    }
    guard diagnostics.isEmpty else { return nil }
    return CheckedPlacement(
      resolved: resolved, placement: placement, stepSites: stepSites, sites: sites, pools: pools)
  }

  /// Per site, the model aliases the placement runs there: every LLM call's and cascade stage's
  /// chosen site, its outage fallback, and both sides of a speculative step.
  ///
  /// - Complexity: O(steps).
  func hostedModels() -> [Set<String>] {
    var hosted = [Set<String>](repeating: [], count: workflow.sites.count)
    func add(_ site: String, _ model: String) {
      if let index = resolved.siteIndex[site] { hosted[index].insert(model) }
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

  /// Per site, the model aliases it runs only as some step's outage fallback, with those steps:
  /// a model that cannot run there is otherwise a puzzle, since no step is placed there.
  ///
  /// - Complexity: O(steps).
  func fallbackOnlyModels() -> [Int: [String: [String]]] {
    var placed = Set<String>()
    var fallbacks: [Int: [String: [String]]] = [:]
    func note(_ call: LLMStep, name: String) {
      placed.insert("\(placement[name] ?? call.placement.defaultSite)\u{0}\(call.model)")
      if case .fallback(let site) = call.onOutage, let index = resolved.siteIndex[site] {
        fallbacks[index, default: [:]][call.model, default: []].append(name)
      }
    }
    for step in workflow.allSteps {
      switch step.kind {
      case .llm(let call): note(call, name: step.name)
      case .cascade(let cascade):
        note(cascade.first, name: step.name + ".first")
        note(cascade.then, name: step.name + ".then")
      case .speculative(let speculative):
        placed.insert("\(speculative.draftSite)\u{0}\(speculative.draftModel)")
        placed.insert("\(speculative.targetSite)\u{0}\(speculative.targetModel)")
      default: continue
      }
    }
    for (index, models) in fallbacks {
      let site = workflow.sites[index].name
      fallbacks[index] = models.filter { !placed.contains("\(site)\u{0}\($0.key)") }
    }
    return fallbacks
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

  /// Reports two sites no chain of links connects (``SiteLinks``, which the decoder asks too).
  mutating func requireLink(_ first: Int, _ second: Int, path: String, why: String) {
    let a = workflow.sites[first].name
    let b = workflow.sites[second].name
    guard !resolved.siteLinks.connects(a, b) else { return }
    problem(
      path, "\(why), but no chain of links connects '\(a)' and '\(b)'",
      suggestion: "add {\"between\": [\"\(a)\", \"\(b)\"], \"rtt_median_ms\": …} to \"links\"")
  }

  /// The index of a site a step names; reports one the workflow lacks (only a workflow built in
  /// code can: the decoder checks every reference).
  mutating func siteIndex(_ name: String, path: String) -> Int? {
    guard let index = resolved.siteIndex[name] else {
      problem(
        path, "unknown site '\(name)'",
        suggestion: NearestName.suggestion(for: name, among: workflow.sites.map(\.name)).map {
          "did you mean '\($0)'?"
        })
      return nil
    }
    return index
  }

  /// The index of a model alias a step names; reports one the workflow lacks (as above).
  mutating func modelIndex(_ alias: String, path: String) -> Int? {
    guard let index = resolved.modelIndex[alias] else {
      problem(
        path, "unknown model '\(alias)'",
        suggestion: NearestName.suggestion(for: alias, among: workflow.models.map(\.alias)).map {
          "did you mean '\($0)'?"
        })
      return nil
    }
    return index
  }
}
