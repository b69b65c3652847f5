/// A workflow's links as a graph of site names: which sites a chain of links connects.
///
/// The one place link checks are decided, with one rule: two sites must be connected by a chain
/// of links (one link or several), because the simulator sends every message over the route of
/// least median round trip through any number of links (``RouteTable``). The decoder asks it of
/// every step as it reads the file (a candidate site and the device; a transfer's two sites; a
/// speculative step's draft and target sites), and the placement check
/// (``ResolvedWorkflow/check(placement:)``) asks it of the sites a placement chooses. `validate`
/// and `run` go through both, so they cannot decide differently; each caller words its own
/// diagnostic, since only it knows the step and the JSON path.
struct SiteLinks: Sendable {
  /// Each linked site → the smallest index of a site name in its connected component (its
  /// representative).
  let component: [String: Int]

  /// The graph of `links`.
  ///
  /// - Complexity: O(*l* · α(*l*)) for *l* links.
  init(_ links: [LinkDefinition]) {
    var index: [String: Int] = [:]
    var parent: [Int] = []
    func find(_ node: Int) -> Int {
      var node = node
      while parent[node] != node {
        parent[node] = parent[parent[node]]
        node = parent[node]
      }
      return node
    }
    func node(_ name: String) -> Int {
      if let known = index[name] { return known }
      index[name] = parent.count
      parent.append(parent.count)
      return parent.count - 1
    }
    for link in links {
      let (a, b) = (find(node(link.firstSite)), find(node(link.secondSite)))
      if a != b { parent[max(a, b)] = min(a, b) }
    }
    component = index.mapValues(find)
  }

  /// Whether a chain of links connects `site` and `other` (always, for one site).
  func connects(_ site: String, _ other: String) -> Bool {
    site == other || (component[site].map { $0 == component[other] } ?? false)
  }
}
