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
    case .llm(let call):
      return alternatives(site: call.site, policy: call.outageResponse, open: &open) {
        evaluator, site, open in
        evaluator.llm(call, site: site, open: &open)
      }
    case .tool(let tool):
      return alternatives(site: tool.site, policy: tool.outageResponse, open: &open) {
        evaluator, site, open in
        evaluator.tool(tool, site: site, open: &open)
      }
    case .transfer(let transfer):
      let bytes = max(0, transfer.bytes.lowerBound)
      return Bound(
        latency: message(from: transfer.from, to: transfer.to, bytes: bytes, open: &open))
    case .speculative(let node):
      let prompt = Double(tokens(node.promptTokens, minimum: 1)) * scenario.bytesPerToken
      var latency = request(to: node.draftSite, bytes: prompt, open: &open)
      latency += message(from: node.draftSite, to: node.targetSite, bytes: prompt, open: &open)
      latency += message(
        from: node.targetSite, to: node.draftSite, bytes: StepWire.draftReplyBytes, open: &open)
      latency += response(from: node.draftSite)
      return Bound(latency: latency)
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

  // MARK: - Leaves

  mutating func tool(_ tool: ToolNode, site: Int, open: inout Set<Int>) -> Bound {
    var latency = request(to: site, bytes: StepWire.toolRequestBytes, open: &open)
    latency += max(0, tool.duration.lowerBound)
    latency += response(from: site)
    return Bound(latency: latency)
  }

  mutating func llm(_ call: LLMNode, site: Int, open: inout Set<Int>) -> Bound {
    let prompt = tokens(call.promptTokens, minimum: 0)
    let output = tokens(call.outputTokens, minimum: 1)
    var bound = Bound()
    bound.latency += request(
      to: site, bytes: Double(prompt) * scenario.bytesPerToken, open: &open)
    switch scenario.sites[site].kind {
    case .device(let device):
      if let engine = device.engines[call.model] {
        let seconds = computeSeconds(engine: engine, prompt: prompt, output: output)
        bound.latency += seconds * 1000
        bound.deviceSeconds += seconds
      }
    case .shared:
      if let index = scenario.poolIndex(site: site, model: call.model) {
        let pool = scenario.pools[index]
        bound.latency += computeSeconds(engine: pool.engine, prompt: prompt, output: output) * 1000
        // Every output token takes one iteration of the request's replica, shared by at most
        // max_batch sequences; no iteration is cheaper than one token alone.
        let cheapest = cheapestIterationSeconds(pool.engine)
        bound.cost +=
          cheapest * Double(output) / Double(max(pool.maxBatch, 1)) / 3600
          * (pool.pricePerReplicaHour ?? 0)
      }
    case .hostedAPI(let api):
      // A prompt cache may make the first token sooner and input tokens cheaper (or dearer).
      var firstToken = api.timeToFirstToken.lowerBound
      var inputPrice = api.inputPricePerMillion
      if let cache = api.promptCache {
        firstToken = min(firstToken, cache.cachedTimeToFirstToken.lowerBound)
        inputPrice = min(
          inputPrice, cache.cachedInputPricePerMillion, cache.cacheWritePricePerMillion)
      }
      bound.latency += max(0, firstToken)
      bound.latency += max(0, api.timePerToken.lowerBound) * Double(output - 1)
      bound.cost +=
        (Double(prompt) * inputPrice + Double(output) * api.outputPricePerMillion) / 1e6
    }
    bound.latency += response(from: site)
    return bound
  }

  /// Seconds of one call alone: a prefill of `prompt` new tokens with nothing cached (at least
  /// one token's worth when the prompt may be empty), then `output − 1` decode steps.
  func computeSeconds(engine: InferenceEngine, prompt: Int, output: Int) -> Double {
    if prompt >= 1 {
      return engine.prefillSeconds(promptTokens: prompt, cachedTokens: 0)
        + DecodeTime.sum(roofline: engine.roofline, firstContext: prompt + 1, steps: output - 1)
    }
    // With nothing new to prefill the first token is a decode step; otherwise a prefill of at
    // least one token. Either way the first token costs at least the cheaper of the two.
    return cheapestIterationSeconds(engine)
      + DecodeTime.sum(roofline: engine.roofline, firstContext: 1, steps: output - 1)
  }

  /// The cheapest non-empty iteration: one token, prefill or decode, with no context.
  func cheapestIterationSeconds(_ engine: InferenceEngine) -> Double {
    min(
      engine.prefillSeconds(promptTokens: 1, cachedTokens: 0),
      engine.decodeStepSeconds(batchSize: 1, contextTokens: 0))
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
        add(origin, call.site)
        if case .fallback(let site) = call.outageResponse { add(origin, site) }
      case .tool(let tool):
        add(origin, tool.site)
        if case .fallback(let site) = tool.outageResponse { add(origin, site) }
      case .transfer(let transfer):
        add(transfer.from, transfer.to)
      case .speculative(let speculative):
        add(origin, speculative.draftSite)
        add(speculative.draftSite, speculative.targetSite)
      }
    }
    visit(node)
    return result
  }
}
