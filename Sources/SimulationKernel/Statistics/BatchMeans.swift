/// Confidence intervals for the steady-state mean of a correlated series by non-overlapping batch
/// means.
///
/// Successive observations of a simulation (one customer's wait and the next one's) are
/// correlated, so the textbook interval `x̄ ± t·s/√n` is far too narrow. The series is cut into
/// consecutive batches of `batchSize` observations; when batches are long compared with the
/// correlation time, their means are nearly independent and nearly normal, and the Student *t*
/// interval over the batch means, with `batchCount − 1` degrees of freedom, is valid (Law,
/// *Simulation Modeling and Analysis*, 5th ed., 2015, §9.5.3; Schmeiser, "Batch size effects in
/// the analysis of simulation output", Operations Research 30(3), 1982, who recommends 10 to 30
/// batches).
///
/// **Leftovers.** Observations of an incomplete last batch are counted (`pendingCount`) but left
/// out of `mean` and of the interval: a shorter batch would have a larger variance than the others
/// and break the equal-variance assumption of the *t* interval. So `mean` is the mean of the first
/// `batchCount × batchSize` observations. Remove warm-up observations before adding.
public struct BatchMeans: Hashable, Sendable {
  /// The number of observations per batch.
  public let batchSize: Int

  /// The summary of the complete batches' means.
  public private(set) var batchStatistics: RunningStatistics

  @usableFromInline var currentSum: Double
  @usableFromInline var currentCount: Int

  /// Creates an empty series cut into batches of `batchSize` observations.
  ///
  /// - Parameter batchSize: The number of observations per batch, at least 1 (1 gives the
  ///   ordinary interval for independent observations).
  /// - Precondition: `batchSize ≥ 1`.
  public init(batchSize: Int) {
    precondition(batchSize >= 1, "BatchMeans: batchSize must be at least 1, got \(batchSize)")
    self.batchSize = batchSize
    batchStatistics = RunningStatistics()
    currentSum = 0
    currentCount = 0
  }

  /// Adds the next observation of the series.
  ///
  /// - Parameter x: The observation; must be finite.
  public mutating func add(_ x: Double) {
    precondition(x.isFinite, "BatchMeans.add: the value must be finite, got \(x)")
    currentSum += x
    currentCount += 1
    if currentCount == batchSize {
      batchStatistics.add(currentSum / Double(batchSize))
      currentSum = 0
      currentCount = 0
    }
  }

  /// The number of complete batches.
  public var batchCount: Int { batchStatistics.count }

  /// The number of observations waiting in the incomplete last batch (left out of the estimate).
  public var pendingCount: Int { currentCount }

  /// The number of observations added, including the pending ones.
  public var observationCount: Int { batchStatistics.count * batchSize + currentCount }

  /// The mean of the observations in complete batches; NaN when there is no complete batch.
  public var mean: Double { batchStatistics.mean }

  /// The Student *t* interval for the steady-state mean:
  /// `mean ± t_{(1+level)/2, k−1} · s_B / √k` over the `k = batchCount` batch means, whose sample
  /// standard deviation is `s_B`.
  ///
  /// - Parameter level: The confidence level, in (0, 1), for example 0.95.
  /// - Returns: The interval, or `nil` with fewer than two complete batches (no estimate of the
  ///   variance).
  /// - Precondition: `0 < level < 1`.
  /// - Complexity: One Student *t* quantile (see `StudentT.quantile(_:degreesOfFreedom:)`).
  public func confidenceInterval(level: Double) -> ConfidenceInterval? {
    precondition(level > 0 && level < 1, "BatchMeans: level must be in (0, 1), got \(level)")
    guard batchCount >= 2 else { return nil }
    return ConfidenceInterval.mean(of: batchStatistics, level: level)
  }
}
