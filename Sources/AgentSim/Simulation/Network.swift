import Foundation
import SimulationKernel

/// The links between sites as the session simulator uses them: routes flattened into one array of
/// hops, each link's parameters as plain numbers, and each link's outage process.
///
/// Messages follow the route of least median round trip between their sites (`RouteTable`); on each
/// link a message pays half a round trip drawn from the link's distribution, the link's setup on the
/// session's first use, and its bytes over the link's bandwidth in the direction of travel (store
/// and forward). A link that is down holds the message until it is repaired.
///
/// The component owns its state (the outage processes and their random streams, 1…L of the run's
/// seed); the session's open links and the frame's generator are passed in by the caller, which owns
/// them. Nothing here copies a `Distribution` or retains an array per message. Every method is
/// `mutating`: called on the simulator's stored component from its mutating handlers, a
/// non-mutating method gets a copy of the component (retaining its arrays) instead of its address.
struct Network {
  /// A link's parameters, as plain numbers.
  struct Link {
    /// Round-trip time in milliseconds, in `samplers`.
    var roundTrip: SamplerID
    /// Half the round trip when it is a constant (it then draws nothing), else nil: computed once
    /// rather than converted from milliseconds on every message.
    var constantOneWay: SimDuration?
    var uplinkBitsPerSecond: Double
    var downlinkBitsPerSecond: Double
    /// Paid by the first message of each session on the link.
    var setup: SimDuration
    /// Whether the link has an outage process (both means positive).
    var canFail: Bool
    var meanTimeBetweenFailuresSeconds: Double
    var meanTimeToRepairSeconds: Double
  }

  /// The state of a link's outage process (alternating exponential up and down times).
  struct Outage {
    var isUp = true
    var nextChange = SimTime(nanosecondsSinceStart: Int64.max)
    var generator: Xoshiro256StarStar
  }

  /// The hops of one route: `hops[start..<start + count]`.
  struct Route {
    var start: Int32
    var count: Int32
    /// The one-way latency over every hop when each hop's round trip is a constant (a message
    /// then draws nothing), else nil.
    var fixedOneWay: SimDuration? = nil
    /// Whether no hop has a setup cost (the session's open links then change nothing).
    var isSetupFree = false
    /// A tool call's request (`ToolSemantics.requestBytes`) over the route's bandwidths: the same
    /// for every call, so computed once.
    var toolRequestSerialization = SimDuration.zero

    var indices: Range<Int> { Int(start)..<Int(start + count) }
  }

  let siteCount: Int
  let links: ContiguousArray<Link>
  let samplers: SamplerTable
  /// Every route's hops, back to back.
  let hops: ContiguousArray<RouteHop>
  /// Per (origin × siteCount + destination): the route, or a negative count when none exists.
  let routes: ContiguousArray<Route>
  /// Per link.
  var outages: ContiguousArray<Outage>
  /// Whether any link has an outage process: without one, no message ever waits for a route.
  let hasFailingLinks: Bool

  /// Lays out `scenario`'s links and routes and starts every outage process at time zero.
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow.
  ///   - seed: The run's seed; link *i*'s outage process draws from stream 1 + *i*.
  init(scenario: Scenario, seed: UInt64) {
    siteCount = scenario.sites.count
    var samplers = SamplerTable()
    let links = ContiguousArray(
      scenario.links.map { link in
        Link(
          roundTrip: samplers.add(link.roundTrip),
          constantOneWay: Self.constantOneWay(of: link.roundTrip),
          uplinkBitsPerSecond: link.uplinkBitsPerSecond,
          downlinkBitsPerSecond: link.downlinkBitsPerSecond,
          setup: .milliseconds(link.setupMilliseconds), canFail: link.canFail,
          meanTimeBetweenFailuresSeconds: link.meanTimeBetweenFailuresSeconds ?? 0,
          meanTimeToRepairSeconds: link.meanTimeToRepairSeconds ?? 0)
      })
    self.links = links
    self.samplers = samplers
    hasFailingLinks = scenario.links.contains { $0.canFail }
    let table = scenario.routes
    var hops = ContiguousArray<RouteHop>()
    var routes = ContiguousArray<Route>()
    for origin in 0..<siteCount {
      for destination in 0..<siteCount {
        guard let route = table.route(from: origin, to: destination) else {
          routes.append(Route(start: 0, count: -1))
          continue
        }
        var entry = Route(start: Int32(hops.count), count: Int32(route.count))
        entry.isSetupFree = route.allSatisfy { links[$0.link].setup.nanoseconds == 0 }
        if route.allSatisfy({ links[$0.link].constantOneWay != nil }) {
          entry.fixedOneWay = route.reduce(.zero) { $0 + (links[$1.link].constantOneWay ?? .zero) }
        }
        entry.toolRequestSerialization = Self.serializationDelay(
          route, links: links, bytes: ToolSemantics.requestBytes)
        routes.append(entry)
        hops += route
      }
    }
    self.hops = hops
    self.routes = routes
    outages = ContiguousArray(
      scenario.links.enumerated().map { index, link in
        var state = Outage(generator: Xoshiro256StarStar(seed: seed, stream: UInt64(1 + index)))
        if link.canFail, let mtbf = link.meanTimeBetweenFailuresSeconds {
          state.nextChange = .zero + .seconds(-mtbf * log(state.generator.nextOpenUniform()))
        }
        return state
      })
  }

  /// The route from `origin` to `destination` (empty for the same site), or nil when no chain of
  /// links connects them.
  @inline(__always)
  mutating func route(from origin: Int, to destination: Int) -> Route? {
    let route = routes[origin &* siteCount &+ destination]
    return route.count < 0 ? nil : route
  }

  /// Whether every link on `route` that can fail is up at `now`.
  mutating func isUp(_ route: Route, now: SimTime) -> Bool {
    guard hasFailingLinks else { return true }
    for index in route.indices where links[hops[index].link].canFail {
      let link = hops[index].link
      advanceOutages(link, to: now)
      if !outages[link].isUp { return false }
    }
    return true
  }

  /// How long a message must wait before every link on its route is up.
  @inline(__always)
  mutating func waitForRoute(_ route: Route, now: SimTime) -> SimDuration {
    guard hasFailingLinks else { return .zero }
    var wait = SimDuration.zero
    for index in route.indices where links[hops[index].link].canFail {
      let link = hops[index].link
      advanceOutages(link, to: now)
      if !outages[link].isUp { wait = max(wait, outages[link].nextChange - now) }
    }
    return wait
  }

  /// Half a round trip of `link`, drawn with `generator`.
  @inline(__always)
  mutating func oneWayLatency(link: Int, using generator: inout Xoshiro256StarStar) -> SimDuration {
    if let fixed = links[link].constantOneWay { return fixed }
    let roundTrip = samplers.sample(links[link].roundTrip, using: &generator)
    return Self.oneWay(roundTripMilliseconds: roundTrip)
  }

  /// Half of a round trip of `milliseconds` (a negative draw counts as zero).
  @inline(__always)
  static func oneWay(roundTripMilliseconds milliseconds: Double) -> SimDuration {
    .milliseconds(max(0, milliseconds) / 2)
  }

  /// Half of `roundTrip` when it is a constant, else nil.
  static func constantOneWay(of roundTrip: Distribution) -> SimDuration? {
    guard case .constant(let milliseconds) = roundTrip else { return nil }
    return oneWay(roundTripMilliseconds: milliseconds)
  }

  /// The sum of one-way latencies over `route`, drawn hop by hop with `generator`.
  @inline(__always)
  mutating func oneWayLatency(_ route: Route, using generator: inout Xoshiro256StarStar)
    -> SimDuration
  {
    if let fixed = route.fixedOneWay { return fixed }
    var total = SimDuration.zero
    for index in route.indices { total += oneWayLatency(link: hops[index].link, using: &generator) }
    return total
  }

  /// Bytes over each link's bandwidth in the direction of travel.
  @inline(__always)
  mutating func serializationDelay(_ route: Route, bytes: Double) -> SimDuration {
    Self.serializationDelay(hops[route.indices], links: links, bytes: bytes)
  }

  /// `bytes` over the bandwidth of each of `hops` in its direction of travel.
  @inline(__always)
  static func serializationDelay(
    _ hops: some Collection<RouteHop>, links: ContiguousArray<Link>, bytes: Double
  ) -> SimDuration {
    guard bytes > 0 else { return .zero }
    var seconds = 0.0
    for hop in hops {
      let bitsPerSecond =
        hop.isUplink ? links[hop.link].uplinkBitsPerSecond : links[hop.link].downlinkBitsPerSecond
      if bitsPerSecond > 0 { seconds += bytes * 8 / bitsPerSecond }
    }
    // A petabyte over a kilobit link is 250 years: capped, so the run ends as a runaway.
    return .saturating(seconds: seconds)
  }

  /// A tool call's request (`ToolSemantics.requestBytes`) along a route: as `messageDelay`, from
  /// the route's precomputed parts when it draws nothing and has no setup cost.
  @inline(__always)
  mutating func toolRequestDelay(
    _ route: Route, openLinks: inout UInt64, using generator: inout Xoshiro256StarStar
  ) -> SimDuration {
    if route.isSetupFree, let fixed = route.fixedOneWay {
      return fixed + route.toolRequestSerialization
    }
    return messageDelay(
      route, bytes: ToolSemantics.requestBytes, openLinks: &openLinks, using: &generator)
  }

  /// One message along a route: latency, setup on each link's first use in the session (bit *i* of
  /// `openLinks` for link *i*), and serialization.
  @inline(__always)
  mutating func messageDelay(
    _ route: Route, bytes: Double, openLinks: inout UInt64,
    using generator: inout Xoshiro256StarStar
  ) -> SimDuration {
    if route.isSetupFree, let fixed = route.fixedOneWay {
      return fixed + serializationDelay(route, bytes: bytes)
    }
    var delay = SimDuration.zero
    for index in route.indices {
      let link = hops[index].link
      delay += oneWayLatency(link: link, using: &generator)
      if link < 64 {
        let bit = UInt64(1) << UInt64(link)
        if openLinks & bit == 0 {
          openLinks |= bit
          delay += links[link].setup
        }
      }
    }
    return delay + serializationDelay(route, bytes: bytes)
  }

  /// Runs a link's alternating up/down process forward to `now` (lazily: only when a message
  /// needs the link; the process has its own random stream, so this is deterministic).
  mutating func advanceOutages(_ link: Int, to now: SimTime) {
    guard links[link].canFail else { return }
    let mtbf = links[link].meanTimeBetweenFailuresSeconds
    let mttr = links[link].meanTimeToRepairSeconds
    while outages[link].nextChange <= now {
      outages[link].isUp.toggle()
      let mean = outages[link].isUp ? mtbf : mttr
      let gap = -mean * log(outages[link].generator.nextOpenUniform())
      outages[link].nextChange += .seconds(gap)
    }
  }
}
