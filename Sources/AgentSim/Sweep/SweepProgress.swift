/// How far a running sweep has got: simulations done out of those planned so far.
public struct SweepProgress: Hashable, Sendable {
  /// Points simulated so far.
  public var done: Int
  /// Points to simulate (it may grow once a pruned sweep's pilot points are in).
  public var total: Int

  /// Creates a progress report.
  public init(done: Int, total: Int) {
    self.done = done
    self.total = total
  }
}
