import SimulationKernel

/// Continuous (iteration-level) batching at the replicas of the shared inference pools, as in Orca
/// (Yu et al., OSDI 2022) and vLLM with chunked prefill (Agrawal et al., Sarathi-Serve, OSDI 2024):
///
/// - Each iteration advances every decoding sequence by one token, then spends the rest of the
///   iteration's token budget (`chunkTokens`) on prefill chunks, first come first served.
/// - Waiting requests are admitted in arrival order while the batch has room (`maxBatch`), the
///   budget has tokens, and the KV cache can hold the request's whole context and output (reserved
///   up front, so a running sequence is never preempted).
/// - A request goes to the replica with the fewest waiting plus running requests (ties: lowest
///   index).
/// - Decode fast-forward: when every sequence that runs is decoding, the iterations until the first
///   of them finishes are identical but for context growth, so one iteration end covers them all
///   (a *stretch*); an arrival cuts the stretch at the next iteration boundary.
///
/// The component owns the replicas and the requests in flight (ids from `enqueue`); it knows no
/// frames or sessions, only an opaque `owner` per request, and it schedules nothing itself: it
/// returns the iteration ends for the caller to schedule (`IterationEnd`), and the requests an
/// iteration completes. So it can be driven on its own (see its tests).
struct ReplicaBatching {
  /// One pool's configuration.
  struct Pool {
    var firstReplica: Int
    var replicas: Int
    var maxBatch: Int
    var chunkTokens: Int
    /// KV-cache tokens one replica holds.
    var capacityTokens: Int
    var roofline: Roofline
  }

  /// One request while queued or running at a replica.
  struct Request {
    /// Whose request it is (the simulator's frame).
    var owner: Int32 = -1
    var remainingPrefill: Int32 = 0
    var remainingOutput: Int32 = 0
    /// Tokens in the sequence's KV cache so far.
    var sequenceContext: Int32 = 0
    /// Prefill tokens of the current iteration.
    var chunk: Int32 = 0
    var kvReserved: Int32 = 0
    var enqueuedAt = SimTime.zero
    var admittedAt = SimTime.zero
    /// When the first output token was produced, or negative before.
    var firstTokenAt = SimTime.zero
  }

  /// An iteration (or stretch) end to schedule: handle it with `finishIteration` at `time` if
  /// `version` still matches (`isCurrent`), else ignore it.
  struct IterationEnd: Equatable {
    var replica: Int32
    var version: Int32
    var time: SimTime
  }

  /// A request an iteration completed, with its time split.
  struct Completion {
    var owner: Int32
    /// Waiting for admission.
    var queueing: SimDuration
    /// Admission to the first output token.
    var prefill: SimDuration
    /// The first output token to the last.
    var decode: SimDuration
    var firstTokenAt: SimTime
  }

  let pools: ContiguousArray<Pool>
  /// Whether runs of identical decode-only iterations are one stretch (see `Limits`).
  let fastForwardsDecode: Bool
  var replicas: ContiguousArray<ReplicaState>
  var requests: SlotPool<Request>
  /// Completions of the iteration being finished (reused: no allocation per iteration).
  var completions = ContiguousArray<Completion>()

  /// Creates idle replicas for `scenario`'s pools.
  init(scenario: Scenario, fastForwardsDecode: Bool) {
    var pools = ContiguousArray<Pool>()
    var replicas = ContiguousArray<ReplicaState>()
    for (index, pool) in scenario.pools.enumerated() {
      pools.append(
        Pool(
          firstReplica: replicas.count, replicas: pool.replicas, maxBatch: pool.maxBatch,
          chunkTokens: pool.chunkTokens, capacityTokens: pool.engine.kvCapacityTokens,
          roofline: pool.engine.roofline))
      for _ in 0..<pool.replicas { replicas.append(ReplicaState(pool: Int32(index))) }
    }
    self.pools = pools
    self.replicas = replicas
    self.fastForwardsDecode = fastForwardsDecode
    requests = SlotPool(empty: Request(), capacity: 256)
  }

  /// First replica index of each pool.
  var poolFirstReplica: [Int] { pools.map(\.firstReplica) }

  /// Whether `end` is still the replica's current iteration end (not cut short since).
  func isCurrent(_ end: IterationEnd) -> Bool {
    replicas[Int(end.replica)].stretchVersion == end.version
  }

  /// The replica of `pool` with the fewest waiting plus running requests (ties: the lowest
  /// index).
  ///
  /// - Complexity: O(*r*) for *r* replicas.
  @inline(__always)
  func leastLoadedReplica(pool: Int) -> Int {
    let first = pools[pool].firstReplica
    var best = first
    var bestLoad = Int.max
    for replica in first..<(first + pools[pool].replicas) {
      let load = replicas[replica].waiting.count + replicas[replica].running.count
      if load < bestLoad {
        best = replica
        bestLoad = load
      }
    }
    return best
  }

  /// Queues a request at `pool`'s replica `replica` (by default the least-loaded one) at `now`.
  ///
  /// - Returns: The replica chosen, and the iteration end to schedule if the replica started an
  ///   iteration or cut its stretch short.
  mutating func enqueue(
    owner: Int32, pool: Int, newTokens: Int32, cachedTokens: Int32, outputTokens: Int32,
    now: SimTime, replica: Int? = nil
  ) -> (replica: Int, end: IterationEnd?) {
    let best = replica ?? leastLoadedReplica(pool: pool)
    // A request with nothing to compute still takes one token of prefill (a real server runs at
    // least one forward pass).
    let prefill = newTokens == 0 && outputTokens == 0 ? 1 : newTokens
    let request = requests.allocate()
    requests[request] = Request(
      owner: owner, remainingPrefill: prefill, remainingOutput: outputTokens,
      sequenceContext: cachedTokens, chunk: 0, kvReserved: cachedTokens + prefill + outputTokens,
      enqueuedAt: now, admittedAt: .zero, firstTokenAt: SimTime(nanosecondsSinceStart: -1))
    replicas[best].waiting.append(request)
    replicas[best].arrived += 1
    if !replicas[best].isIterating {
      return (best, startIteration(best, now: now))
    }
    return (best, cutStretch(best, now: now))
  }

  /// Composes the next iteration's batch at `replica`; idles when there is nothing to run.
  ///
  /// - Returns: The iteration's end, or nil when the replica idles.
  mutating func startIteration(_ replica: Int, now: SimTime) -> IterationEnd? {
    let pool = Int(replicas[replica].pool)
    let capacity = pools[pool].capacityTokens
    let maxBatch = pools[pool].maxBatch
    var work = IterationWork()
    var budget = pools[pool].chunkTokens
    // Decoding sequences first: one token each.
    for request in replicas[replica].running where requests[request].remainingPrefill == 0 {
      requests[request].chunk = 0
      work.addDecode(contextTokens: Int(requests[request].sequenceContext))
    }
    budget = max(0, budget - work.decodeSequences)
    // Then prefill chunks of admitted sequences, in admission order.
    for request in replicas[replica].running where requests[request].remainingPrefill > 0 {
      let chunk = min(Int(requests[request].remainingPrefill), budget)
      requests[request].chunk = Int32(chunk)
      budget -= chunk
      addPrefill(chunk: chunk, request: request, to: &work)
    }
    // Then admit waiting requests while there is room.
    while replicas[replica].running.count < maxBatch,
      let request = replicas[replica].waiting.first
    {
      let need = Int(requests[request].kvReserved)
      let fits = replicas[replica].kvUsedTokens + need <= capacity
      // A request larger than the whole cache still runs alone rather than deadlocking.
      guard fits || replicas[replica].running.isEmpty else { break }
      let needsPrefill = requests[request].remainingPrefill > 0
      guard !needsPrefill || budget > 0 else { break }
      _ = replicas[replica].waiting.popFirst()
      replicas[replica].running.append(request)
      replicas[replica].kvUsedTokens += need
      replicas[replica].admitted += 1
      requests[request].admittedAt = now
      replicas[replica].queueNanoseconds += (now - requests[request].enqueuedAt).nanoseconds
      if needsPrefill {
        let chunk = min(Int(requests[request].remainingPrefill), budget)
        requests[request].chunk = Int32(chunk)
        budget -= chunk
        addPrefill(chunk: chunk, request: request, to: &work)
      } else {
        requests[request].chunk = 0
        work.addDecode(contextTokens: Int(requests[request].sequenceContext))
      }
    }
    guard !replicas[replica].running.isEmpty else {
      replicas[replica].isIterating = false
      return nil
    }
    var iterations = 1
    if work.prefillTokens == 0 && fastForwardsDecode {
      var fewest = Int.max
      for request in replicas[replica].running where requests[request].remainingPrefill == 0 {
        fewest = min(fewest, Int(requests[request].remainingOutput))
      }
      if fewest != .max { iterations = max(1, fewest) }
    }
    let first = pools[pool].roofline.iteration(work).seconds
    let total =
      iterations == 1
      ? first
      : stretchSeconds(
        pool: pool, sequences: work.decodeSequences, contextTokens: work.decodeContextTokens,
        iterations: iterations)
    replicas[replica].isIterating = true
    replicas[replica].stretchStart = now
    replicas[replica].stretchIterations = iterations
    replicas[replica].stretchVersion &+= 1
    replicas[replica].stretchDecodeSequences = work.decodeSequences
    replicas[replica].stretchContextTokens = work.decodeContextTokens
    replicas[replica].stretchFirstIteration = .saturating(seconds: first)
    return IterationEnd(
      replica: Int32(replica), version: replicas[replica].stretchVersion,
      time: now + .saturating(seconds: total))
  }

  /// Seconds of the first `iterations` decode-only iterations of `sequences` sequences whose
  /// contexts sum to `contextTokens` at the first (each iteration adds one token per sequence).
  mutating func stretchSeconds(pool: Int, sequences: Int, contextTokens: Int, iterations: Int)
    -> Double
  {
    // A local copy, so the closure captures a few numbers rather than the component.
    let roofline = pools[pool].roofline
    return ConvexSum.sum(count: iterations) { index in
      roofline.iteration(
        IterationWork(
          decodeSequences: sequences, decodeContextTokens: contextTokens + index * sequences)
      ).seconds
    }
  }

  /// An arrival during a decode stretch: end the stretch at the iteration boundary that follows
  /// now, where per-iteration batching would consider the newcomer.
  ///
  /// - Returns: The stretch's new end, or nil when it stays as it was.
  mutating func cutStretch(_ replica: Int, now: SimTime) -> IterationEnd? {
    let state = replicas[replica]
    guard state.isIterating, state.stretchIterations > 1 else { return nil }
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
    guard kept < state.stretchIterations else { return nil }
    let end = stretchSeconds(
      pool: pool, sequences: state.stretchDecodeSequences,
      contextTokens: state.stretchContextTokens, iterations: kept)
    replicas[replica].stretchIterations = kept
    replicas[replica].stretchVersion &+= 1
    return IterationEnd(
      replica: Int32(replica), version: replicas[replica].stretchVersion,
      time: max(now, state.stretchStart + .saturating(seconds: end)))
  }

  /// Adds a prefill chunk of `request` to an iteration (after its cached prefix and any earlier
  /// chunks).
  mutating func addPrefill(chunk: Int, request: Int32, to work: inout IterationWork) {
    guard chunk > 0 else { return }
    work.addPrefillChunk(tokens: chunk, cachedTokens: Int(requests[request].sequenceContext))
  }

  /// Ends an iteration at `now`: advances every sequence that took part and retires finished
  /// requests into `completions` (in batch order; their ids are released).
  ///
  /// Call `startIteration` afterwards (once the completions are handled, which may enqueue more
  /// requests) unless the replica is iterating again.
  mutating func finishIteration(_ replica: Int, now: SimTime) {
    completions.removeAll(keepingCapacity: true)
    replicas[replica].isIterating = false
    let iterations = replicas[replica].stretchIterations
    let count = replicas[replica].running.count
    replicas[replica].iterations += iterations
    replicas[replica].batchSizeSum += iterations * count
    replicas[replica].busyNanoseconds += (now - replicas[replica].stretchStart).nanoseconds
    let firstTokenTime = replicas[replica].stretchStart + replicas[replica].stretchFirstIteration
    var kept = 0
    for index in 0..<count {
      let request = replicas[replica].running[index]
      var state = requests[request]
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
          state.firstTokenAt = now
        }
      } else if state.remainingPrefill == 0 && state.remainingOutput > 0 {
        state.remainingOutput -= Int32(iterations)
        state.sequenceContext += Int32(iterations)
        produced = true
        if state.firstTokenAt.nanosecondsSinceStart < 0 { state.firstTokenAt = firstTokenTime }
      }
      if produced { replicas[replica].outputTokens += iterations }
      requests[request] = state
      if state.remainingPrefill == 0 && state.remainingOutput == 0 {
        replicas[replica].kvUsedTokens -= Int(state.kvReserved)
        replicas[replica].completed += 1
        let firstToken = state.firstTokenAt.nanosecondsSinceStart < 0 ? now : state.firstTokenAt
        completions.append(
          Completion(
            owner: state.owner, queueing: state.admittedAt - state.enqueuedAt,
            prefill: firstToken - state.admittedAt, decode: now - firstToken,
            firstTokenAt: firstToken))
        requests.release(request)
      } else {
        replicas[replica].running[kept] = request
        kept += 1
      }
    }
    replicas[replica].running.removeLast(count - kept)
  }
}
