/// A body step repeated a fixed number of times, or repeated with a probability up to a bound.
public struct LoopStep: Hashable, Sendable {
  /// How many times the body runs.
  public enum Repetition: Hashable, Sendable {
    /// Exactly this many times (0...10,000).
    case count(Int)
    /// Once, then again with probability `probability` after each iteration, at most
    /// `maxIterations` times in all (1...10,000). The number of iterations is a truncated
    /// geometric variable with mean (1 − p^max) / (1 − p).
    case repeatWithProbability(Double, maxIterations: Int)
    /// A count drawn per run of the loop from a distribution, rounded to the nearest
    /// non-negative integer and capped at `maxIterations` (1...10,000): heavy-tailed loop
    /// lengths such as agents' tool-call counts (median 15, mean 74, p99 over 1,000 in TraceLab),
    /// which a geometric count cannot match (its median is about 0.69 × its mean).
    case drawn(DistributionSpec, maxIterations: Int)

    /// The most iterations the loop can run.
    public var maximumIterations: Int {
      switch self {
      case .count(let count): return count
      case .repeatWithProbability(_, let maxIterations): return maxIterations
      case .drawn(_, let maxIterations): return maxIterations
      }
    }
  }

  /// The step repeated.
  public var body: WorkflowStep
  /// How many times.
  public var repetition: Repetition

  /// Creates a loop.
  public init(body: WorkflowStep, repetition: Repetition) {
    self.body = body
    self.repetition = repetition
  }
}
