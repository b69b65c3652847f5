/// The recommendation of a sweep: which point, and the sentence that says why.
enum SweepRecommendation {
  /// The recommended point's position in `points`: among the points that meet their budget, the
  /// cheapest (ties: lower p99, then less energy, then the lower number), or the one with the least
  /// device energy when the objective is `energy`; without a budget, the best by the objective.
  static func choose(
    points: [SweepPointResult], ranking: [Int], objective: SweepObjective, hasBudget: Bool
  ) -> Int? {
    guard hasBudget else { return ranking.first }
    let meeting = ranking.filter { points[$0].meetsBudget }
    func key(_ position: Int) -> [Double] {
      guard let metrics = points[position].metrics else { return [.infinity] }
      let order =
        objective == .energy
        ? [metrics.energyJoules, metrics.p99Milliseconds, metrics.costDollars]
        : [metrics.costDollars, metrics.p99Milliseconds, metrics.energyJoules]
      return order + [Double(points[position].index)]
    }
    return meeting.min { key($0).lexicographicallyPrecedes(key($1)) }
  }

  /// The sentence: "plan on edge, code in region: p99 820 ms within the 1 s budget at $0.0031 per
  /// session, the cheapest that meets it."
  static func sentence(
    points: [SweepPointResult], choice: Int?, ranking: [Int], sweep: SweepIdentity,
    hasBudget: Bool
  ) -> String {
    let objective = sweep.settings.objective
    guard let choice, let metrics = points[choice].metrics else {
      guard hasBudget, let fastest = fastest(points: points, ranking: ranking),
        let best = points[fastest].metrics
      else {
        let counts = SweepCounts(points)
        return "No point could be simulated: \(counts.infeasible) infeasible, "
          + "\(counts.prunedByBudget + counts.prunedAsDominated) pruned."
      }
      let budget = points[fastest].budget
      return "No point meets the budget (\(describe(budget))); the fastest, "
        + "\(describe(points[fastest], sweep: sweep)), has p99 \(duration(best.p99Milliseconds)) "
        + "at \(DisplayFormat.dollars(best.costDollars)) per session."
    }
    let place = describe(points[choice], sweep: sweep)
    let money = "\(DisplayFormat.dollars(metrics.costDollars)) per session"
    guard hasBudget else {
      return "\(place): the best \(objective.rawValue) "
        + "(\(objectiveText(objective, metrics))) at \(money); the workflow sets no budget."
    }
    let budget = points[choice].budget
    var achieved: String
    if let limit = budget.p99Milliseconds {
      achieved = "p99 \(duration(metrics.p99Milliseconds)) within the \(target(limit)) budget"
    } else if let limit = budget.p50Milliseconds {
      achieved = "p50 \(duration(metrics.p50Milliseconds)) within the \(target(limit)) budget"
    } else {
      let ttft = metrics.timeToFirstTokenP99Milliseconds ?? 0
      achieved =
        "\(BudgetWording.firstToken) \(duration(ttft)) within the "
        + "\(target(budget.timeToFirstTokenMilliseconds ?? 0)) budget"
    }
    if objective == .energy {
      achieved +=
        " at \(money) and \(DisplayFormat.joules(metrics.energyJoules)) of device "
        + "energy, the least energy that meets it."
    } else {
      achieved += " at \(money), the cheapest that meets it."
    }
    return "\(place): \(achieved)"
  }

  static func fastest(points: [SweepPointResult], ranking: [Int]) -> Int? {
    ranking.min { left, right in
      let a = points[left].metrics?.p99Milliseconds ?? .infinity
      let b = points[right].metrics?.p99Milliseconds ?? .infinity
      return a < b || (a == b && left < right)
    }
  }

  static func objectiveText(_ objective: SweepObjective, _ metrics: SweepMetrics) -> String {
    switch objective {
    case .cost: DisplayFormat.dollars(metrics.costDollars)
    case .energy: DisplayFormat.joules(metrics.energyJoules)
    default: duration(objective.value(of: metrics))
    }
  }

  static func describe(_ budget: SweepBudget, relation: String = "≤") -> String {
    BudgetWording.targets(budget, relation: relation)
  }

  /// "plan on edge, code in region", for the steps that have a choice (every step when none has),
  /// grouped by site in workflow order; then the parameter setting, if any.
  static func describe(_ point: SweepPointResult, sweep: SweepIdentity) -> String {
    let varied = sweep.steps.filter { $0.candidates.count > 1 }
    let steps = varied.isEmpty ? sweep.steps : varied
    var groups: [(site: String, steps: [String])] = []
    for step in steps {
      guard let site = point.placement[step.name] else { continue }
      if let index = groups.firstIndex(where: { $0.site == site }) {
        groups[index].steps.append(step.name)
      } else {
        groups.append((site, [step.name]))
      }
    }
    var text = groups.map { group in
      let names =
        group.steps.count > 1
        ? group.steps.dropLast().joined(separator: ", ") + " and " + (group.steps.last ?? "")
        : group.steps.joined()
      let preposition = sweep.siteTiers[group.site] == .region ? "in" : "on"
      return "\(names) \(preposition) \(group.site)"
    }.joined(separator: ", ")
    if text.isEmpty { text = "the workflow as written" }
    if !point.parameters.isEmpty { text += " with " + point.parameters.joined(separator: " ") }
    return text
  }

  static func duration(_ milliseconds: Double) -> String {
    DisplayFormat.duration(milliseconds: milliseconds)
  }

  static func target(_ milliseconds: Double) -> String {
    DisplayFormat.duration(milliseconds: milliseconds, trimsTrailingZeros: true)
  }
}
