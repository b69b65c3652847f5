import SimulationKernel

/// Messages between sites, through the `Network` component (see there for the timing of a
/// message). The frame's generator draws each message's latencies, the session's open links decide
/// setup costs.
extension ObservedSessionSimulator {
  /// The site a step runs at: its placed site, or its fallback when a link on the way is down now.
  mutating func resolveSite(_ site: Int, policy: OutageResponse, frame: FrameID, now: SimTime)
    -> Int
  {
    guard case .fallback(let fallback) = policy,
      let route = network.route(from: scenario.orchestratorSite, to: site)
    else { return site }
    return network.isUp(route, now: now) ? site : fallback
  }

  /// Sends a step's request from the orchestrator to `site`, then resumes the frame; draws the
  /// response's latency now, so a visible step's first token can be timed at the user.
  ///
  /// - Parameters:
  ///   - bytes: Request bytes (network).
  ///   - extraTransferBytes: Bytes of a conversation moved to a new site (transfer).
  mutating func sendRequest(
    _ frame: FrameID, to site: Int, bytes: Double, extraTransferBytes: Double,
    scheduler: inout Scheduler<Event>
  ) {
    let origin = scenario.orchestratorSite
    guard site != origin, let route = network.route(from: origin, to: site) else {
      frames[frame].responseLatency = .zero
      advance(frame, scheduler: &scheduler)
      return
    }
    var network = self.network.waitForRoute(route, now: scheduler.now)
    network += messageDelay(route, bytes: bytes, frame: frame)
    let transfer = self.network.serializationDelay(route, bytes: extraTransferBytes)
    let response = self.network.oneWayLatency(
      route, using: &frames[frame].generator)
    frames[frame].responseLatency = response
    frames[frame].times.addOnPath(network, to: .network)
    frames[frame].times.addOnPath(transfer, to: .transfer)
    resume(frame, after: network + transfer, scheduler: &scheduler)
  }

  /// Sends a tool call's request (`ToolSemantics.requestBytes`) from the orchestrator to `site`,
  /// as `sendRequest` does, and schedules the frame's resumption when it arrives later.
  ///
  /// - Returns: Whether the frame waits for that event; `false` when the request arrived at once
  ///   (the tool runs at the orchestrator, or the delay is zero): the caller continues in place.
  @inline(__always)
  mutating func sendToolRequest(
    _ frame: FrameID, to site: Int, scheduler: inout Scheduler<Event>
  ) -> Bool {
    let origin = scenario.orchestratorSite
    guard site != origin, let route = network.route(from: origin, to: site) else {
      frames[frame].responseLatency = .zero
      return false
    }
    let session = frames[frame].session
    var delay = network.waitForRoute(route, now: scheduler.now)
    delay += network.toolRequestDelay(
      route, openLinks: &sessions[session].openLinks,
      using: &frames[frame].generator)
    frames[frame].responseLatency = network.oneWayLatency(
      route, using: &frames[frame].generator)
    frames[frame].times.addOnPath(delay, to: .network)
    guard delay.nanoseconds > 0 else { return false }
    // The frame's next move (taking a worker) schedules its own event: resuming in place cannot
    // chain without end.
    deferResume(frame, at: scheduler.now + delay, scheduler: &scheduler)
    return true
  }

  /// Resumes a frame after `delay`: in place when the delay is zero (a co-located link), through
  /// the event queue otherwise. Every leaf still schedules at least one event of its own (its
  /// compute or tool), so continuing in place never recurses deeper than the step tree.
  mutating func resume(
    _ frame: FrameID, after delay: SimDuration, scheduler: inout Scheduler<Event>
  ) {
    if delay.nanoseconds == 0 {
      advance(frame, scheduler: &scheduler)
    } else {
      scheduler.schedule(.resume(frame), after: delay)
    }
  }

  /// Sends a step's response from its site back to the orchestrator, then resumes the frame.
  mutating func sendResponse(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    if !sendResponseOrArrive(frame, scheduler: &scheduler) { advance(frame, scheduler: &scheduler) }
  }

  /// Sends a step's response as `sendResponse` does, and schedules the frame's resumption when it
  /// arrives later.
  ///
  /// - Returns: Whether the frame waits for that event; `false` when the response arrived at
  ///   once: the caller continues the frame in place.
  @inline(__always)
  mutating func sendResponseOrArrive(_ frame: FrameID, scheduler: inout Scheduler<Event>) -> Bool {
    let origin = scenario.orchestratorSite
    let site = Int(frames[frame].site)
    guard site != origin, let route = network.route(from: site, to: origin) else { return false }
    var delay = network.waitForRoute(route, now: scheduler.now)
    delay += frames[frame].responseLatency
    frames[frame].times.addOnPath(delay, to: .network)
    guard delay.nanoseconds > 0 else { return false }
    scheduler.schedule(.resume(frame), after: delay)
    return true
  }

  /// Sends `bytes` from one site to another (a transfer, a speculative round's tokens), adds the
  /// delay to `component`, then resumes the frame.
  mutating func sendMessage(
    _ frame: FrameID, from origin: Int, to destination: Int, bytes: Double,
    component: LatencyComponent = .network, scheduler: inout Scheduler<Event>
  ) {
    guard origin != destination, let route = network.route(from: origin, to: destination) else {
      advance(frame, scheduler: &scheduler)
      return
    }
    var delay = network.waitForRoute(route, now: scheduler.now)
    delay += messageDelay(route, bytes: bytes, frame: frame)
    frames[frame].times.addOnPath(delay, to: component)
    resume(frame, after: delay, scheduler: &scheduler)
  }

  /// One message of `frame`'s session along a route, drawn with the frame's generator.
  mutating func messageDelay(_ route: Network.Route, bytes: Double, frame: FrameID) -> SimDuration {
    let session = frames[frame].session
    return network.messageDelay(
      route, bytes: bytes, openLinks: &sessions[session].openLinks,
      using: &frames[frame].generator)
  }
}
