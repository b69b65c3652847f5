import SimulationKernel

/// Measured sessions cut into consecutive batches in completion order, for the run-to-run noise of
/// a report's figures (`RunNoise`) by non-overlapping batch means.
///
/// Each batch keeps its own latency histogram and the money spent while it completed, so that once
/// the run is over the noise of a quantile can be estimated from how the batches' empirical
/// distribution functions vary at the overall estimate (see `RunNoise`). Memory is constant in the
/// number of sessions: at most `targetBatchCount` histograms.
struct SessionBatches: Sendable {
  /// Batches per run: within the 10 to 30 batches Schmeiser (Operations Research 30(3), 1982)
  /// recommends for batch-means intervals.
  static let targetBatchCount = 20

  /// Sessions per batch, from the number of measured sessions the run will complete.
  let batchSize: Int
  /// Latency histograms of the complete batches, in completion order.
  private(set) var histograms: [LatencyHistogram] = []
  /// Mean money per session of each complete batch, in US dollars.
  private(set) var costs: [Double] = []
  private var current = LatencyHistogram()
  private var currentCount = 0
  private var costAtOpen = 0.0

  init(measuredSessions: Int) {
    batchSize = max(1, measuredSessions / Self.targetBatchCount)
  }

  /// Whether the next session opens a new batch (its money at the start must be noted first).
  var isOpening: Bool { currentCount == 0 }

  /// Whether the current batch is complete.
  var isFull: Bool { currentCount == batchSize }

  /// Notes the money spent so far as the open batch's starting point.
  mutating func open(costSoFar: Double) {
    costAtOpen = costSoFar
  }

  /// Adds one measured session's latency to the open batch.
  mutating func record(latencyMilliseconds: Double) {
    current.record(latencyMilliseconds)
    currentCount += 1
  }

  /// Closes the full batch with the money spent so far.
  mutating func close(costSoFar: Double) {
    histograms.append(current)
    costs.append((costSoFar - costAtOpen) / Double(batchSize))
    current = LatencyHistogram()
    currentCount = 0
  }
}
