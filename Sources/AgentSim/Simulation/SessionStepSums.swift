import SimulationKernel

/// Per session slot, the figures of the steps it completed so far: 7 sums per step (6 component
/// nanoseconds and an execution count), in one buffer that grows with the sessions in flight.
///
/// Steps outside every parallel section are always on the critical path, so they add here as
/// they complete instead of allocating a `StepRecord` that the session's end walks and frees
/// (about a tenth of the agent loop's instructions, callgrind). `RunStatistics.recordSession`
/// adds the session's chain of records (steps inside parallel sections) and reads and zeroes the
/// block, so a slot is all zeros when a session starts on it. Per-session blocks only for
/// programs of at most `maximumSteps` steps (`isPerSession`), so a run with many sessions in
/// flight holds at most 448 bytes per session here; otherwise one block serves every session at
/// its end, and every step takes a record.
struct SessionStepSums {
  /// The most steps for which sessions get their own block.
  static let maximumSteps = 8

  /// Int64s per session: 7 per step.
  let stride: Int
  /// Whether each session slot has its own block (steps may add to it as they complete).
  let isPerSession: Bool
  let storage: SlotStorage<Int64>

  /// Blocks for a program of `stepCount` steps.
  init(stepCount: Int) {
    stride = 7 * stepCount
    isPerSession = stepCount <= Self.maximumSteps
    storage = SlotStorage(capacity: max(stride, 1) * 64)
    for _ in 0..<stride { storage.append(0) }
  }

  /// Grows the buffer (with zeros) to hold session slot `session`'s block, when blocks are per
  /// session: called as a session starts, so that `block(session:)` only computes an address.
  mutating func reserve(session: SessionID) {
    guard isPerSession else { return }
    let end = (session.index + 1) * stride
    while storage.count < end { storage.append(0) }
  }

  /// The block of session slot `session` (`reserve(session:)` first), or the shared one when
  /// blocks are not per session.
  @inline(__always)
  func block(session: SessionID) -> UnsafeMutablePointer<Int64> {
    guard isPerSession else { return storage.base }
    assert((session.index + 1) * stride <= storage.count, "session \(session.raw) has no block")
    return storage.base + session.index * stride
  }

  /// Adds one execution of `step` with `times` to the block at `sums`.
  @inline(__always)
  static func add(_ times: ComponentTimes, step: Int, into sums: UnsafeMutablePointer<Int64>) {
    // One session's figures: unchecked in release builds (`ComponentTimes.pathSum`).
    let base = sums + 7 * step
    base[0] = ComponentTimes.pathSum(base[0], times.network)
    base[1] = ComponentTimes.pathSum(base[1], times.queueing)
    base[2] = ComponentTimes.pathSum(base[2], times.prefill)
    base[3] = ComponentTimes.pathSum(base[3], times.decode)
    base[4] = ComponentTimes.pathSum(base[4], times.tool)
    base[5] = ComponentTimes.pathSum(base[5], times.transfer)
    base[6] = ComponentTimes.pathSum(base[6], 1)
  }
}
