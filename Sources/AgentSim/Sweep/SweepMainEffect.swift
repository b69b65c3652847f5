/// How much a sweep's objective changes with one of its factors — a placeable step's site or a
/// `--vary` key — all else averaged over the sweep (the factor's *main effect*, in the sense of
/// the design of experiments: Montgomery, *Design and Analysis of Experiments*, 9th ed., §5.1).
///
/// For every level (a site, a varied value) the mean objective over the ranked points at that
/// level; the effect is the best level's mean against the worst's. The spread says how much that
/// depends on the other factors: over every pair of ranked points that differ only in this factor
/// and sit at its best and worst levels, the smallest and largest change (an interaction with
/// another step shows up as a wide spread).
public struct SweepMainEffect: Codable, Hashable, Sendable {
  /// What a factor is.
  public enum Factor: Codable, Hashable, Sendable {
    /// A placeable step's site.
    case step(String)
    /// A `--vary` key.
    case parameter(String)
  }

  /// One level of the factor and the objective's mean there.
  public struct Level: Codable, Hashable, Sendable {
    /// The site or the varied value.
    public var value: String
    /// The mean objective over the ranked points at this level (milliseconds, dollars or joules,
    /// as the objective says).
    public var meanObjective: Double
    /// How many ranked points are at this level.
    public var points: Int

    /// Creates a level.
    public init(value: String, meanObjective: Double, points: Int) {
      self.value = value
      self.meanObjective = meanObjective
      self.points = points
    }
  }

  /// The factor.
  public var factor: Factor
  /// Its levels in the order the sweep enumerates them, each with ranked points.
  public var levels: [Level]
  /// The level with the lowest mean objective.
  public var best: String
  /// The level with the highest.
  public var worst: String
  /// The worst level's mean minus the best's: how much the objective moves with this factor.
  public var effect: Double
  /// The smallest change from the best to the worst level among paired points, if any pair.
  public var smallestPairedChange: Double?
  /// The largest such change.
  public var largestPairedChange: Double?
  /// How many pairs the spread rests on.
  public var pairs: Int

  /// Creates an effect.
  public init(
    factor: Factor, levels: [Level], best: String, worst: String, effect: Double,
    smallestPairedChange: Double?, largestPairedChange: Double?, pairs: Int
  ) {
    self.factor = factor
    self.levels = levels
    self.best = best
    self.worst = worst
    self.effect = effect
    self.smallestPairedChange = smallestPairedChange
    self.largestPairedChange = largestPairedChange
    self.pairs = pairs
  }
}

extension SweepReport {
  /// The main effect of every factor with more than one level among the ranked points, largest
  /// effect first (ties in factor order: steps, then `--vary` keys).
  ///
  /// - Returns: The effects; empty when fewer than two points were ranked.
  /// - Complexity: O(*f* · *n*) for *f* factors and *n* points (dictionary lookups per point).
  public func mainEffects() -> [SweepMainEffect] {
    let objective = sweep.settings.objective
    let ranked = points.filter { $0.isRanked }
    guard ranked.count >= 2 else { return [] }
    let values = ranked.map { $0.metrics.map(objective.value) ?? .infinity }
    var factors: [(SweepMainEffect.Factor, [String], (SweepPointResult) -> String)] = []
    for step in sweep.steps where step.candidates.count > 1 {
      factors.append((.step(step.name), step.candidates, { $0.placement[step.name] ?? "" }))
    }
    for (axisIndex, axis) in sweep.grid.axes.enumerated() where axis.values.count > 1 {
      factors.append(
        (
          .parameter(axis.key), axis.values,
          { point in
            guard axisIndex < point.parameters.count else { return "" }
            let setting = point.parameters[axisIndex]
            return setting.firstIndex(of: "=").map { String(setting[setting.index(after: $0)...]) }
              ?? setting
          }
        ))
    }
    var effects: [(order: Int, effect: SweepMainEffect)] = []
    for (order, (factor, levelValues, level)) in factors.enumerated() {
      var sums: [String: (sum: Double, count: Int)] = [:]
      for (point, value) in zip(ranked, values) where value.isFinite {
        let current = sums[level(point), default: (0, 0)]
        sums[level(point)] = (current.sum + value, current.count + 1)
      }
      let levels = levelValues.compactMap { value -> SweepMainEffect.Level? in
        guard let entry = sums[value], entry.count > 0 else { return nil }
        return SweepMainEffect.Level(
          value: value, meanObjective: entry.sum / Double(entry.count), points: entry.count)
      }
      guard levels.count >= 2,
        let best = levels.min(by: { $0.meanObjective < $1.meanObjective }),
        let worst = levels.max(by: { $0.meanObjective < $1.meanObjective })
      else { continue }
      // Pair points that agree on every other factor: the context is everything but this factor.
      var bestByContext: [String: Double] = [:]
      var worstByContext: [String: Double] = [:]
      for (point, value) in zip(ranked, values) where value.isFinite {
        let here = level(point)
        guard here == best.value || here == worst.value else { continue }
        let context =
          factors.enumerated().filter { $0.offset != order }.map { $0.element.2(point) }
          .joined(separator: "\u{1F}")
        if here == best.value {
          bestByContext[context] = value
        } else {
          worstByContext[context] = value
        }
      }
      let changes = bestByContext.compactMap { context, value in
        worstByContext[context].map { $0 - value }
      }
      effects.append(
        (
          order,
          SweepMainEffect(
            factor: factor, levels: levels, best: best.value, worst: worst.value,
            effect: worst.meanObjective - best.meanObjective,
            smallestPairedChange: changes.min(), largestPairedChange: changes.max(),
            pairs: changes.count)
        ))
    }
    let ordered = effects.sorted { left, right in
      if left.effect.effect != right.effect.effect {
        return left.effect.effect > right.effect.effect
      }
      return left.order < right.order
    }
    return ordered.map { $0.effect }
  }
}
