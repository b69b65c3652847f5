/// Streaming count, mean, variance, minimum, maximum and sum of a series, in constant memory.
///
/// Updates use Welford's recurrence (B. P. Welford, "Note on a method for calculating corrected
/// sums of squares and products", Technometrics 4(3), 1962), extended to weights by D. H. D. West
/// ("Updating mean and variance estimates: an improved method", CACM 22(9), 1979):
///
///     W ← W + w;   δ = x − x̄;   x̄ ← x̄ + δ·w/W;   M₂ ← M₂ + w·δ·(x − x̄)
///
/// Two summaries merge by the pairwise formula of Chan, Golub and LeVeque ("Updating formulae and a
/// pairwise algorithm for computing sample variances", Stanford CS report STAN-CS-79-773, 1979;
/// also "Algorithms for computing the sample variance", The American Statistician 37(3), 1983):
///
///     δ = x̄_B − x̄_A;   W = W_A + W_B;   x̄ = x̄_A + δ·W_B/W;   M₂ = M₂_A + M₂_B + δ²·W_A·W_B/W
///
/// so that independent runs (sweep points, replications, threads) can be summarised separately and
/// combined. Both recurrences avoid the catastrophic cancellation of the textbook
/// `Σx² − (Σx)²/n`; merging in any grouping agrees with adding sequentially to rounding error.
///
/// Weights are *frequency* weights: `add(x, weight: 3)` is the same as adding `x` three times,
/// and the sample variance divides by `totalWeight − 1`.
public struct RunningStatistics: Hashable, Sendable {
  /// The number of `add` calls (observations), whatever their weights.
  @inlinable
  public var count: Int { storedCount }

  /// The sum of the weights; equal to `count` when every observation has weight 1.
  @inlinable
  public var totalWeight: Double { storedTotalWeight }

  /// The weighted sum of the observations, accumulated directly (not as `mean × totalWeight`).
  @inlinable
  public var sum: Double { storedSum }

  @usableFromInline var storedCount: Int
  @usableFromInline var storedTotalWeight: Double
  @usableFromInline var storedSum: Double
  @usableFromInline var storedMean: Double
  @usableFromInline var sumOfSquaredDeviations: Double
  @usableFromInline var storedMinimum: Double
  @usableFromInline var storedMaximum: Double

  /// Creates an empty summary.
  @inlinable
  public init() {
    storedCount = 0
    storedTotalWeight = 0
    storedSum = 0
    storedMean = 0
    sumOfSquaredDeviations = 0
    storedMinimum = .infinity
    storedMaximum = -.infinity
  }

  /// Creates a summary of the values of a sequence, added in order.
  ///
  /// - Parameter values: Finite observations, each with weight 1.
  /// - Complexity: O(*n*), where *n* is the number of values.
  @inlinable
  public init<S: Sequence>(_ values: S) where S.Element == Double {
    self.init()
    for value in values {
      add(value)
    }
  }

  /// Adds one observation of weight 1.
  ///
  /// - Parameter x: The observation; must be finite.
  @inlinable
  public mutating func add(_ x: Double) {
    precondition(x.isFinite, "RunningStatistics.add: the value must be finite, got \(x)")
    storedCount += 1
    storedTotalWeight += 1
    storedSum += x
    let delta = x - storedMean
    storedMean += delta / storedTotalWeight
    sumOfSquaredDeviations += delta * (x - storedMean)
    if x < storedMinimum { storedMinimum = x }
    if x > storedMaximum { storedMaximum = x }
  }

  /// Adds one observation with a frequency weight (West's weighted form of Welford's update).
  ///
  /// - Parameters:
  ///   - x: The observation; must be finite.
  ///   - weight: How many observations `x` stands for; finite and positive (need not be whole).
  @inlinable
  public mutating func add(_ x: Double, weight: Double) {
    precondition(x.isFinite, "RunningStatistics.add: the value must be finite, got \(x)")
    precondition(
      weight.isFinite && weight > 0,
      "RunningStatistics.add: the weight must be finite and positive, got \(weight)")
    storedCount += 1
    storedTotalWeight += weight
    storedSum += x * weight
    let delta = x - storedMean
    storedMean += delta * (weight / storedTotalWeight)
    sumOfSquaredDeviations += weight * delta * (x - storedMean)
    if x < storedMinimum { storedMinimum = x }
    if x > storedMaximum { storedMaximum = x }
  }

  /// Adds every observation summarised by `other`, by the pairwise formula of Chan, Golub and
  /// LeVeque (1979).
  ///
  /// The result equals (to rounding, about 1e-15 relative per merge) the summary obtained by
  /// adding both series' observations to one summary, in any order and grouping.
  ///
  /// - Parameter other: Another summary; may be empty.
  @inlinable
  public mutating func merge(_ other: RunningStatistics) {
    guard other.storedCount > 0 else { return }
    guard count > 0 else {
      self = other
      return
    }
    let combinedWeight = storedTotalWeight + other.storedTotalWeight
    let delta = other.storedMean - storedMean
    storedMean += delta * (other.storedTotalWeight / combinedWeight)
    sumOfSquaredDeviations +=
      other.sumOfSquaredDeviations
      + delta * delta * (storedTotalWeight * other.storedTotalWeight / combinedWeight)
    storedCount += other.storedCount
    storedTotalWeight = combinedWeight
    storedSum += other.storedSum
    storedMinimum = Swift.min(storedMinimum, other.storedMinimum)
    storedMaximum = Swift.max(storedMaximum, other.storedMaximum)
  }

  /// Returns the summary of both series, as if every observation of `other` were added to `self`.
  ///
  /// - Parameter other: Another summary; may be empty.
  /// - Returns: The merged summary (see `merge(_:)`).
  @inlinable
  public func merging(_ other: RunningStatistics) -> RunningStatistics {
    var result = self
    result.merge(other)
    return result
  }

  /// Whether no observation has been added.
  @inlinable
  public var isEmpty: Bool { storedCount == 0 }

  /// The (weighted) arithmetic mean; NaN when empty.
  @inlinable
  public var mean: Double { storedCount == 0 ? .nan : storedMean }

  /// The sample variance `M₂ / (W − 1)` (Bessel's correction, frequency weights); NaN when the
  /// total weight is at most 1.
  @inlinable
  public var variance: Double {
    storedTotalWeight > 1 ? Swift.max(0, sumOfSquaredDeviations) / (storedTotalWeight - 1) : .nan
  }

  /// The population variance `M₂ / W` (no Bessel correction); NaN when empty.
  @inlinable
  public var populationVariance: Double {
    storedTotalWeight > 0 ? Swift.max(0, sumOfSquaredDeviations) / storedTotalWeight : .nan
  }

  /// The sample standard deviation, `√variance`; NaN when the total weight is at most 1.
  @inlinable
  public var standardDeviation: Double { variance.squareRoot() }

  /// The standard error of the mean for independent observations, `√(variance / W)`; NaN when the
  /// total weight is at most 1.
  @inlinable
  public var standardErrorOfMean: Double { (variance / storedTotalWeight).squareRoot() }

  /// The smallest observation; NaN when empty.
  @inlinable
  public var minimum: Double { storedCount == 0 ? .nan : storedMinimum }

  /// The largest observation; NaN when empty.
  @inlinable
  public var maximum: Double { storedCount == 0 ? .nan : storedMaximum }
}
