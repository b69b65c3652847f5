/// A probability distribution as a workflow file writes it: a duration in milliseconds (for keys
/// ending in `_ms`), or a count (tokens, bytes) that is rounded to the nearest non-negative
/// integer when drawn.
///
/// The decoder guarantees the parameters are finite and valid (positive means and scales,
/// `min <= max`, `median < p99`, positive standard deviations and sigmas, non-negative values). Every distribution here describes a
/// non-negative quantity; draws of a `normal` below zero are clamped to zero by the simulator.
public enum DistributionSpec: Hashable, Sendable {
  /// Always `value`. Written as a bare number or `{"constant": x}`.
  case constant(Double)
  /// Uniform on [`min`, `max`]. `{"uniform": {"min", "max"}}`.
  case uniform(min: Double, max: Double)
  /// Exponential with the given mean. `{"exponential": {"mean"}}`.
  case exponential(mean: Double)
  /// Normal with the given mean and standard deviation. `{"normal": {"mean", "sd"}}`.
  case normal(mean: Double, standardDeviation: Double)
  /// Lognormal given by its median and 99th percentile. `{"lognormal": {"median", "p99"}}`.
  case lognormalQuantiles(median: Double, p99: Double)
  /// Lognormal given by the mean and standard deviation of its logarithm.
  /// `{"lognormal": {"mu", "sigma"}}`.
  case lognormal(mu: Double, sigma: Double)
  /// Gamma with shape *k* and scale θ (mean *k*θ). `{"gamma": {"shape", "scale"}}`.
  case gamma(shape: Double, scale: Double)
  /// Erlang: the sum of `stages` exponential stages, with the given overall mean.
  /// `{"erlang": {"k", "mean"}}`.
  case erlang(stages: Int, mean: Double)
  /// Draws one of the samples uniformly. `{"empirical": {"samples": [...]}}`.
  case empiricalSamples([Double])
  /// Piecewise-linear between percentile points, from p0 to p100 (sorted by percentile,
  /// non-decreasing in value). `{"empirical": {"percentiles": {"p0": …, "p100": …}}}`.
  case empiricalPercentiles([PercentilePoint])
  /// A weighted mixture (weights are positive; they are normalized to sum to 1).
  /// `{"mixture": [{"weight", "distribution"}, …]}`.
  case mixture([MixtureComponentSpec])
}

/// One point of an empirical distribution given by percentiles.
public struct PercentilePoint: Hashable, Sendable {
  /// The percentile, in [0, 100] (`p99.9` is 99.9).
  public var percentile: Double
  /// The value at that percentile.
  public var value: Double

  /// Creates a point.
  public init(percentile: Double, value: Double) {
    self.percentile = percentile
    self.value = value
  }
}

/// One weighted component of a mixture distribution.
public struct MixtureComponentSpec: Hashable, Sendable {
  /// The component's weight (positive; weights are normalized).
  public var weight: Double
  /// The component.
  public var distribution: DistributionSpec

  /// Creates a component.
  public init(weight: Double, distribution: DistributionSpec) {
    self.weight = weight
    self.distribution = distribution
  }
}
