/// The duration of one engine iteration and what bounded it.
public struct IterationCost: Hashable, Sendable {
  /// Wall-clock duration of the iteration, s (roofline time plus overheads plus tensor-parallel
  /// communication).
  public var seconds: Double
  /// Which roofline side was larger.
  public var bound: Bound

  /// Creates an iteration cost.
  ///
  /// - Parameters:
  ///   - seconds: Duration, s.
  ///   - bound: The roofline side that applied.
  public init(seconds: Double, bound: Bound) {
    self.seconds = seconds
    self.bound = bound
  }
}
