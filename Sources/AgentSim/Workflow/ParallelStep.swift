/// Child steps started together; the step ends when all of them, or the first *k*, have finished.
///
/// Children still running after a `first(k)` join are left to finish in the background (they
/// keep holding their resources) but no longer delay the session.
public struct ParallelStep: Hashable, Sendable {
  /// When a parallel step is done.
  public enum Join: Hashable, Sendable {
    /// When every child has finished.
    case all
    /// When the first `k` children have finished (1 ≤ k ≤ number of children).
    case first(Int)
  }

  /// The children, at least one.
  public var steps: [WorkflowStep]
  /// When the step is done.
  public var join: Join

  /// Creates a parallel step.
  public init(steps: [WorkflowStep], join: Join = .all) {
    self.steps = steps
    self.join = join
  }
}
