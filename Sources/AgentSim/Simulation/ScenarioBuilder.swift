import SimulationKernel

/// Builds the `Scenario` of a checked placement: names become indices and the step tree is
/// compiled into the program the simulator runs.
///
/// It cannot fail: everything that can be wrong with user input was reported before, by
/// ``ResolvedWorkflow/resolve(_:catalog:file:)`` (catalog names, distributions, context windows)
/// and ``ResolvedWorkflow/check(placement:)`` (sites, links, fit). Its preconditions state the
/// invariants those two establish.
public enum ScenarioBuilder {
  /// Builds the scenario.
  ///
  /// - Parameters:
  ///   - checked: A placement that passed `ResolvedWorkflow.check(placement:)`.
  ///   - digest: A stable digest of the workflow's source, for reports.
  /// - Returns: The scenario.
  /// - Complexity: O(steps + sites + links).
  public static func build(_ checked: CheckedPlacement, digest: String = "") -> Scenario {
    var compiler = ProgramCompiler(checked: checked)
    let root = compiler.compileSequence(checked.resolved.workflow.steps)
    let resolved = checked.resolved
    let workflow = resolved.workflow
    let budget = workflow.budget
    return Scenario(
      name: workflow.name, digest: digest, sites: checked.sites, pools: checked.pools,
      links: resolved.links, modelNames: workflow.models.map(\.alias),
      program: Program(
        nodes: compiler.nodes, root: root, stepNames: compiler.stepNames,
        stepSites: compiler.stepSites, cancellingJoins: compiler.cancellingJoins),
      load: ScenarioLoad(
        arrival: resolved.arrival, sessions: workflow.load.sessions,
        warmupSessions: workflow.load.warmupSessions),
      budget: ScenarioBudget(
        p50Milliseconds: budget?.p50Milliseconds, p99Milliseconds: budget?.p99Milliseconds,
        timeToFirstTokenMilliseconds: budget?.ttftMilliseconds),
      orchestratorSite: resolved.orchestratorSite,
      initialContextTokens: resolved.initialContextTokens)
  }
}

/// The step tree of a checked placement compiled into program nodes.
struct ProgramCompiler {
  let checked: CheckedPlacement
  var nodes: [ProgramNode] = []
  var stepNames: [String] = []
  var stepSites: [String] = []
  var cancellingJoins: Set<Int> = []

  init(checked: CheckedPlacement) {
    self.checked = checked
  }

  var resolved: ResolvedWorkflow { checked.resolved }

  mutating func addNode(_ node: ProgramNode) -> Int {
    nodes.append(node)
    return nodes.count - 1
  }

  mutating func addStep(_ name: String, site: String) -> Int {
    stepNames.append(name)
    stepSites.append(site)
    return stepNames.count - 1
  }

  mutating func compileSequence(_ steps: [WorkflowStep]) -> Int {
    let children = steps.map { compile($0) }
    return addNode(.sequence(children))
  }

  /// The site a placeable step runs at. `check(placement:)` chose one for every placeable step
  /// it walked (the same tree), or failed.
  func site(ofStep name: String) -> Int {
    guard let site = checked.site(ofStep: name) else {
      preconditionFailure("placement check chose no site for step '\(name)'")
    }
    return site
  }

  /// The index of a site a step names. The decoder checks every site reference, and
  /// `check(placement:)` checks them again for workflows built in code.
  func siteIndex(_ name: String) -> Int {
    guard let index = resolved.siteIndex(named: name) else {
      preconditionFailure("placement check accepted unknown site '\(name)'")
    }
    return index
  }

  /// The index of a model alias a step names (checked like sites).
  func modelIndex(_ alias: String) -> Int {
    guard let index = resolved.modelIndex(named: alias) else {
      preconditionFailure("placement check accepted unknown model '\(alias)'")
    }
    return index
  }

  func outage(_ policy: OutagePolicy) -> OutageResponse {
    switch policy {
    case .wait: return .wait
    case .fallback(let site): return .fallback(site: siteIndex(site))
    }
  }

  mutating func compileLLM(_ call: LLMStep, name: String) -> Int {
    let site = site(ofStep: name)
    let step = addStep(name, site: resolved.sites[site].name)
    return addNode(
      .llm(
        LLMNode(
          step: step, model: modelIndex(call.model), site: site,
          promptTokens: resolved.distribution(of: call.promptTokens),
          outputTokens: resolved.distribution(of: call.outputTokens),
          isConversation: call.context == .conversation, isVisible: call.isVisible,
          outageResponse: outage(call.onOutage),
          contextWindowTokens: resolved.contextWindow(of: [call.model]))))
  }

  mutating func compile(_ step: WorkflowStep) -> Int {
    switch step.kind {
    case .llm(let call):
      return compileLLM(call, name: step.name)
    case .tool(let tool):
      let site = site(ofStep: step.name)
      let id = addStep(step.name, site: resolved.sites[site].name)
      return addNode(
        .tool(
          ToolNode(
            step: id, site: site, duration: resolved.distribution(of: tool.duration),
            resultTokens: resolved.distribution(of: tool.resultTokens),
            outageResponse: outage(tool.onOutage), keepsDeviceBusy: tool.keepsDeviceBusy)))
    case .transfer(let transfer):
      let id = addStep(step.name, site: "\(transfer.from)→\(transfer.to)")
      return addNode(
        .transfer(
          TransferNode(
            step: id, from: siteIndex(transfer.from), to: siteIndex(transfer.to),
            bytes: resolved.distribution(of: transfer.bytes))))
    case .sequence(let steps):
      return compileSequence(steps)
    case .parallel(let parallel):
      let children = parallel.steps.map { compile($0) }
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
      for option in options {
        cumulative += option.probability
        targets.append(BranchTarget(cumulativeProbability: cumulative, node: compile(option.step)))
      }
      return addNode(.branch(targets))
    case .loop(let loop):
      let body = compile(loop.body)
      let repetition: LoopRepetition
      switch loop.repetition {
      case .count(let count): repetition = .count(count)
      case .repeatWithProbability(let probability, let maximum):
        repetition = .geometric(probability: probability, maximum: maximum)
      case .drawn(let count, let maximum):
        repetition = .drawn(resolved.distribution(of: count), maximum: maximum)
      }
      return addNode(.loop(body: body, repetition: repetition))
    case .speculative(let speculative):
      let id = addStep(step.name, site: "\(speculative.draftSite)+\(speculative.targetSite)")
      return addNode(
        .speculative(
          SpeculativeNode(
            step: id, draftModel: modelIndex(speculative.draftModel),
            draftSite: siteIndex(speculative.draftSite),
            targetModel: modelIndex(speculative.targetModel),
            targetSite: siteIndex(speculative.targetSite), draftTokens: speculative.draftTokens,
            acceptanceRate: speculative.acceptanceRate,
            promptTokens: resolved.distribution(of: speculative.promptTokens),
            outputTokens: resolved.distribution(of: speculative.outputTokens),
            isVisible: speculative.isVisible,
            isConversation: speculative.context == .conversation,
            contextWindowTokens: resolved.contextWindow(
              of: [speculative.draftModel, speculative.targetModel]))))
    case .cascade(let cascade):
      let first = compileLLM(cascade.first, name: step.name + ".first")
      let then = compileLLM(cascade.then, name: step.name + ".then")
      let escalate = addNode(
        .branch([BranchTarget(cumulativeProbability: cascade.escalateProbability, node: then)]))
      return addNode(.sequence([first, escalate]))
    }
  }
}
