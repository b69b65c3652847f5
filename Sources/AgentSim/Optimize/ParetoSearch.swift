/// Exact dynamic programming over a ``PlacementChain``: every placement that no other placement
/// beats on the chosen figures, found without enumerating the space.
///
/// Labels are partial placements (an option for each block so far) with their summed figures and
/// the state they leave. After each block, labels in the same state are compared: one that another
/// matches or beats on every chosen figure is dropped, because both continue identically from
/// there (the rest of the chain sees only the state) and the figures add — Bellman's principle on
/// vectors, the label-setting method of multi-objective shortest paths (Martins, *On a
/// multicriteria shortest path problem*, EJOR 16, 1984). A label whose percentile latency bound
/// (its summed minimum plus the largest excess of its own blocks, ``LowerBound``) plus the
/// smallest bound the remaining blocks can add misses the p50 or p99 target, or whose cost bound
/// plus the remaining smallest exceeds `--max-cost`, is dropped too: every completion of it
/// would be pruned by the sweep's own bounds. What survives the last block, compared across
/// states, is exactly the Pareto front of the feasible space (one placement per distinct vector:
/// among placements with identical figures, one is kept).
struct ParetoSearch {
  /// One partial placement.
  struct Label {
    var state: Int32
    var parent: Int32
    var option: Int32
    var values: SIMD8<Double>
  }

  /// What prunes a label.
  struct Limits {
    /// The p50 target the median's bound must meet, in milliseconds.
    var p50Milliseconds: Double?
    /// The p99 target the 99th percentile's bound must meet, in milliseconds.
    var p99Milliseconds: Double?
    /// `--max-cost`, in US dollars per session.
    var maximumCostDollars: Double?
  }

  /// The front and what it took to find it.
  struct Outcome {
    /// The surviving placements: candidate indices per step and summed figures.
    var points: [(digits: [Int], values: SIMD8<Double>)]
    /// Labels created over all blocks (the work done, against the space's size).
    var labelsCreated: Int
    /// The largest number of labels kept after any block (the memory held).
    var largestStage: Int
  }

  /// Runs the search.
  ///
  /// - Parameters:
  ///   - chain: The blocks.
  ///   - figures: The figures to compare labels on (lower is better for each).
  ///   - limits: The latency target and cost limit to prune by.
  /// - Returns: The front, in the order of `figures` (lexicographically), ties by placement.
  /// - Complexity: O(Σ *L*ₖ · *o*ₖ) label extensions for *L*ₖ labels before block *k* with *o*ₖ
  ///   options (block evaluations at most once per state and option), plus
  ///   O(*L* log *L* + *L* · *f*) per block to filter.
  static func run(
    chain: PlacementChain, figures: [PlacementChain.Figure], limits: Limits
  ) -> Outcome {
    let keep = 1 - LowerBound.slack
    // The least each suffix of blocks can add to the bounds: the bound never grows when more
    // links are already open, and does not depend on the conversation.
    var everyLinkOpen = chain.initial
    everyLinkOpen.boundOpen = chain.allLinks
    var latencyToGo = Array(repeating: 0.0, count: chain.blocks.count + 1)
    var costToGo = Array(repeating: 0.0, count: chain.blocks.count + 1)
    for block in chain.blocks.indices.reversed() {
      var latency = Double.infinity
      var cost = Double.infinity
      for option in chain.blocks[block].options.indices {
        let (figures, _) = chain.evaluate(block: block, option: option, from: everyLinkOpen)
        latency = min(latency, figures.values[PlacementChain.Figure.boundMilliseconds.rawValue])
        cost = min(cost, figures.values[PlacementChain.Figure.boundDollars.rawValue])
      }
      latencyToGo[block] = latencyToGo[block + 1] + latency
      costToGo[block] = costToGo[block + 1] + cost
    }
    let dimensions = figures.map(\.rawValue)
    var states: [PlacementChain.State] = [chain.initial]
    var stages: [[Label]] = []
    var current = [Label(state: 0, parent: -1, option: -1, values: .zero)]
    var created = 1
    var largest = 1
    for block in chain.blocks.indices {
      var nextStates: [PlacementChain.State] = []
      var nextIndex: [PlacementChain.State: Int32] = [:]
      var memo: [Int: (SIMD8<Double>, Int32)] = [:]
      let options = chain.blocks[block].options.count
      var next: [Label] = []
      for (position, label) in current.enumerated() {
        for option in 0..<options {
          let key = Int(label.state) * options + option
          let step: (SIMD8<Double>, Int32)
          if let known = memo[key] {
            step = known
          } else {
            let (figures, state) = chain.evaluate(
              block: block, option: option, from: states[Int(label.state)])
            let index: Int32
            if let existing = nextIndex[state] {
              index = existing
            } else {
              index = Int32(nextStates.count)
              nextStates.append(state)
              nextIndex[state] = index
            }
            step = (figures.values, index)
            memo[key] = step
          }
          let values = PlacementChain.combine(label.values, step.0)
          // The remaining blocks add at least their minimum; the excess so far already counts.
          let percentiles =
            (PlacementChain.percentileBounds(values) + SIMD2(repeating: latencyToGo[block + 1]))
            * keep
          if let target = limits.p50Milliseconds, percentiles[0] > target { continue }
          if let target = limits.p99Milliseconds, percentiles[1] > target { continue }
          let costBound = values[PlacementChain.Figure.boundDollars.rawValue]
          if let limit = limits.maximumCostDollars, (costBound + costToGo[block + 1]) * keep > limit
          {
            continue
          }
          next.append(
            Label(state: step.1, parent: Int32(position), option: Int32(option), values: values))
        }
      }
      created += next.count
      next = nondominated(next, dimensions: dimensions, byState: true)
      largest = max(largest, next.count)
      stages.append(current)
      current = next
      states = nextStates
    }
    stages.append(current)
    let front = nondominated(current, dimensions: dimensions, byState: false)
    var points: [(digits: [Int], values: SIMD8<Double>)] = []
    for label in front {
      var options = Array(repeating: 0, count: chain.blocks.count)
      var cursor = label
      var stage = chain.blocks.count
      while stage > 0 {
        options[stage - 1] = Int(cursor.option)
        cursor = stages[stage - 1][Int(cursor.parent)]
        stage -= 1
      }
      points.append((chain.digits(options: options), label.values))
    }
    points.sort { left, right in
      for dimension in dimensions where left.values[dimension] != right.values[dimension] {
        return left.values[dimension] < right.values[dimension]
      }
      return left.digits.lexicographicallyPrecedes(right.digits)
    }
    return Outcome(points: points, labelsCreated: created, largestStage: largest)
  }

  /// The labels no other label (in the same state, when `byState`) matches or beats on every
  /// dimension; of labels with identical figures, the first is kept.
  ///
  /// - Complexity: O(*n* log *n* + *n* · *f*) for *n* labels and *f* kept.
  static func nondominated(_ labels: [Label], dimensions: [Int], byState: Bool) -> [Label] {
    let order = labels.indices.sorted { left, right in
      let a = labels[left]
      let b = labels[right]
      if byState, a.state != b.state { return a.state < b.state }
      for dimension in dimensions where a.values[dimension] != b.values[dimension] {
        return a.values[dimension] < b.values[dimension]
      }
      return left < right
    }
    var kept: [Label] = []
    var groupStart = 0
    for index in order {
      let label = labels[index]
      if byState, let last = kept.last, last.state != label.state { groupStart = kept.count }
      let covered = kept[groupStart...].contains { other in
        dimensions.allSatisfy { other.values[$0] <= label.values[$0] }
      }
      if !covered { kept.append(label) }
    }
    return kept
  }
}

extension ParetoSearch.Limits {
  /// The excess figures labels must also be compared on, for the targets set: a label with a
  /// smaller excess may survive a target that a label beating it elsewhere misses.
  var excessFigures: [PlacementChain.Figure] {
    (p50Milliseconds != nil ? [.boundExcessP50] : [])
      + (p99Milliseconds != nil ? [.boundExcessP99] : [])
  }
}
