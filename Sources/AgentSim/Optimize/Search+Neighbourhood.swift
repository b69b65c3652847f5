/// Neighbourhood search around the race's leader: the placements one step away from it.
///
/// The zero-load front ranks placements as if every call had a replica to itself; under load,
/// batching shares replica time, so the cheapest placement that meets the budget may sit off the
/// front, beside the front point the race found best. So after the screening round, the leader's
/// one-step neighbours (each step moved to each of its other candidate sites) that the bounds do
/// not rule out and whose zero-load mean meets the latency target are ranked by an estimate that
/// sees load (``LoadAwareCost`` for cost; the zero-load figures otherwise), and the best
/// `candidates` of them are simulated under the same seed and join the race. When one of them
/// leads, its own neighbourhood is searched next: a descent, at most ``maximumMoves`` moves,
/// within the session budget. Every choice depends only on simulation results and the
/// workflow, so the search is the same for any `jobs`.
extension Search {
  /// Leaders whose neighbourhoods are searched, at most.
  static let maximumMoves = 6

  /// Searches the leader's neighbourhood at the screening sessions, moving to a better neighbour
  /// until none is better, and adds what it simulated to `alive` (thinned again).
  mutating func descend(_ alive: inout [Int], sessions: Int, isFinal: Bool) {
    var explored: Set<Int> = []
    for _ in 0..<Self.maximumMoves {
      guard let leader = alive.min(by: { precedes($0, $1, sessions: sessions) }),
        !explored.contains(leader),
        let leading = results[leader]?[sessions], isAcceptable(leading)
      else { return }
      explored.insert(leader)
      let chosen = Array(neighbours(of: leader).prefix(settings.candidates))
      guard !chosen.isEmpty, sessionsUsed + chosen.count * sessions <= sessionBudget else {
        return
      }
      if isOutOfTime() {
        stoppedByTime = true
        return
      }
      simulate(chosen, sessions: sessions)
      rounds += 1
      movesSearched += 1
      raced = (raced + chosen).sorted()
      alive = (alive + chosen.filter { results[$0]?[sessions] != nil }).sorted()
      eliminate(&alive, sessions: sessions, isFinal: isFinal)
    }
  }

  /// The leader's one-step neighbours not yet simulated, as candidate positions (appended to
  /// the candidates when new), best estimate first.
  mutating func neighbours(of leader: Int) -> [Int] {
    let keep = 1 - LowerBound.slack
    typealias Figure = PlacementChain.Figure
    var ranked: [(key: [Double], digits: [Int], position: Int)] = []
    let origin = front[leader].digits
    for (step, choices) in chain.space.steps.enumerated() {
      for choice in choices.candidates.indices where choice != origin[step] {
        var digits = origin
        digits[step] = choice
        let position: Int
        if let known = positions[digits] {
          position = known
        } else {
          guard let values = chain.values(digits: digits) else { continue }
          position = front.count
          front.append((digits, values))
          positions[digits] = position
        }
        guard results[position] == nil else { continue }
        let values = front[position].values
        if let target = latencyTarget {
          // The bound rules it out for sure; a zero-load mean over the target all but surely.
          if values[Figure.boundMilliseconds.rawValue] * keep > target { continue }
          if settings.objective.isConstrainedByBudget,
            values[Figure.zeroLoadMilliseconds.rawValue] > target
          {
            continue
          }
        }
        if let limit = settings.maximumCostDollars,
          values[Figure.boundDollars.rawValue] * keep > limit
        {
          continue
        }
        ranked.append((estimateKey(position), digits, position))
      }
    }
    ranked.sort { left, right in
      left.key != right.key
        ? left.key.lexicographicallyPrecedes(right.key)
        : left.digits.lexicographicallyPrecedes(right.digits)
    }
    return ranked.map(\.position)
  }

  /// The ranking key of a candidate before it is simulated: the objective's estimate, then
  /// zero-load latency.
  func estimateKey(_ position: Int) -> [Double] {
    typealias Figure = PlacementChain.Figure
    let values = front[position].values
    let milliseconds = values[Figure.zeroLoadMilliseconds.rawValue]
    switch settings.objective {
    case .cost:
      let placement = chain.placement(digits: front[position].digits)
      guard let scenario = try? loaded.scenario(placement: placement) else {
        return [.infinity, milliseconds]
      }
      return [LoadAwareCost.dollars(of: scenario), milliseconds]
    case .energy: return [values[Figure.zeroLoadJoules.rawValue], milliseconds]
    case .p99, .p50: return [milliseconds, values[Figure.zeroLoadDollars.rawValue]]
    }
  }
}
