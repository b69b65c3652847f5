import SimulationKernel

/// A model call, defined once: its request on the wire, what it takes from and leaves in the
/// conversation, its route, its zero-load time and its lower bound.
///
/// On the wire, the request carries the new prompt and the pending results (tokens × bytes per
/// token); history cached at another site moves with it as `transfer`; the response carries no
/// bytes (its tokens stream back within the one-way latency). In a conversation the call reuses
/// the prefix cached at its own site and prefills the rest; afterwards the conversation (history,
/// prompt, pending results and output) is cached at that site with nothing pending.
enum LLMSemantics: StepSemantics {
  /// What a call finds of its conversation when it starts.
  struct Entry<Tokens: TokenCount> {
    /// The prefix cached at the call's site: reused, not prefilled.
    var cached: Tokens
    /// The history cached at another site: moved here and prefilled again.
    var moved: Tokens
    /// Results and outputs no model has seen yet: sent with the prompt and prefilled.
    var pending: Tokens
  }

  /// The conversation as a call at `site` finds it (all zero for a call that starts fresh).
  @inline(__always)
  static func entry<Tokens: TokenCount>(
    isConversation: Bool, site: Int, contextSite: Int, cached: Tokens, pending: Tokens
  ) -> Entry<Tokens> {
    guard isConversation else { return Entry(cached: .zero, moved: .zero, pending: .zero) }
    return contextSite == site
      ? Entry(cached: cached, moved: .zero, pending: pending)
      : Entry(cached: .zero, moved: cached, pending: pending)
  }

  /// Tokens the call prefills after its cached prefix: prompt, pending results and moved history.
  @inline(__always)
  static func newTokens<Tokens: TokenCount>(prompt: Tokens, entry: Entry<Tokens>) -> Tokens {
    Tokens.conversationSum(prompt, entry.pending, entry.moved)
  }

  /// Bytes of the request (the prompt and pending results).
  @inline(__always)
  static func requestBytes<Tokens: TokenCount>(
    prompt: Tokens, entry: Entry<Tokens>, bytesPerToken: Double
  ) -> Double {
    (prompt + entry.pending).realValue * bytesPerToken
  }

  /// Bytes of history moved to the call's site (counted as transfer).
  @inline(__always)
  static func movedBytes<Tokens: TokenCount>(entry: Entry<Tokens>, bytesPerToken: Double)
    -> Double
  {
    entry.moved.realValue * bytesPerToken
  }

  /// The conversation's cached tokens after the call, at its site.
  @inline(__always)
  static func cachedAfter<Tokens: TokenCount>(
    cached: Tokens, newTokens: Tokens, output: Tokens
  ) -> Tokens {
    Tokens.conversationSum(cached, newTokens, output)
  }

  static func forEachLeg(of node: LLMNode, orchestrator: Int, _ body: (Int, Int) -> Void) {
    body(orchestrator, node.site)
    if case .fallback(let site) = node.outageResponse { body(orchestrator, site) }
  }

  static func zeroLoad(
    _ call: LLMNode, in analyzer: inout Analyzer, state: inout Analyzer.State
  ) -> Analyzer.Result {
    var result = Analyzer.Result()
    result.steps[call.step] = (1, [:])
    let scenario = analyzer.scenario
    let prompt = max(0, call.promptTokens.mean)
    let output = max(1, call.outputTokens.mean)
    if call.promptTokens.variance > 0 || call.outputTokens.variance > 0 {
      analyzer.notes.insert(.randomTokensAtMeans)
    }
    let entry = entry(
      isConversation: call.isConversation, site: call.site, contextSite: state.contextSite,
      cached: state.cachedTokens, pending: state.pendingTokens)
    // A prefix the site's cache cannot hold is prefilled again (it was not sent again).
    let found = analyzer.prefixCacheFinds(entry.cached, site: call.site, model: call.model)
    let newTokens = newTokens(prompt: prompt, entry: entry) + (entry.cached - found.cached)
    let cached = found.cached
    analyzer.roundTrip(
      to: call.site,
      requestBytes: requestBytes(
        prompt: prompt, entry: entry, bytesPerToken: scenario.bytesPerToken),
      movedBytes: movedBytes(entry: entry, bytesPerToken: scenario.bytesPerToken),
      step: call.step, state: &state, into: &result)
    var (prefill, decode) = analyzer.computeMilliseconds(
      site: call.site, model: call.model, newTokens: newTokens, cachedTokens: cached,
      outputTokens: output)
    if call.isConversation,
      let firstToken = analyzer.hostedCachedFirstToken(site: call.site, cached: cached)
    {
      prefill = firstToken
    }
    if found.hostCopyMilliseconds > 0 {
      result.addLeaf(step: call.step, .transfer, found.hostCopyMilliseconds)
    }
    result.addLeaf(step: call.step, .prefill, prefill)
    result.addLeaf(step: call.step, .decode, decode)
    if call.isConversation {
      state.contextSite = call.site
      state.cachedTokens = cachedAfter(cached: cached, newTokens: newTokens, output: output)
      state.pendingTokens = 0
    }
    return result
  }

  static func lowerBound(
    _ call: LLMNode, in evaluator: inout BoundEvaluator, open: inout Set<Int>
  ) -> BoundEvaluator.Bound {
    evaluator.alternatives(site: call.site, policy: call.outageResponse, open: &open) {
      evaluator, site, open in
      lowerBound(call, at: site, evaluator: evaluator, open: &open)
    }
  }

  /// The draws a call's bound depends on: its token counts and, at a hosted API, its time to
  /// the first token and per token.
  struct Draws {
    var prompt: Int
    var output: Int
    var firstToken: Double?
    var perToken: Double?
  }

  /// The bound of the call placed at `site`: the fewest tokens, nothing cached or pending, and
  /// as excess the largest lift one draw gives at each level (a token count, the hosted API's
  /// times, a hop of the request or the response).
  static func lowerBound(
    _ call: LLMNode, at site: Int, evaluator: BoundEvaluator, open: inout Set<Int>
  ) -> BoundEvaluator.Bound {
    let fewest = Draws(
      prompt: evaluator.tokens(call.promptTokens, minimum: 0),
      output: evaluator.tokens(call.outputTokens, minimum: 1))
    let entryOpen = open
    var bound = lowerBound(call, at: site, draws: fewest, evaluator: evaluator, open: &open)
    let prompts = evaluator.tokens(call.promptTokens, minimum: 0, levels: evaluator.levels)
    let outputs = evaluator.tokens(call.outputTokens, minimum: 1, levels: evaluator.levels)
    // A call whose context exceeds its window keeps the last `window − output` tokens of its
    // prompt, and an output longer than the window stops at it.
    let window = max(call.contextWindowTokens, 1)
    var hosted: (firstToken: SIMD2<Double>, perToken: SIMD2<Double>)?
    if case .hostedAPI(let api) = evaluator.scenario.sites[site].kind, api.promptCache == nil {
      // With a prompt cache the first token comes from one of two distributions, so its
      // quantile is not a bound: only the uncached API's times count as parts.
      hosted = (evaluator.quantiles(api.timeToFirstToken), evaluator.quantiles(api.timePerToken))
    }
    for level in 0..<2 {
      let output = min(level == 0 ? outputs.0 : outputs.1, window)
      var variants = [
        Draws(
          prompt: min(level == 0 ? prompts.0 : prompts.1, max(0, window - fewest.output)),
          output: fewest.output),
        Draws(prompt: min(fewest.prompt, max(0, window - output)), output: output),
      ]
      if let hosted {
        variants.append(
          Draws(prompt: fewest.prompt, output: fewest.output, firstToken: hosted.firstToken[level]))
        variants.append(
          Draws(prompt: fewest.prompt, output: fewest.output, perToken: hosted.perToken[level]))
      }
      for draws in variants {
        var variantOpen = entryOpen
        let lifted = lowerBound(
          call, at: site, draws: draws, evaluator: evaluator, open: &variantOpen)
        bound.excess[level] = max(bound.excess[level], lifted.latency - bound.latency)
      }
    }
    let hops = pointwiseMax(
      evaluator.messageExcess(from: evaluator.scenario.orchestratorSite, to: site),
      evaluator.messageExcess(from: site, to: evaluator.scenario.orchestratorSite))
    bound.excess = pointwiseMax(bound.excess, hops)
    return bound
  }

  /// The bound of the call at `site` with the given draws (nothing cached or pending).
  static func lowerBound(
    _ call: LLMNode, at site: Int, draws: Draws, evaluator: BoundEvaluator,
    open: inout Set<Int>
  ) -> BoundEvaluator.Bound {
    let scenario = evaluator.scenario
    let prompt = draws.prompt
    let output = draws.output
    var bound = BoundEvaluator.Bound()
    let fresh = Entry<Int32>(cached: 0, moved: 0, pending: 0)
    bound.latency += evaluator.request(
      to: site,
      bytes: requestBytes(
        prompt: Int32(prompt), entry: fresh, bytesPerToken: scenario.bytesPerToken),
      open: &open)
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
      var firstToken = draws.firstToken ?? api.timeToFirstToken.lowerBound
      var inputPrice = api.inputPricePerMillion
      if let cache = api.promptCache {
        firstToken = min(firstToken, cache.cachedTimeToFirstToken.lowerBound)
        inputPrice = min(
          inputPrice, cache.cachedInputPricePerMillion, cache.cacheWritePricePerMillion)
      }
      bound.latency += max(0, firstToken)
      bound.latency +=
        max(0, draws.perToken ?? api.timePerToken.lowerBound) * Double(output - 1)
      bound.cost +=
        (Double(prompt) * inputPrice + Double(output) * api.outputPricePerMillion) / 1e6
    }
    bound.latency += evaluator.response(from: site)
    return bound
  }

  /// Seconds of one call alone: a prefill of `prompt` new tokens with nothing cached (at least
  /// one token's worth when the prompt may be empty), then `output − 1` decode steps.
  static func computeSeconds(engine: InferenceEngine, prompt: Int, output: Int) -> Double {
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
  static func cheapestIterationSeconds(_ engine: InferenceEngine) -> Double {
    min(
      engine.prefillSeconds(promptTokens: 1, cachedTokens: 0),
      engine.decodeStepSeconds(batchSize: 1, contextTokens: 0))
  }
}
