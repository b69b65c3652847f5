import Foundation
import SimulationKernel

extension SessionSimulator {
  /// The site a step runs at: its placed site, or its fallback when the link to it is down now.
  mutating func resolveSite(_ site: Int, policy: OutageResponse, frame: Int32, now: SimTime) -> Int
  {
    guard case .fallback(let fallback) = policy, site != scenario.orchestratorSite,
      let link = scenario.linkIndex(between: scenario.orchestratorSite, and: site)
    else { return site }
    advanceOutages(link, to: now)
    return linkStates[link].isUp ? site : fallback
  }

  /// Sends a step's request from the orchestrator to `site`, then resumes the frame; draws the
  /// response's one-way latency now, so a visible step's first token can be timed at the user.
  ///
  /// - Parameters:
  ///   - bytes: Request bytes (network).
  ///   - extraTransferBytes: Bytes of a conversation moved to a new site (transfer).
  mutating func sendRequest(
    _ frame: Int32, to site: Int, bytes: Double, extraTransferBytes: Double,
    scheduler: inout Scheduler<Event>
  ) {
    let origin = scenario.orchestratorSite
    guard site != origin, let link = scenario.linkIndex(between: origin, and: site) else {
      frames.slots[Int(frame)].responseLatency = .zero
      advance(frame, scheduler: &scheduler)
      return
    }
    var network = waitForLink(link, frame: frame, now: scheduler.now)
    network += messageDelay(link: link, from: origin, bytes: bytes, frame: frame)
    let transfer = serializationDelay(link: link, from: origin, bytes: extraTransferBytes)
    frames.slots[Int(frame)].responseLatency = oneWayLatency(link: link, frame: frame)
    frames.slots[Int(frame)].times.add(network, to: .network)
    frames.slots[Int(frame)].times.add(transfer, to: .transfer)
    scheduler.schedule(.resume(frame), after: network + transfer)
  }

  /// Sends a step's response from its site back to the orchestrator, then resumes the frame.
  mutating func sendResponse(_ frame: Int32, scheduler: inout Scheduler<Event>) {
    let origin = scenario.orchestratorSite
    let site = Int(frames.slots[Int(frame)].site)
    guard site != origin, let link = scenario.linkIndex(between: origin, and: site) else {
      advance(frame, scheduler: &scheduler)
      return
    }
    var network = waitForLink(link, frame: frame, now: scheduler.now)
    network += frames.slots[Int(frame)].responseLatency
    frames.slots[Int(frame)].times.add(network, to: .network)
    scheduler.schedule(.resume(frame), after: network)
  }

  /// Sends `bytes` from one site to another (a speculative round's tokens), then resumes.
  mutating func sendMessage(
    _ frame: Int32, from origin: Int, to destination: Int, bytes: Double,
    scheduler: inout Scheduler<Event>
  ) {
    guard origin != destination,
      let link = scenario.linkIndex(between: origin, and: destination)
    else {
      advance(frame, scheduler: &scheduler)
      return
    }
    var network = waitForLink(link, frame: frame, now: scheduler.now)
    network += messageDelay(link: link, from: origin, bytes: bytes, frame: frame)
    frames.slots[Int(frame)].times.add(network, to: .network)
    scheduler.schedule(.resume(frame), after: network)
  }

  /// Half a round trip drawn from the link's distribution.
  mutating func oneWayLatency(link: Int, frame: Int32) -> SimDuration {
    let roundTrip = scenario.links[link].roundTrip.sample(
      using: &frames.slots[Int(frame)].generator)
    return .milliseconds(max(0, roundTrip) / 2)
  }

  /// Bytes over the link's bandwidth in the direction of travel.
  func serializationDelay(link: Int, from origin: Int, bytes: Double) -> SimDuration {
    guard bytes > 0 else { return .zero }
    let spec = scenario.links[link]
    let bitsPerSecond =
      origin == spec.first ? spec.uplinkBitsPerSecond : spec.downlinkBitsPerSecond
    guard bitsPerSecond > 0 else { return .zero }
    return .seconds(bytes * 8 / bitsPerSecond)
  }

  /// One message: one-way latency, connection setup on the session's first use, serialization.
  mutating func messageDelay(link: Int, from origin: Int, bytes: Double, frame: Int32)
    -> SimDuration
  {
    var delay = oneWayLatency(link: link, frame: frame)
    let session = Int(frames.slots[Int(frame)].session)
    if link < 64 {
      let bit = UInt64(1) << UInt64(link)
      if sessions.slots[session].openLinks & bit == 0 {
        sessions.slots[session].openLinks |= bit
        delay += .milliseconds(scenario.links[link].setupMilliseconds)
      }
    }
    return delay + serializationDelay(link: link, from: origin, bytes: bytes)
  }

  /// How long a message must wait for the link to come back, if it is down now.
  mutating func waitForLink(_ link: Int, frame: Int32, now: SimTime) -> SimDuration {
    guard scenario.links[link].canFail else { return .zero }
    advanceOutages(link, to: now)
    return linkStates[link].isUp ? .zero : linkStates[link].nextChange - now
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
