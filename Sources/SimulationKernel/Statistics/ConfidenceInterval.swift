/// A two-sided confidence interval `estimate ± halfWidth` at a confidence `level`.
public struct ConfidenceInterval: Hashable, Sendable {
  /// The point estimate (for example a mean), at the centre of the interval.
  public var estimate: Double

  /// Half the interval's width; `+∞` when the data cannot bound the estimate.
  public var halfWidth: Double

  /// The confidence level, strictly between 0 and 1 (0.95 for a 95% interval).
  public var level: Double

  /// Creates an interval `estimate ± halfWidth`.
  ///
  /// - Parameters:
  ///   - estimate: The point estimate.
  ///   - halfWidth: Half the width; not negative (may be `+∞`).
  ///   - level: The confidence level, in (0, 1).
  /// - Precondition: `halfWidth ≥ 0` and `0 < level < 1`.
  public init(estimate: Double, halfWidth: Double, level: Double) {
    precondition(halfWidth >= 0, "ConfidenceInterval: halfWidth must be ≥ 0, got \(halfWidth)")
    precondition(
      level > 0 && level < 1, "ConfidenceInterval: level must be in (0, 1), got \(level)")
    self.estimate = estimate
    self.halfWidth = halfWidth
    self.level = level
  }

  /// The lower end, `estimate − halfWidth`.
  public var lowerBound: Double { estimate - halfWidth }

  /// The upper end, `estimate + halfWidth`.
  public var upperBound: Double { estimate + halfWidth }

  /// The half-width relative to the estimate, `halfWidth / |estimate|` (∞ when the estimate is 0).
  public var relativeHalfWidth: Double { halfWidth / abs(estimate) }

  /// Whether `x` lies in the closed interval `[lowerBound, upperBound]`.
  ///
  /// - Parameter x: A value, for example a known true mean.
  /// - Returns: `true` if the interval covers `x`.
  public func contains(_ x: Double) -> Bool {
    lowerBound <= x && x <= upperBound
  }

  /// The Student *t* interval for the mean of independent, identically distributed observations
  /// summarised by `statistics`: `x̄ ± t_{(1+level)/2, n−1} · s / √n`.
  ///
  /// Exact for normal data and asymptotically right for any finite variance (central limit
  /// theorem). With fewer than two observations the half-width is `+∞`. Uses `count` as *n*: the
  /// observations are assumed to have weight 1.
  ///
  /// - Parameters:
  ///   - statistics: The summary of the observations; not empty.
  ///   - level: The confidence level, in (0, 1).
  /// - Returns: The interval around `statistics.mean`.
  /// - Precondition: `statistics` is not empty; `0 < level < 1`.
  /// - Complexity: One Student *t* quantile (see `StudentT.quantile(_:degreesOfFreedom:)`).
  public static func mean(of statistics: RunningStatistics, level: Double) -> ConfidenceInterval {
    precondition(!statistics.isEmpty, "ConfidenceInterval.mean(of:): no observations")
    precondition(
      level > 0 && level < 1, "ConfidenceInterval: level must be in (0, 1), got \(level)")
    let n = statistics.count
    guard n >= 2 else {
      return ConfidenceInterval(estimate: statistics.mean, halfWidth: .infinity, level: level)
    }
    let t = StudentT.quantile((1 + level) / 2, degreesOfFreedom: Double(n - 1))
    let standardError = (statistics.variance / Double(n)).squareRoot()
    return ConfidenceInterval(estimate: statistics.mean, halfWidth: t * standardError, level: level)
  }

  /// The interval for a quantity from independent replications (runs with independent seeds),
  /// each contributing one estimate: the Student *t* interval with `means.count − 1` degrees of
  /// freedom (Law, *Simulation Modeling and Analysis*, 5th ed., 2015, §9.4.1).
  ///
  /// - Parameters:
  ///   - means: One estimate per replication, in any order; at least one. With a single
  ///     replication the half-width is `+∞`: one run says nothing about its own variability.
  ///   - level: The confidence level, in (0, 1).
  /// - Returns: The interval around the mean of `means`.
  /// - Precondition: `means` is not empty and its values are finite; `0 < level < 1`.
  /// - Complexity: O(*n*) for *n* replications, plus one Student *t* quantile.
  public static func replications(_ means: [Double], level: Double) -> ConfidenceInterval {
    precondition(!means.isEmpty, "ConfidenceInterval.replications: no replications")
    return mean(of: RunningStatistics(means), level: level)
  }
}
