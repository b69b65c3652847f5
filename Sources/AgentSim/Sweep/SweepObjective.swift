/// What a sweep ranks its points by (`--objective`); lower is better for every objective.
public enum SweepObjective: String, Codable, CaseIterable, Hashable, Sendable {
  /// Mean end-to-end latency.
  case mean
  /// Median end-to-end latency.
  case p50
  /// 99th percentile of end-to-end latency (the default).
  case p99
  /// 99th percentile of the time to the first visible token.
  case ttft
  /// Money per session.
  case cost
  /// Device energy per session.
  case energy

  /// The objective's value for a simulated point (`+∞` when it has none: no visible step).
  ///
  /// - Parameter metrics: The point's measurements.
  /// - Returns: The value, in milliseconds, dollars or joules.
  public func value(of metrics: SweepMetrics) -> Double {
    switch self {
    case .mean: metrics.meanMilliseconds
    case .p50: metrics.p50Milliseconds
    case .p99: metrics.p99Milliseconds
    case .ttft: metrics.timeToFirstTokenP99Milliseconds ?? .infinity
    case .cost: metrics.costDollars
    case .energy: metrics.energyJoules
    }
  }

  /// A lower bound of the objective for a point with lower bounds `bound` (0 for `ttft`, which
  /// has no bound of its own).
  ///
  /// - Parameter bound: The point's lower bounds.
  /// - Returns: A value no simulation of the point can beat.
  public func lowerBound(of bound: LowerBound) -> Double {
    switch self {
    case .mean: bound.latencyMilliseconds
    case .p50: bound.p50Milliseconds
    case .p99: bound.p99Milliseconds
    case .ttft: 0
    case .cost: bound.costDollars
    case .energy: bound.energyJoules
    }
  }
}
