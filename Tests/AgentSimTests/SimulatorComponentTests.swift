import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

/// The simulator's components on their own: tool pools, the network, arrivals.
@Suite("Simulator components")
struct SimulatorComponentTests {
  /// A device, a region with `toolWorkers` workers, a link between them that fails.
  static func scenario(toolWorkers: Int, arrival: ScenarioLoad.Arrival) -> Scenario {
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 1, duration: .constant(10))), .sequence([0]),
    ]
    return Scenario(
      name: "components", digest: "", sites: Scenarios.sites(toolWorkers: toolWorkers), pools: [],
      links: [
        ScenarioLink(
          first: 0, second: 1, roundTrip: .lognormal(mu: 3, sigma: 0.5),
          uplinkBitsPerSecond: 8e6, downlinkBitsPerSecond: 4e6, setupMilliseconds: 7,
          meanTimeBetweenFailuresSeconds: 2, meanTimeToRepairSeconds: 1)
      ],
      modelNames: [],
      program: Program(nodes: nodes, root: 1, stepNames: ["work"], stepSites: ["pool"]),
      load: ScenarioLoad(arrival: arrival, sessions: 5, warmupSessions: 0),
      budget: ScenarioBudget(), orchestratorSite: 0)
  }

  @Test("a tool pool serves its workers first come first served and counts arrivals and ends")
  func toolPools() {
    var pools = ToolPools(
      scenario: Self.scenario(toolWorkers: 2, arrival: .poisson(ratePerSecond: 1)))
    let now = SimTime.zero
    let device = ToolPools.id(site: 0)
    let region = ToolPools.id(site: 1)
    #expect(pools.acquire(FrameID(raw: 10), at: device, now: now) == .runsNow)  // no pool there
    #expect(pools.arrivals(at: device) == 0)
    #expect(pools.acquire(FrameID(raw: 1), at: region, now: now) == .runsNow)
    #expect(pools.acquire(FrameID(raw: 2), at: region, now: now) == .runsNow)
    #expect(pools.acquire(FrameID(raw: 3), at: region, now: now) == .waits(lineLength: 1))
    #expect(pools.acquire(FrameID(raw: 4), at: region, now: now) == .waits(lineLength: 2))
    #expect(pools.waitingCount(at: region) == 2)
    #expect(pools.release(at: region, now: now + .milliseconds(1)) == FrameID(raw: 3))
    #expect(pools.release(at: region, now: now + .milliseconds(2)) == FrameID(raw: 4))
    #expect(pools.release(at: region, now: now + .milliseconds(3)) == nil)
    #expect(pools.arrivals(at: region) == 4)
    #expect(pools.completions(at: region) == 3)
    #expect(pools[region]?.busyCount == 1)
  }

  @Test("a message pays half a drawn round trip, setup once per session, and its bytes per hop")
  func network() {
    let scenario = Self.scenario(toolWorkers: 0, arrival: .poisson(ratePerSecond: 1))
    var network = Network(scenario: scenario, seed: 42)
    guard let route = network.route(from: 0, to: 1), let back = network.route(from: 1, to: 0)
    else {
      Issue.record("the sites are linked")
      return
    }
    #expect(network.route(from: 0, to: 0)?.count == 0)
    var generator = Xoshiro256StarStar(seed: 5)
    var reference = generator
    var openLinks: UInt64 = 0
    let first = network.messageDelay(
      route, bytes: 1000, openLinks: &openLinks, using: &generator)
    let second = network.messageDelay(
      route, bytes: 1000, openLinks: &openLinks, using: &generator)
    let reply = network.messageDelay(back, bytes: 1000, openLinks: &openLinks, using: &generator)
    let halves = (0..<3).map { _ in
      SimDuration.milliseconds(
        max(0, scenario.links[0].roundTrip.sample(using: &reference)) / 2)
    }
    #expect(first == halves[0] + .milliseconds(7) + .seconds(1000 * 8 / 8e6))
    #expect(second == halves[1] + .seconds(1000 * 8 / 8e6))
    #expect(reply == halves[2] + .seconds(1000 * 8 / 4e6))
    #expect(openLinks == 1)
  }

  @Test("a link's outages alternate and hold messages until the repair")
  func outages() {
    let scenario = Self.scenario(toolWorkers: 0, arrival: .poisson(ratePerSecond: 1))
    var network = Network(scenario: scenario, seed: 42)
    guard let route = network.route(from: 0, to: 1) else {
      Issue.record("the sites are linked")
      return
    }
    var sawDown = false
    var time = SimTime.zero
    for _ in 0..<2000 {
      time += .milliseconds(50)
      let wait = network.waitForRoute(route, now: time)
      if network.isUp(route, now: time) {
        #expect(wait == .zero)
      } else {
        sawDown = true
        #expect(wait > .zero)
        #expect(wait == network.outages[0].nextChange - time)
      }
    }
    #expect(sawDown)
  }

  @Test("closed-loop think times come from the session's own stream; open loops stop at the last")
  func arrivals() {
    let closed = Self.scenario(
      toolWorkers: 0, arrival: .closed(users: 2, thinkTime: .exponential(mean: 100)))
    var arrivals = Arrivals(scenario: closed, seed: 9, sessionStreamBase: 2)
    #expect(arrivals.gapToNext() == nil)
    #expect(arrivals.begin() == 0)
    var stream = Xoshiro256StarStar(seed: 9, stream: 2 + 5 + 0)
    #expect(
      arrivals.thinkTime(afterSession: 0)
        == .milliseconds(Distribution.exponential(mean: 100).sample(using: &stream)))
    let open = Self.scenario(toolWorkers: 0, arrival: .poisson(ratePerSecond: 4))
    var poisson = Arrivals(scenario: open, seed: 9, sessionStreamBase: 2)
    var gaps = 0
    while poisson.hasMore {
      if poisson.gapToNext() != nil { gaps += 1 }
      _ = poisson.begin()
    }
    #expect(gaps == 4)
    #expect(poisson.thinkTime(afterSession: 0) == nil)
  }
}
