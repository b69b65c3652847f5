/// What `agentsim optimize` minimizes (`--objective`).
public enum OptimizeObjective: String, Codable, CaseIterable, Hashable, Sendable {
  /// Money per session among placements that meet the budget (the default).
  case cost
  /// The 99th percentile of end-to-end latency (within `--max-cost`).
  case p99
  /// The median end-to-end latency (within `--max-cost`).
  case p50
  /// Device energy per session among placements that meet the budget.
  case energy

  /// Whether placements must meet the workflow's latency budget to win (cost and energy), rather
  /// than the latency itself being what is minimized.
  public var isConstrainedByBudget: Bool {
    self == .cost || self == .energy
  }

  /// The simulated value (milliseconds, dollars or joules).
  ///
  /// - Parameter metrics: A simulated placement's figures.
  public func value(of metrics: SweepMetrics) -> Double {
    switch self {
    case .cost: metrics.costDollars
    case .p99: metrics.p99Milliseconds
    case .p50: metrics.p50Milliseconds
    case .energy: metrics.energyJoules
    }
  }

  /// The 95% half-width of the simulated value, from the run's batch means (nil when the run has
  /// too few sessions to say, and for energy, which the noise estimate does not cover).
  ///
  /// - Parameter metrics: A simulated placement's figures.
  public func halfWidth(of metrics: SweepMetrics) -> Double? {
    guard let noise = metrics.noise else { return nil }
    switch self {
    case .cost: return noise.costHalfWidthDollars
    case .p99: return noise.p99HalfWidthMilliseconds
    case .p50: return noise.p50HalfWidthMilliseconds
    case .energy: return nil
    }
  }

  /// The ranking key of a simulated placement, best first: the objective, then p99, then the
  /// other of cost and energy, then the placement's number — the sweep's recommendation order
  /// (cheapest, ties by lower p99, then less energy, then the lower number).
  func key(_ metrics: SweepMetrics) -> [Double] {
    switch self {
    case .cost: [metrics.costDollars, metrics.p99Milliseconds, metrics.energyJoules]
    case .energy: [metrics.energyJoules, metrics.p99Milliseconds, metrics.costDollars]
    case .p99: [metrics.p99Milliseconds, metrics.costDollars, metrics.energyJoules]
    case .p50: [metrics.p50Milliseconds, metrics.costDollars, metrics.energyJoules]
    }
  }

  /// The zero-load figures the dynamic programming compares placements on: the objective's own
  /// first, then the others that decide whether it can win (latency, the bound that the budget
  /// test uses, cost when `--max-cost` limits it).
  func searchFigures(limitsCost: Bool) -> [PlacementChain.Figure] {
    var figures: [PlacementChain.Figure]
    switch self {
    case .cost: figures = [.zeroLoadDollars, .zeroLoadMilliseconds, .boundMilliseconds]
    case .energy:
      figures = [.zeroLoadJoules, .zeroLoadMilliseconds, .zeroLoadDollars, .boundMilliseconds]
    case .p99, .p50: figures = [.zeroLoadMilliseconds, .zeroLoadDollars, .boundMilliseconds]
    }
    if limitsCost { figures.append(.boundDollars) }
    return figures
  }
}
