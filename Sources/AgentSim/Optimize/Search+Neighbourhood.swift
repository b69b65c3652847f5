/// Neighbourhood search around the race's leader: the placements one step away from it.
///
/// The zero-load front ranks placements as if every call had a replica to itself; under load,
/// batching shares replica time, so the cheapest placement that meets the budget may sit off the
/// front, beside the front point the race found best. So after the screening round, the leader's
/// one-step neighbours (each step moved to each of its other candidate sites) that the bounds do
/// not rule out and whose zero-load mean meets the latency target are ranked by an estimate that
/// sees load (``LoadAwareCost`` for cost; the zero-load figures otherwise), and the best
/// `candidates` of them are simulated under the same seed and join the race. When one of them
/// leads, its own neighbourhood is searched next: a descent. When the leader's neighbourhood
/// holds nothing new, the search works backwards from the budget: the simulated placements that
/// beat the leader on the objective but miss the budget (or `--max-cost`), closest miss first,
/// have their neighbourhoods searched, fastest first (one step to a faster site may bring a
/// cheap near-miss within the budget; the cheapest point is often two moves from the leader
/// through such a near-miss). At most ``maximumMoves`` neighbourhoods are simulated, and only
/// while the session budget can still carry every candidate through the race's later rounds. Every choice depends only on simulation results and the workflow, so the
/// search is the same for any `jobs`.
extension Search {
  /// Neighbourhoods simulated, at most.
  static let maximumMoves = 6

  /// Searches neighbourhoods at the screening sessions (the leader's, else the closest
  /// near-misses that beat it), moving with the lead, and adds what it simulated to `alive`
  /// (thinned again).
  mutating func descend(_ alive: inout [Int], sessions: Int, isFinal: Bool) {
    var explored: Set<Int> = []
    while movesSearched < Self.maximumMoves {
      guard let leader = alive.min(by: { precedes($0, $1, sessions: sessions) }),
        let leading = results[leader]?[sessions], isAcceptable(leading)
      else { return }
      let seed: Int
      let isNearMiss: Bool
      if !explored.contains(leader) {
        seed = leader
        isNearMiss = false
      } else {
        let goal = settings.objective.key(leading)
        let misses = results.keys.sorted().compactMap { position -> (Double, Int)? in
          guard !explored.contains(position), let metrics = results[position]?[sessions],
            metrics.overloadedSite == nil, !isAcceptable(metrics),
            settings.objective.key(metrics).lexicographicallyPrecedes(goal)
          else { return nil }
          return (missRatio(metrics), position)
        }
        guard let closest = misses.min(by: { $0 < $1 }) else { return }
        seed = closest.1
        isNearMiss = true
      }
      explored.insert(seed)
      let chosen = Array(neighbours(of: seed, fastestFirst: isNearMiss).prefix(settings.candidates))
      guard !chosen.isEmpty else { continue }
      // The search spends only what leaves the race able to carry every candidate to the full
      // sessions: otherwise the added candidates would stop the race at the screening count,
      // with the ranking less sure than without them.
      let later = sessionLevels.filter { $0 > sessions }.reduce(0, +)
      let carried = (alive.count + chosen.count) * later
      guard sessionsUsed + chosen.count * sessions + carried <= sessionBudget else { return }
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

  /// How far a run is from acceptable: the largest ratio of a figure to its limit (the p99 and
  /// p50 targets for cost and energy, `--max-cost`); above 1 when it misses.
  func missRatio(_ metrics: SweepMetrics) -> Double {
    var ratio = 0.0
    if settings.objective.isConstrainedByBudget {
      if let target = budget.p99Milliseconds, target > 0 {
        ratio = max(ratio, metrics.p99Milliseconds / target)
      }
      if let target = budget.p50Milliseconds, target > 0 {
        ratio = max(ratio, metrics.p50Milliseconds / target)
      }
    }
    if let limit = settings.maximumCostDollars, limit > 0 {
      ratio = max(ratio, metrics.costDollars / limit)
    }
    return ratio
  }

  /// The one-step neighbours of a candidate not yet simulated, as candidate positions (appended
  /// to the candidates when new): best estimate first, or lowest zero-load latency first.
  mutating func neighbours(of leader: Int, fastestFirst: Bool = false) -> [Int] {
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
        // The percentile bounds rule it out for sure.
        let percentiles = PlacementChain.percentileBounds(values) * keep
        if let target = budget.p50Milliseconds, percentiles[0] > target { continue }
        if let target = budget.p99Milliseconds, percentiles[1] > target { continue }
        if let target = latencyTarget {
          // A zero-load mean over the target all but surely.
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
        let milliseconds = values[Figure.zeroLoadMilliseconds.rawValue]
        ranked.append(
          (
            fastestFirst ? [milliseconds] + estimateKey(position) : estimateKey(position), digits,
            position
          ))
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
