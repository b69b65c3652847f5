import SimulationKernel

/// The per-execution state of one node of the step tree: the session's explicit state machine.
///
/// Frames live in a pooled side table indexed by `FrameID`s (a typed `Int32`), so the events that
/// drive them are a few integers and no frame is allocated per event. (A request at a shared replica lives in
/// `ReplicaBatching`, which names the frame as its owner.)
struct Frame {
  var node: Int32 = -1
  var parent = FrameID.none
  var session = SessionID.none
  /// The frame holding the conversation this frame's calls continue (the root, or a parallel child).
  var contextOwner = FrameID.none
  /// Where the frame is in its step: the raw value of its kind's phase (`LLMPhase`, `ToolPhase`,
  /// `TransferPhase`, `SpeculativePhase`), read and written through their accessors, or
  /// `Frame.completionPendingCode`.
  var phaseCode: Int32 = 0
  /// Sequence: next child; parallel: completions; loop: runs done; speculative: tokens produced.
  var counter: Int32 = 0
  /// Parallel: children still running.
  var outstanding: Int32 = 0
  /// Parallel: the join has happened (the frame is done but waits for stragglers).
  var isJoined = false
  /// The nearest enclosing `parallel` frame whose join cancels its stragglers, or -1: the frame
  /// is cancelled once that one (or one enclosing it) has joined. It stays alive until all its
  /// children have ended, so the id stays valid.
  var cancelScope = FrameID.none
  /// The frame's random stream; while the frame runs a leaf in place (`inlineLeaf`), the leaf's.
  var generator = Xoshiro256StarStar(seed: 0)
  /// Critical-path time of this frame so far; while it runs a leaf in place, the leaf's.
  var times = ComponentTimes()
  /// A sequence, loop or branch frame's child leaf (a tool or a transfer) that runs in this frame
  /// instead of a frame of its own, or -1. While it runs, `generator` and `times` are the leaf's
  /// and the frame's own wait in `suspendedGenerator` and `suspendedTimes`; the leaf scratch
  /// below is the leaf's (composite frames have no other use for it).
  var inlineLeaf: Int32 = -1
  /// The frame's own generator while a leaf runs in place.
  var suspendedGenerator = Xoshiro256StarStar(seed: 0)
  /// The frame's own critical-path time while a leaf runs in place.
  var suspendedTimes = ComponentTimes()
  /// A child sequence of this sequence, loop or branch frame that runs in this frame instead of a
  /// frame of its own, or -1. While it runs, `generator` is the sequence's and the frame's own
  /// waits in `outerGenerator`; the sequence's times and step records go straight to this frame's
  /// (they would be added to them when the sequence ends: the sums and the chain are the same).
  var inlineSequence: Int32 = -1
  /// The in-place sequence's next child.
  var inlineCounter: Int32 = 0
  /// The frame's own generator while a sequence runs in place.
  var outerGenerator = Xoshiro256StarStar(seed: 0)
  /// Per-step records of the critical path (a linked list in `StepRecordPool`).
  var chainHead = RecordID.none
  var chainTail = RecordID.none

  // Conversation state, meaningful when the frame is a context owner.
  /// Tokens whose KV cache is held at `contextSite`.
  var contextCachedTokens: Int32 = 0
  /// Tokens appended since (tool results, initial task) that no site has prefilled yet.
  var contextPendingTokens: Int32 = 0
  var contextSite: Int32 = -1
  /// Parallel: tokens its children added to their copies of the conversation by the join.
  var collectedContextTokens: Int32 = 0

  // Leaf scratch.
  var site: Int32 = -1
  var promptTokens: Int32 = 0
  var outputTokens: Int32 = 0
  var cachedTokens: Int32 = 0
  var newTokens: Int32 = 0
  var responseLatency = SimDuration.zero
  var phaseStart = SimTime.zero
  var computeAsDecode = false
  /// When a tool call asked for a worker.
  var enqueuedAt = SimTime.zero
  /// When the step's first output token was produced at its site.
  var firstTokenAt = SimTime.zero
}

extension Frame {
  /// The number of stored properties `reset` writes: a test compares it with the type's, so that
  /// a property added to `Frame` without a line in `reset` fails the build's tests, not a run.
  static let resetPropertyCount = 33

  /// Makes this slot a fresh frame running `node`: every property as `Frame()` has it, except the
  /// arguments.
  ///
  /// Written property by property because assigning a new `Frame` builds the 200-byte value on the
  /// stack and copies it (a `memcpy` call per frame, about 30 a session in the agent loop); stores
  /// in place cost a third of that (callgrind).
  @inline(__always)
  mutating func reset(
    node: Int32, parent: FrameID, session: SessionID, contextOwner: FrameID,
    generator: Xoshiro256StarStar, cancelScope: FrameID
  ) {
    self.node = node
    self.parent = parent
    self.cancelScope = cancelScope
    self.session = session
    self.contextOwner = contextOwner
    phaseCode = 0
    counter = 0
    outstanding = 0
    isJoined = false
    self.generator = generator
    times = ComponentTimes()
    inlineLeaf = -1
    suspendedGenerator = Xoshiro256StarStar(seed: 0)
    suspendedTimes = ComponentTimes()
    inlineSequence = -1
    inlineCounter = 0
    outerGenerator = Xoshiro256StarStar(seed: 0)
    chainHead = .none
    chainTail = .none
    contextCachedTokens = 0
    contextPendingTokens = 0
    contextSite = -1
    collectedContextTokens = 0
    site = -1
    promptTokens = 0
    outputTokens = 0
    cachedTokens = 0
    newTokens = 0
    responseLatency = .zero
    phaseStart = .zero
    computeAsDecode = false
    enqueuedAt = .zero
    firstTokenAt = .zero
  }
}

/// One session in flight.
struct SessionState {
  var ordinal: Int = 0
  var arrival = SimTime.zero
  var root = FrameID.none
  var liveFrames: Int32 = 0
  var isFinished = false
  var user = UserID.none
  var deviceBusyUntil = SimTime.zero
  /// Nanoseconds since start of the first visible token, or -1.
  var firstVisible: Int64 = -1
  /// Links already connected in this session (bit i = link i), for setup costs.
  var openLinks: UInt64 = 0
  var deviceBusyNanoseconds: Int64 = 0
  var costDollars: Double = 0
  /// Model calls made (counted only for an active observer).
  var modelCalls: Int32 = 0
  /// The first visible model call to complete: its time from first to last token, nanoseconds
  /// (-1: none yet; kept only for an active observer).
  var visibleDecodeNanoseconds: Int64 = -1
  /// That call's output tokens (kept only for an active observer).
  var visibleOutputTokens: Int32 = 0
  /// Steps completed and speculative rounds run: checked against
  /// `SessionSimulator.Limits.maximumWorkPerSession`.
  var work = 0
}

/// One per-step record on a critical path.
struct StepRecord {
  var step: Int32
  var times: ComponentTimes
  var next: RecordID
}

/// One replica of a shared inference pool: a waiting line and a running batch of request ids
/// (`ReplicaBatching.requests`), and its counters.
struct ReplicaState {
  var pool: PoolID
  var waiting = RingBuffer<RequestID>(capacity: 64)
  var running: ContiguousArray<RequestID> = []
  var isIterating = false
  var kvUsedTokens = 0
  var busyNanoseconds: Int64 = 0
  var iterations = 0
  var batchSizeSum = 0
  var outputTokens = 0
  var queueNanoseconds: Int64 = 0
  var admitted = 0
  /// KV tokens reserved by the requests admitted so far (their mean sizes the batch the KV cache
  /// allows, `ReportBuilder`).
  var reservedTokens = 0
  var arrived = 0
  var completed = 0
  /// Whether the iteration in flight pauses the decodes (a prefill-only iteration).
  var decodesPaused = false
  // The iterations in flight: one, or a stretch of identical decode-only iterations.
  var stretchStart = SimTime.zero
  /// When the batch of the iteration that ended last was composed: its start (an engine with
  /// async scheduling composes the next batch then). `nil` before the first iteration.
  var lastComposedAt: SimTime? = nil
  var stretchIterations = 1
  var stretchVersion: Int32 = 0
  var stretchDecodeSequences = 0
  var stretchContextTokens = 0
  var stretchFirstIteration = SimDuration.zero
}

/// The memory behind a `SlotPool` or an `IDTable`: a growable buffer of values and, for pools, the
/// ids of released slots.
///
/// A class with raw buffers rather than a `ContiguousArray` because every event writes a few
/// fields of a few slots: an array checks uniqueness on each write, and that alone cost more than
/// the heap operations.
///
/// Not final: `SlotPool` is one, so that a slot's address is one load from the pool (its `base`)
/// rather than two (the pool's storage, then its base). Every member is `final`, so none is
/// dispatched.
class SlotStorage<Element> {
  @exclusivity(unchecked) final var base: UnsafeMutablePointer<Element>
  @exclusivity(unchecked) final var capacity: Int
  @exclusivity(unchecked) final var count = 0
  /// Released ids, reused last in first out; room for `capacity` of them.
  @exclusivity(unchecked) final var free: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) final var freeCount = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
    free = .allocate(capacity: self.capacity)
  }

  final func append(_ element: Element) {
    if count == capacity {
      let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
      larger.moveInitialize(from: base, count: count)
      base.deallocate()
      base = larger
      let largerFree = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
      largerFree.moveInitialize(from: free, count: freeCount)
      free.deallocate()
      free = largerFree
      capacity *= 2
    }
    (base + count).initialize(to: element)
    count += 1
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
    free.deallocate()
  }
}

/// A free-list pool of values addressed by typed ids (`FrameID`, `SessionID`, `RecordID`), in
/// the memory of the `SlotStorage` it is.
///
/// A class: its subscript's address is then a projection of the pool's memory, not of the
/// simulator that stores it, so writing a slot's field does not make the optimizer reload the
/// pool from the simulator before the next access (with a struct it did: +1.2% instructions in
/// the agent loop, callgrind), and no call copies the pool (`empty` included).
///
/// Ids are checked in debug builds (`assert`, compiled out in release): in range and, through
/// `isLive`, allocated and not released since. The subscript addresses the slot in place
/// (`unsafeAddress`), as the raw pointer's subscript does.
final class SlotPool<ID: SlotID, Element>: SlotStorage<Element> {
  let empty: Element
  #if DEBUG
    /// Per slot: whether it is allocated (debug builds only).
    let live = SlotStorage<Bool>(capacity: 16)
  #endif

  init(empty: Element, capacity: Int) {
    self.empty = empty
    super.init(capacity: capacity)
  }

  /// The slots, indexed by raw id (for a reader that walks them without ids, such as a chain).
  var slots: UnsafeMutablePointer<Element> { base }

  /// The value in slot `id`, which must be live (checked in debug builds).
  subscript(id: ID) -> Element {
    @inline(__always) unsafeAddress {
      check(id)
      return UnsafePointer(base + Int(id.raw))
    }
    @inline(__always) unsafeMutableAddress {
      check(id)
      return base + Int(id.raw)
    }
  }

  /// The address of slot `id`, which must be live (checked in debug builds), for a caller that
  /// reads and writes several of its fields: one address instead of one per access (each goes
  /// through the pool). Valid until the pool next grows (`allocate`,
  /// `allocateForReset`): not across a call that may allocate a slot.
  @inline(__always)
  func address(_ id: ID) -> UnsafeMutablePointer<Element> {
    check(id)
    return base + Int(id.raw)
  }

  /// Whether `id` addresses a slot that is allocated and not released since; always `true` in
  /// release builds, which keep no liveness (the check is for `assert`).
  func isLive(_ id: ID) -> Bool {
    guard id.raw >= 0, Int(id.raw) < count else { return false }
    #if DEBUG
      return live.base[Int(id.raw)]
    #else
      return true
    #endif
  }

  @inline(__always)
  func check(_ id: ID) {
    assert(isLive(id), "slot \(id.raw) of 0..<\(count) is not live (stale or none)")
  }

  /// A slot holding `empty`: a released one if any (the last released first), else a new one.
  ///
  /// - Complexity: O(1) amortized.
  func allocate() -> ID {
    allocate(initializedTo: empty)
  }

  /// A slot holding `value`: as `allocate()`, but writes the slot once instead of resetting it to
  /// `empty` and then overwriting fields (a frame is 200 bytes, allocated ~30 times a session).
  ///
  /// - Complexity: O(1) amortized.
  @inline(__always)
  func allocate(initializedTo value: Element) -> ID {
    let id: Int32
    if freeCount > 0 {
      freeCount -= 1
      id = free[freeCount]
      base[Int(id)] = value
    } else {
      append(value)
      id = Int32(count - 1)
    }
    #if DEBUG
      if Int(id) == live.count { live.append(true) } else { live.base[Int(id)] = true }
    #endif
    return ID(raw: id)
  }

  /// A slot whose old value is left in place, for a caller that overwrites every property
  /// (`Frame.reset`): a released slot if any (the last released first), else a new one holding
  /// `empty`.
  ///
  /// - Complexity: O(1) amortized.
  @inline(__always)
  func allocateForReset() -> ID {
    let id: Int32
    if freeCount > 0 {
      freeCount -= 1
      id = free[freeCount]
    } else {
      append(empty)
      id = Int32(count - 1)
    }
    #if DEBUG
      if Int(id) == live.count { live.append(true) } else { live.base[Int(id)] = true }
    #endif
    return ID(raw: id)
  }

  /// Returns slot `id` to the pool.
  func release(_ id: ID) {
    check(id)
    #if DEBUG
      live.base[Int(id.raw)] = false
    #endif
    free[freeCount] = id.raw
    freeCount += 1
  }

  /// The number of allocated slots.
  var liveCount: Int { count - freeCount }
}

/// A fixed number of values addressed by typed ids (`ReplicaID`, `PoolID`, `HostID`,
/// `ToolPoolID`), so that another table's id (a request's) or a plain index cannot address it.
///
/// Ids are checked in debug builds (`assert`, compiled out in release): not `none`, and in range.
/// The table never releases a slot, so there is no liveness to check. The subscript addresses the
/// value in place (`unsafeAddress`): reading one field of a value that holds arrays (a replica's
/// line and batch) copies and releases nothing.
///
/// A class-held buffer rather than an array, because an array inside the simulator's value checks
/// that it is uniquely referenced on every write. Copies share storage: the simulator that owns it
/// is never copied while it runs.
struct IDTable<ID: SlotID, Element> {
  /// Owns the values' memory.
  let storage: SlotStorage<Element>
  /// The first value: `storage.base`, kept here (the table never grows) so that an address is one
  /// load from the table rather than two.
  let base: UnsafeMutablePointer<Element>

  /// Creates a table holding `elements`, the first at id 0.
  init(_ elements: [Element]) {
    storage = SlotStorage(capacity: elements.count)
    for element in elements { storage.append(element) }
    base = storage.base
  }

  /// The number of values.
  var count: Int { storage.count }

  /// The valid ids, in order.
  var ids: LazyMapSequence<Range<Int32>, ID> {
    (0..<Int32(storage.count)).lazy.map { ID(raw: $0) }
  }

  /// The values, in id order (a copy, for the report).
  var elements: ContiguousArray<Element> {
    ContiguousArray(UnsafeBufferPointer(start: base, count: storage.count))
  }

  /// The address of the value of `id`, for a caller that reads and writes several of its fields
  /// in place.
  @inline(__always)
  func address(_ id: ID) -> UnsafeMutablePointer<Element> {
    check(id)
    return base + Int(id.raw)
  }

  /// The value of `id`, read and written at its address (reading one field of a value that holds
  /// arrays copies and releases nothing).
  subscript(id: ID) -> Element {
    @inline(__always) unsafeAddress {
      check(id)
      return UnsafePointer(base + Int(id.raw))
    }
    @inline(__always) nonmutating unsafeMutableAddress {
      check(id)
      return base + Int(id.raw)
    }
  }

  /// Whether `id` names a value of the table: not `none`, and in range (the check is for
  /// `assert`).
  @inline(__always)
  func contains(_ id: ID) -> Bool {
    id.raw >= 0 && Int(id.raw) < storage.count
  }

  /// Asserts that `id` names a value of the table (debug builds only).
  @inline(__always)
  func check(_ id: ID) {
    assert(contains(id), "id \(id.raw) out of 0..<\(storage.count)")
  }
}
