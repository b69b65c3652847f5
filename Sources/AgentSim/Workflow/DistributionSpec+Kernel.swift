import SimulationKernel

extension DistributionSpec {
  /// The kernel distribution this specification describes, ready to sample (in the same units:
  /// ms for durations, tokens or bytes for counts).
  ///
  /// Percentile points (0...100) become the kernel's probabilities (0...1); `erlang` becomes a
  /// gamma of integer shape; `lognormalQuantiles` uses `Distribution.lognormal(median:p99:)`.
  /// Every specification that ``Workflow/decode(from:file:names:)`` returns converts without
  /// error, and the result has no `validationProblems()`.
  ///
  /// - Returns: The distribution.
  /// - Throws: `DistributionError` when an empirical table is invalid (only for specifications
  ///   built by hand).
  /// - Complexity: O(*n*) in the number of samples, percentile points or mixture components.
  public func makeDistribution() throws(DistributionError) -> Distribution {
    switch self {
    case .constant(let value):
      return .constant(value)
    case .uniform(let low, let high):
      return .uniform(lower: low, upper: high)
    case .exponential(let mean):
      return .exponential(mean: mean)
    case .normal(let mean, let standardDeviation):
      return .normal(mean: mean, standardDeviation: standardDeviation)
    case .lognormalQuantiles(let median, let p99):
      return .lognormal(median: median, p99: p99)
    case .lognormal(let mu, let sigma):
      return .lognormal(mu: mu, sigma: sigma)
    case .gamma(let shape, let scale):
      return .gamma(shape: shape, scale: scale)
    case .erlang(let stages, let mean):
      return .erlang(stages: stages, mean: mean)
    case .empiricalSamples(let samples):
      return .empirical(try Self.empirical { try EmpiricalDistribution(samples: samples) })
    case .empiricalPercentiles(let points):
      let rows = points.map { (p: $0.percentile / 100, value: $0.value) }
      return .empirical(try Self.empirical { try EmpiricalDistribution(percentiles: rows) })
    case .mixture(let components):
      var mixture: [MixtureComponent] = []
      for component in components {
        mixture.append(
          MixtureComponent(
            weight: component.weight, distribution: try component.distribution.makeDistribution()))
      }
      return .mixture(mixture)
    }
  }

  /// Runs an empirical initializer (declared `throws`), keeping its `DistributionError`.
  private static func empirical(_ make: () throws -> EmpiricalDistribution)
    throws(DistributionError) -> EmpiricalDistribution
  {
    do {
      return try make()
    } catch let error as DistributionError {
      throw error
    } catch {
      throw DistributionError(problems: ["\(error)"])
    }
  }
}
