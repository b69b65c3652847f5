import SimulationKernel

extension RunNoise {
  /// The noise of a run's figures from its batches (see `RunNoise` for the method).
  ///
  /// - Parameters:
  ///   - batches: The measured sessions in batches.
  ///   - latency: The histogram of every measured session's latency.
  /// - Returns: The half-widths, or `nil` with fewer than two complete batches.
  /// - Complexity: O(*k* · *b*) for *k* batches of *b* histogram buckets.
  init?(batches: SessionBatches, latency: LatencyHistogram) {
    let count = batches.histograms.count
    guard count >= 2, !latency.isEmpty else { return nil }
    let t = StudentT.quantile(
      (1 + Self.confidenceLevel) / 2, degreesOfFreedom: Double(count - 1))
    func halfWidth(_ values: [Double]) -> Double {
      let statistics = RunningStatistics(values)
      return t * (statistics.variance / Double(count)).squareRoot()
    }
    func quantileHalfWidth(_ p: Double) -> Double {
      let estimate = latency.quantile(p)
      let fractions = batches.histograms.map { $0.fraction(atOrBelow: estimate) }
      let spread = halfWidth(fractions)
      let lower = latency.quantile(max(p - spread, 0))
      let upper = latency.quantile(min(p + spread, 1))
      return (upper - lower) / 2
    }
    self.init(
      batches: count, sessionsPerBatch: batches.batchSize,
      meanHalfWidthMilliseconds: halfWidth(batches.histograms.map(\.mean)),
      p50HalfWidthMilliseconds: quantileHalfWidth(0.5),
      p99HalfWidthMilliseconds: quantileHalfWidth(0.99),
      costHalfWidthDollars: halfWidth(batches.costs))
  }
}
