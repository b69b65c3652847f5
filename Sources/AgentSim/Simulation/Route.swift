/// One link crossed by a message, and in which direction.
public struct RouteHop: Hashable, Sendable {
  /// The link's index in `Scenario.links`.
  public var link: Int
  /// Whether the message travels from the link's `first` site to its `second` (uplink bandwidth).
  public var isUplink: Bool

  /// Creates a hop.
  public init(link: Int, isUplink: Bool) {
    self.link = link
    self.isUplink = isUplink
  }
}

/// Routes between every pair of sites over the scenario's links: the path of least median
/// round-trip time (Dijkstra), ties broken by fewer hops and then lower link index, so routes are
/// deterministic.
public struct RouteTable: Sendable {
  let siteCount: Int
  let routes: [[RouteHop]?]

  /// Computes the routes among `siteCount` sites.
  ///
  /// - Complexity: O(*s*³ + *s*·*l*) for *s* sites and *l* links (workflows have a handful).
  public init(siteCount: Int, links: [ScenarioLink]) {
    self.siteCount = siteCount
    var routes = [[RouteHop]?](repeating: nil, count: siteCount * siteCount)
    for source in 0..<siteCount {
      var cost = [Double](repeating: .infinity, count: siteCount)
      var hops = [Int](repeating: .max, count: siteCount)
      var previous = [RouteHop?](repeating: nil, count: siteCount)
      var done = [Bool](repeating: false, count: siteCount)
      cost[source] = 0
      hops[source] = 0
      for _ in 0..<siteCount {
        var current = -1
        for site in 0..<siteCount where !done[site] && cost[site].isFinite {
          if current < 0 || cost[site] < cost[current]
            || (cost[site] == cost[current] && hops[site] < hops[current])
          {
            current = site
          }
        }
        guard current >= 0 else { break }
        done[current] = true
        for (index, link) in links.enumerated() {
          let next: Int
          let isUplink: Bool
          if link.first == current {
            next = link.second
            isUplink = true
          } else if link.second == current {
            next = link.first
            isUplink = false
          } else {
            continue
          }
          guard !done[next] else { continue }
          let candidate = cost[current] + max(0, link.roundTrip.quantile(0.5))
          if candidate < cost[next] || (candidate == cost[next] && hops[current] + 1 < hops[next]) {
            cost[next] = candidate
            hops[next] = hops[current] + 1
            previous[next] = RouteHop(link: index, isUplink: isUplink)
          }
        }
      }
      for destination in 0..<siteCount where cost[destination].isFinite {
        var path: [RouteHop] = []
        var site = destination
        while site != source, let hop = previous[site] {
          path.append(hop)
          site = hop.isUplink ? links[hop.link].first : links[hop.link].second
        }
        routes[source * siteCount + destination] = path.reversed()
      }
    }
    self.routes = routes
  }

  /// The hops from `origin` to `destination`: empty for the same site, `nil` when no chain of
  /// links connects them.
  public func route(from origin: Int, to destination: Int) -> [RouteHop]? {
    routes[origin * siteCount + destination]
  }
}
