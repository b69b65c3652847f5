extension Distribution {
  /// Every problem with the parameters, one sentence each, quoting the bad value; empty when the
  /// distribution is valid.
  ///
  /// Checks that every parameter is finite and in range (means, standard deviations, sigmas, shapes
  /// and scales positive; `lower ≤ upper`; mixture weights non-negative with a positive total), and
  /// recurses into mixture components, prefixing their problems with `mixture component i: `
  /// (0-based). Empirical distributions are checked when built, so they never have problems here.
  /// Callers turn each sentence into a diagnostic, for example
  /// `"exponential mean must be positive and finite, found -2"`.
  ///
  /// - Returns: The problems in a fixed order; empty when the distribution can be sampled.
  /// - Complexity: O(k) for a mixture of k components (recursively), O(1) otherwise.
  public func validationProblems() -> [String] {
    switch self {
    case .constant(let value):
      return Distribution.finite(value, "constant value")
    case .uniform(let lower, let upper):
      var problems =
        Distribution.finite(lower, "uniform lower bound")
        + Distribution.finite(upper, "uniform upper bound")
      if problems.isEmpty && lower > upper {
        problems.append(
          "uniform lower bound (\(lower.messageDescription)) must not exceed the upper bound "
            + "(\(upper.messageDescription))")
      }
      return problems
    case .exponential(let mean):
      return Distribution.positive(mean, "exponential mean")
    case .normal(let mean, let standardDeviation):
      return Distribution.finite(mean, "normal mean")
        + Distribution.positive(standardDeviation, "normal standard deviation")
    case .lognormal(let mu, let sigma):
      var problems = Distribution.finite(mu, "lognormal mu")
      if !(sigma > 0 && sigma.isFinite) {
        problems.append(
          "lognormal sigma must be positive and finite, found \(sigma.messageDescription) (when "
            + "built from a median and a p99, the median must be positive and the p99 greater "
            + "than the median)")
      }
      return problems
    case .gamma(let shape, let scale):
      return Distribution.positive(shape, "gamma shape")
        + Distribution.positive(scale, "gamma scale")
    case .empirical:
      return []
    case .mixture(let components):
      return Distribution.mixtureProblems(components)
    }
  }

  /// The problems of a mixture's weights and components.
  static func mixtureProblems(_ components: [MixtureComponent]) -> [String] {
    if components.isEmpty {
      return ["a mixture needs at least one component"]
    }
    var problems: [String] = []
    var total = 0.0
    for (index, component) in components.enumerated() {
      let weight = component.weight
      if weight >= 0 && weight.isFinite {
        total += weight
      } else {
        problems.append(
          "mixture component \(index) weight must be non-negative and finite, found "
            + "\(weight.messageDescription)")
      }
      for problem in component.distribution.validationProblems() {
        problems.append("mixture component \(index): \(problem)")
      }
    }
    if problems.isEmpty && !(total > 0 && total.isFinite) {
      problems.append(
        "mixture weights must have a positive, finite total, found \(total.messageDescription)")
    }
    return problems
  }

  /// `["<name> must be finite, found <value>"]` unless `value` is finite.
  static func finite(_ value: Double, _ name: String) -> [String] {
    value.isFinite ? [] : ["\(name) must be finite, found \(value.messageDescription)"]
  }

  /// `["<name> must be positive and finite, found <value>"]` unless `value` is.
  static func positive(_ value: Double, _ name: String) -> [String] {
    value > 0 && value.isFinite
      ? [] : ["\(name) must be positive and finite, found \(value.messageDescription)"]
  }
}
