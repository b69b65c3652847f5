import SimulationKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streaming statistics of a run: constant memory in the number of sessions.
///
/// End-to-end latency and time to first token go to log-bucketed histograms (≤ 0.4% relative
/// error on any quantile). Component and per-step critical-path times are summed overall and also
/// per *tail bucket*: sessions are grouped by latency in buckets 1% wide, so that once the run is
/// over the time split of "the sessions at or above p99" is the sum of the buckets from p99's
/// bucket up — without keeping any per-session record.
public struct RunStatistics: Sendable {
  /// Relative width of the tail buckets.
  static let tailBucketGrowth = 1.01
  static let tailBucketLogGrowth = log(tailBucketGrowth)

  /// End-to-end latency of measured sessions, in milliseconds.
  public private(set) var latency = LatencyHistogram()
  /// Time to first visible token of measured sessions that had one, in milliseconds.
  public private(set) var firstToken = LatencyHistogram()
  /// Measured sessions.
  public private(set) var sessionCount = 0
  /// Σ component nanoseconds over measured sessions.
  public private(set) var componentTotals = ComponentTimes()
  /// Σ device energy, joules.
  public private(set) var energyJoules = 0.0
  /// Σ hosted-API cost, dollars.
  public private(set) var apiCostDollars = 0.0
  /// The measured sessions in batches, for the report's run-to-run noise.
  var batches: SessionBatches

  let stepCount: Int
  /// Per step: 6 component sums and an execution count (stride 7).
  var stepTotals: [Int64]
  /// Tail buckets from `tailOffset`: count, 6 components, re-prefill (part of prefill), then 7
  /// per step.
  var tailBuckets: [Int64] = []
  var tailOffset = 0
  var tailStride: Int { 8 + 7 * stepCount }

  init(stepCount: Int, sitesCount: Int, measuredSessions: Int) {
    self.stepCount = stepCount
    batches = SessionBatches(measuredSessions: measuredSessions)
    stepTotals = Array(repeating: 0, count: 7 * stepCount)
  }

  static func tailBucket(nanoseconds: Int64) -> Int {
    Int((log(Double(max(nanoseconds, 1))) / tailBucketLogGrowth).rounded(.down))
  }

  /// Records a finished session.
  ///
  /// - Parameters:
  ///   - duration: Its end-to-end latency.
  ///   - times: Its critical path's time per component.
  ///   - chain: The first of its step records on the critical path (`none`: none).
  ///   - records: The step record table.
  ///   - stepSums: The session's per-step sums so far (7 per step: `SessionStepSums`), which the
  ///     chain's records are added to; read and zeroed here.
  ///   - firstVisibleNanoseconds: Its time to first visible token, if it had one.
  ///   - energyJoules: Its device energy.
  ///   - costDollars: Its hosted-API cost.
  mutating func recordSession(
    latency duration: SimDuration, times: ComponentTimes, chain: RecordID,
    records: UnsafeMutablePointer<StepRecord>, stepSums: UnsafeMutablePointer<Int64>,
    firstVisibleNanoseconds: Int64?, energyJoules: Double, costDollars: Double
  ) {
    sessionCount += 1
    latency.record(duration.milliseconds)
    batches.record(latencyMilliseconds: duration.milliseconds)
    if let firstVisibleNanoseconds {
      firstToken.record(Double(firstVisibleNanoseconds) * 1e-6)
    }
    componentTotals += times
    self.energyJoules += energyJoules
    apiCostDollars += costDollars
    // Buffers rather than subscripts: each subscript write to an array stored in `self` checks
    // uniqueness, which cost as much as the rest of a session's bookkeeping.
    let scratch = UnsafeMutableBufferPointer(start: stepSums, count: 7 * stepCount)
    var cursor = chain
    while cursor.exists {
      let record = records[cursor.index]
      SessionStepSums.add(record.times, step: Int(record.step), into: stepSums)
      cursor = record.next
    }
    let bucket = Self.tailBucket(nanoseconds: duration.nanoseconds)
    let start = tailSlot(for: bucket)
    tailBuckets.withUnsafeMutableBufferPointer { tail in
      tail[start] += 1
      Self.accumulate(times, into: tail, at: start + 1)
      tail[start + 7] += times.reprefill
      stepTotals.withUnsafeMutableBufferPointer { totals in
        for index in 0..<scratch.count where scratch[index] != 0 {
          totals[index] += scratch[index]
          tail[start + 8 + index] += scratch[index]
          scratch[index] = 0
        }
      }
    }
  }

  /// Adds `times` to six slots from `base`, in `LatencyComponent.allCases` order.
  @inline(__always)
  static func accumulate(
    _ times: ComponentTimes, into buffer: UnsafeMutableBufferPointer<Int64>, at base: Int
  ) {
    buffer[base] += times.network
    buffer[base + 1] += times.queueing
    buffer[base + 2] += times.prefill
    buffer[base + 3] += times.decode
    buffer[base + 4] += times.tool
    buffer[base + 5] += times.transfer
  }

  /// The start of `bucket`'s slots, growing the dense range to include it.
  mutating func tailSlot(for bucket: Int) -> Int {
    let stride = tailStride
    if tailBuckets.isEmpty {
      tailOffset = bucket
      tailBuckets = Array(repeating: 0, count: stride)
    } else if bucket < tailOffset {
      let extra = (tailOffset - bucket) * stride
      tailBuckets.insert(contentsOf: repeatElement(0, count: extra), at: 0)
      tailOffset = bucket
    } else {
      let needed = (bucket - tailOffset + 1) * stride
      if needed > tailBuckets.count {
        tailBuckets.append(contentsOf: repeatElement(0, count: needed - tailBuckets.count))
      }
    }
    return (bucket - tailOffset) * stride
  }

  /// Sums over the sessions whose latency is at or above `threshold` (at 1% bucket resolution):
  /// the session count, component nanoseconds, and per-step component nanoseconds and executions.
  func tail(atOrAboveMilliseconds threshold: Double) -> (
    count: Int64, components: ComponentTimes, steps: [Int64]
  ) {
    var count: Int64 = 0
    var components = ComponentTimes()
    var steps = [Int64](repeating: 0, count: 7 * stepCount)
    guard !tailBuckets.isEmpty else { return (0, components, steps) }
    let first = Self.tailBucket(nanoseconds: Int64(threshold * 1e6))
    let stride = tailStride
    let bucketCount = tailBuckets.count / stride
    for bucket in max(first - tailOffset, 0)..<bucketCount {
      let start = bucket * stride
      count += tailBuckets[start]
      for (offset, component) in LatencyComponent.allCases.enumerated() {
        components[component] += tailBuckets[start + 1 + offset]
      }
      components.reprefill += tailBuckets[start + 7]
      for index in 0..<steps.count { steps[index] += tailBuckets[start + 8 + index] }
    }
    return (count, components, steps)
  }

  /// Per-step component sums and execution counts over all measured sessions (stride 7).
  var stepSums: [Int64] { stepTotals }
}
