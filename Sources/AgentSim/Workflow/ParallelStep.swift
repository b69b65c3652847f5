/// Child steps started together; the step ends when all of them, or the first *k*, have finished.
///
/// Children still running after a `first(k)` join are left to finish in the background (they
/// keep holding their resources) but no longer delay the session, unless `cancelsRest`.
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
  /// Whether the children still running at a `first(k)` join are cancelled (`"cancel_rest":
  /// true`): a model request waiting at a replica is withdrawn, one running leaves the batch at
  /// the end of the iteration, a tool call waiting for a worker is dropped, and whatever else a
  /// straggler is doing (a message in flight, a tool already running, a device computation)
  /// finishes without anything after it starting.
  public var cancelsRest: Bool

  /// Creates a parallel step.
  public init(steps: [WorkflowStep], join: Join = .all, cancelsRest: Bool = false) {
    self.steps = steps
    self.join = join
    self.cancelsRest = cancelsRest
  }
}
