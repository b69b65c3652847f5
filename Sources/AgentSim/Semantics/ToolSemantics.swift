import SimulationKernel

/// A tool run, defined once: a request of ``requestBytes`` (the call's name and arguments) from
/// the orchestrator to the tool's site, the run itself, and a response; the result's tokens join
/// the conversation as pending and travel with the next model call.
enum ToolSemantics: StepSemantics {
  /// A tool call's request: its name and arguments, in bytes.
  static let requestBytes = 1024.0

  /// A drawn duration in milliseconds as the tool runs it (never negative).
  @inline(__always)
  static func runMilliseconds(_ drawn: Double) -> Double { max(0, drawn) }

  /// The conversation's pending tokens after the tool returns `result` tokens.
  @inline(__always)
  static func pendingAfter<Tokens: TokenCount>(pending: Tokens, result: Tokens) -> Tokens {
    Tokens.conversationSum(pending, result, .zero)
  }

  static func forEachLeg(of node: ToolNode, orchestrator: Int, _ body: (Int, Int) -> Void) {
    body(orchestrator, node.site)
    if case .fallback(let site) = node.outageResponse { body(orchestrator, site) }
  }

  static func zeroLoad(
    _ tool: ToolNode, in analyzer: inout Analyzer, state: inout Analyzer.State
  ) -> Analyzer.Result {
    var result = Analyzer.Result()
    result.steps[tool.step] = (1, [:])
    analyzer.roundTrip(
      to: tool.site, requestBytes: requestBytes, step: tool.step, state: &state, into: &result)
    result.addLeaf(step: tool.step, .tool, runMilliseconds(tool.duration.mean))
    state.pendingTokens = pendingAfter(
      pending: state.pendingTokens, result: max(0, tool.resultTokens.mean))
    return result
  }

  static func lowerBound(
    _ tool: ToolNode, in evaluator: inout BoundEvaluator, open: inout Set<Int>
  ) -> BoundEvaluator.Bound {
    evaluator.alternatives(site: tool.site, policy: tool.outageResponse, open: &open) {
      evaluator, site, open in
      var latency = evaluator.request(to: site, bytes: requestBytes, open: &open)
      let shortest = runMilliseconds(tool.duration.lowerBound)
      latency += shortest
      latency += evaluator.response(from: site)
      // The parts: the run's duration and each hop of the request and the response.
      let durations = evaluator.quantiles(tool.duration)
      var excess = SIMD2(
        max(0, runMilliseconds(durations[0]) - shortest),
        max(0, runMilliseconds(durations[1]) - shortest))
      let origin = evaluator.scenario.orchestratorSite
      excess = pointwiseMax(excess, evaluator.messageExcess(from: origin, to: site))
      excess = pointwiseMax(excess, evaluator.messageExcess(from: site, to: origin))
      return BoundEvaluator.Bound(latency: latency, excess: excess)
    }
  }
}
