import SimulationKernel

/// The recursive evaluation behind `LowerBound.of(_:)`: one bound per node of the program.
struct BoundEvaluator {
  /// Lower bounds of one node: critical-path milliseconds, device busy seconds and dollars, and
  /// how much one random part of the node can add to its critical path at the p50 and p99
  /// levels (``QuantileLevel``).
  ///
  /// `excess` is what makes the latency bound percentile-aware. Every session's latency is at
  /// least `latency` with one part (a token count, a tool's duration, a link's draw, a branch's
  /// choice, a loop's count) at its drawn value and every other part at its minimum — pathwise, so
  /// the reported percentile is at least `latency` plus that part's quantile minus its minimum.
  /// The parts may be dependent: no independence is needed. Along a sequence the parts of the
  /// children are all parts of the whole, so the excesses combine by maximum, not by sum.
  struct Bound {
    var latency = 0.0
    var deviceSeconds = 0.0
    var cost = 0.0
    /// Milliseconds one part adds over its minimum at the p50 (`[0]`) and p99 (`[1]`) levels.
    var excess = SIMD2<Double>.zero

    static func + (left: Bound, right: Bound) -> Bound {
      Bound(
        latency: left.latency + right.latency,
        deviceSeconds: left.deviceSeconds + right.deviceSeconds, cost: left.cost + right.cost,
        excess: pointwiseMax(left.excess, right.excess))
    }

    /// The component-wise minimum: each figure bounds its own metric. Which alternative runs is
    /// not known, so no part's excess survives.
    func minimum(_ other: Bound) -> Bound {
      Bound(
        latency: min(latency, other.latency),
        deviceSeconds: min(deviceSeconds, other.deviceSeconds),
        cost: min(cost, other.cost))
    }

    /// The latency bound at the p50 (`[0]`) and p99 (`[1]`) levels.
    var percentileLatency: SIMD2<Double> { SIMD2(repeating: latency) + excess }
  }

  let scenario: Scenario
  let routes: RouteTable
  /// The probability levels at which parts are put for the p50 (`[0]`) and p99 (`[1]`) bounds.
  let levels: SIMD2<Double>

  /// An evaluator for runs that measure `sessions` sessions (the scenario's own count when nil).
  init(scenario: Scenario, sessions: Int? = nil) {
    self.scenario = scenario
    routes = scenario.routes
    let count = sessions ?? scenario.load.sessions
    levels = SIMD2(
      QuantileLevel.level(0.5, sessions: count), QuantileLevel.level(0.99, sessions: count))
  }

  /// The quantiles of `distribution` at the two levels (see ``QuantileLevel/quantile(_:level:)``).
  func quantiles(_ distribution: Distribution) -> SIMD2<Double> {
    SIMD2(
      QuantileLevel.quantile(distribution, level: levels[0]),
      QuantileLevel.quantile(distribution, level: levels[1]))
  }

  /// The bound of `node`. `open` holds the links an earlier or concurrent step may have opened
  /// (their setup is not counted again); the node's own links are added to it.
  mutating func evaluate(_ node: Int, open: inout Set<Int>) -> Bound {
    switch scenario.program.nodes[node] {
    case .sequence(let children):
      var total = Bound()
      for child in children { total = total + evaluate(child, open: &open) }
      return total
    case .parallel(let children, let join):
      guard !children.isEmpty else { return Bound() }
      let used = children.map { links(of: $0) }
      var bounds: [Bound] = []
      for (index, child) in children.enumerated() {
        // A sibling may open a link first: only links no sibling uses pay setup here.
        var childOpen = open
        for (other, links) in used.enumerated() where other != index { childOpen.formUnion(links) }
        bounds.append(evaluate(child, open: &childOpen))
      }
      for links in used { open.formUnion(links) }
      let count = min(max(join, 1), bounds.count)
      // The join-th child to finish ends the section; only the first `count` to finish are sure
      // to have done (and paid for) their work.
      let latencies = bounds.map(\.latency)
      let latency = latencies.sorted()[count - 1]
      let device = bounds.map(\.deviceSeconds).sorted().prefix(count).reduce(0, +)
      let cost = bounds.map(\.cost).sorted().prefix(count).reduce(0, +)
      // A part inside one child lifts that child; the join-th finish is monotone in each.
      var excess = SIMD2<Double>.zero
      for (index, bound) in bounds.enumerated() {
        for level in 0..<2 where bound.excess[level] > 0 {
          var lifted = latencies
          lifted[index] += bound.excess[level]
          excess[level] = max(excess[level], lifted.sorted()[count - 1] - latency)
        }
      }
      return Bound(latency: latency, deviceSeconds: device, cost: cost, excess: excess)
    case .branch(let options):
      var result: Bound?
      var previous = 0.0
      var union = open
      // The choice is a part: the option's bound with the probability of choosing it.
      var outcomes: [(latency: Double, probability: Double)] = []
      for option in options {
        let probability = option.cumulativeProbability - previous
        previous = option.cumulativeProbability
        guard probability > 0 else { continue }
        var optionOpen = open
        let bound = evaluate(option.node, open: &optionOpen)
        union.formUnion(optionOpen)
        result = result.map { $0.minimum(bound) } ?? bound
        outcomes.append((bound.latency, probability))
      }
      open = union
      // With probability left over, the branch may run nothing.
      if previous < 1 {
        outcomes.append((0, 1 - previous))
        result = Bound()
      }
      guard var bound = result else { return Bound() }
      outcomes.sort { $0.latency < $1.latency }
      for level in 0..<2 {
        var cumulative = 0.0
        for outcome in outcomes {
          cumulative += outcome.probability
          if cumulative >= levels[level] - 1e-12 {
            bound.excess[level] = max(bound.excess[level], outcome.latency - bound.latency)
            break
          }
        }
      }
      return bound
    case .loop(let body, let repetition):
      switch repetition {
      case .count(let count):
        var total = Bound()
        for _ in 0..<count { total = total + evaluate(body, open: &open) }
        return total
      case .geometric(_, let maximum):
        // The body always runs once; every further iteration is a draw.
        guard maximum > 0 else { return Bound() }
        var total = evaluate(body, open: &open)
        addCountExcess(to: &total, body: body, fewest: 1, repetition: repetition, open: &open)
        return total
      case .drawn(let count, let maximum):
        // The fewest runs a draw can give (rounded as the simulator rounds).
        let fewest = min(maximum, Int(max(0, count.lowerBound.rounded())))
        var total = Bound()
        for _ in 0..<fewest { total = total + evaluate(body, open: &open) }
        addCountExcess(
          to: &total, body: body, fewest: fewest, repetition: repetition, open: &open)
        return total
      }
    // Each step kind's bound is defined with the kind (Semantics/), once for every interpreter.
    case .llm(let call):
      return LLMSemantics.lowerBound(call, in: &self, open: &open)
    case .tool(let tool):
      return ToolSemantics.lowerBound(tool, in: &self, open: &open)
    case .transfer(let transfer):
      return TransferSemantics.lowerBound(transfer, in: &self, open: &open)
    case .speculative(let node):
      return SpeculativeSemantics.lowerBound(node, in: &self, open: &open)
    }
  }

  /// Adds the loop's count as a part: at each level, the iterations its quantile runs beyond the
  /// `fewest` already counted, each at least the body's bound with the links opened so far. The
  /// links further iterations may open join `open` (a later step may find them open).
  mutating func addCountExcess(
    to total: inout Bound, body: Int, fewest: Int, repetition: LoopRepetition,
    open: inout Set<Int>
  ) {
    var repeatOpen = open
    let again = evaluate(body, open: &repeatOpen).latency
    open.formUnion(repeatOpen)
    guard again > 0 else { return }
    for level in 0..<2 {
      let runs = Self.countQuantile(repetition, level: levels[level], fewest: fewest)
      total.excess[level] = max(total.excess[level], Double(runs - fewest) * again)
    }
  }

  /// The smallest count *k* ≥ `fewest` with P(N ≤ k) ≥ `level`, taken at a level a little lower
  /// so that rounding in the distribution's CDF cannot lift it.
  static func countQuantile(_ repetition: LoopRepetition, level: Double, fewest: Int) -> Int {
    let maximum: Int
    switch repetition {
    case .count(let count): return count
    case .geometric(_, let most): maximum = most
    case .drawn(_, let most): maximum = most
    }
    var runs = fewest
    while runs < maximum, 1 - repetition.probabilityOfRunning(atLeast: runs + 1) < level - 1e-6 {
      runs += 1
    }
    return runs
  }

  /// The bound at the placed site, or the smaller of it and the fallback's when an outage on the
  /// way may move the step.
  mutating func alternatives(
    site: Int, policy: OutageResponse, open: inout Set<Int>,
    _ body: (inout BoundEvaluator, Int, inout Set<Int>) -> Bound
  ) -> Bound {
    guard case .fallback(let fallback) = policy,
      let route = routes.route(from: scenario.orchestratorSite, to: site),
      route.contains(where: { scenario.links[$0.link].canFail })
    else { return body(&self, site, &open) }
    var placedOpen = open
    var fallbackOpen = open
    let placed = body(&self, site, &placedOpen)
    let moved = body(&self, fallback, &fallbackOpen)
    open = placedOpen.union(fallbackOpen)
    return placed.minimum(moved)
  }

  /// The fewest tokens a draw can give: draws are rounded, then clamped to `minimum`.
  func tokens(_ distribution: Distribution, minimum: Int) -> Int {
    let lower = distribution.lowerBound
    guard lower.isFinite else { return minimum }
    return max(minimum, Int(min(lower.rounded(), 5e8)))
  }

  /// The fewest tokens a draw can give at each level: the quantile, rounded, clamped to `minimum`.
  func tokens(_ distribution: Distribution, minimum: Int, levels: SIMD2<Double>) -> (Int, Int) {
    func at(_ level: Double) -> Int {
      let value = QuantileLevel.quantile(distribution, level: level)
      // As the simulator's `tokenCount`: a non-finite draw counts as the minimum.
      guard value.isFinite else { return minimum }
      return max(minimum, Int(min(value.rounded(), ValueLimits.maximumTokens)))
    }
    return (at(levels[0]), at(levels[1]))
  }

  // MARK: - Messages

  /// A request from the orchestrator to `site`.
  func request(to site: Int, bytes: Double, open: inout Set<Int>) -> Double {
    message(from: scenario.orchestratorSite, to: site, bytes: bytes, open: &open)
  }

  /// A response from `site` to the orchestrator: latency only (its bytes are not modelled).
  func response(from site: Int) -> Double {
    let origin = scenario.orchestratorSite
    guard site != origin, let route = routes.route(from: site, to: origin) else { return 0 }
    return route.reduce(0) { $0 + oneWay($1.link) }
  }

  /// One message: half the smallest round trip per hop, setup on links not yet possibly open,
  /// and the bytes over each hop's bandwidth.
  func message(from origin: Int, to destination: Int, bytes: Double, open: inout Set<Int>)
    -> Double
  {
    guard origin != destination, let route = routes.route(from: origin, to: destination) else {
      return 0
    }
    var total = 0.0
    for hop in route {
      total += oneWay(hop.link)
      // The simulator tracks open links in a 64-bit mask: later links never pay setup.
      if hop.link < 64, !open.contains(hop.link) {
        total += scenario.links[hop.link].setupMilliseconds
      }
      open.insert(hop.link)
      let link = scenario.links[hop.link]
      let bits = hop.isUplink ? link.uplinkBitsPerSecond : link.downlinkBitsPerSecond
      if bytes > 0, bits > 0 { total += bytes * 8 / bits * 1000 }
    }
    return total
  }

  /// What one hop's draw can add over its minimum at each level, for the largest hop of a
  /// message from `origin` to `destination` (each hop of each message draws its own round trip).
  func messageExcess(from origin: Int, to destination: Int) -> SIMD2<Double> {
    guard origin != destination, let route = routes.route(from: origin, to: destination) else {
      return .zero
    }
    var excess = SIMD2<Double>.zero
    for hop in route {
      excess = pointwiseMax(excess, oneWayExcess(hop.link))
    }
    return excess
  }

  /// Half of a round trip's quantile over its minimum, at each level.
  func oneWayExcess(_ link: Int) -> SIMD2<Double> {
    let roundTrip = scenario.links[link].roundTrip
    let low = max(0, roundTrip.lowerBound)
    let high = quantiles(roundTrip)
    return SIMD2(max(0, high[0] - low) / 2, max(0, high[1] - low) / 2)
  }

  func oneWay(_ link: Int) -> Double {
    max(0, scenario.links[link].roundTrip.lowerBound) / 2
  }

  /// Every link a node's messages may use (an over-approximation: routes to placed and fallback
  /// sites of every step below it).
  func links(of node: Int) -> Set<Int> {
    var result = Set<Int>()
    func add(_ origin: Int, _ destination: Int) {
      guard origin != destination, let route = routes.route(from: origin, to: destination) else {
        return
      }
      for hop in route { result.insert(hop.link) }
    }
    func visit(_ node: Int) {
      let origin = scenario.orchestratorSite
      switch scenario.program.nodes[node] {
      case .sequence(let children), .parallel(let children, _):
        for child in children { visit(child) }
      case .branch(let options):
        for option in options { visit(option.node) }
      case .loop(let body, _):
        visit(body)
      case .llm(let call):
        LLMSemantics.forEachLeg(of: call, orchestrator: origin, add)
      case .tool(let tool):
        ToolSemantics.forEachLeg(of: tool, orchestrator: origin, add)
      case .transfer(let transfer):
        TransferSemantics.forEachLeg(of: transfer, orchestrator: origin, add)
      case .speculative(let speculative):
        SpeculativeSemantics.forEachLeg(of: speculative, orchestrator: origin, add)
      }
    }
    visit(node)
    return result
  }
}
