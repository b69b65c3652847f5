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

/// An `Int32` slot id tagged with the table it indexes (`Table` is a caseless enum that only names
/// it): one definition for every id type below, each a different type to the compiler, so a frame
/// id cannot address the session table by mistake. The same layout and instructions as the
/// `Int32`.
public struct TypedID<Table>: SlotID, Sendable {
  /// The slot's index, or -1 for none.
  let raw: Int32
  /// The id of slot `raw`.
  @inline(__always) init(raw: Int32) { self.raw = raw }
}

/// The tag of `FrameID` (public, as are `ReplicaSlots` and `UserSlots`, because the simulator's
/// `Event` carries those ids).
public enum FrameSlots {}
/// The tag of `ReplicaID`.
public enum ReplicaSlots {}
/// The tag of `UserID`.
public enum UserSlots {}
enum SessionSlots {}
enum RecordSlots {}
enum RequestSlots {}
enum PoolSlots {}
enum HostSlots {}
enum ToolPoolSlots {}

/// A frame of the step tree being executed (`Frame`, in the simulator's frame pool).
public typealias FrameID = TypedID<FrameSlots>

/// A session in flight (`SessionState`, in the simulator's session pool).
typealias SessionID = TypedID<SessionSlots>

/// A per-step record on a critical-path chain (`StepRecord`, in the simulator's record pool); -1
/// ends a chain.
typealias RecordID = TypedID<RecordSlots>

/// A request queued or running at a replica (`ReplicaBatching.Request`, in the batching
/// component's request pool).
typealias RequestID = TypedID<RequestSlots>

/// A replica of a shared inference pool: its index among all replicas of the run
/// (`ReplicaBatching.replicas`, a fixed table); -1 for a host that idles. Public because the
/// simulator's `Event` carries it.
public typealias ReplicaID = TypedID<ReplicaSlots>

extension TypedID where Table == ReplicaSlots {
  /// The replica `offset` places after this one: a pool's replicas have consecutive ids.
  @inline(__always)
  func advanced(by offset: Int) -> ReplicaID {
    ReplicaID(raw: raw + Int32(truncatingIfNeeded: offset))
  }
}

/// A shared inference pool (one model at one site): its index among the run's pools, the same as
/// in `Scenario.pools` (`ReplicaBatching.pools`, a fixed table); -1 for a site that serves no
/// such model.
typealias PoolID = TypedID<PoolSlots>

/// A physical replica of a site, which the replicas with the same index of the site's pools share
/// (`ReplicaBatching.hosts`, a fixed table).
typealias HostID = TypedID<HostSlots>

/// The tool worker pool of a site (`ToolPools.pools`, a fixed table with one pool per site): its
/// raw value is the site's index.
typealias ToolPoolID = TypedID<ToolPoolSlots>

/// A closed-loop user, who starts a session, thinks after it ends, and starts the next
/// (`Arrivals` with a closed population); -1 for an open-loop session. Users have no table: the
/// id travels in the simulator's `Event` and in each session it starts. Public because the event
/// carries it.
public typealias UserID = TypedID<UserSlots>
