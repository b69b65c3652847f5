/// A point's latency targets, in milliseconds (each optional), as its workflow states them.
public struct SweepBudget: Codable, Hashable, Sendable {
  /// Target for the median.
  public var p50Milliseconds: Double?
  /// Target for the 99th percentile.
  public var p99Milliseconds: Double?
  /// Target for the 99th percentile of the time to the first visible token.
  public var timeToFirstTokenMilliseconds: Double?

  /// Creates a budget.
  public init(
    p50Milliseconds: Double? = nil, p99Milliseconds: Double? = nil,
    timeToFirstTokenMilliseconds: Double? = nil
  ) {
    self.p50Milliseconds = p50Milliseconds
    self.p99Milliseconds = p99Milliseconds
    self.timeToFirstTokenMilliseconds = timeToFirstTokenMilliseconds
  }

  /// The budget of a workflow definition (none when it sets no budget).
  ///
  /// - Parameter definition: The workflow's `budget`.
  public init(_ definition: BudgetDefinition?) {
    self.init(
      p50Milliseconds: definition?.p50Milliseconds, p99Milliseconds: definition?.p99Milliseconds,
      timeToFirstTokenMilliseconds: definition?.ttftMilliseconds)
  }

  /// Whether any target is set.
  public var hasTargets: Bool {
    p50Milliseconds != nil || p99Milliseconds != nil || timeToFirstTokenMilliseconds != nil
  }

  enum CodingKeys: String, CodingKey {
    case p50Milliseconds = "p50_ms"
    case p99Milliseconds = "p99_ms"
    case timeToFirstTokenMilliseconds = "ttft_ms"
  }
}
