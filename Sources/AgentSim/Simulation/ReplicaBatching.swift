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
///   index). An idle replica composes its first batch at the end of the instant (`gather`), so
///   requests that arrive together start together.
/// - Decode fast-forward: when every sequence that runs is decoding, the iterations until the first
///   of them finishes are identical but for context growth, so one iteration end covers them all
///   (a *stretch*); an arrival cuts the stretch at the next iteration boundary.
/// - The engine's scheduling policy (`EngineProfile`): an engine that separates prefill
///   (`separatesPrefill`) pauses its decodes for an iteration that only prefills whenever it has
///   prompt tokens to process; an engine with multi-step scheduling (`schedulerSteps` = *k* > 1)
///   runs decode-only iterations in groups of *k*, one stretch that no arrival cuts, so newcomers
///   are admitted and finished sequences returned only between groups.
///
/// The component owns the replicas (`ReplicaID`s, fixed at creation) and the requests in flight
/// (`RequestID`s from `enqueue`, released on completion or cancellation); it knows no
/// frames or sessions, only an opaque `owner` per request, and it schedules nothing itself: it
/// returns the iteration ends for the caller to schedule (`IterationEnd`), and the requests an
/// iteration completes. So it can be driven on its own (see its tests).
struct ReplicaBatching {
  /// One pool's configuration.
  struct Pool {
    var firstReplica: ReplicaID
    var replicas: Int
    var maxBatch: Int
    var chunkTokens: Int
    /// KV-cache tokens one replica holds.
    var capacityTokens: Int
    var roofline: Roofline
    /// Decode iterations per scheduling pass (1: every iteration is scheduled).
    var schedulerSteps: Int
    /// Whether an iteration with prompt tokens runs no decodes.
    var separatesPrefill: Bool
    /// Whether a prompt may be split over iterations (`EngineProfile.chunksPrefill`).
    var chunksPrefill = true
    /// Whether a batch is composed while the iteration before it runs
    /// (`EngineProfile.asyncScheduling`).
    var asyncScheduling = false
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
    /// Withdrawn by its owner (`cancel`): never admitted, or leaving the batch at the end of the
    /// iteration, without a completion.
    var isCancelled = false
  }

  /// An iteration (or stretch) end to schedule: handle it with `finishIteration` at `time` if
  /// `version` still matches (`isCurrent`), else ignore it.
  struct IterationEnd: Equatable {
    var replica: ReplicaID
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

  /// One physical replica of a site: the replicas of the site's pools (one per model) with the
  /// same index share it, and it runs one of them at a time.
  struct Host {
    /// Where its members start in `hostMembers` (a position in that list, not an id).
    var firstMember: Int32
    var memberCount: Int32
    /// The member iterating now, or `none` when the host idles.
    var active = ReplicaID.none
  }

  /// The pools' configurations, by `PoolID` (the pool's index in `Scenario.pools`).
  let pools: IDTable<PoolID, Pool>
  /// Whether runs of identical decode-only iterations are one stretch (see `Limits`).
  let fastForwardsDecode: Bool
  /// The replicas, in an `IDTable`: written in place, without the uniqueness check (a runtime
  /// call) that an array in this value pays on every write of an iteration's bookkeeping.
  let replicas: IDTable<ReplicaID, ReplicaState>
  /// Per replica, its host.
  let hostOf: IDTable<ReplicaID, HostID>
  /// The replicas of each host, host after host, in pool order: indexed by a position in a host's
  /// run (`Host.firstMember` + offset), not by an id, so it stays an array.
  let hostMembers: ContiguousArray<ReplicaID>
  /// The hosts, written in place (their active member changes at every iteration boundary).
  let hosts: IDTable<HostID, Host>
  var requests: SlotPool<RequestID, Request>
  /// Completions of the iteration being finished (reused: no allocation per iteration).
  var completions = ContiguousArray<Completion>()

  /// Counts tokens that `pool` produced outside its decode steps: a speculative round's accepted
  /// drafts and the target's own token, which its verifying pass (a prefill of the drafts)
  /// does not emit as output. Credited to the pool's first replica, since only a site's total
  /// is reported.
  func countVerifiedTokens(_ tokens: Int32, pool: PoolID) {
    replicas[pools[pool].firstReplica].outputTokens += Int(tokens)
  }

  /// Creates idle replicas for `scenario`'s pools.
  init(scenario: Scenario, fastForwardsDecode: Bool) {
    var pools = ContiguousArray<Pool>()
    var replicas = ContiguousArray<ReplicaState>()
    for (index, pool) in scenario.pools.enumerated() {
      pools.append(
        Pool(
          firstReplica: ReplicaID(raw: Int32(replicas.count)), replicas: pool.replicas,
          maxBatch: pool.maxBatch,
          chunkTokens: pool.chunkTokens, capacityTokens: pool.kvCapacityTokens,
          roofline: pool.engine.roofline, schedulerSteps: pool.engine.engine.schedulerSteps,
          separatesPrefill: pool.engine.engine.separatesPrefill,
          chunksPrefill: pool.engine.engine.chunksPrefill,
          asyncScheduling: pool.engine.engine.asyncScheduling))
      for _ in 0..<pool.replicas {
        replicas.append(ReplicaState(pool: PoolID(raw: Int32(index))))
      }
    }
    // The pools of a site share its replicas: replica i of each is one host. Built with plain
    // indices (the tables are fixed once built).
    var hostOf = [HostID](repeating: .none, count: replicas.count)
    var hostMembers = ContiguousArray<ReplicaID>()
    var hosts = ContiguousArray<Host>()
    for (index, pool) in scenario.pools.enumerated() {
      for offset in 0..<pool.replicas
      where hostOf[pools[index].firstReplica.advanced(by: offset).index].isNone {
        let first = hostMembers.count
        for (other, sibling) in scenario.pools.enumerated().dropFirst(index)
        where sibling.site == pool.site && offset < sibling.replicas {
          let member = pools[other].firstReplica.advanced(by: offset)
          hostOf[member.index] = HostID(raw: Int32(hosts.count))
          hostMembers.append(member)
        }
        hosts.append(
          Host(firstMember: Int32(first), memberCount: Int32(hostMembers.count - first)))
      }
    }
    self.pools = IDTable(Array(pools))
    self.replicas = IDTable(Array(replicas))
    self.hostOf = IDTable(hostOf)
    self.hostMembers = hostMembers
    self.hosts = IDTable(Array(hosts))
    self.fastForwardsDecode = fastForwardsDecode
    requests = SlotPool(empty: Request(), capacity: 256)
  }

  /// The replicas of `pool`, in index order (for rare paths: the hot loops go by offset from
  /// the pool's first replica, which compiles to less).
  @inline(__always)
  func replicaIDs(pool: PoolID) -> LazyMapSequence<Range<Int32>, ReplicaID> {
    let first = pools[pool].firstReplica.raw
    let end = first + Int32(truncatingIfNeeded: pools[pool].replicas)
    return (first..<end).lazy.map { ReplicaID(raw: $0) }
  }

  /// First replica index of each pool (plain indices, for the report's per-pool slices).
  var poolFirstReplica: [Int] { pools.elements.map(\.firstReplica.index) }

  /// Whether `end` is still the replica's current iteration end (not cut short since).
  func isCurrent(_ end: IterationEnd) -> Bool {
    replicas[end.replica].stretchVersion == end.version
  }

  /// The replica of `pool` with the fewest waiting plus running requests (ties: the lowest
  /// index).
  ///
  /// - Complexity: O(*r*) for *r* replicas.
  @inline(__always)
  func leastLoadedReplica(pool: PoolID) -> ReplicaID {
    let first = pools[pool].firstReplica
    var best = first
    var bestLoad = Int.max
    for offset in 0..<pools[pool].replicas {
      let replica = first.advanced(by: offset)
      let load = hostLoad(replica)
      if load < bestLoad {
        best = replica
        bestLoad = load
      }
    }
    return best
  }

  /// Queues a request at `pool`'s replica `replica` (by default the least-loaded one) at `now`.
  ///
  /// - Parameter othersMayArrive: Whether more requests may reach the replica at this instant
  ///   (other events are due now): an idle replica then gathers them (`gather`) before its first
  ///   iteration; otherwise it starts at once, which is the same batch without the extra event.
  /// - Returns: The replica chosen, and the iteration end to schedule if the replica started an
  ///   iteration or cut its stretch short.
  mutating func enqueue(
    owner: Int32, pool: PoolID, newTokens: Int32, cachedTokens: Int32, outputTokens: Int32,
    now: SimTime, replica: ReplicaID? = nil, othersMayArrive: Bool = true
  ) -> (replica: ReplicaID, end: IterationEnd?) {
    let best = replica ?? leastLoadedReplica(pool: pool)
    // A request with nothing to compute still takes one token of prefill (a real server runs at
    // least one forward pass).
    let prefill = newTokens == 0 && outputTokens == 0 ? 1 : newTokens
    let request = requests.allocate(
      initializedTo: Request(
        owner: owner, remainingPrefill: prefill, remainingOutput: outputTokens,
        sequenceContext: cachedTokens, chunk: 0, kvReserved: cachedTokens + prefill + outputTokens,
        enqueuedAt: now, admittedAt: .zero, firstTokenAt: SimTime(nanosecondsSinceStart: -1)))
    replicas[best].waiting.append(request)
    replicas[best].arrived += 1
    let active = hosts[hostOf[best]].active
    if active.isNone {
      return (best, othersMayArrive ? gather(best, now: now) : startIteration(best, now: now))
    }
    // The host runs this model, or another it holds: either way, it considers the newcomer at the
    // next iteration boundary.
    return (best, cutStretch(active, now: now))
  }

  /// Requests waiting or running at every replica sharing `replica`'s host.
  func hostLoad(_ replica: ReplicaID) -> Int {
    let host = hosts[hostOf[replica]]
    var load = 0
    for offset in 0..<Int(host.memberCount) {
      let member = hostMembers[Int(host.firstMember) + offset]
      load += replicas[member].waiting.count + replicas[member].running.count
    }
    return load
  }

  /// Whether another replica on `replica`'s host (another model of the site) has requests.
  func hostHasOtherWork(_ replica: ReplicaID) -> Bool {
    let host = hosts[hostOf[replica]]
    guard host.memberCount > 1 else { return false }
    for offset in 0..<Int(host.memberCount) {
      let member = hostMembers[Int(host.firstMember) + offset]
      if member != replica
        && !(replicas[member].waiting.isEmpty && replicas[member].running.isEmpty)
      {
        return true
      }
    }
    return false
  }

  /// Starts the next iteration on `replica`'s host once it idles: the models with work take turns,
  /// beginning with the one after `replica` (one iteration each while several have work).
  ///
  /// - Returns: The iteration's end, or nil when the host is busy already or has nothing to run.
  mutating func startNext(after replica: ReplicaID, now: SimTime) -> IterationEnd? {
    let host = hosts[hostOf[replica]]
    guard host.active.isNone else { return nil }
    let count = Int(host.memberCount)
    var position = 0
    for offset in 0..<count where hostMembers[Int(host.firstMember) + offset] == replica {
      position = offset
    }
    for step in 1...count {
      let member = hostMembers[Int(host.firstMember) + (position + step) % count]
      if let end = startIteration(member, now: now) { return end }
    }
    return nil
  }

  /// An idle replica that receives a request waits for the rest of the instant before it composes
  /// its first batch, so that requests arriving together (the calls of a parallel section over
  /// equal links) start in one iteration, as an engine's scheduler finds them all at its next step.
  ///
  /// The wait is an empty iteration that ends now: its end, scheduled after the events already due
  /// at this instant, composes the batch from every request that arrived by then. It counts no
  /// iteration, batch or busy time.
  ///
  /// - Returns: The empty iteration's end (at `now`).
  mutating func gather(_ replica: ReplicaID, now: SimTime) -> IterationEnd {
    hosts[hostOf[replica]].active = replica
    replicas[replica].isIterating = true
    replicas[replica].stretchStart = now
    replicas[replica].stretchIterations = 0
    replicas[replica].stretchVersion &+= 1
    replicas[replica].stretchDecodeSequences = 0
    replicas[replica].stretchContextTokens = 0
    replicas[replica].stretchFirstIteration = .zero
    return IterationEnd(replica: replica, version: replicas[replica].stretchVersion, time: now)
  }

  /// Composes the next iteration's batch at `replica`; idles when there is nothing to run.
  ///
  /// - Returns: The iteration's end, or nil when the replica idles.
  mutating func startIteration(_ replica: ReplicaID, now: SimTime) -> IterationEnd? {
    let pool = replicas[replica].pool
    let capacity = pools[pool].capacityTokens
    let maxBatch = pools[pool].maxBatch
    let separatesPrefill = pools[pool].separatesPrefill
    var work = IterationWork()
    var budget = pools[pool].chunkTokens
    // Decoding sequences first: one token each.
    for request in replicas[replica].running where requests[request].remainingPrefill == 0 {
      requests[request].chunk = 0
      work.addDecode(contextTokens: Int(requests[request].sequenceContext))
    }
    // An engine that prefills alone gives its prompts the whole budget.
    if !separatesPrefill { budget = max(0, budget - work.decodeSequences) }
    // Then prefill chunks of admitted sequences, in admission order.
    for request in replicas[replica].running where requests[request].remainingPrefill > 0 {
      let chunk = min(Int(requests[request].remainingPrefill), budget)
      requests[request].chunk = Int32(chunk)
      budget -= chunk
      addPrefill(chunk: chunk, request: request, to: &work)
    }
    // An engine with async scheduling composed this batch while the iteration that just ended
    // ran (at its start): a request that arrived later waits for the next one. An engine with
    // nothing running composes at once.
    let composedAt: SimTime? =
      pools[pool].asyncScheduling && !replicas[replica].running.isEmpty
      ? replicas[replica].lastComposedAt : nil
    var heldBack = false
    // Then admit waiting requests while there is room.
    while replicas[replica].running.count < maxBatch,
      let request = replicas[replica].waiting.first
    {
      if requests[request].isCancelled {
        _ = replicas[replica].waiting.popFirst()
        requests.release(request)
        continue
      }
      if let composedAt, requests[request].enqueuedAt > composedAt {
        heldBack = true
        break
      }
      let need = Int(requests[request].kvReserved)
      let fits = replicas[replica].kvUsedTokens + need <= capacity
      // A request larger than the whole cache still runs alone rather than deadlocking.
      guard fits || replicas[replica].running.isEmpty else { break }
      let needsPrefill = requests[request].remainingPrefill > 0
      guard !needsPrefill || budget > 0 else { break }
      // An engine that prefills prompts whole takes one only if all of it fits in what is left of
      // the budget (one longer than the whole budget only into an iteration without other
      // prompts), else it admits no more this iteration (EngineProfile.chunksPrefill).
      let whole = needsPrefill && !pools[pool].chunksPrefill
      guard !whole || Int(requests[request].remainingPrefill) <= budget || work.prefillTokens == 0
      else { break }
      _ = replicas[replica].waiting.popFirst()
      replicas[replica].running.append(request)
      replicas[replica].kvUsedTokens += need
      replicas[replica].reservedTokens += need
      replicas[replica].admitted += 1
      requests[request].admittedAt = now
      replicas[replica].queueNanoseconds += (now - requests[request].enqueuedAt).nanoseconds
      if needsPrefill {
        let remaining = Int(requests[request].remainingPrefill)
        let chunk = whole ? remaining : min(remaining, budget)
        requests[request].chunk = Int32(chunk)
        budget = max(0, budget - chunk)
        addPrefill(chunk: chunk, request: request, to: &work)
      } else {
        requests[request].chunk = 0
        work.addDecode(contextTokens: Int(requests[request].sequenceContext))
      }
    }
    guard !replicas[replica].running.isEmpty else {
      replicas[replica].isIterating = false
      let host = hostOf[replica]
      if hosts[host].active == replica { hosts[host].active = .none }
      return nil
    }
    hosts[hostOf[replica]].active = replica
    // Prompt tokens to process pause the decodes of an engine that prefills alone.
    let pausesDecodes = separatesPrefill && work.prefillTokens > 0
    if pausesDecodes {
      work.decodeSequences = 0
      work.decodeContextTokens = 0
    }
    replicas[replica].decodesPaused = pausesDecodes
    var iterations = 1
    let steps = pools[pool].schedulerSteps
    if work.prefillTokens == 0 && steps > 1 {
      // Multi-step scheduling: the group's steps run whoever finishes or arrives meanwhile.
      iterations = steps
    } else if work.prefillTokens == 0 && fastForwardsDecode && !hostHasOtherWork(replica)
      && !heldBack
    {
      // A stretch only while no other model on the host waits its turn.
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
      replica: replica, version: replicas[replica].stretchVersion,
      time: now + .saturating(seconds: total))
  }

  /// Seconds of the first `iterations` decode-only iterations of `sequences` sequences whose
  /// contexts sum to `contextTokens` at the first (each iteration adds one token per sequence).
  mutating func stretchSeconds(pool: PoolID, sequences: Int, contextTokens: Int, iterations: Int)
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
  mutating func cutStretch(_ replica: ReplicaID, now: SimTime) -> IterationEnd? {
    // The fields it reads, not a copy of the replica (which retains its line and batch).
    let state = replicas.address(replica)
    let pool = state.pointee.pool
    // A multi-step group is not cut: its engine schedules again only when the group ends.
    guard state.pointee.isIterating, state.pointee.stretchIterations > 1,
      pools[pool].schedulerSteps == 1
    else {
      return nil
    }
    let stretchStart = state.pointee.stretchStart
    let stretchIterations = state.pointee.stretchIterations
    let sequences = state.pointee.stretchDecodeSequences
    let contextTokens = state.pointee.stretchContextTokens
    let elapsed = (now - stretchStart).seconds
    // The most iterations complete by now: binary search on the (increasing) partial sums.
    var low = 0
    var high = stretchIterations
    while low < high {
      let middle = (low + high + 1) / 2
      let seconds = stretchSeconds(
        pool: pool, sequences: sequences, contextTokens: contextTokens, iterations: middle)
      if seconds <= elapsed { low = middle } else { high = middle - 1 }
    }
    // An engine with async scheduling composed the next iteration already: the newcomer joins
    // the one after it.
    let kept = low + (pools[pool].asyncScheduling ? 2 : 1)
    guard kept < stretchIterations else { return nil }
    let end = stretchSeconds(
      pool: pool, sequences: sequences, contextTokens: contextTokens, iterations: kept)
    replicas[replica].stretchIterations = kept
    replicas[replica].stretchVersion &+= 1
    return IterationEnd(
      replica: replica, version: replicas[replica].stretchVersion,
      time: max(now, stretchStart + .saturating(seconds: end)))
  }

  /// Withdraws `request` (its owner no longer wants it) at `now`: a waiting request is never
  /// admitted; a running one leaves the batch at the end of the current iteration, or at once
  /// between iterations, and its KV memory is freed then. It produces no completion.
  ///
  /// - Returns: The host's new iteration end, when its decode stretch is cut short so that the
  ///   request leaves at the next iteration boundary.
  /// - Complexity: O(requests at the replica).
  mutating func cancel(_ request: RequestID, at replica: ReplicaID, now: SimTime)
    -> IterationEnd?
  {
    requests[request].isCancelled = true
    guard let index = replicas[replica].running.firstIndex(of: request) else { return nil }
    if !replicas[replica].isIterating {
      replicas[replica].running.remove(at: index)
      replicas[replica].kvUsedTokens -= Int(requests[request].kvReserved)
      requests.release(request)
      return nil
    }
    return cutStretch(replica, now: now)
  }

  /// The requests waiting at and running on `replica`.
  ///
  /// - Complexity: O(requests at the replica); it allocates, so it is for rare paths.
  func requests(at replica: ReplicaID) -> [RequestID] {
    var waiting = replicas[replica].waiting
    var all = Array(replicas[replica].running)
    while let request = waiting.popFirst() { all.append(request) }
    return all
  }

  /// Adds a prefill chunk of `request` to an iteration (after its cached prefix and any earlier
  /// chunks).
  mutating func addPrefill(chunk: Int, request: RequestID, to work: inout IterationWork) {
    guard chunk > 0 else { return }
    work.addPrefillChunk(tokens: chunk, cachedTokens: Int(requests[request].sequenceContext))
  }

  /// Ends an iteration at `now`: advances every sequence that took part and retires finished
  /// requests into `completions` (in batch order; their ids are released).
  ///
  /// Call `startNext(after:now:)` afterwards (once the completions are handled, which may enqueue
  /// more requests): it starts the host's next iteration unless the host is iterating again.
  mutating func finishIteration(_ replica: ReplicaID, now: SimTime) {
    completions.removeAll(keepingCapacity: true)
    replicas[replica].isIterating = false
    let host = hostOf[replica]
    if hosts[host].active == replica { hosts[host].active = .none }
    let iterations = replicas[replica].stretchIterations
    let count = replicas[replica].running.count
    replicas[replica].iterations += iterations
    replicas[replica].batchSizeSum += iterations * count
    replicas[replica].busyNanoseconds += (now - replicas[replica].stretchStart).nanoseconds
    let firstTokenTime = replicas[replica].stretchStart + replicas[replica].stretchFirstIteration
    if pools[replicas[replica].pool].asyncScheduling {
      // The last iteration of the stretch started where the ones before it end.
      replicas[replica].lastComposedAt =
        iterations <= 1
        ? replicas[replica].stretchStart
        : replicas[replica].stretchStart
          + .saturating(
            seconds: stretchSeconds(
              pool: replicas[replica].pool,
              sequences: replicas[replica].stretchDecodeSequences,
              contextTokens: replicas[replica].stretchContextTokens, iterations: iterations - 1))
    }
    let decodesPaused = replicas[replica].decodesPaused
    var kept = 0
    for index in 0..<count {
      let request = replicas[replica].running[index]
      var state = requests[request]
      if state.isCancelled {
        replicas[replica].kvUsedTokens -= Int(state.kvReserved)
        requests.release(request)
        continue
      }
      var produced: Int32 = 0
      if state.chunk > 0 {
        state.remainingPrefill -= state.chunk
        state.sequenceContext += state.chunk
        state.chunk = 0
        if state.remainingPrefill == 0 && state.remainingOutput > 0 {
          state.remainingOutput -= 1
          state.sequenceContext += 1
          produced = 1
        }
        if state.remainingPrefill == 0 && state.firstTokenAt.nanosecondsSinceStart < 0 {
          state.firstTokenAt = now
        }
      } else if state.remainingPrefill == 0 && state.remainingOutput > 0 && !decodesPaused {
        // A multi-step group may outlast a sequence's output: its surplus steps produce nothing.
        produced = min(Int32(iterations), state.remainingOutput)
        state.remainingOutput -= produced
        state.sequenceContext += produced
        if state.firstTokenAt.nanosecondsSinceStart < 0 { state.firstTokenAt = firstTokenTime }
      }
      replicas[replica].outputTokens += Int(produced)
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
    // One by one: `removeLast(_:)` calls the generic range replacement, even for none.
    for _ in kept..<count { replicas[replica].running.removeLast() }
  }
}
