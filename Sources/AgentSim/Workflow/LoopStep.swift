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

    /// The most iterations the loop can run.
    public var maximumIterations: Int {
      switch self {
      case .count(let count): return count
      case .repeatWithProbability(_, let maxIterations): return maxIterations
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
