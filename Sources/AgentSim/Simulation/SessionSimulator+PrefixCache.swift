import SimulationKernel

/// The simulator's prefix caches: which cache (`PrefixCache` slot) belongs to which replica or
/// hosted API, the routing of conversation calls, and the calls in flight that will store a prefix.
struct ConversationCaches {
  /// The caches themselves.
  var cache: PrefixCache
  /// Per pool: the slot of its first replica (replicas follow in order), or -1 without a cache.
  var poolFirstSlot: ContiguousArray<Int32>
  /// Per site: the slot of a hosted API's prompt cache, or -1.
  var hostedSlot: ContiguousArray<Int32>
  /// Per frame id: the slot where the frame's request stores its conversation when it completes,
  /// or -1.
  var pendingSlot = ContiguousArray<Int32>()
  /// Per frame id: the replica a request waits for after a copy from host memory, or `none`.
  var pendingReplica = ContiguousArray<ReplicaID>()
  /// Per frame id: the fraction of its request's prefill that re-prefills a lost prefix (what
  /// the miss cost over the whole prefill, both alone on the engine), or 0.
  var reprefillFraction = ContiguousArray<Double>()

  /// One slot per replica of every pool with a prefix cache, and one per hosted API with a prompt
  /// cache.
  init(scenario: Scenario) {
    var cache = PrefixCache()
    var poolFirstSlot = ContiguousArray<Int32>()
    var hostedSlot = ContiguousArray<Int32>()
    for pool in scenario.pools {
      guard let settings = pool.prefixCache else {
        poolFirstSlot.append(-1)
        continue
      }
      poolFirstSlot.append(Int32(cache.slots.count))
      for _ in 0..<pool.replicas {
        _ = cache.addSlot(
          capacityTokens: settings.capacityTokens, timeToLive: settings.timeToLive,
          hostCapacityTokens: settings.hostCapacityTokens)
      }
    }
    for site in scenario.sites {
      guard case .hostedAPI(let api) = site.kind, let prompt = api.promptCache else {
        hostedSlot.append(-1)
        continue
      }
      hostedSlot.append(
        Int32(
          cache.addSlot(
            capacityTokens: .max, timeToLive: prompt.timeToLive, hostCapacityTokens: 0)))
    }
    self.cache = cache
    self.poolFirstSlot = poolFirstSlot
    self.hostedSlot = hostedSlot
    isActive = cache.isActive
  }

  /// Whether any cache exists. Stored, not computed from `cache`: the hot loop reads it on every
  /// request and frame release, and a computed property through the nested component cost about
  /// 30 instructions each there (callgrind, agent-loop).
  let isActive: Bool

  /// Makes the per-frame tables cover `frame`.
  mutating func cover(_ frame: FrameID) {
    let needed = frame.index + 1
    if pendingSlot.count < needed {
      let more = max(needed, pendingSlot.count * 2) - pendingSlot.count
      pendingSlot.append(contentsOf: repeatElement(-1, count: more))
      pendingReplica.append(contentsOf: repeatElement(.none, count: more))
      reprefillFraction.append(contentsOf: repeatElement(0, count: more))
    }
  }

  /// A request of `frame` is about to be queued at a pool: forget what a cancelled earlier
  /// request of the same frame id left pending (unless this frame waits for a host copy).
  mutating func beginRequest(_ frame: FrameID) {
    cover(frame)
    if pendingReplica[frame.index].isNone {
      pendingSlot[frame.index] = -1
      reprefillFraction[frame.index] = 0
    }
  }

  /// Counters summed over `slots`.
  func counters(slots: Range<Int>) -> PrefixCache.Counters {
    var total = PrefixCache.Counters()
    for slot in slots { total.add(cache.slots[slot].counters) }
    return total
  }
}

extension ObservedSessionSimulator {
  /// Whether `frame` is an LLM call that continues its conversation (the calls a prefix cache
  /// serves; speculative steps keep a conversation at one site for ever, as before caches).
  func isConversationCall(_ frame: FrameID) -> Bool {
    let entry = program.entries[Int(frames[frame].node)]
    return entry.kind == .llm && program.llms[Int(entry.index)].isConversation
  }

  /// The conversation that encloses `owner`'s (the parallel section's parent), or none.
  func enclosingOwner(of owner: FrameID) -> FrameID {
    let parent = frames[owner].parent
    return parent.exists ? frames[parent].contextOwner : .none
  }

  /// Tokens of the conversation's prefix (its own, or an enclosing one's) that `slot` holds.
  func heldTokens(_ slot: Int, owner: FrameID, now: SimTime) -> Int {
    var conversation = owner
    while conversation.exists {
      let held = caches.cache.heldTokens(
        slot, conversation: caches.cache.key(owner: conversation), now: now)
      if held > 0 { return held }
      conversation = enclosingOwner(of: conversation)
    }
    return 0
  }

  /// Looks the conversation up in `slot`: its own prefix (claimed), else an enclosing one's.
  mutating func lookUpConversation(_ slot: Int, owner: FrameID, now: SimTime) -> PrefixCache.Claim {
    var conversation = owner
    var wasExpired = false
    while conversation.exists {
      let claim = caches.cache.lookUp(
        slot, conversation: caches.cache.key(owner: conversation), claims: conversation == owner,
        now: now)
      if claim.tokens > 0 { return claim }
      if case .none(true) = claim { wasExpired = true }
      conversation = enclosingOwner(of: conversation)
    }
    return .none(wasExpired: wasExpired)
  }

  /// Routes a conversation call at a pool with a prefix cache and looks its prefix up at the
  /// replica chosen: what the replica no longer holds moves from `cachedTokens` to `newTokens`
  /// (re-prefill). A prefix found in host memory is copied first: the frame then waits for the
  /// copy and enqueues again (returns nil).
  ///
  /// - Returns: The replica to queue at, or nil when the request waits for a host copy.
  // Out of line: runs without caches keep their hot paths as small as before caches.
  @inline(never)
  mutating func routeConversation(
    _ frame: FrameID, pool: PoolID, newTokens: inout Int32, cachedTokens: inout Int32,
    scheduler: inout Scheduler<Event>
  ) -> ReplicaID? {
    caches.cover(frame)
    let waiting = caches.pendingReplica[frame.index]
    if waiting.exists {
      caches.pendingReplica[frame.index] = .none
      return waiting
    }
    // `Scenario.pools` and the caches' per-pool slots are plain arrays, by the pool's index.
    guard let settings = scenario.pools[pool.index].prefixCache else { return nil }
    let now = scheduler.now
    let first = batching.pools[pool].firstReplica
    let firstSlot = Int(caches.poolFirstSlot[pool.index])
    let owner = frames[frame].contextOwner
    var replica = batching.leastLoadedReplica(pool: pool)
    if settings.routing == .prefixAffinity && cachedTokens > 0 {
      var best = ReplicaID.none
      var bestTokens = 0
      // By offset: a pool's replicas are consecutive ids, and its cache slots consecutive slots.
      for offset in 0..<batching.pools[pool].replicas {
        let held = heldTokens(firstSlot + offset, owner: owner, now: now)
        if held > bestTokens {
          best = first.advanced(by: offset)
          bestTokens = held
        }
      }
      if best.exists, batching.replicas[best].waiting.count <= settings.affinityQueueLimit {
        replica = best
      }
    }
    let slot = firstSlot + replica.index - first.index
    caches.pendingSlot[frame.index] = Int32(slot)
    guard cachedTokens > 0 else { return replica }
    // The running batch may have grown into the cache's memory since the last store.
    caches.cache.trim(slot, limit: cacheLimit(slot: slot, replica: replica))
    let claim = lookUpConversation(slot, owner: owner, now: now)
    caches.cache.count(slot, wantedTokens: Int(cachedTokens), found: claim)
    let found = Int32(min(claim.tokens, Int(cachedTokens)))
    if found < cachedTokens {
      // What the miss costs: the same call's prefill with and without the lost prefix, alone.
      let engine = scenario.pools[pool.index].engine
      let withLoss = engine.prefillSeconds(
        promptTokens: Int(newTokens + cachedTokens - found), cachedTokens: Int(found))
      let withoutLoss = engine.prefillSeconds(
        promptTokens: Int(newTokens), cachedTokens: Int(cachedTokens))
      caches.cache.addReprefill(slot, seconds: max(0, withLoss - withoutLoss))
      caches.reprefillFraction[frame.index] =
        withLoss > 0 ? min(1, max(0, (withLoss - withoutLoss) / withLoss)) : 0
    }
    newTokens = Self.tokenSum(newTokens, cachedTokens - found)
    cachedTokens = found
    frames[frame].newTokens = newTokens
    frames[frame].cachedTokens = cachedTokens
    guard claim.isFromHost, found > 0 else { return replica }
    // The copy from host memory precedes admission; it moves context, so it counts as transfer.
    let copy = SimDuration.saturating(seconds: Double(found) * settings.hostCopySecondsPerToken)
    frames[frame].times.addOnPath(copy, to: .transfer)
    caches.pendingReplica[frame.index] = replica
    // Back to the request's arrival: when the copy is done, the call starts its compute again.
    frames[frame].llmPhase = .sendingRequest
    scheduler.schedule(.resume(frame), after: copy)
    return nil
  }

  /// The accelerator-memory tokens `slot` (of `replica`) may hold now.
  func cacheLimit(slot: Int, replica: ReplicaID) -> Int {
    let pool = batching.replicas[replica].pool
    return caches.cache.limit(
      slot, left: batching.pools[pool].capacityTokens - batching.replicas[replica].kvUsedTokens)
  }

  /// A request of `frame` completed at `replica`: its conversation's prefix (history, prompt and
  /// output) is cached there, if the request was a conversation call at a cached pool.
  // Out of line: runs without caches keep their hot paths as small as before caches.
  @inline(never)
  mutating func storeConversation(_ frame: FrameID, replica: ReplicaID, now: SimTime) {
    guard frame.index < caches.pendingSlot.count, caches.pendingSlot[frame.index] >= 0 else {
      return
    }
    let slot = Int(caches.pendingSlot[frame.index])
    caches.pendingSlot[frame.index] = -1
    let tokens = Self.tokenSum(
      frames[frame].cachedTokens, frames[frame].newTokens,
      frames[frame].outputTokens)
    caches.cache.store(
      slot, conversation: caches.cache.key(owner: frames[frame].contextOwner),
      tokens: Int(tokens), now: now, limit: cacheLimit(slot: slot, replica: replica))
  }

  /// Looks a conversation call's prefix up in a hosted API's prompt cache at `now` (a prefix
  /// unused for longer than the lifetime has expired).
  ///
  /// - Returns: The tokens still cached (the rest of `cachedTokens` is sent and written again).
  mutating func lookUpHosted(_ frame: FrameID, site: Int, cachedTokens: Int32, now: SimTime)
    -> Int32
  {
    guard cachedTokens > 0 else { return 0 }
    let slot = Int(caches.hostedSlot[site])
    let claim = lookUpConversation(slot, owner: frames[frame].contextOwner, now: now)
    caches.cache.count(slot, wantedTokens: Int(cachedTokens), found: claim)
    return Int32(min(claim.tokens, Int(cachedTokens)))
  }

  /// Caches a hosted conversation call's whole context, last used when its response ends.
  mutating func storeHosted(_ frame: FrameID, site: Int, tokens: Int32, at time: SimTime) {
    caches.cache.store(
      Int(caches.hostedSlot[site]),
      conversation: caches.cache.key(owner: frames[frame].contextOwner),
      tokens: Int(tokens), now: time, limit: .max)
  }
}

extension ObservedSessionSimulator {
  /// A conversation call at a hosted API with a prompt cache: the cached part of its context is
  /// billed at the cached price and makes the first token come sooner (`cached_ttft_ms`); the
  /// rest (new tokens, and the whole history after the cache expired) is written at the write
  /// price.
  // Out of line: runs without caches keep their hot paths as small as before caches.
  @inline(never)
  mutating func hostedCachedCompute(
    _ frame: FrameID, site: Int, api: HostedAPISite, prompt: HostedPromptCache, newTokens: Int32,
    cachedTokens: Int32, outputTokens: Int32, scheduler: inout Scheduler<Event>
  ) {
    let found = lookUpHosted(frame, site: site, cachedTokens: cachedTokens, now: scheduler.now)
    caches.cover(frame)
    caches.reprefillFraction[frame.index] = 0
    if found < cachedTokens {
      let saved = max(0, api.timeToFirstToken.mean - prompt.cachedTimeToFirstToken.mean)
      caches.cache.addReprefill(Int(caches.hostedSlot[site]), seconds: saved / 1000)
      caches.reprefillFraction[frame.index] =
        api.timeToFirstToken.mean > 0 ? min(1, saved / api.timeToFirstToken.mean) : 0
    }
    let uncached = Self.tokenSum(newTokens, cachedTokens - found)
    frames[frame].cachedTokens = found
    frames[frame].newTokens = uncached
    var draws = frames[frame].generator
    let firstToken = found > 0 ? prompt.cachedTimeToFirstToken : api.timeToFirstToken
    let timeToFirstToken = SimDuration.saturating(milliseconds: firstToken.sample(using: &draws))
    let perToken = max(0, api.timePerToken.sample(using: &draws))
    frames[frame].generator = draws
    let decode = SimDuration.saturating(
      milliseconds: perToken * Double(max(0, outputTokens - 1)))
    let session = frames[frame].session
    sessions[session].costDollars += prompt.price(
      cachedTokens: Int(found), uncachedTokens: Int(uncached), writes: true,
      outputTokens: Int(outputTokens), inputPricePerMillion: api.inputPricePerMillion,
      outputPricePerMillion: api.outputPricePerMillion)
    storeHosted(
      frame, site: site, tokens: Self.tokenSum(found, uncached, outputTokens),
      at: scheduler.now + timeToFirstToken + decode)
    recordCompute(frame, queueing: .zero, prefill: timeToFirstToken, decode: decode)
    attributeReprefill(frame, prefill: timeToFirstToken)
    frames[frame].firstTokenAt = scheduler.now + timeToFirstToken
    scheduler.schedule(.resume(frame), after: timeToFirstToken + decode)
  }
}

extension ObservedSessionSimulator {
  /// Names the part of a request's `prefill` that re-prefilled a lost prefix (its frame's
  /// ``ConversationCaches/reprefillFraction``), then clears the fraction.
  // Out of line: runs without caches keep their hot paths as small as before caches.
  @inline(never)
  mutating func attributeReprefill(_ frame: FrameID, prefill: SimDuration) {
    guard frame.index < caches.reprefillFraction.count else { return }
    let fraction = caches.reprefillFraction[frame.index]
    guard fraction > 0 else { return }
    caches.reprefillFraction[frame.index] = 0
    frames[frame].times.reprefill += Int64(
      (Double(prefill.nanoseconds) * fraction).rounded(.down))
  }
}
