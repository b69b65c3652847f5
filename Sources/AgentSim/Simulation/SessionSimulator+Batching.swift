import SimulationKernel

/// Continuous (iteration-level) batching at shared inference replicas, as in Orca (Yu et al.,
/// OSDI 2022) and vLLM with chunked prefill (Agrawal et al., Sarathi-Serve, OSDI 2024):
///
/// - Each iteration advances every decoding sequence by one token, then spends the rest of the
///   iteration's token budget (`chunkTokens`) on prefill chunks, first come first served.
/// - Waiting requests are admitted in arrival order while the batch has room (`maxBatch`), the
///   budget has tokens, and the KV cache can hold the request's whole context and output (reserved
///   up front, so a running sequence is never preempted).
/// - A request goes to the replica with the fewest waiting plus running requests (ties: lowest
///   index).
extension ObservedSessionSimulator {
  mutating func enqueue(
    _ frame: Int32, pool: Int, newTokens: Int32, cachedTokens: Int32, outputTokens: Int32,
    scheduler: inout Scheduler<Event>
  ) {
    let first = poolFirstReplica[pool]
    var best = first
    var bestLoad = Int.max
    for replica in first..<(first + poolLimits[pool].replicas) {
      let load = replicas[replica].waiting.count + replicas[replica].running.count
      if load < bestLoad {
        best = replica
        bestLoad = load
      }
    }
    // A request with nothing to compute still takes one token of prefill (a real server runs at
    // least one forward pass).
    let prefill = newTokens == 0 && outputTokens == 0 ? 1 : newTokens
    frames.slots[Int(frame)].replica = Int32(best)
    frames.slots[Int(frame)].remainingPrefill = prefill
    frames.slots[Int(frame)].remainingOutput = outputTokens
    frames.slots[Int(frame)].sequenceContext = cachedTokens
    frames.slots[Int(frame)].kvReserved = cachedTokens + prefill + outputTokens
    frames.slots[Int(frame)].chunk = 0
    frames.slots[Int(frame)].enqueuedAt = scheduler.now
    frames.slots[Int(frame)].firstTokenAt = SimTime(nanosecondsSinceStart: -1)
    replicas[best].waiting.append(frame)
    replicas[best].arrived += 1
    if !replicas[best].isIterating {
      startIteration(best, scheduler: &scheduler)
    } else {
      observeReplica(best, now: scheduler.now)
      cutStretch(best, now: scheduler.now, scheduler: &scheduler)
    }
    if replicas[best].isIterating, replicas[best].waiting.count >= limits.maximumQueueLength,
      overload == nil
    {
      noteOverload(
        reason: "\(replicas[best].waiting.count) requests waiting at one replica",
        scheduler: &scheduler)
    }
  }

  /// Composes the next iteration's batch at `replica` and schedules its end; idles when empty.
  mutating func startIteration(_ replica: Int, scheduler: inout Scheduler<Event>) {
    let pool = Int(replicas[replica].pool)
    let capacity = poolCapacityTokens[pool]
    let maxBatch = poolLimits[pool].maxBatch
    var work = IterationWork()
    var budget = poolLimits[pool].chunkTokens
    // Decoding sequences first: one token each.
    for frame in replicas[replica].running where frames.slots[Int(frame)].remainingPrefill == 0 {
      frames.slots[Int(frame)].chunk = 0
      work.addDecode(contextTokens: Int(frames.slots[Int(frame)].sequenceContext))
    }
    budget = max(0, budget - work.decodeSequences)
    // Then prefill chunks of admitted sequences, in admission order.
    for frame in replicas[replica].running where frames.slots[Int(frame)].remainingPrefill > 0 {
      let chunk = min(Int(frames.slots[Int(frame)].remainingPrefill), budget)
      frames.slots[Int(frame)].chunk = Int32(chunk)
      budget -= chunk
      addPrefill(chunk: chunk, frame: frame, to: &work)
    }
    // Then admit waiting requests while there is room.
    while replicas[replica].running.count < maxBatch,
      let frame = replicas[replica].waiting.first
    {
      let need = Int(frames.slots[Int(frame)].kvReserved)
      let fits = replicas[replica].kvUsedTokens + need <= capacity
      // A request larger than the whole cache still runs alone rather than deadlocking.
      guard fits || replicas[replica].running.isEmpty else { break }
      let needsPrefill = frames.slots[Int(frame)].remainingPrefill > 0
      guard !needsPrefill || budget > 0 else { break }
      _ = replicas[replica].waiting.popFirst()
      replicas[replica].running.append(frame)
      replicas[replica].kvUsedTokens += need
      replicas[replica].admitted += 1
      frames.slots[Int(frame)].admittedAt = scheduler.now
      replicas[replica].queueNanoseconds +=
        (scheduler.now - frames.slots[Int(frame)].enqueuedAt).nanoseconds
      if needsPrefill {
        let chunk = min(Int(frames.slots[Int(frame)].remainingPrefill), budget)
        frames.slots[Int(frame)].chunk = Int32(chunk)
        budget -= chunk
        addPrefill(chunk: chunk, frame: frame, to: &work)
      } else {
        frames.slots[Int(frame)].chunk = 0
        work.addDecode(contextTokens: Int(frames.slots[Int(frame)].sequenceContext))
      }
    }
    observeReplica(replica, now: scheduler.now)
    guard !replicas[replica].running.isEmpty else {
      replicas[replica].isIterating = false
      return
    }
    // Decode fast-forward: when every sequence that runs is decoding, the next iterations are
    // identical but for context growth until the first sequence finishes (or an arrival cuts the
    // stretch short, see `cutStretch`), so one event covers them all.
    var iterations = 1
    if work.prefillTokens == 0 && limits.fastForwardsDecode {
      var fewest = Int.max
      for frame in replicas[replica].running where frames.slots[Int(frame)].remainingPrefill == 0 {
        fewest = min(fewest, Int(frames.slots[Int(frame)].remainingOutput))
      }
      if fewest != .max { iterations = max(1, fewest) }
    }
    let first = poolRooflines[pool].iteration(work).seconds
    let total =
      iterations == 1
      ? first
      : stretchSeconds(
        pool: pool, sequences: work.decodeSequences, contextTokens: work.decodeContextTokens,
        iterations: iterations)
    replicas[replica].isIterating = true
    replicas[replica].stretchStart = scheduler.now
    replicas[replica].stretchIterations = iterations
    replicas[replica].stretchVersion &+= 1
    replicas[replica].stretchDecodeSequences = work.decodeSequences
    replicas[replica].stretchContextTokens = work.decodeContextTokens
    replicas[replica].stretchFirstIteration = .seconds(first)
    scheduler.schedule(
      .iterationDone(replica: Int32(replica), version: replicas[replica].stretchVersion),
      after: .seconds(total))
  }

  /// Seconds of the first `iterations` decode-only iterations of `sequences` sequences whose
  /// contexts sum to `contextTokens` at the first (each iteration adds one token per sequence).
  mutating func stretchSeconds(pool: Int, sequences: Int, contextTokens: Int, iterations: Int)
    -> Double
  {
    // A local copy, so the closure captures a few numbers rather than the whole simulator.
    let roofline = poolRooflines[pool]
    return ConvexSum.sum(count: iterations) { index in
      roofline.iteration(
        IterationWork(
          decodeSequences: sequences, decodeContextTokens: contextTokens + index * sequences)
      ).seconds
    }
  }

  /// An arrival during a decode stretch: end the stretch at the iteration boundary that follows
  /// now, where per-iteration batching would consider the newcomer.
  mutating func cutStretch(_ replica: Int, now: SimTime, scheduler: inout Scheduler<Event>) {
    let state = replicas[replica]
    guard state.isIterating, state.stretchIterations > 1 else { return }
    let pool = Int(state.pool)
    let elapsed = (now - state.stretchStart).seconds
    // The most iterations complete by now: binary search on the (increasing) partial sums.
    var low = 0
    var high = state.stretchIterations
    while low < high {
      let middle = (low + high + 1) / 2
      let seconds = stretchSeconds(
        pool: pool, sequences: state.stretchDecodeSequences,
        contextTokens: state.stretchContextTokens, iterations: middle)
      if seconds <= elapsed { low = middle } else { high = middle - 1 }
    }
    let kept = low + 1
    guard kept < state.stretchIterations else { return }
    let end = stretchSeconds(
      pool: pool, sequences: state.stretchDecodeSequences,
      contextTokens: state.stretchContextTokens, iterations: kept)
    replicas[replica].stretchIterations = kept
    replicas[replica].stretchVersion &+= 1
    let endTime = max(now, state.stretchStart + .seconds(end))
    scheduler.schedule(
      .iterationDone(replica: Int32(replica), version: replicas[replica].stretchVersion),
      at: endTime)
  }

  /// Adds a prefill chunk of `frame`'s request to an iteration (after its cached prefix and any
  /// earlier chunks).
  mutating func addPrefill(chunk: Int, frame: Int32, to work: inout IterationWork) {
    guard chunk > 0 else { return }
    work.addPrefillChunk(
      tokens: chunk, cachedTokens: Int(frames.slots[Int(frame)].sequenceContext))
  }

  /// Ends an iteration: advances every sequence that took part, retires finished requests, and
  /// starts the next iteration.
  mutating func finishIteration(_ replica: Int, scheduler: inout Scheduler<Event>) {
    replicas[replica].isIterating = false
    let iterations = replicas[replica].stretchIterations
    let count = replicas[replica].running.count
    replicas[replica].iterations += iterations
    replicas[replica].batchSizeSum += iterations * count
    replicas[replica].busyNanoseconds +=
      (scheduler.now - replicas[replica].stretchStart).nanoseconds
    let firstTokenTime = replicas[replica].stretchStart + replicas[replica].stretchFirstIteration
    var finished = ContiguousArray<Int32>()
    swap(&finished, &completionScratch)
    var kept = 0
    for index in 0..<count {
      let frame = replicas[replica].running[index]
      var state = frames.slots[Int(frame)]
      var produced = false
      if state.chunk > 0 {
        state.remainingPrefill -= state.chunk
        state.sequenceContext += state.chunk
        state.chunk = 0
        if state.remainingPrefill == 0 && state.remainingOutput > 0 {
          state.remainingOutput -= 1
          state.sequenceContext += 1
          produced = true
        }
        if state.remainingPrefill == 0 && state.firstTokenAt.nanosecondsSinceStart < 0 {
          state.firstTokenAt = scheduler.now
        }
      } else if state.remainingPrefill == 0 && state.remainingOutput > 0 {
        state.remainingOutput -= Int32(iterations)
        state.sequenceContext += Int32(iterations)
        produced = true
        if state.firstTokenAt.nanosecondsSinceStart < 0 { state.firstTokenAt = firstTokenTime }
      }
      if produced { replicas[replica].outputTokens += iterations }
      frames.slots[Int(frame)] = state
      if state.remainingPrefill == 0 && state.remainingOutput == 0 {
        replicas[replica].kvUsedTokens -= Int(state.kvReserved)
        replicas[replica].completed += 1
        finished.append(frame)
      } else {
        replicas[replica].running[kept] = frame
        kept += 1
      }
    }
    replicas[replica].running.removeLast(count - kept)
    for frame in finished {
      let state = frames.slots[Int(frame)]
      let firstToken =
        state.firstTokenAt.nanosecondsSinceStart < 0 ? scheduler.now : state.firstTokenAt
      frames.slots[Int(frame)].firstTokenAt = firstToken
      recordCompute(
        frame, queueing: state.admittedAt - state.enqueuedAt,
        prefill: firstToken - state.admittedAt, decode: scheduler.now - firstToken)
      advance(frame, scheduler: &scheduler)
    }
    finished.removeAll(keepingCapacity: true)
    swap(&finished, &completionScratch)
    if !replicas[replica].isIterating {
      startIteration(replica, scheduler: &scheduler)
    }
  }

  /// Stops the run and records which site is over capacity and by how much.
  mutating func noteOverload(reason: String, scheduler: inout Scheduler<Event>) {
    var worstSite = 0
    var worstQueue = -1
    var worstRatio = 1.0
    for (site, spec) in scenario.sites.enumerated() {
      var queued = toolPools.waitingCount(at: site)
      var arrived = toolPools.arrivals(at: site)
      var completed = toolPools.completions(at: site)
      for (index, pool) in scenario.pools.enumerated() where pool.site == site {
        let first = poolFirstReplica[index]
        for replica in first..<(first + pool.replicas) {
          queued += replicas[replica].waiting.count
          arrived += replicas[replica].arrived
          completed += replicas[replica].completed
        }
      }
      if queued > worstQueue && !spec.isDevice {
        worstQueue = queued
        worstSite = site
        worstRatio = completed > 0 ? Double(arrived) / Double(completed) : .infinity
      }
    }
    overload = OverloadNotice(
      site: scenario.sites[worstSite].name, utilization: worstRatio, reason: reason)
    scheduler.requestStop()
  }
}
