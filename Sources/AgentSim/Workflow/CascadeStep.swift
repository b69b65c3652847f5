/// A model cascade (router): run `first`; with probability `escalateProbability` its answer is
/// not good enough and `then` runs after it.
public struct CascadeStep: Hashable, Sendable {
  /// The first, usually small and near, model call.
  public var first: LLMStep
  /// The probability of escalating, in [0, 1].
  public var escalateProbability: Double
  /// The call escalated to, usually a large remote model.
  public var then: LLMStep

  /// Creates a cascade.
  public init(first: LLMStep, escalateProbability: Double, then: LLMStep) {
    self.first = first
    self.escalateProbability = escalateProbability
    self.then = then
  }
}
