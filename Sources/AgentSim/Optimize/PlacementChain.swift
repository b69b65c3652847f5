import SimulationKernel

/// A workflow's placement space cut into blocks along its top-level sequence, with each block's
/// zero-load figures and lower bounds as functions of the state it starts in: the structure the
/// optimizer's dynamic programming runs over.
///
/// The program's root is a sequence; nested sequences are flattened, so every other top-level
/// node (a step, a parallel section, a branch, a loop) is one block, and every placeable step
/// belongs to exactly one block. Both analyses (``ZeroLoadAnalysis``'s and ``LowerBound``'s)
/// evaluate a sequence as the sum of its children with one state threaded through: the site
/// holding the conversation, its cached and pending tokens, and the links already opened. So the
/// figures of a whole placement are the sum of its blocks' figures, each evaluated in the state
/// its predecessors leave — exactly, by the same code (`Analyzer`, `BoundEvaluator`) that
/// `explain` and `sweep` run. A block's options are the cross product of its steps' candidates
/// (a parallel section of four two-site steps has 16), in the space's mixed-radix order.
struct PlacementChain {
  /// One top-level node and the placement choices inside it.
  struct Block {
    /// The node, in every option's scenario (the tree's shape does not depend on placement).
    var node: Int
    /// Positions in the space's steps of the steps this block places (those with a choice).
    var steps: [Int]
    /// The options that build: one candidate index per entry of `steps`.
    var options: [[Int]]
    /// One scenario per option, with the block's steps placed by it.
    var scenarios: [Scenario]
  }

  /// What a block's figures depend on: the conversation and the links opened before it.
  struct State: Hashable {
    var contextSite: Int
    var cachedTokens: Double
    var pendingTokens: Double
    var analyzerOpen: Set<Int>
    var boundOpen: Set<Int>
  }

  /// A block's figures in one state, before the lower bounds' slack: `values` holds zero-load
  /// milliseconds, dollars and joules, then bound milliseconds, dollars and device seconds, then
  /// the bound's excess at the p50 and p99 levels (``BoundEvaluator/Bound/excess``), which
  /// combine along the chain by maximum where the others add (``combine(_:_:)``).
  struct Figures {
    var values: SIMD8<Double>
  }

  /// Where each figure lives in `Figures.values` (and in the search's labels).
  enum Figure: Int, CaseIterable {
    case zeroLoadMilliseconds, zeroLoadDollars, zeroLoadJoules
    case boundMilliseconds, boundDollars, boundDeviceSeconds
    case boundExcessP50, boundExcessP99
  }

  /// The figures of two consecutive pieces of the chain: sums, but the excesses' maximum (the
  /// one random part of the whole at its quantile is one part of one piece).
  @inline(__always)
  static func combine(_ left: SIMD8<Double>, _ right: SIMD8<Double>) -> SIMD8<Double> {
    var sum = left + right
    sum[6] = max(left[6], right[6])
    sum[7] = max(left[7], right[7])
    return sum
  }

  /// The percentile latency bounds (p50, p99) of summed figures, before the slack.
  static func percentileBounds(_ values: SIMD8<Double>) -> SIMD2<Double> {
    SIMD2(repeating: values[Figure.boundMilliseconds.rawValue])
      + SIMD2(values[Figure.boundExcessP50.rawValue], values[Figure.boundExcessP99.rawValue])
  }

  /// Options a block may have before the optimizer asks for narrower candidates.
  static let maximumOptionsPerBlock = 4096

  let space: PlacementSpace
  /// A placement that builds: a candidate index per step.
  let base: [Int]
  let blocks: [Block]
  let initial: State
  /// Every link index, for the state in which no link pays its setup.
  let allLinks: Set<Int>
  /// The orchestrating device's active power (0 when it is not a device), for energy bounds.
  let orchestratorWatts: Double
  /// The leaf of every step id (the same in every option's scenario).
  let leaves: StepLeaves
  /// The sessions the runs measure, for the percentile bounds (``QuantileLevel``).
  let sessions: Int

  /// Cuts a workflow's space into blocks and builds one scenario per block option.
  ///
  /// - Throws: `DiagnosticError` when no placement builds (the default placement's problems), or
  ///   when a block has more than ``maximumOptionsPerBlock`` options.
  /// - Complexity: One scenario build per block option, plus a few per step to find one that
  ///   builds.
  init(loaded: LoadedWorkflow, space: PlacementSpace, sessions: Int? = nil) throws {
    self.space = space
    self.sessions = max(1, sessions ?? loaded.workflow.load.sessions)
    func placement(_ digits: [Int]) -> [String: String] {
      var result: [String: String] = [:]
      for (position, step) in space.steps.enumerated() {
        result[step.name] = step.candidates[digits[position]]
      }
      return result
    }
    func problems(_ digits: [Int]) -> [Diagnostic] {
      // The placement check alone: the scenario is built once, for the base below.
      do {
        _ = try loaded.check(placement: placement(digits))
        return []
      } catch {
        return error.diagnostics
      }
    }
    // Problems are per step (a pin, a site that does not serve the model, a model that does not
    // fit), so changing one step at a time to its least troubled candidate finds a placement
    // that builds whenever one exists.
    var base = Array(repeating: 0, count: space.steps.count)
    let original = problems(base)
    if !original.isEmpty {
      var count = original.count
      for position in space.steps.indices where count > 0 {
        for choice in space.steps[position].candidates.indices {
          var trial = base
          trial[position] = choice
          let found = problems(trial).count
          if found < count {
            count = found
            base = trial
          }
        }
      }
      if count > 0 { throw DiagnosticError(original) }
    }
    self.base = base
    let baseScenario = try loaded.scenario(placement: placement(base))

    var position: [String: Int] = [:]
    for (index, step) in space.steps.enumerated() { position[step.name] = index }
    let program = baseScenario.program
    var topLevel: [Int] = []
    func flatten(_ node: Int) {
      if case .sequence(let children) = program.nodes[node] {
        children.forEach(flatten)
      } else {
        topLevel.append(node)
      }
    }
    flatten(program.root)

    var blocks: [Block] = []
    for node in topLevel {
      var steps: [Int] = []
      Self.visit(node, in: program) { step in
        if let index = position[program.stepNames[step]], space.steps[index].candidates.count > 1,
          !steps.contains(index)
        {
          steps.append(index)
        }
      }
      steps.sort()
      var total = 1
      for step in steps {
        total *= space.steps[step].candidates.count
        guard total <= Self.maximumOptionsPerBlock else {
          throw DiagnosticError(
            Diagnostic(
              path: "optimize",
              message:
                "the steps \(steps.map { space.steps[$0].name }.joined(separator: ", ")) sit in "
                + "one section with more than \(Self.maximumOptionsPerBlock) placements among them",
              suggestion: "narrow their sites with --candidates or fix some with --placement"))
        }
      }
      var options: [[Int]] = []
      var scenarios: [Scenario] = []
      for number in 0..<total {
        var remainder = number
        var option = Array(repeating: 0, count: steps.count)
        for entry in steps.indices.reversed() {
          let radix = space.steps[steps[entry]].candidates.count
          option[entry] = remainder % radix
          remainder /= radix
        }
        var digits = base
        for (entry, step) in steps.enumerated() { digits[step] = option[entry] }
        guard let scenario = try? loaded.scenario(placement: placement(digits)) else { continue }
        options.append(option)
        scenarios.append(scenario)
      }
      blocks.append(Block(node: node, steps: steps, options: options, scenarios: scenarios))
    }
    self.blocks = blocks
    initial = State(
      contextSite: -1, cachedTokens: 0, pendingTokens: Double(baseScenario.initialContextTokens),
      analyzerOpen: [], boundOpen: [])
    allLinks = Set(baseScenario.links.indices)
    leaves = StepLeaves(program: program)
    if case .device(let device) = baseScenario.sites[baseScenario.orchestratorSite].kind {
      orchestratorWatts = device.activePowerWatts
    } else {
      orchestratorWatts = 0
    }
  }

  /// Calls `body` with the step id of every leaf under `node`.
  static func visit(_ node: Int, in program: Program, _ body: (Int) -> Void) {
    switch program.nodes[node] {
    case .sequence(let children), .parallel(let children, _):
      for child in children { visit(child, in: program, body) }
    case .branch(let options):
      for option in options { visit(option.node, in: program, body) }
    case .loop(let loopBody, _):
      visit(loopBody, in: program, body)
    case .llm(let call): body(call.step)
    case .tool(let tool): body(tool.step)
    case .transfer(let transfer): body(transfer.step)
    case .speculative(let speculative): body(speculative.step)
    }
  }

  /// The figures of block `block` run with option `option` from `state`, and the state it leaves.
  ///
  /// - Complexity: As the two analyses over the block's subtree.
  func evaluate(block: Int, option: Int, from state: State) -> (Figures, State) {
    let scenario = blocks[block].scenarios[option]
    let node = blocks[block].node
    var analyzer = Analyzer(scenario: scenario)
    var analyzed = Analyzer.State(
      cachedTokens: state.cachedTokens, pendingTokens: state.pendingTokens,
      contextSite: state.contextSite, openLinks: state.analyzerOpen)
    let result = analyzer.evaluate(node, state: &analyzed)
    var evaluator = BoundEvaluator(scenario: scenario, sessions: sessions)
    var open = state.boundOpen
    let bound = evaluator.evaluate(node, open: &open)
    var dollars = 0.0
    var joules = 0.0
    for step in result.steps.keys.sorted() {
      guard let entry = result.steps[step] else { continue }
      let money = StepMoney.of(
        step: step, executions: entry.executions,
        computeMilliseconds: entry.times[.prefill, default: 0] + entry.times[.decode, default: 0],
        leaves: leaves, scenario: scenario)
      dollars += money.dollars
      joules += money.joules
    }
    let figures = Figures(
      values: SIMD8(
        result.total, dollars, joules, bound.latency, bound.cost, bound.deviceSeconds,
        bound.excess[0], bound.excess[1]))
    let next = State(
      contextSite: analyzed.contextSite, cachedTokens: analyzed.cachedTokens,
      pendingTokens: analyzed.pendingTokens, analyzerOpen: analyzed.openLinks, boundOpen: open)
    return (figures, next)
  }

  /// The candidate index of every step for a choice of option per block.
  func digits(options: [Int]) -> [Int] {
    var digits = base
    for (block, option) in options.enumerated() {
      for (entry, step) in blocks[block].steps.enumerated() {
        digits[step] = blocks[block].options[option][entry]
      }
    }
    return digits
  }

  /// Step name → site name for candidate indices.
  func placement(digits: [Int]) -> [String: String] {
    var result: [String: String] = [:]
    for (position, step) in space.steps.enumerated() {
      result[step.name] = step.candidates[digits[position]]
    }
    return result
  }
}
