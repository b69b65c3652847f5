/// One option of a branch: a step taken with a probability.
///
/// A branch's probabilities sum to at most 1; with the remaining probability the branch does
/// nothing.
public struct BranchOption: Hashable, Sendable {
  /// The probability of taking this option, in [0, 1].
  public var probability: Double
  /// The step taken.
  public var step: WorkflowStep

  /// Creates an option.
  public init(probability: Double, step: WorkflowStep) {
    self.probability = probability
    self.step = step
  }
}
