import SimulationKernel

/// The simulator's side of continuous batching (the `ReplicaBatching` component): it schedules the
/// iteration ends the component returns and hands completed requests back to their frames.
extension ObservedSessionSimulator {
  /// Queues `frame`'s request at `pool`; the frame resumes when the request completes.
  mutating func enqueue(
    _ frame: FrameID, pool: PoolID, newTokens: Int32, cachedTokens: Int32, outputTokens: Int32,
    scheduler: inout Scheduler<Event>
  ) {
    var newTokens = newTokens
    var cachedTokens = cachedTokens
    var routed: ReplicaID?
    if caches.isActive { caches.beginRequest(frame) }
    // The caches' per-pool slots are a plain side table, by the pool's index.
    if caches.isActive, caches.poolFirstSlot[pool.index] >= 0, isConversationCall(frame) {
      routed = routeConversation(
        frame, pool: pool, newTokens: &newTokens, cachedTokens: &cachedTokens,
        scheduler: &scheduler)
      // A prefix in host memory is copied first; the frame enqueues again after the copy.
      if routed == nil { return }
    }
    let (replica, end) = batching.enqueue(
      owner: frame.raw, pool: pool, newTokens: newTokens, cachedTokens: cachedTokens,
      outputTokens: outputTokens, now: scheduler.now, replica: routed,
      othersMayArrive: scheduler.hasMoreEventsNow)
    if let end { schedule(end, scheduler: &scheduler) }
    observeReplica(replica, now: scheduler.now)
    if batching.replicas[replica].isIterating,
      batching.replicas[replica].waiting.count >= limits.maximumQueueLength, overload == nil
    {
      noteOverload(
        reason: .requestsWaitingAtReplica(batching.replicas[replica].waiting.count),
        scheduler: &scheduler)
    }
  }

  /// Schedules an iteration end returned by the batching component.
  mutating func schedule(
    _ end: ReplicaBatching.IterationEnd, scheduler: inout Scheduler<Event>
  ) {
    scheduler.schedule(.iterationDone(replica: end.replica, version: end.version), at: end.time)
  }

  /// Ends an iteration: resumes the frames whose requests completed, then starts the next
  /// iteration on the replica's host (this model's or another's the site serves) unless one of
  /// them already did.
  mutating func finishIteration(_ replica: ReplicaID, scheduler: inout Scheduler<Event>) {
    batching.finishIteration(replica, now: scheduler.now)
    // Moved out while the frames resume (they may enqueue more requests), and back after, so the
    // buffer is reused.
    var completions = ContiguousArray<ReplicaBatching.Completion>()
    swap(&completions, &batching.completions)
    // The engine's once-per-request host work (tokenization, scheduling, the response) adds to
    // each request's latency but not to the replica's batch; charging it after the GPU work
    // leaves every duration, and the replica's occupancy, as if it had run before admission.
    let requestOverhead = SimDuration.seconds(
      batching.pools[batching.replicas[replica].pool].roofline.requestOverheadSeconds)
    for completion in completions {
      let frame = FrameID(raw: completion.owner)
      if caches.isActive { storeConversation(frame, replica: replica, now: scheduler.now) }
      frames[frame].firstTokenAt = completion.firstTokenAt + requestOverhead
      recordCompute(
        frame, queueing: completion.queueing, prefill: completion.prefill + requestOverhead,
        decode: completion.decode)
      if caches.isActive {
        attributeReprefill(frame, prefill: completion.prefill + requestOverhead)
      }
      resume(frame, after: requestOverhead, scheduler: &scheduler)
    }
    swap(&completions, &batching.completions)
    if let end = batching.startNext(after: replica, now: scheduler.now) {
      schedule(end, scheduler: &scheduler)
      if end.replica != replica { observeReplica(end.replica, now: scheduler.now) }
    }
    observeReplica(replica, now: scheduler.now)
  }

  /// Stops the run and records which site is over capacity and by how much.
  mutating func noteOverload(reason: OverloadCause, scheduler: inout Scheduler<Event>) {
    var worstSite = 0
    var worstQueue = -1
    var worstRatio = 1.0
    for (site, spec) in scenario.sites.enumerated() {
      let tools = ToolPools.id(site: site)
      var queued = toolPools.waitingCount(at: tools)
      var arrived = toolPools.arrivals(at: tools)
      var completed = toolPools.completions(at: tools)
      // `Scenario.pools` and the batching component's pools share indices.
      for (index, pool) in scenario.pools.enumerated() where pool.site == site {
        for replica in batching.replicaIDs(pool: PoolID(raw: Int32(index))) {
          queued += batching.replicas[replica].waiting.count
          arrived += batching.replicas[replica].arrived
          completed += batching.replicas[replica].completed
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
