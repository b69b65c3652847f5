/// The id of a slot in a `SlotPool`: a typed `Int32`, so a frame id cannot address the session
/// table (or a record's) by mistake. Trivial wrappers: in a release build they are the `Int32`
/// they hold (the same layout, the same instructions).
protocol SlotID: Hashable {
  /// The slot's index, or -1 for none.
  var raw: Int32 { get }
  /// The id of slot `raw` (-1: none).
  init(raw: Int32)
}

extension SlotID {
  /// No slot: the -1 that marks an absent parent, owner, chain end or scope.
  @inline(__always) static var none: Self { Self(raw: -1) }
  /// Whether the id names a slot (is not `none`).
  @inline(__always) var exists: Bool { raw >= 0 }
  /// Whether the id is `none`.
  @inline(__always) var isNone: Bool { raw < 0 }
  /// The slot's index as an `Int`, for side tables kept per slot.
  @inline(__always) var index: Int { Int(raw) }
}

/// A frame of the step tree being executed (`Frame`, in the simulator's frame pool).
public struct FrameID: SlotID, Sendable {
  /// The slot's index, or -1 for none.
  let raw: Int32
  /// The id of slot `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// A session in flight (`SessionState`, in the simulator's session pool).
struct SessionID: SlotID {
  /// The slot's index, or -1 for none.
  let raw: Int32
  /// The id of slot `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// A per-step record on a critical-path chain (`StepRecord`, in the simulator's record pool).
struct RecordID: SlotID {
  /// The slot's index, or -1 for none (the end of a chain).
  let raw: Int32
  /// The id of slot `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// A request queued or running at a replica (`ReplicaBatching.Request`, in the batching
/// component's request pool).
struct RequestID: SlotID {
  /// The slot's index, or -1 for none.
  let raw: Int32
  /// The id of slot `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// A replica of a shared inference pool: its index among all replicas of the run
/// (`ReplicaBatching.replicas`, a fixed table). Public because the simulator's `Event` carries it.
public struct ReplicaID: SlotID, Sendable {
  /// The replica's index, or -1 for none (a host that idles).
  let raw: Int32
  /// The id of replica `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }

  /// The replica `offset` places after this one: a pool's replicas have consecutive ids.
  @inline(__always)
  func advanced(by offset: Int) -> ReplicaID {
    ReplicaID(raw: raw + Int32(truncatingIfNeeded: offset))
  }
}

/// A shared inference pool (one model at one site): its index among the run's pools, the same as
/// in `Scenario.pools` (`ReplicaBatching.pools`, a fixed table).
struct PoolID: SlotID {
  /// The pool's index, or -1 for none (a site that serves no such model).
  let raw: Int32
  /// The id of pool `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// A physical replica of a site, which the replicas with the same index of the site's pools share
/// (`ReplicaBatching.hosts`, a fixed table).
struct HostID: SlotID {
  /// The host's index, or -1 for none.
  let raw: Int32
  /// The id of host `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// The tool worker pool of a site (`ToolPools.pools`, a fixed table with one pool per site): its
/// raw value is the site's index.
struct ToolPoolID: SlotID {
  /// The site's index, or -1 for none.
  let raw: Int32
  /// The id of site `raw`'s pool.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// A closed-loop user, who starts a session, thinks after it ends, and starts the next
/// (`Arrivals` with a closed population). Users have no table: the id travels in the
/// simulator's `Event` and in each session it starts. Public because the event carries it.
public struct UserID: SlotID, Sendable {
  /// The user's index, or -1 for none (an open-loop session).
  let raw: Int32
  /// The id of user `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}
