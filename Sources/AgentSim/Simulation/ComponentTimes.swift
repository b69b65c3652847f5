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
