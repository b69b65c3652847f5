import Foundation
import SimulationKernel

/// Messages between sites. A message follows the route of least median round trip between its
/// sites; on each link it pays half a round trip drawn from the link's distribution, the link's
/// setup on the session's first use, and its bytes over the link's bandwidth in the direction of
/// travel (store and forward). A link that is down holds the message until it is repaired.
extension ObservedSessionSimulator {
  /// The site a step runs at: its placed site, or its fallback when a link on the way is down now.
  mutating func resolveSite(_ site: Int, policy: OutageResponse, frame: Int32, now: SimTime) -> Int
  {
    guard case .fallback(let fallback) = policy,
      let route = routes.route(from: scenario.orchestratorSite, to: site)
    else { return site }
    for hop in route where scenario.links[hop.link].canFail {
      advanceOutages(hop.link, to: now)
      if !linkStates[hop.link].isUp { return fallback }
    }
    return site
  }

  /// Sends a step's request from the orchestrator to `site`, then resumes the frame; draws the
  /// response's latency now, so a visible step's first token can be timed at the user.
  ///
  /// - Parameters:
  ///   - bytes: Request bytes (network).
  ///   - extraTransferBytes: Bytes of a conversation moved to a new site (transfer).
  mutating func sendRequest(
    _ frame: Int32, to site: Int, bytes: Double, extraTransferBytes: Double,
    scheduler: inout Scheduler<Event>
  ) {
    let origin = scenario.orchestratorSite
    guard site != origin, let route = routes.route(from: origin, to: site) else {
      frames.slots[Int(frame)].responseLatency = .zero
      advance(frame, scheduler: &scheduler)
      return
    }
    var network = waitForRoute(route, now: scheduler.now)
    network += messageDelay(route: route, bytes: bytes, frame: frame)
    let transfer = serializationDelay(route: route, bytes: extraTransferBytes)
    var response = SimDuration.zero
    for hop in route { response += oneWayLatency(link: hop.link, frame: frame) }
    frames.slots[Int(frame)].responseLatency = response
    frames.slots[Int(frame)].times.add(network, to: .network)
    frames.slots[Int(frame)].times.add(transfer, to: .transfer)
    resume(frame, after: network + transfer, scheduler: &scheduler)
  }

  /// Resumes a frame after `delay`: in place when the delay is zero (a co-located link), through
  /// the event queue otherwise. Every leaf still schedules at least one event of its own (its
  /// compute or tool), so continuing in place never recurses deeper than the step tree.
  mutating func resume(_ frame: Int32, after delay: SimDuration, scheduler: inout Scheduler<Event>)
  {
    if delay.nanoseconds == 0 {
      advance(frame, scheduler: &scheduler)
    } else {
      scheduler.schedule(.resume(frame), after: delay)
    }
  }

  /// Sends a step's response from its site back to the orchestrator, then resumes the frame.
  mutating func sendResponse(_ frame: Int32, scheduler: inout Scheduler<Event>) {
    let origin = scenario.orchestratorSite
    let site = Int(frames.slots[Int(frame)].site)
    guard site != origin, let route = routes.route(from: site, to: origin) else {
      advance(frame, scheduler: &scheduler)
      return
    }
    var network = waitForRoute(route, now: scheduler.now)
    network += frames.slots[Int(frame)].responseLatency
    frames.slots[Int(frame)].times.add(network, to: .network)
    resume(frame, after: network, scheduler: &scheduler)
  }

  /// Sends `bytes` from one site to another (a transfer, a speculative round's tokens), adds the
  /// delay to `component`, then resumes the frame.
  mutating func sendMessage(
    _ frame: Int32, from origin: Int, to destination: Int, bytes: Double,
    component: LatencyComponent = .network, scheduler: inout Scheduler<Event>
  ) {
    guard origin != destination, let route = routes.route(from: origin, to: destination) else {
      advance(frame, scheduler: &scheduler)
      return
    }
    var delay = waitForRoute(route, now: scheduler.now)
    delay += messageDelay(route: route, bytes: bytes, frame: frame)
    frames.slots[Int(frame)].times.add(delay, to: component)
    resume(frame, after: delay, scheduler: &scheduler)
  }

  /// Half a round trip drawn from the link's distribution.
  mutating func oneWayLatency(link: Int, frame: Int32) -> SimDuration {
    let roundTrip = draw(scenario.links[link].roundTrip, frame: frame)
    return .milliseconds(max(0, roundTrip) / 2)
  }

  /// Bytes over each link's bandwidth in the direction of travel.
  func serializationDelay(route: [RouteHop], bytes: Double) -> SimDuration {
    guard bytes > 0 else { return .zero }
    var seconds = 0.0
    for hop in route {
      let bitsPerSecond =
        hop.isUplink
        ? scenario.links[hop.link].uplinkBitsPerSecond
        : scenario.links[hop.link].downlinkBitsPerSecond
      if bitsPerSecond > 0 { seconds += bytes * 8 / bitsPerSecond }
    }
    return .seconds(seconds)
  }

  /// One message along a route: latency, setup on each link's first use in the session, and
  /// serialization.
  mutating func messageDelay(route: [RouteHop], bytes: Double, frame: Int32) -> SimDuration {
    var delay = SimDuration.zero
    let session = Int(frames.slots[Int(frame)].session)
    for hop in route {
      delay += oneWayLatency(link: hop.link, frame: frame)
      if hop.link < 64 {
        let bit = UInt64(1) << UInt64(hop.link)
        if sessions.slots[session].openLinks & bit == 0 {
          sessions.slots[session].openLinks |= bit
          delay += .milliseconds(scenario.links[hop.link].setupMilliseconds)
        }
      }
    }
    return delay + serializationDelay(route: route, bytes: bytes)
  }

  /// How long a message must wait before every link on its route is up.
  mutating func waitForRoute(_ route: [RouteHop], now: SimTime) -> SimDuration {
    var wait = SimDuration.zero
    for hop in route where scenario.links[hop.link].canFail {
      advanceOutages(hop.link, to: now)
      if !linkStates[hop.link].isUp { wait = max(wait, linkStates[hop.link].nextChange - now) }
    }
    return wait
  }

  /// Runs a link's alternating up/down process forward to `now` (lazily: only when a message
  /// needs the link; the process has its own random stream, so this is deterministic).
  mutating func advanceOutages(_ link: Int, to now: SimTime) {
    let spec = scenario.links[link]
    guard let mtbf = spec.meanTimeBetweenFailuresSeconds,
      let mttr = spec.meanTimeToRepairSeconds
    else { return }
    while linkStates[link].nextChange <= now {
      linkStates[link].isUp.toggle()
      let mean = linkStates[link].isUp ? mtbf : mttr
      let gap = -mean * log(linkStates[link].generator.nextOpenUniform())
      linkStates[link].nextChange += .seconds(gap)
    }
  }
}
