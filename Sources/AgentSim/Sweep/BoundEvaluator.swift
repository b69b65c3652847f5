import SimulationKernel

/// The recursive evaluation behind `LowerBound.of(_:)`: one bound per node of the program.
struct BoundEvaluator {
  /// Lower bounds of one node: critical-path milliseconds, device busy seconds and dollars.
  struct Bound {
    var latency = 0.0
    var deviceSeconds = 0.0
    var cost = 0.0

    static func + (left: Bound, right: Bound) -> Bound {
      Bound(
        latency: left.latency + right.latency,
        deviceSeconds: left.deviceSeconds + right.deviceSeconds, cost: left.cost + right.cost)
    }

    /// The component-wise minimum: each figure bounds its own metric.
    func minimum(_ other: Bound) -> Bound {
      Bound(
        latency: min(latency, other.latency),
        deviceSeconds: min(deviceSeconds, other.deviceSeconds),
        cost: min(cost, other.cost))
    }
  }

  let scenario: Scenario
  let routes: RouteTable

  init(scenario: Scenario) {
    self.scenario = scenario
    routes = scenario.routes
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
      let latency = bounds.map(\.latency).sorted()[count - 1]
      let device = bounds.map(\.deviceSeconds).sorted().prefix(count).reduce(0, +)
      let cost = bounds.map(\.cost).sorted().prefix(count).reduce(0, +)
      return Bound(latency: latency, deviceSeconds: device, cost: cost)
    case .branch(let options):
      var result: Bound?
      var previous = 0.0
      var union = open
      for option in options {
        let probability = option.cumulativeProbability - previous
        previous = option.cumulativeProbability
        guard probability > 0 else { continue }
        var optionOpen = open
        let bound = evaluate(option.node, open: &optionOpen)
        union.formUnion(optionOpen)
        result = result.map { $0.minimum(bound) } ?? bound
      }
      open = union
      // With probability left over, the branch may run nothing.
      if previous < 1 { return Bound() }
      return result ?? Bound()
    case .loop(let body, let repetition):
      switch repetition {
      case .count(let count):
        var total = Bound()
        for _ in 0..<count { total = total + evaluate(body, open: &open) }
        return total
      case .geometric(_, let maximum):
        // The body always runs once; every further iteration is a draw.
        return maximum > 0 ? evaluate(body, open: &open) : Bound()
      case .drawn(let count, let maximum):
        // The fewest runs a draw can give (rounded as the simulator rounds).
        let fewest = min(maximum, Int(max(0, count.lowerBound.rounded())))
        var total = Bound()
        for _ in 0..<fewest { total = total + evaluate(body, open: &open) }
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
