import Foundation
import SimulationKernel

/// The probability level at which a part of a session's latency is put when bounding a run's
/// reported percentile: below the percentile itself, by what the report's estimator allows.
///
/// A run reports the p-th percentile of its *n* measured sessions as the nearest-rank order
/// statistic (rank *k* = ⌈*p*·*n*⌉, ``SampleQuantiles/nearestRank(_:count:)``), read from the
/// latency histogram as its bucket's midpoint clamped into [minimum, maximum] (within 0.4% of the
/// value; ``LowerBound/slack`` absorbs it). If every session satisfies *L*ᵢ ≥ *g*(*X*ᵢ) for a
/// non-decreasing *g* of a per-session draw *X*, the *k*-th smallest *L* is at least *g* of the
/// *k*-th smallest *X*, and that lies below Q_q(*X*) only when at least *k* of the *n* draws fall
/// below Q_q(*X*), an event of probability at most P(Binomial(*n*, *q*) ≥ *k*). The level is the
/// largest *q* ≤ *p* that makes this at most ``risk``: the bound is then below the reported
/// percentile except with probability 10⁻⁹ per part and point (draws are common to every point of
/// a sweep, so the events coincide rather than add up).
enum QuantileLevel {
  /// The chance allowed that the estimator's order statistic falls below the level's quantile.
  static let risk = 1e-9

  private static let cache = LevelCache()

  /// The level for the `p`-th quantile of `sessions` measured sessions.
  ///
  /// - Complexity: O(60 · *t*) log-gamma evaluations the first time for *t* binomial tail terms
  ///   (a few hundred), then a cached look-up.
  static func level(_ p: Double, sessions: Int) -> Double {
    let count = max(1, sessions)
    if let known = cache.value(p, count) { return known }
    let rank = SampleQuantiles.nearestRank(p, count: count)
    var low = 0.0
    var high = p
    for _ in 0..<60 {
      let middle = (low + high) / 2
      if upperTail(count: count, probability: middle, atLeast: rank) <= risk {
        low = middle
      } else {
        high = middle
      }
    }
    cache.store(p, count, low)
    return low
  }

  /// P(Binomial(`count`, `probability`) ≥ `atLeast`), summed in log space from `atLeast` up;
  /// the terms fall geometrically there when `probability` < `atLeast` / `count`.
  static func upperTail(count: Int, probability: Double, atLeast: Int) -> Double {
    guard probability > 0 else { return atLeast <= 0 ? 1 : 0 }
    guard probability < 1 else { return 1 }
    let n = Double(count)
    let logP = log(probability)
    let logQ = log1p(-probability)
    let logFactorial = SpecialFunctions.logGamma(n + 1)
    var sum = 0.0
    for j in max(0, atLeast)...count {
      let x = Double(j)
      let term = exp(
        logFactorial - SpecialFunctions.logGamma(x + 1) - SpecialFunctions.logGamma(n - x + 1)
          + x * logP + (n - x) * logQ)
      sum += term
      if term < sum * 1e-17, x > n * probability { break }
    }
    return min(sum, 1)
  }

  /// The smallest value a draw of `distribution` is at least at probability level `level`: its
  /// quantile, taken slightly lower where it is found numerically (bisection for gamma and
  /// mixtures, interpolation for empirical tables) so that rounding cannot lift it.
  static func quantile(_ distribution: Distribution, level: Double) -> Double {
    let margin: Double
    switch distribution {
    case .constant, .uniform, .exponential, .normal, .lognormal: margin = 1e-12
    case .gamma, .empirical, .mixture: margin = 1e-6
    }
    let value = distribution.quantile(min(1, max(0, level - margin)))
    return value.isNaN ? distribution.lowerBound : max(value, distribution.lowerBound)
  }
}

/// Levels already computed, by percentile and session count (sweeps ask once per point).
private final class LevelCache: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Double: [Int: Double]] = [:]

  func value(_ p: Double, _ count: Int) -> Double? {
    lock.lock()
    defer { lock.unlock() }
    return values[p]?[count]
  }

  func store(_ p: Double, _ count: Int, _ value: Double) {
    lock.lock()
    defer { lock.unlock() }
    values[p, default: [:]][count] = value
  }
}
