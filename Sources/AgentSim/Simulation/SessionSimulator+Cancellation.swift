import SimulationKernel

/// Cancelling the stragglers of a first-*k* join with `"cancel_rest": true`.
///
/// A frame is cancelled once a cancelling `parallel` frame above it has joined (`isCancelled`).
/// At the join, the requests its stragglers have at replicas are withdrawn at once
/// (`cancelRequests(under:)`): they stop taking batch slots and KV memory. Everything else a
/// straggler is doing ends at its next event (`advance` abandons it): a message in flight
/// arrives, a tool already running holds its worker until it ends, a device computation
/// finishes, and nothing after them starts. A tool call waiting for a worker is dropped when the
/// worker would have taken it. Cancelled frames record nothing: they are off the critical path.
extension ObservedSessionSimulator {
  /// Whether a join above `frame` cancelled it.
  ///
  /// - Complexity: O(nested cancelling sections).
  func isCancelled(_ frame: FrameID) -> Bool {
    var scope = frames[frame].cancelScope
    while scope.exists {
      if frames[scope].isJoined { return true }
      scope = frames[scope].cancelScope
    }
    return false
  }

  /// Withdraws the requests that the stragglers of the joined `parallel` frame have at replicas,
  /// and ends those stragglers.
  ///
  /// - Complexity: O(requests at every replica); it runs once per cancelling join.
  mutating func cancelRequests(under parallel: FrameID, scheduler: inout Scheduler<Event>) {
    let session = frames[parallel].session
    var abandoned: [FrameID] = []
    for replica in batching.replicas.ids {
      for request in batching.requests(at: replica) {
        let owner = FrameID(raw: batching.requests[request].owner)
        guard frames[owner].session == session, isCancelled(owner) else { continue }
        if let end = batching.cancel(request, at: replica, now: scheduler.now) {
          schedule(end, scheduler: &scheduler)
        }
        abandoned.append(owner)
      }
      observeReplica(replica, now: scheduler.now)
    }
    for owner in abandoned { abandonLeaf(owner, scheduler: &scheduler) }
  }

  /// Ends a cancelled leaf (its request, if any, already withdrawn), freeing the tool worker it
  /// holds.
  mutating func abandonLeaf(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    let entry = program.entries[Int(frames[frame].node)]
    // A tool that ran to its end (`running`) still holds its worker.
    if entry.kind == .tool, frames[frame].toolPhase == .running {
      // A site's tool pool has the site's index.
      releaseToolWorker(at: ToolPoolID(raw: frames[frame].site), scheduler: &scheduler)
    }
    let parent = frames[frame].parent
    releaseChain(frames[frame].chainHead)
    releaseFrame(frame)
    if parent.exists { dropChild(of: parent) }
  }

  /// A child of `parent` ended without a result to hand on (cancelled): a joined parallel frame
  /// counts it as a straggler gone; a parallel frame still waiting for its other children waits;
  /// any other frame, itself cancelled, ends too.
  mutating func dropChild(of parent: FrameID) {
    var frame = parent
    while true {
      let entry = program.entries[Int(frames[frame].node)]
      if entry.kind == .parallel {
        frames[frame].outstanding -= 1
        if frames[frame].isJoined {
          if frames[frame].outstanding == 0 { releaseFrame(frame) }
          return
        }
        if frames[frame].outstanding > 0 { return }
      }
      let next = frames[frame].parent
      releaseChain(frames[frame].chainHead)
      releaseFrame(frame)
      guard next.exists else { return }
      frame = next
    }
  }

  /// Frees a worker of site `site`'s tool pool: the next waiting call runs on it, skipping (and
  /// ending) cancelled ones.
  @inline(__always)
  mutating func releaseToolWorker(at pool: ToolPoolID, scheduler: inout Scheduler<Event>) {
    while let next = toolPools.release(at: pool, now: scheduler.now) {
      guard frames[next].cancelScope.exists, isCancelled(next) else {
        runTool(next, scheduler: &scheduler)
        return
      }
      // The cancelled call took the worker only to hand it on: it never ran.
      let parent = frames[next].parent
      releaseFrame(next)
      if parent.exists { dropChild(of: parent) }
    }
  }
}
