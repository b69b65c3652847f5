/// How much a report's main figures would move from one run to the next (another seed, the same
/// workflow): 95% confidence half-widths by non-overlapping batch means over the measured sessions
/// in completion order.
///
/// Successive sessions share queues, so they are correlated and the textbook `s/√n` is too
/// narrow; means of consecutive batches are nearly independent (Law, *Simulation Modeling and
/// Analysis*, 5th ed., 2015, §9.5.3). For a quantile *q̂ₚ* the batches give the fraction of each
/// batch's sessions at or below *q̂ₚ*; the Student *t* interval of that fraction, *p ± h*, maps back
/// through the run's histogram to the latencies *q̂(p − h)* … *q̂(p + h)*, and the half-width is half
/// that span (the batched version of the order-statistic interval for quantiles; Law §9.7). A
/// leftover incomplete batch is left out. `agentsim compare` calls a difference larger than noise
/// when it exceeds the two runs' half-widths combined in quadrature.
public struct RunNoise: Codable, Hashable, Sendable {
  /// The confidence level of the half-widths.
  public static let confidenceLevel = 0.95

  /// Complete batches the estimate rests on.
  public var batches: Int
  /// Measured sessions per batch.
  public var sessionsPerBatch: Int
  /// Half-width of the mean end-to-end latency, in milliseconds.
  public var meanHalfWidthMilliseconds: Double
  /// Half-width of the median end-to-end latency, in milliseconds.
  public var p50HalfWidthMilliseconds: Double
  /// Half-width of the 99th percentile of end-to-end latency, in milliseconds.
  public var p99HalfWidthMilliseconds: Double
  /// Half-width of the money per session, in US dollars.
  public var costHalfWidthDollars: Double

  /// Creates noise estimates.
  public init(
    batches: Int, sessionsPerBatch: Int, meanHalfWidthMilliseconds: Double,
    p50HalfWidthMilliseconds: Double, p99HalfWidthMilliseconds: Double,
    costHalfWidthDollars: Double
  ) {
    self.batches = batches
    self.sessionsPerBatch = sessionsPerBatch
    self.meanHalfWidthMilliseconds = meanHalfWidthMilliseconds
    self.p50HalfWidthMilliseconds = p50HalfWidthMilliseconds
    self.p99HalfWidthMilliseconds = p99HalfWidthMilliseconds
    self.costHalfWidthDollars = costHalfWidthDollars
  }

  enum CodingKeys: String, CodingKey {
    case batches
    case sessionsPerBatch = "sessions_per_batch"
    case meanHalfWidthMilliseconds = "mean_half_width_ms"
    case p50HalfWidthMilliseconds = "p50_half_width_ms"
    case p99HalfWidthMilliseconds = "p99_half_width_ms"
    case costHalfWidthDollars = "cost_half_width_dollars"
  }
}
