/// One component of a `Distribution.mixture`: a distribution and its relative weight.
///
/// Weights are relative: a mixture divides each by their total, so `[3, 1]` and `[0.75, 0.25]`
/// describe the same mixture. A component of weight 0 is never drawn.
public struct MixtureComponent: Hashable, Sendable {
  /// The relative weight: finite and non-negative.
  public var weight: Double

  /// The distribution drawn from when this component is chosen.
  public var distribution: Distribution

  /// Creates a mixture component.
  ///
  /// - Parameters:
  ///   - weight: The relative weight, finite and non-negative; `Distribution.validationProblems()`
  ///     reports other values.
  ///   - distribution: The component's distribution.
  public init(weight: Double, distribution: Distribution) {
    self.weight = weight
    self.distribution = distribution
  }
}
