import SimulationKernel

/// Nanoseconds per latency component: six integers (and the named part of prefill that was
/// re-prefill) in one small value, added without allocation.
///
/// Integer nanoseconds keep the critical-path decomposition exact: the components of a session add
/// up to its end-to-end latency to the nanosecond.
public struct ComponentTimes: Hashable, Sendable {
  /// Network nanoseconds.
  public var network: Int64 = 0
  /// Queueing nanoseconds.
  public var queueing: Int64 = 0
  /// Prefill nanoseconds.
  public var prefill: Int64 = 0
  /// Decode nanoseconds.
  public var decode: Int64 = 0
  /// Tool nanoseconds.
  public var tool: Int64 = 0
  /// Transfer nanoseconds.
  public var transfer: Int64 = 0
  /// Nanoseconds of `prefill` spent prefilling again what a prefix cache had lost: a part of
  /// `prefill`, named (see ``ReprefillShare``), so not in `total` or the subscript.
  public var reprefill: Int64 = 0

  /// All zero.
  public init() {}

  /// The sum of every component, in nanoseconds (`reprefill` is inside `prefill`).
  @inlinable
  public var total: Int64 { network + queueing + prefill + decode + tool + transfer }

  /// The nanoseconds of one component.
  public subscript(component: LatencyComponent) -> Int64 {
    get {
      switch component {
      case .network: network
      case .queueing: queueing
      case .prefill: prefill
      case .decode: decode
      case .tool: tool
      case .transfer: transfer
      }
    }
    set {
      switch component {
      case .network: network = newValue
      case .queueing: queueing = newValue
      case .prefill: prefill = newValue
      case .decode: decode = newValue
      case .tool: tool = newValue
      case .transfer: transfer = newValue
      }
    }
  }

  /// Adds `duration` to `component`.
  @inlinable
  public mutating func add(_ duration: SimDuration, to component: LatencyComponent) {
    switch component {
    case .network: network += duration.nanoseconds
    case .queueing: queueing += duration.nanoseconds
    case .prefill: prefill += duration.nanoseconds
    case .decode: decode += duration.nanoseconds
    case .tool: tool += duration.nanoseconds
    case .transfer: transfer += duration.nanoseconds
    }
  }

  // MARK: One session's path
  //
  // A frame's times, a leaf's and a session's step sums each split a span of the simulated clock
  // (the frame's, the leaf's, the session's), so they never exceed the clock, whose arithmetic is
  // checked (`SimTime + SimDuration` traps on overflow): a duration that could wrap one of these
  // sums cannot be scheduled either. They add without the overflow check, which was 3.4% of the
  // agent loop's instructions (callgrind: 24,086 → 23,258 per session); debug builds still
  // assert. Sums over sessions (`RunStatistics`) keep the checked `+=`.

  /// `a + b` for one session's figures: unchecked in release builds (see above).
  @inline(__always)
  static func pathSum(_ a: Int64, _ b: Int64) -> Int64 {
    assert(!a.addingReportingOverflow(b).overflow, "component sum overflows: \(a) + \(b)")
    return a &+ b
  }

  /// Adds `duration` to `component` of a frame's times (unchecked in release builds: see
  /// `pathSum`).
  @inline(__always)
  mutating func addOnPath(_ duration: SimDuration, to component: LatencyComponent) {
    self[component] = Self.pathSum(self[component], duration.nanoseconds)
  }

  /// Adds the times of a part of the same session's path, such as a finished child's or leaf's
  /// (unchecked in release builds: see `pathSum`).
  @inline(__always)
  mutating func addOnPath(_ other: ComponentTimes) {
    network = Self.pathSum(network, other.network)
    queueing = Self.pathSum(queueing, other.queueing)
    prefill = Self.pathSum(prefill, other.prefill)
    decode = Self.pathSum(decode, other.decode)
    tool = Self.pathSum(tool, other.tool)
    transfer = Self.pathSum(transfer, other.transfer)
    reprefill = Self.pathSum(reprefill, other.reprefill)
  }

  /// Adds every component of `other`.
  @inlinable @inline(__always)
  public static func += (lhs: inout ComponentTimes, rhs: ComponentTimes) {
    lhs.network += rhs.network
    lhs.queueing += rhs.queueing
    lhs.prefill += rhs.prefill
    lhs.decode += rhs.decode
    lhs.tool += rhs.tool
    lhs.transfer += rhs.transfer
    lhs.reprefill += rhs.reprefill
  }
}
