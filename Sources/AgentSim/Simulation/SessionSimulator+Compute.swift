import SimulationKernel

extension ObservedSessionSimulator {
  /// Runs an inference request for `frame` at `site`, then resumes the frame (its phase already
  /// advanced). Prefill of `newTokens` after `cachedTokens` yields the first output token; the rest
  /// are decode steps.
  mutating func startCompute(
    _ frame: FrameID, site: Int, model: Int, newTokens: Int32, cachedTokens: Int32,
    outputTokens: Int32, scheduler: inout Scheduler<Event>
  ) {
    switch siteKinds[site] {
    case .device:
      guard let roofline = deviceRooflines[site * max(scenario.modelNames.count, 1) + model] else {
        preconditionFailure("site \(scenario.sites[site].name) serves no model \(model)")
      }
      computeOnDevice(
        frame, roofline: roofline, newTokens: newTokens, cachedTokens: cachedTokens,
        outputTokens: outputTokens, scheduler: &scheduler)
    case .shared:
      let pool = poolIndexBySiteModel[site * max(scenario.modelNames.count, 1) + model]
      guard pool.exists else {
        preconditionFailure("site \(scenario.sites[site].name) serves no model \(model)")
      }
      enqueue(
        frame, pool: pool, newTokens: newTokens, cachedTokens: cachedTokens,
        outputTokens: outputTokens, scheduler: &scheduler)
    case .hostedAPI:
      guard case .hostedAPI(let api) = scenario.sites[site].kind else { return }
      if let prompt = api.promptCache, isConversationCall(frame) {
        hostedCachedCompute(
          frame, site: site, api: api, prompt: prompt, newTokens: newTokens,
          cachedTokens: cachedTokens, outputTokens: outputTokens, scheduler: &scheduler)
        return
      }
      let generator = frames[frame].generator
      var draws = generator
      let timeToFirstToken = SimDuration.saturating(
        milliseconds: api.timeToFirstToken.sample(using: &draws))
      let perToken = max(0, api.timePerToken.sample(using: &draws))
      frames[frame].generator = draws
      let decode = SimDuration.saturating(
        milliseconds: perToken * Double(max(0, outputTokens - 1)))
      let session = frames[frame].session
      sessions[session].costDollars +=
        (Double(newTokens + cachedTokens) * api.inputPricePerMillion
          + Double(outputTokens) * api.outputPricePerMillion) / 1e6
      recordCompute(
        frame, queueing: .zero, prefill: timeToFirstToken, decode: decode)
      frames[frame].firstTokenAt = scheduler.now + timeToFirstToken
      scheduler.schedule(.resume(frame), after: timeToFirstToken + decode)
    }
  }

  /// Adds a request's queueing, prefill and decode time to its frame (a speculative round's
  /// verification counts as decode: it produces tokens).
  mutating func recordCompute(
    _ frame: FrameID, queueing: SimDuration, prefill: SimDuration, decode: SimDuration
  ) {
    frames[frame].times.addOnPath(queueing, to: .queueing)
    if frames[frame].computeAsDecode {
      frames[frame].times.addOnPath(prefill + decode, to: .decode)
    } else {
      frames[frame].times.addOnPath(prefill, to: .prefill)
      frames[frame].times.addOnPath(decode, to: .decode)
    }
  }

  /// The device runs one request at a time for its session, first come first served; the timing is
  /// known when the request arrives, so it needs no server events.
  mutating func computeOnDevice(
    _ frame: FrameID, roofline: Roofline, newTokens: Int32, cachedTokens: Int32,
    outputTokens: Int32, scheduler: inout Scheduler<Event>
  ) {
    let session = frames[frame].session
    let now = scheduler.now
    let start = max(now, sessions[session].deviceBusyUntil)
    // The engine's once-per-request work (tokenization, setup) precedes the first token.
    let prefillSeconds =
      roofline.requestOverheadSeconds
      + (newTokens > 0
        ? roofline.prefillSeconds(promptTokens: Int(newTokens), cachedTokens: Int(cachedTokens))
        : 0)
    // With a prefill, its last position yields the first output token; without one (everything
    // cached), every output token is a decode step.
    let producedByPrefill: Int32 = newTokens > 0 ? 1 : 0
    let decodeCount = max(0, Int(outputTokens - producedByPrefill))
    let decodeSeconds = DecodeTime.sum(
      roofline: roofline, firstContext: Int(cachedTokens + newTokens + producedByPrefill),
      steps: decodeCount)
    let prefill = SimDuration.saturating(seconds: prefillSeconds)
    let decode = SimDuration.saturating(seconds: decodeSeconds)
    let end = start + prefill + decode
    sessions[session].deviceBusyUntil = end
    sessions[session].deviceBusyNanoseconds += (prefill + decode).nanoseconds
    frames[frame].firstTokenAt =
      producedByPrefill > 0
      ? start + prefill
      : start + prefill
        + .saturating(
          seconds: DecodeTime.sum(roofline: roofline, firstContext: Int(cachedTokens), steps: 1))
    recordCompute(frame, queueing: start - now, prefill: prefill, decode: decode)
    scheduler.schedule(.resume(frame), after: end - now)
  }

  // MARK: - Speculative decoding

  /// Moves the step through its `SpeculativePhase`s: prompt to the draft site, draft prefill, on
  /// to the target, target prefill (its first token), back to the draft; then rounds of drafting,
  /// sending, verifying and returning until the output is complete; then the response.
  ///
  /// In a conversation, `promptTokens` holds the history plus the new prompt, `cachedTokens` the
  /// history the draft site holds and `newTokens` the history the target site holds; each model
  /// prefills the rest, and the first visible token reaches the user through the draft site.
  mutating func advanceSpeculative(
    _ frame: FrameID, _ index: Int, scheduler: inout Scheduler<Event>
  ) {
    let node = program.speculatives[index]
    let promptTokens = frames[frame].promptTokens
    let context = promptTokens + frames[frame].counter
    switch frames[frame].speculativePhase {
    case .start:
      if Observer.isActive { countModelCall(frame) }
      let prompt = drawTokens(node.promptTokens, frame: frame, minimum: 1)
      frames[frame].outputTokens = drawTokens(
        node.outputTokens, frame: frame, minimum: 1)
      let owner = frames[frame].contextOwner
      let entry = SpeculativeSemantics.entry(
        isConversation: node.isConversation, draftSite: node.draftSite,
        targetSite: node.targetSite, contextSite: Int(frames[owner].contextSite),
        cached: frames[owner].contextCachedTokens,
        pending: frames[owner].contextPendingTokens)
      let history = entry.history
      frames[frame].promptTokens = prompt + history
      frames[frame].cachedTokens = entry.draftHolds
      frames[frame].newTokens = entry.targetHolds
      // Past the smaller window, the oldest history goes (both models prefill what is kept).
      let window = node.contextWindow
      let output = frames[frame].outputTokens
      if Int64(prompt) + Int64(history) + Int64(output) > Int64(window) {
        contextTruncations += 1
        frames[frame].outputTokens = min(output, window)
        frames[frame].promptTokens = max(window - output, 0)
        frames[frame].cachedTokens = 0
        frames[frame].newTokens = 0
      }
      frames[frame].site = Int32(node.draftSite)
      frames[frame].speculativePhase = .sendingPrompt
      sendRequest(
        frame, to: node.draftSite,
        bytes: SpeculativeSemantics.requestBytes(
          prompt: prompt, entry: entry, bytesPerToken: scenario.bytesPerToken),
        extraTransferBytes: SpeculativeSemantics.movedBytes(
          entry: entry, bytesPerToken: scenario.bytesPerToken), scheduler: &scheduler)
    case .sendingPrompt:
      frames[frame].speculativePhase = .draftPrefill
      let cached = frames[frame].cachedTokens
      startCompute(
        frame, site: node.draftSite, model: node.draftModel, newTokens: promptTokens - cached,
        cachedTokens: cached, outputTokens: 0, scheduler: &scheduler)
    case .draftPrefill:
      frames[frame].speculativePhase = .sendingToTarget
      sendMessage(
        frame, from: node.draftSite, to: node.targetSite,
        bytes: SpeculativeSemantics.targetPromptBytes(
          context: promptTokens, targetHolds: frames[frame].newTokens,
          bytesPerToken: scenario.bytesPerToken), scheduler: &scheduler)
    case .sendingToTarget:
      frames[frame].speculativePhase = .targetPrefill
      let cached = frames[frame].newTokens
      startCompute(
        frame, site: node.targetSite, model: node.targetModel, newTokens: promptTokens - cached,
        cachedTokens: cached, outputTokens: 1, scheduler: &scheduler)
    case .targetPrefill:
      frames[frame].counter = 1
      returnToDraft(frame, node, scheduler: &scheduler)
    case .returningForRound:
      noteFirstSpeculativeToken(frame, node, now: scheduler.now)
      frames[frame].speculativePhase = .drafting
      frames[frame].computeAsDecode = true
      startCompute(
        frame, site: node.draftSite, model: node.draftModel, newTokens: 0,
        cachedTokens: context, outputTokens: Int32(node.draftTokens), scheduler: &scheduler)
    case .drafting:
      frames[frame].speculativePhase = .sendingDrafts
      sendMessage(
        frame, from: node.draftSite, to: node.targetSite,
        bytes: SpeculativeSemantics.roundBytes(
          draftTokens: node.draftTokens, bytesPerToken: scenario.bytesPerToken),
        scheduler: &scheduler)
    case .sendingDrafts:
      frames[frame].speculativePhase = .verifying
      startCompute(
        frame, site: node.targetSite, model: node.targetModel,
        newTokens: Int32(node.draftTokens), cachedTokens: context, outputTokens: 0,
        scheduler: &scheduler)
    case .verifying:
      // Accepted drafts: a run of successes, each with probability α, at most k; plus the
      // target's own token.
      var accepted: Int32 = 0
      while Int(accepted) < node.draftTokens
        && frames[frame].generator.nextUniform() < node.acceptanceRate
      {
        accepted += 1
      }
      // The verifying pass is a prefill of the drafts (no output of its own): the tokens it
      // accepts, and the target's own, up to the answer's length, are what a shared target site
      // produced this round.
      if siteKinds[node.targetSite] == .shared {
        let pool = poolIndexBySiteModel[
          node.targetSite * max(scenario.modelNames.count, 1) + node.targetModel]
        let remaining = max(0, frames[frame].outputTokens - frames[frame].counter)
        batching.countVerifiedTokens(min(accepted + 1, remaining), pool: pool)
      }
      frames[frame].counter += accepted + 1
      countWork(frame, step: node.step, scheduler: &scheduler)
      returnToDraft(frame, node, scheduler: &scheduler)
    case .returningDone:
      noteFirstSpeculativeToken(frame, node, now: scheduler.now)
      frames[frame].speculativePhase = .responding
      frames[frame].site = Int32(node.draftSite)
      if node.isConversation {
        let owner = frames[frame].contextOwner
        frames[owner].contextSite = Int32(node.targetSite)
        let produced = min(frames[frame].counter, frames[frame].outputTokens)
        frames[owner].contextCachedTokens = SpeculativeSemantics.cachedAfter(
          context: promptTokens, produced: produced)
        frames[owner].contextPendingTokens = 0
      }
      sendResponse(frame, scheduler: &scheduler)
    case .responding:
      completeLeaf(frame, step: node.step, scheduler: &scheduler)
    }
  }

  /// Back at the draft site after the first target pass (the target's first token, carried over
  /// the link): the visible token reaches the user one response hop later.
  mutating func noteFirstSpeculativeToken(
    _ frame: FrameID, _ node: CompiledProgram.SpeculativeLeaf, now: SimTime
  ) {
    guard node.isVisible, frames[frame].counter == 1 else { return }
    noteVisible(frame, at: now + frames[frame].responseLatency)
  }

  /// After a target pass: carry the result back to the draft site and either start the next round
  /// or finish.
  mutating func returnToDraft(
    _ frame: FrameID, _ node: CompiledProgram.SpeculativeLeaf, scheduler: inout Scheduler<Event>
  ) {
    let isDone = frames[frame].counter >= frames[frame].outputTokens
    frames[frame].speculativePhase = isDone ? .returningDone : .returningForRound
    sendMessage(
      frame, from: node.targetSite, to: node.draftSite, bytes: SpeculativeSemantics.replyBytes,
      scheduler: &scheduler)
  }
}

/// Sums of decode-step times over a growing context, exactly and in O(log n) engine calls.
enum DecodeTime {
  /// Σ_{i=0}^{steps−1} decodeStepSeconds(batch 1, context firstContext + i).
  ///
  /// - Complexity: O(*b* log *n*) engine evaluations for *b* breakpoints and *n* steps.
  static func sum(roofline: Roofline, firstContext: Int, steps: Int) -> Double {
    ConvexSum.sum(count: steps) { index in
      roofline.decodeStepSeconds(batchSize: 1, contextTokens: firstContext + index)
    }
  }
}

/// Exact sums of a convex, piecewise-linear function over consecutive integers.
///
/// An iteration's time is a maximum of terms linear in the context (a roofline of linear FLOP and
/// byte counts) plus constants: convex and piecewise linear with few breakpoints. Over a range where
/// it is linear the sum is the count times the mean of the end values, and for a convex function
/// the midpoint lying on the chord proves the range linear; otherwise the range is split. This keeps
/// whole decode phases and decode stretches off a per-token loop.
enum ConvexSum {
  /// Σ_{i=0}^{count−1} f(i).
  ///
  /// - Complexity: O(*b* log *n*) evaluations of `f` for *b* breakpoints.
  static func sum(count: Int, _ f: (Int) -> Double) -> Double {
    guard count > 0 else { return 0 }
    return sum(f, from: 0, to: count - 1, depth: 0)
  }

  private static func sum(_ f: (Int) -> Double, from low: Int, to high: Int, depth: Int)
    -> Double
  {
    let lowValue = f(low)
    if low == high { return lowValue }
    let highValue = f(high)
    if high - low < 8 || depth > 40 {
      var total = lowValue + highValue
      if high - low > 1 {
        for index in (low + 1)..<high { total += f(index) }
      }
      return total
    }
    let middle = (low + high) / 2
    let middleValue = f(middle)
    let interpolated =
      lowValue + (highValue - lowValue) * Double(middle - low) / Double(high - low)
    if abs(middleValue - interpolated) <= 1e-12 * max(abs(middleValue), 1e-30) {
      return Double(high - low + 1) * (lowValue + highValue) / 2
    }
    return sum(f, from: low, to: middle, depth: depth + 1)
      + sum(f, from: middle + 1, to: high, depth: depth + 1)
  }
}
