/// Latency targets for a workflow; at least one is set.
public struct BudgetDefinition: Hashable, Sendable {
  /// Target median end-to-end session latency, ms.
  public var p50Milliseconds: Double?
  /// Target 99th-percentile end-to-end session latency, ms.
  public var p99Milliseconds: Double?
  /// Target time to first visible token, ms (for workflows with a `visible` step).
  public var ttftMilliseconds: Double?

  /// The shortest target, in milliseconds, that an end-to-end agent task can plausibly meet: one
  /// network round trip, or one prefill and a token, takes longer. A shorter target in a file is
  /// a warning (most likely seconds written as milliseconds), never an error.
  public static let shortestPlausibleMilliseconds = 20.0

  /// Creates a budget.
  public init(
    p50Milliseconds: Double? = nil, p99Milliseconds: Double? = nil,
    ttftMilliseconds: Double? = nil
  ) {
    self.p50Milliseconds = p50Milliseconds
    self.p99Milliseconds = p99Milliseconds
    self.ttftMilliseconds = ttftMilliseconds
  }
}
