import Foundation
import SimulationKernel

/// The zero-load analytic budget of a scenario: each step's expected time when it never waits for
/// a shared server, computed from the cost model and the distributions' means — what
/// `agentsim explain` prints, and what a simulation at vanishing load converges to.
///
/// Exact for the mean when token counts are constant, no parallel section has random children and
/// no branch moves the conversation between sites: it evaluates the same roofline as the simulator,
/// with prefill chunked the same way at shared replicas, and the means of latency distributions.
/// Otherwise it is an approximation (a parallel section is timed by its slowest child's mean, a
/// lower bound on the mean of the maximum), and `notes` says so.
public struct ZeroLoadBudget: Hashable, Sendable {
  /// Expected critical-path milliseconds per session, by component.
  public var components: [LatencyComponent: Double]
  /// Per step: expected executions and critical-path milliseconds per session by component.
  public var steps: [StepEstimate]
  /// Where the figures are approximate, in declaration order (`Rendering/` words and sorts them).
  public var notes: [ZeroLoadNote]

  /// Total expected milliseconds per session.
  public var totalMilliseconds: Double { components.values.reduce(0, +) }

  /// One step's zero-load estimate.
  public struct StepEstimate: Hashable, Sendable {
    /// The step's name.
    public var step: String
    /// The site it runs at.
    public var site: String
    /// Expected critical-path executions per session.
    public var executions: Double
    /// Expected milliseconds per session by component.
    public var milliseconds: [LatencyComponent: Double]

    /// Total expected milliseconds per session.
    public var totalMilliseconds: Double { milliseconds.values.reduce(0, +) }
  }
}

/// Computes `ZeroLoadBudget`s.
public enum ZeroLoadAnalysis {
  /// The zero-load budget of `scenario`.
  ///
  /// - Complexity: O(*n* · *i*) for *n* nodes and *i* loop iterations, plus O(log *t*) cost-model
  ///   evaluations per call with *t* output tokens.
  public static func budget(of scenario: Scenario) -> ZeroLoadBudget {
    var analysis = Analyzer(scenario: scenario)
    var state = Analyzer.State(
      cachedTokens: 0, pendingTokens: Double(scenario.initialContextTokens), contextSite: -1,
      openLinks: [])
    let result = analysis.evaluate(scenario.program.root, state: &state)
    if scenario.links.contains(where: \.canFail) {
      analysis.notes.insert(.linkOutagesIgnored)
    }
    var components: [LatencyComponent: Double] = [:]
    for component in LatencyComponent.allCases {
      components[component] = result.times[component, default: 0]
    }
    let steps = scenario.program.stepNames.enumerated().map { index, name in
      var times: [LatencyComponent: Double] = [:]
      for component in LatencyComponent.allCases {
        times[component] = result.steps[index]?.times[component, default: 0] ?? 0
      }
      return ZeroLoadBudget.StepEstimate(
        step: name, site: scenario.program.stepSites[index],
        executions: result.steps[index]?.executions ?? 0, milliseconds: times)
    }
    return ZeroLoadBudget(
      components: components, steps: steps,
      notes: ZeroLoadNote.allCases.filter(analysis.notes.contains))
  }
}

/// The recursive evaluation behind `ZeroLoadAnalysis`.
struct Analyzer {
  /// The expected conversation state as evaluation proceeds through the program.
  struct State {
    var cachedTokens: Double
    var pendingTokens: Double
    var contextSite: Int
    var openLinks: Set<Int>
  }

  /// Expected milliseconds by component, overall and per step.
  struct Result {
    var times: [LatencyComponent: Double] = [:]
    var steps: [Int: (executions: Double, times: [LatencyComponent: Double])] = [:]

    /// The sum over components in their declared order: a dictionary's order changes from
    /// process to process (per-process hash seeds), and floating-point sums in another order can
    /// differ in the last bit, which reordered equal-looking parallel children in `explain`.
    var total: Double { LatencyComponent.allCases.reduce(0) { $0 + (times[$1] ?? 0) } }

    mutating func add(_ other: Result, weight: Double = 1) {
      for (component, value) in other.times { times[component, default: 0] += weight * value }
      for (step, entry) in other.steps {
        var current = steps[step] ?? (0, [:])
        current.executions += weight * entry.executions
        for (component, value) in entry.times {
          current.times[component, default: 0] += weight * value
        }
        steps[step] = current
      }
    }

    mutating func addLeaf(step: Int, _ component: LatencyComponent, _ milliseconds: Double) {
      times[component, default: 0] += milliseconds
      var current = steps[step] ?? (1, [:])
      current.times[component, default: 0] += milliseconds
      steps[step] = current
    }
  }

  let scenario: Scenario
  let routes: RouteTable
  var notes: Set<ZeroLoadNote> = []

  init(scenario: Scenario) {
    self.scenario = scenario
    routes = scenario.routes
  }

  mutating func evaluate(_ node: Int, state: inout State) -> Result {
    switch scenario.program.nodes[node] {
    case .sequence(let children):
      var result = Result()
      for child in children { result.add(evaluate(child, state: &state)) }
      return result
    case .parallel(let children, let join):
      guard !children.isEmpty else { return Result() }
      // Each child continues a copy of the conversation; what the children that finish by the
      // join add to it reaches the parent's, as after the same steps in sequence.
      var results: [Result] = []
      var added: [Double] = []
      let baseline = state.cachedTokens + state.pendingTokens
      for child in children {
        var childState = state
        results.append(evaluate(child, state: &childState))
        added.append(max(0, childState.cachedTokens + childState.pendingTokens - baseline))
        state.openLinks.formUnion(childState.openLinks)
      }
      let ordered = results.enumerated().sorted {
        $0.element.total < $1.element.total
          || ($0.element.total == $1.element.total && $0.offset < $1.offset)
      }
      for entry in ordered.prefix(min(join, ordered.count)) {
        state.pendingTokens += added[entry.offset]
      }
      if children.count > 1 {
        notes.insert(.parallelJoinByMean)
      }
      var result = Result()
      result.add(ordered[min(join, ordered.count) - 1].element)
      return result
    case .branch(let options):
      var result = Result()
      var previous = 0.0
      var merged = state
      var mergedCached = 0.0
      var mergedPending = 0.0
      for option in options {
        let probability = option.cumulativeProbability - previous
        previous = option.cumulativeProbability
        var branchState = state
        result.add(evaluate(option.node, state: &branchState), weight: probability)
        mergedCached += probability * branchState.cachedTokens
        mergedPending += probability * branchState.pendingTokens
        if probability >= 0.5 { merged.contextSite = branchState.contextSite }
        if branchState.contextSite != state.contextSite && probability > 0 && probability < 1 {
          notes.insert(.branchMovesConversation)
        }
        merged.openLinks.formUnion(branchState.openLinks)
      }
      let none = max(0, 1 - previous)
      merged.cachedTokens = mergedCached + none * state.cachedTokens
      merged.pendingTokens = mergedPending + none * state.pendingTokens
      state = merged
      return result
    case .loop(let body, let repetition):
      var result = Result()
      switch repetition {
      case .count(let count):
        for _ in 0..<count { result.add(evaluate(body, state: &state)) }
      case .geometric(let probability, let maximum):
        var reach = 1.0
        for _ in 0..<maximum where reach > 1e-12 {
          result.add(evaluate(body, state: &state), weight: reach)
          reach *= probability
        }
        if probability > 0 && maximum > 1 {
          notes.insert(.probabilisticLoopAveraged)
        }
      case .drawn(_, let maximum):
        // Iteration k weighs P(count ≥ k), as a geometric loop's does.
        for iteration in 1...max(maximum, 1) {
          let reach = repetition.probabilityOfRunning(atLeast: iteration)
          guard reach > 1e-12 else { break }
          result.add(evaluate(body, state: &state), weight: reach)
        }
        notes.insert(.drawnLoopAveraged)
      }
      return result
    // Each step kind's expected time is defined with the kind (Semantics/), once for every
    // interpreter.
    case .llm(let call):
      return LLMSemantics.zeroLoad(call, in: &self, state: &state)
    case .tool(let tool):
      return ToolSemantics.zeroLoad(tool, in: &self, state: &state)
    case .transfer(let transfer):
      return TransferSemantics.zeroLoad(transfer, in: &self, state: &state)
    case .speculative(let node):
      return SpeculativeSemantics.zeroLoad(node, in: &self, state: &state)
    }
  }

  /// Expected one-way milliseconds along a route.
  func oneWay(route: [RouteHop]) -> Double {
    route.reduce(0) { $0 + max(0, scenario.links[$1.link].roundTrip.mean) / 2 }
  }

  func serialization(route: [RouteHop], bytes: Double) -> Double {
    guard bytes > 0 else { return 0 }
    return route.reduce(0) { total, hop in
      let link = scenario.links[hop.link]
      let bits = hop.isUplink ? link.uplinkBitsPerSecond : link.downlinkBitsPerSecond
      return total + (bits > 0 ? bytes * 8 / bits * 1000 : 0)
    }
  }

  /// Expected milliseconds of one message along a route, opening links on their first use.
  func messageMilliseconds(route: [RouteHop], bytes: Double, state: inout State) -> Double {
    var total = oneWay(route: route) + serialization(route: route, bytes: bytes)
    for hop in route where hop.link < 64 && !state.openLinks.contains(hop.link) {
      state.openLinks.insert(hop.link)
      total += scenario.links[hop.link].setupMilliseconds
    }
    return total
  }

  /// Adds the request and response hops between the orchestrator and `site`.
  func roundTrip(
    to site: Int, requestBytes: Double, movedBytes: Double = 0, step: Int, state: inout State,
    into result: inout Result
  ) {
    let origin = scenario.orchestratorSite
    guard site != origin, let route = routes.route(from: origin, to: site) else { return }
    let request = messageMilliseconds(route: route, bytes: requestBytes, state: &state)
    result.addLeaf(step: step, .network, request + oneWay(route: route))
    result.addLeaf(step: step, .transfer, serialization(route: route, bytes: movedBytes))
  }

  /// `computeMilliseconds` at mean token counts, which need not be whole: linear between the whole
  /// counts around each (so an exact mean such as 20.5 output tokens counts as itself, not as 21,
  /// and a whole count gives exactly the simulator's time).
  ///
  /// - Complexity: Up to 8 evaluations of the whole-count version.
  func computeMilliseconds(
    site: Int, model: Int, newTokens: Double, cachedTokens: Double, outputTokens: Double
  ) -> (prefill: Double, decode: Double) {
    let counts = [max(0, newTokens), max(0, cachedTokens), max(0, outputTokens)]
    let lower = counts.map { $0.rounded(.down) }
    let fractions = zip(counts, lower).map { $0 - $1 }
    var prefill = 0.0
    var decode = 0.0
    for corner in 0..<8 {
      var weight = 1.0
      var whole = [Int](repeating: 0, count: 3)
      for axis in 0..<3 {
        let up = corner & (1 << axis) != 0
        weight *= up ? fractions[axis] : 1 - fractions[axis]
        whole[axis] = Int(lower[axis]) + (up ? 1 : 0)
      }
      guard weight > 0 else { continue }
      let time = computeMilliseconds(
        site: site, model: model, newTokens: whole[0], cachedTokens: whole[1],
        outputTokens: whole[2])
      prefill += weight * time.prefill
      decode += weight * time.decode
    }
    return (prefill, decode)
  }

  /// Prefill and decode milliseconds of one request alone at `site`, as the simulator computes
  /// them (chunked prefill at shared replicas, one pass on the device).
  func computeMilliseconds(
    site: Int, model: Int, newTokens: Int, cachedTokens: Int, outputTokens: Int
  ) -> (prefill: Double, decode: Double) {
    switch scenario.sites[site].kind {
    case .device(let device):
      guard let engine = device.engines[model] else { return (0, 0) }
      let prefill =
        engine.requestOverheadSeconds
        + (newTokens > 0
          ? engine.prefillSeconds(promptTokens: newTokens, cachedTokens: cachedTokens)
          : 0)
      let produced = newTokens > 0 ? 1 : 0
      let decode = DecodeTime.sum(
        roofline: engine.roofline, firstContext: cachedTokens + newTokens + produced,
        steps: max(0, outputTokens - produced))
      return (prefill * 1000, decode * 1000)
    case .shared:
      guard let poolIndex = scenario.poolIndex(site: site, model: model) else { return (0, 0) }
      let pool = scenario.pools[poolIndex]
      var prefill = pool.engine.requestOverheadSeconds
      var done = 0
      let total = newTokens == 0 && outputTokens == 0 ? 1 : newTokens
      while done < total {
        let chunk = min(pool.chunkTokens, total - done)
        var work = IterationWork()
        work.addPrefillChunk(tokens: chunk, cachedTokens: cachedTokens + done)
        prefill += pool.engine.iteration(work).seconds
        done += chunk
      }
      let produced = total > 0 ? 1 : 0
      let decode = DecodeTime.sum(
        roofline: pool.engine.roofline, firstContext: cachedTokens + total + produced,
        steps: max(0, outputTokens - produced))
      return (prefill * 1000, decode * 1000)
    case .hostedAPI(let api):
      let ttft = max(0, api.timeToFirstToken.mean)
      return (ttft, max(0, api.timePerToken.mean) * Double(max(0, outputTokens - 1)))
    }
  }
}
