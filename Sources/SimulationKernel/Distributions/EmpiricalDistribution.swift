/// A distribution given by data: a piecewise-linear inverse CDF through a table of knots
/// (pᵢ, xᵢ), with p₀ = 0 and pₙ = 1.
///
/// Between two knots the quantile function is linear, Q(p) = xᵢ + (p − pᵢ)/(pᵢ₊₁ − pᵢ)·(xᵢ₊₁ − xᵢ),
/// so the distribution is uniform on each [xᵢ, xᵢ₊₁] with mass pᵢ₊₁ − pᵢ (a flat segment, xᵢ = xᵢ₊₁,
/// is a point mass). Its support is exactly [x₀, xₙ]: there is no extrapolation beyond the table.
///
/// Two ways to build one:
/// - `init(samples:)` from observations: the knots are the order statistics x₍₁₎ ≤ … ≤ x₍ₙ₎ at
///   evenly spaced pᵢ = i/(n − 1) (the "type 7" sample quantile of Hyndman and Fan, "Sample
///   quantiles in statistical packages", *The American Statistician* 50(4), 1996, which is also the
///   default of R and NumPy).
/// - `init(percentiles:)` from a table of (p, value), for example a published p0/p50/p90/p99/p100.
///
/// The knots live in `ContiguousArray`s that sampling only reads, so a draw never allocates or
/// copies. Instances are immutable and always valid: every initializer checks its input.
public struct EmpiricalDistribution: Hashable, Sendable {
  /// The knots' cumulative probabilities: strictly increasing, from exactly 0 to exactly 1.
  @usableFromInline let probabilities: ContiguousArray<Double>

  /// The knots' values: finite and non-decreasing, one per probability.
  @usableFromInline let values: ContiguousArray<Double>

  /// Whether `probabilities[i] == i / (count − 1)` for every i, so a quantile finds its segment by
  /// one multiplication instead of a binary search.
  @usableFromInline let isEvenlySpaced: Bool

  /// The mean, ∫₀¹ Q(p) dp = Σᵢ (pᵢ₊₁ − pᵢ)(xᵢ + xᵢ₊₁)/2, computed once at construction.
  ///
  /// For `init(samples:)` this is the mean of the interpolated distribution, not the sample mean:
  /// the two smallest and largest observations count half.
  public let mean: Double

  /// The variance, ∫₀¹ (Q(p) − μ)² dp = Σᵢ (pᵢ₊₁ − pᵢ)(aᵢ² + aᵢbᵢ + bᵢ²)/3 with aᵢ = xᵢ − μ and
  /// bᵢ = xᵢ₊₁ − μ (the integral of a squared linear function), computed once at construction.
  public let variance: Double

  /// Creates the empirical distribution of a sample: a sorted copy of the observations, with the
  /// inverse CDF interpolating linearly between consecutive order statistics.
  ///
  /// One observation gives a point mass. Negative zero is stored as zero, so equal samples give
  /// equal (and equally hashed) distributions whatever their order.
  ///
  /// - Parameter samples: The observations, in any order; at least one, all finite.
  /// - Throws: `DistributionError` if `samples` is empty or holds NaN or infinite values (the first
  ///   ten are quoted, with their indices).
  /// - Complexity: O(n log n) for n samples.
  public init(samples: [Double]) throws {
    guard !samples.isEmpty else {
      throw DistributionError(problems: [
        "empirical samples must not be empty; give at least one observation"
      ])
    }
    var problems: [String] = []
    var nonFiniteCount = 0
    for (index, sample) in samples.enumerated() where !sample.isFinite {
      nonFiniteCount += 1
      if nonFiniteCount <= 10 {
        problems.append("samples[\(index)] must be finite, found \(sample.messageDescription)")
      }
    }
    if nonFiniteCount > 10 {
      problems.append("\(nonFiniteCount - 10) more samples are not finite")
    }
    guard problems.isEmpty else { throw DistributionError(problems: problems) }

    var sorted = ContiguousArray(samples.map { $0 + 0.0 })
    sorted.sort()
    if sorted.count == 1 {
      sorted.append(sorted[0])
    }
    let last = Double(sorted.count - 1)
    self.init(
      validatedProbabilities: ContiguousArray(sorted.indices.map { Double($0) / last }),
      values: sorted)
  }

  /// Creates a distribution from a percentile table: the inverse CDF passes through every row and is
  /// linear between consecutive rows.
  ///
  /// The table must cover the whole support: its first row has p = 0 (the smallest value that can
  /// be drawn) and its last p = 1 (the largest). No tail is extrapolated beyond the table, because
  /// any extrapolation (exponential, Pareto) would be a modelling choice the table does not state;
  /// add the bounds you believe in as explicit rows.
  ///
  /// - Parameter percentiles: Rows (p, value) with p strictly increasing from exactly 0 to exactly
  ///   1 and values finite and non-decreasing; at least two rows. Equal values on consecutive rows
  ///   make a point mass.
  /// - Throws: `DistributionError` listing every problem found: too few rows, a p outside [0, 1] or
  ///   not increasing, a value not finite or decreasing, a first p other than 0 or a last p other
  ///   than 1.
  /// - Complexity: O(n) for n rows.
  public init(percentiles: [(p: Double, value: Double)]) throws {
    var problems: [String] = []
    if percentiles.count < 2 {
      problems.append(
        "a percentile table needs at least two rows, one for p = 0 and one for p = 1; found "
          + "\(percentiles.count)")
    }
    for (index, row) in percentiles.enumerated() {
      let name = "percentiles[\(index)]"
      if !(row.p >= 0 && row.p <= 1) {
        problems.append(
          "\(name).p must be a probability in [0, 1], found \(row.p.messageDescription)")
      }
      if !row.value.isFinite {
        problems.append("\(name).value must be finite, found \(row.value.messageDescription)")
      }
      guard index > 0 else { continue }
      let previous = percentiles[index - 1]
      let previousName = "percentiles[\(index - 1)]"
      if !(row.p > previous.p) && !row.p.isNaN && !previous.p.isNaN {
        problems.append(
          "\(name).p must be greater than \(previousName).p (\(previous.p.messageDescription)), "
            + "found \(row.p.messageDescription)")
      }
      if row.value < previous.value {
        problems.append(
          "\(name).value must not be less than \(previousName).value "
            + "(\(previous.value.messageDescription)), found \(row.value.messageDescription)")
      }
    }
    if let first = percentiles.first, first.p != 0, !first.p.isNaN {
      problems.append(
        "percentiles[0].p must be 0, so the table starts at the smallest value, found "
          + "\(first.p.messageDescription); add a row for p = 0")
    }
    if percentiles.count >= 2, let last = percentiles.last, last.p != 1, !last.p.isNaN {
      problems.append(
        "percentiles[\(percentiles.count - 1)].p must be 1, so the table ends at the largest "
          + "value, found \(last.p.messageDescription); add a row for p = 1")
    }
    guard problems.isEmpty else { throw DistributionError(problems: problems) }
    self.init(
      validatedProbabilities: ContiguousArray(percentiles.map { $0.p }),
      values: ContiguousArray(percentiles.map { $0.value + 0.0 }))
  }

  /// Creates a distribution from knots already checked by a public initializer.
  init(
    validatedProbabilities probabilities: ContiguousArray<Double>, values: ContiguousArray<Double>
  ) {
    self.probabilities = probabilities
    self.values = values
    let last = Double(probabilities.count - 1)
    isEvenlySpaced = probabilities.indices.allSatisfy { probabilities[$0] == Double($0) / last }
    var mean = 0.0
    for index in 0..<(values.count - 1) {
      let mass = probabilities[index + 1] - probabilities[index]
      mean += mass * (values[index] + values[index + 1]) / 2
    }
    // Clamping guards against rounding pushing the mean of a point mass off its value.
    mean = min(max(mean, values[0]), values[values.count - 1])
    var variance = 0.0
    for index in 0..<(values.count - 1) {
      let mass = probabilities[index + 1] - probabilities[index]
      let a = values[index] - mean
      let b = values[index + 1] - mean
      variance += mass * (a * a + a * b + b * b) / 3
    }
    self.mean = mean
    self.variance = variance
  }

  /// The number of knots in the table (at least two; a one-observation sample is stored twice).
  public var count: Int { values.count }

  /// The knots (p, value) of the piecewise-linear inverse CDF, in increasing order.
  ///
  /// - Complexity: O(n): the table is copied into a new array.
  public var knots: [(p: Double, value: Double)] {
    Array(zip(probabilities, values).map { (p: $0, value: $1) })
  }

  /// The smallest value that can be drawn: the first knot's value.
  public var lowerBound: Double { values[0] }

  /// The largest value that can be drawn: the last knot's value.
  public var upperBound: Double { values[values.count - 1] }

  /// Draws one value by inverse transform: Q(U) with U = `generator.nextUniform()` in [0, 1).
  ///
  /// Uses exactly one 64-bit output of the generator, so streams stay aligned for common random
  /// numbers. Never allocates.
  ///
  /// - Parameter generator: The stream to draw from.
  /// - Returns: A value in [`lowerBound`, `upperBound`].
  /// - Complexity: O(1) for tables from `init(samples:)` (evenly spaced knots), O(log n) otherwise.
  @inlinable
  public func sample(using generator: inout Xoshiro256StarStar) -> Double {
    interpolatedQuantile(generator.nextUniform())
  }

  /// The quantile function (inverse CDF): the linear interpolation between the knots around `p`.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: Q(p); `lowerBound` at p = 0 and `upperBound` at p = 1.
  /// - Precondition: `p` is in [0, 1].
  /// - Complexity: O(1) for evenly spaced knots, O(log n) otherwise.
  @inlinable
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "quantile needs a probability in [0, 1], found \(p)")
    return interpolatedQuantile(p)
  }

  /// Q(p) for p already known to be in [0, 1].
  @inlinable
  func interpolatedQuantile(_ p: Double) -> Double {
    let lastIndex = values.count - 1
    let segment: Int
    let fraction: Double
    if isEvenlySpaced {
      let position = p * Double(lastIndex)
      segment = min(Int(position), lastIndex - 1)
      fraction = position - Double(segment)
    } else {
      // The largest segment start with probabilities[low] <= p; probabilities[0] == 0 <= p.
      var low = 0
      var high = lastIndex
      while high - low > 1 {
        let middle = (low + high) / 2
        if probabilities[middle] <= p {
          low = middle
        } else {
          high = middle
        }
      }
      segment = low
      fraction = (p - probabilities[low]) / (probabilities[low + 1] - probabilities[low])
    }
    let start = values[segment]
    let end = values[segment + 1]
    // `min` keeps rounding from stepping past the segment's end; the expression stays monotone.
    return min(start + fraction * (end - start), end)
  }

  /// The cumulative distribution function: the inverse of the piecewise-linear quantile function.
  ///
  /// Right-continuous: at a point mass (equal consecutive values) it returns the probability after
  /// the jump.
  ///
  /// - Parameter x: Any value.
  /// - Returns: P(X ≤ x): 0 below `lowerBound`, 1 at and above `upperBound`, NaN for NaN.
  /// - Complexity: O(log n).
  public func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    let lastIndex = values.count - 1
    if x < values[0] { return 0 }
    if x >= values[lastIndex] { return 1 }
    // The largest index with values[low] <= x; it is below lastIndex because x < values[lastIndex].
    var low = 0
    var high = lastIndex
    while high - low > 1 {
      let middle = (low + high) / 2
      if values[middle] <= x {
        low = middle
      } else {
        high = middle
      }
    }
    let start = values[low]
    let end = values[low + 1]
    let fraction = (x - start) / (end - start)
    return probabilities[low] + fraction * (probabilities[low + 1] - probabilities[low])
  }
}
