import SimulationKernel

/// Speculative decoding, defined once (Leviathan et al., ICML 2023): the prompt goes to the draft
/// site, which prefills it and sends the target what it lacks; the target prefills and yields the
/// first token; then each round the draft proposes k tokens, sends them to the target
/// (k × bytes per token), which verifies them in one pass and replies with ``replyBytes``.
///
/// In a conversation each model prefills the history it does not hold; the draft site receives
/// the new prompt and pending results on the wire plus the history it lacks as transfer; after
/// the step the conversation (history, prompt and output) is cached at the target.
enum SpeculativeSemantics: StepSemantics {
  /// A round's reply from target to draft (the accepted count and the target's own token), in
  /// bytes.
  static let replyBytes = 64.0

  /// What a speculative step finds of its conversation when it starts.
  struct Entry<Tokens: TokenCount> {
    /// Results and outputs no model has seen yet.
    var pending: Tokens
    /// The whole history: cached tokens and pending ones.
    var history: Tokens
    /// Tokens of the history the draft site holds.
    var draftHolds: Tokens
    /// Tokens of the history the target site holds.
    var targetHolds: Tokens
  }

  /// The conversation as the step finds it (all zero for a step that starts fresh).
  @inline(__always)
  static func entry<Tokens: TokenCount>(
    isConversation: Bool, draftSite: Int, targetSite: Int, contextSite: Int, cached: Tokens,
    pending: Tokens
  ) -> Entry<Tokens> {
    guard isConversation else {
      return Entry(pending: .zero, history: .zero, draftHolds: .zero, targetHolds: .zero)
    }
    return Entry(
      pending: pending, history: cached + pending,
      draftHolds: contextSite == draftSite ? cached : .zero,
      targetHolds: contextSite == targetSite ? cached : .zero)
  }

  /// Bytes of the request to the draft site (the prompt and pending results).
  @inline(__always)
  static func requestBytes<Tokens: TokenCount>(
    prompt: Tokens, entry: Entry<Tokens>, bytesPerToken: Double
  ) -> Double {
    (prompt + entry.pending).realValue * bytesPerToken
  }

  /// Bytes of history moved to the draft site (counted as transfer).
  @inline(__always)
  static func movedBytes<Tokens: TokenCount>(entry: Entry<Tokens>, bytesPerToken: Double)
    -> Double
  {
    (entry.history - entry.pending - entry.draftHolds).realValue * bytesPerToken
  }

  /// Bytes the draft sends the target before its prefill: the context it does not hold.
  @inline(__always)
  static func targetPromptBytes<Tokens: TokenCount>(
    context: Tokens, targetHolds: Tokens, bytesPerToken: Double
  ) -> Double {
    (context - targetHolds).realValue * bytesPerToken
  }

  /// Bytes of one round's proposals from draft to target.
  @inline(__always)
  static func roundBytes(draftTokens: Int, bytesPerToken: Double) -> Double {
    Double(draftTokens) * bytesPerToken
  }

  /// The conversation's cached tokens after the step, at the target: its context and output.
  @inline(__always)
  static func cachedAfter<Tokens: TokenCount>(context: Tokens, produced: Tokens) -> Tokens {
    context + produced
  }

  static func forEachLeg(
    of node: SpeculativeNode, orchestrator: Int, _ body: (Int, Int) -> Void
  ) {
    body(orchestrator, node.draftSite)
    body(node.draftSite, node.targetSite)
  }

  static func zeroLoad(
    _ node: SpeculativeNode, in analyzer: inout Analyzer, state: inout Analyzer.State
  ) -> Analyzer.Result {
    var result = Analyzer.Result()
    result.steps[node.step] = (1, [:])
    analyzer.notes.insert(.speculativeExpectedRounds)
    let bytesPerToken = analyzer.scenario.bytesPerToken
    let prompt = max(1, node.promptTokens.mean)
    let output = max(1, node.outputTokens.mean)
    let entry = entry(
      isConversation: node.isConversation, draftSite: node.draftSite,
      targetSite: node.targetSite, contextSite: state.contextSite, cached: state.cachedTokens,
      pending: state.pendingTokens)
    let full = prompt + entry.history
    analyzer.roundTrip(
      to: node.draftSite,
      requestBytes: requestBytes(prompt: prompt, entry: entry, bytesPerToken: bytesPerToken),
      movedBytes: movedBytes(entry: entry, bytesPerToken: bytesPerToken), step: node.step,
      state: &state, into: &result)
    let routes = analyzer.routes
    func hop(_ bytes: Double, from origin: Int, state: inout Analyzer.State) -> Double {
      let destination = origin == node.draftSite ? node.targetSite : node.draftSite
      guard let route = routes.route(from: origin, to: destination) else { return 0 }
      return analyzer.messageMilliseconds(route: route, bytes: bytes, state: &state)
    }
    let draftPrefill = analyzer.computeMilliseconds(
      site: node.draftSite, model: node.draftModel, newTokens: full - entry.draftHolds,
      cachedTokens: entry.draftHolds, outputTokens: 0)
    let targetPrefill = analyzer.computeMilliseconds(
      site: node.targetSite, model: node.targetModel, newTokens: full - entry.targetHolds,
      cachedTokens: entry.targetHolds, outputTokens: 1)
    result.addLeaf(step: node.step, .prefill, draftPrefill.prefill + targetPrefill.prefill)
    result.addLeaf(
      step: node.step, .network,
      hop(
        targetPromptBytes(
          context: full, targetHolds: entry.targetHolds, bytesPerToken: bytesPerToken),
        from: node.draftSite, state: &state)
        + hop(replyBytes, from: node.targetSite, state: &state))
    let rounds = ((output - 1) / node.expectedTokensPerRound).rounded(.up)
    let context = full + output / 2
    let draft = analyzer.computeMilliseconds(
      site: node.draftSite, model: node.draftModel, newTokens: 0, cachedTokens: context,
      outputTokens: Double(node.draftTokens))
    let verify = analyzer.computeMilliseconds(
      site: node.targetSite, model: node.targetModel, newTokens: Double(node.draftTokens),
      cachedTokens: context, outputTokens: 0)
    var network = 0.0
    for _ in 0..<Int(rounds) {
      network += hop(
        roundBytes(draftTokens: node.draftTokens, bytesPerToken: bytesPerToken),
        from: node.draftSite, state: &state)
      network += hop(replyBytes, from: node.targetSite, state: &state)
    }
    result.addLeaf(
      step: node.step, .decode,
      rounds * (draft.prefill + draft.decode + verify.prefill + verify.decode))
    result.addLeaf(step: node.step, .network, network)
    if node.isConversation {
      state.contextSite = node.targetSite
      state.cachedTokens = cachedAfter(context: full, produced: output)
      state.pendingTokens = 0
    }
    return result
  }

  /// Network hops only: the prompt to the draft site and on to the target, one reply back, and
  /// the response to the orchestrator (compute is not bounded here).
  static func lowerBound(
    _ node: SpeculativeNode, in evaluator: inout BoundEvaluator, open: inout Set<Int>
  ) -> BoundEvaluator.Bound {
    let bytesPerToken = evaluator.scenario.bytesPerToken
    let prompt = Int32(evaluator.tokens(node.promptTokens, minimum: 1))
    let fresh = Entry<Int32>(pending: 0, history: 0, draftHolds: 0, targetHolds: 0)
    var latency = evaluator.request(
      to: node.draftSite,
      bytes: requestBytes(prompt: prompt, entry: fresh, bytesPerToken: bytesPerToken),
      open: &open)
    latency += evaluator.message(
      from: node.draftSite, to: node.targetSite,
      bytes: targetPromptBytes(context: prompt, targetHolds: 0, bytesPerToken: bytesPerToken),
      open: &open)
    latency += evaluator.message(
      from: node.targetSite, to: node.draftSite, bytes: replyBytes, open: &open)
    latency += evaluator.response(from: node.draftSite)
    // The parts counted: each hop of these messages (compute is not bounded here).
    let origin = evaluator.scenario.orchestratorSite
    var excess = evaluator.messageExcess(from: origin, to: node.draftSite)
    excess = pointwiseMax(
      excess, evaluator.messageExcess(from: node.draftSite, to: node.targetSite))
    excess = pointwiseMax(
      excess, evaluator.messageExcess(from: node.targetSite, to: node.draftSite))
    excess = pointwiseMax(excess, evaluator.messageExcess(from: node.draftSite, to: origin))
    return BoundEvaluator.Bound(latency: latency, excess: excess)
  }
}
