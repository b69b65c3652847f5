/// What became of one point of a sweep.
public enum SweepPointStatus: String, Codable, CaseIterable, Hashable, Sendable {
  /// Simulated; its metrics are known.
  case simulated
  /// Not a valid configuration (a model that does not fit, a pin violated, a site that does not
  /// serve the step's model) or over a user limit (`--max-cost`); the reasons say which.
  case infeasible
  /// Not simulated: its latency lower bound already misses the budget (large sweeps only).
  case prunedByBudget = "pruned-budget"
  /// Not simulated: a simulated point that meets the budget beats its lower bounds on p99, cost,
  /// energy and the objective (large sweeps only).
  case prunedAsDominated = "pruned-dominated"
}
