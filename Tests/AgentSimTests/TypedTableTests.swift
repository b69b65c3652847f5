import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

/// The typed ids of the batching component's pools and hosts and of the tool pools: each table
/// answers by id what the scenario it was built from says, computed here without the component.
@Suite("Typed pool, host and tool-pool tables")
struct TypedTableTests {
  /// Two models at the region (3 and 2 replicas: a host may serve fewer than all of the site's
  /// models) and one more pool of 2 replicas at another site (the device's index: the component
  /// groups pools by site index only).
  static func batching() throws -> (Scenario, ReplicaBatching) {
    var scenario = try Scenario.resolving(
      try SharedReplicaTests.workflow(
        serves: #"["small", "medium"]"#, steps: SharedReplicaTests.parallelCalls, sessions: 1))
    try #require(scenario.pools.count == 2)
    scenario.pools[0].replicas = 3
    scenario.pools[1].replicas = 2
    var other = scenario.pools[0]
    other.site = scenario.pools[0].site == 0 ? 1 : 0
    other.replicas = 2
    scenario.pools.append(other)
    return (scenario, ReplicaBatching(scenario: scenario, fastForwardsDecode: true))
  }

  @Test("a pool's replicas are consecutive ids after the pools before it, and know their pool")
  func poolReplicas() throws {
    let (scenario, batching) = try Self.batching()
    #expect(batching.pools.count == scenario.pools.count)
    var next = 0
    for (index, spec) in scenario.pools.enumerated() {
      let pool = PoolID(raw: Int32(index))
      let expected = Array(next..<(next + spec.replicas))
      #expect(batching.replicaIDs(pool: pool).map(\.index) == expected)
      #expect(batching.pools[pool].firstReplica.index == next)
      #expect(batching.pools[pool].replicas == spec.replicas)
      #expect(batching.pools[pool].maxBatch == spec.maxBatch)
      for replica in batching.replicaIDs(pool: pool) {
        #expect(batching.replicas[replica].pool == pool)
      }
      next += spec.replicas
    }
    #expect(batching.replicas.count == next)
    #expect(
      batching.poolFirstReplica
        == scenario.pools.indices.map { index in
          scenario.pools[..<index].reduce(0) { $0 + $1.replicas }
        })
  }

  @Test("replicas share a host exactly when their pools share a site and their offsets match")
  func hostMembership() throws {
    let (scenario, batching) = try Self.batching()
    // Every replica as (pool, offset), in id order.
    let places = scenario.pools.enumerated().flatMap { index, spec in
      (0..<spec.replicas).map { (pool: index, offset: $0) }
    }
    let ids = batching.replicas.ids.map { $0 }
    try #require(ids.count == places.count)
    for (a, first) in ids.enumerated() {
      for (b, second) in ids.enumerated() {
        let shares =
          scenario.pools[places[a].pool].site == scenario.pools[places[b].pool].site
          && places[a].offset == places[b].offset
        #expect((batching.hostOf[first] == batching.hostOf[second]) == shares)
      }
    }
    // One host per (site, offset) that some pool of the site has.
    let expectedHosts = Set(places.map { "\(scenario.pools[$0.pool].site)/\($0.offset)" }).count
    #expect(batching.hosts.count == expectedHosts)
    for host in batching.hosts.ids {
      let first = Int(batching.hosts[host].firstMember)
      let count = Int(batching.hosts[host].memberCount)
      let members = batching.hostMembers[first..<(first + count)]
      #expect(members.allSatisfy { batching.hostOf[$0] == host })
      #expect(members.map(\.index) == members.map(\.index).sorted())
      #expect(batching.hosts[host].active == .none)
    }
  }

  @Test("a request at one model's replica loads its host's other members and nobody else")
  func hostLoad() throws {
    var (_, batching) = try Self.batching()
    let small = PoolID(raw: 0)
    let medium = PoolID(raw: 1)
    let elsewhere = PoolID(raw: 2)
    let target = batching.pools[small].firstReplica.advanced(by: 1)
    let (replica, end) = batching.enqueue(
      owner: 1, pool: small, newTokens: 10, cachedTokens: 0, outputTokens: 1, now: .zero,
      replica: target)
    #expect(replica == target)
    #expect(end != nil)
    #expect(batching.hosts[batching.hostOf[target]].active == target)
    for pool in [small, medium, elsewhere] {
      for (offset, member) in batching.replicaIDs(pool: pool).enumerated() {
        let sharesHost = pool != elsewhere && offset == 1
        #expect(batching.hostLoad(member) == (sharesHost ? 1 : 0), "\(pool) \(offset)")
      }
    }
    // The least-loaded replica of each pool avoids the busy host where it can.
    #expect(batching.leastLoadedReplica(pool: medium) == batching.pools[medium].firstReplica)
    #expect(batching.leastLoadedReplica(pool: small) == batching.pools[small].firstReplica)
  }

  #if DEBUG
    @Test("a pool or host id outside its table stops a debug build (checked in a child process)")
    func outOfRangeTraps() async {
      await #expect(processExitsWith: .failure) {
        let (scenario, batching) = try TypedTableTests.batching()
        _ = batching.pools[PoolID(raw: Int32(scenario.pools.count))]
      }
      await #expect(processExitsWith: .failure) {
        let (_, batching) = try TypedTableTests.batching()
        _ = batching.hosts[.none]
      }
    }
  #endif

  @Test("a site's tool pool is the one at the site's index, with the site's workers")
  func toolPoolsBySite() {
    let workers = [0, 3, 0, 1]
    let sites = workers.enumerated().map { index, count in
      index == 0
        ? ScenarioSite(
          name: "device", tier: .device, kind: .device(DeviceSite(engines: [], activePowerWatts: 5))
        )
        : ScenarioSite(name: "site\(index)", tier: .region, kind: .shared, toolWorkers: count)
    }
    let nodes: [ProgramNode] = [
      .tool(ToolNode(step: 0, site: 1, duration: .constant(10))), .sequence([0]),
    ]
    let scenario = Scenario(
      name: "tools", digest: "", sites: sites, pools: [], links: [], modelNames: [],
      program: Program(nodes: nodes, root: 1, stepNames: ["work"], stepSites: ["site1"]),
      load: ScenarioLoad(arrival: .poisson(ratePerSecond: 1), sessions: 1, warmupSessions: 0),
      budget: ScenarioBudget(), orchestratorSite: 0)
    var pools = ToolPools(scenario: scenario)
    #expect(pools.pools.count == workers.count)
    for (site, count) in workers.enumerated() {
      let id = ToolPools.id(site: site)
      #expect(id.index == site)
      #expect(pools[id]?.serverCount == (count > 0 ? count : nil))
    }
    // Filling one site's workers queues there and leaves every other pool untouched.
    let busy = ToolPools.id(site: 3)
    #expect(pools.acquire(FrameID(raw: 0), at: busy, now: .zero) == .runsNow)
    #expect(pools.acquire(FrameID(raw: 1), at: busy, now: .zero) == .waits(lineLength: 1))
    for site in workers.indices {
      let id = ToolPools.id(site: site)
      #expect(pools.arrivals(at: id) == (id == busy ? 2 : 0))
      #expect(pools.waitingCount(at: id) == (id == busy ? 1 : 0))
    }
    #expect(pools.release(at: busy, now: .zero + .milliseconds(1)) == FrameID(raw: 1))
    #expect(pools.completions(at: busy) == 1)
  }
}
