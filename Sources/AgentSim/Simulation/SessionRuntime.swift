import SimulationKernel

/// The per-execution state of one node of the step tree: the session's explicit state machine.
///
/// Frames live in a pooled side table indexed by `Int32` ids, so the events that drive them are a
/// few integers and no frame is allocated per event. Leaf frames also carry the state of their
/// in-flight server request.
struct Frame {
  var node: Int32 = -1
  var parent: Int32 = -1
  var session: Int32 = -1
  /// The frame holding the conversation this frame's calls continue (the root, or a parallel child).
  var contextOwner: Int32 = -1
  var phase: Int32 = 0
  /// Sequence: next child; parallel: completions; loop: runs done; speculative: tokens produced.
  var counter: Int32 = 0
  /// Parallel: children still running.
  var outstanding: Int32 = 0
  /// Parallel: the join has happened (the frame is done but waits for stragglers).
  var isJoined = false
  var generator = Xoshiro256StarStar(seed: 0)
  /// Critical-path time of this frame so far.
  var times = ComponentTimes()
  /// Per-step records of the critical path (a linked list in `StepRecordPool`).
  var chainHead: Int32 = -1
  var chainTail: Int32 = -1

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

  // Server request state (while queued or running at a replica).
  var replica: Int32 = -1
  var remainingPrefill: Int32 = 0
  var remainingOutput: Int32 = 0
  var sequenceContext: Int32 = 0
  var chunk: Int32 = 0
  var kvReserved: Int32 = 0
  var enqueuedAt = SimTime.zero
  var admittedAt = SimTime.zero
  var firstTokenAt = SimTime.zero
}

/// One session in flight.
struct SessionState {
  var ordinal: Int = 0
  var arrival = SimTime.zero
  var root: Int32 = -1
  var liveFrames: Int32 = 0
  var isFinished = false
  var user: Int32 = -1
  var deviceBusyUntil = SimTime.zero
  /// Nanoseconds since start of the first visible token, or -1.
  var firstVisible: Int64 = -1
  /// Links already connected in this session (bit i = link i), for setup costs.
  var openLinks: UInt64 = 0
  var deviceBusyNanoseconds: Int64 = 0
  var costDollars: Double = 0
  /// Model calls made (counted only for an active observer).
  var modelCalls: Int32 = 0
}

/// One per-step record on a critical path.
struct StepRecord {
  var step: Int32
  var times: ComponentTimes
  var next: Int32
}

/// One replica of a shared inference pool: a waiting line and a running batch.
struct ReplicaState {
  var pool: Int32
  var waiting = RingBuffer<Int32>(capacity: 64)
  var running: ContiguousArray<Int32> = []
  var isIterating = false
  var kvUsedTokens = 0
  var busyNanoseconds: Int64 = 0
  var iterations = 0
  var batchSizeSum = 0
  var outputTokens = 0
  var queueNanoseconds: Int64 = 0
  var admitted = 0
  var arrived = 0
  var completed = 0
  // The iterations in flight: one, or a stretch of identical decode-only iterations.
  var stretchStart = SimTime.zero
  var stretchIterations = 1
  var stretchVersion: Int32 = 0
  var stretchDecodeSequences = 0
  var stretchContextTokens = 0
  var stretchFirstIteration = SimDuration.zero
}

/// The state of a link's outage process (alternating exponential up and down times).
struct LinkState {
  var isUp = true
  var nextChange = SimTime(nanosecondsSinceStart: Int64.max)
  var generator: Xoshiro256StarStar
}

/// The memory behind a `SlotPool`: a growable buffer of plain values.
///
/// A class with a raw buffer rather than a `ContiguousArray` because every event writes a few
/// fields of a few slots: an array checks uniqueness on each write, and that alone cost more than
/// the heap operations. Elements are trivial (integers, times, generator states), so nothing needs
/// releasing.
final class SlotStorage<Element> {
  @exclusivity(unchecked) var base: UnsafeMutablePointer<Element>
  @exclusivity(unchecked) var capacity: Int
  @exclusivity(unchecked) var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  func append(_ element: Element) {
    if count == capacity {
      let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
      larger.moveInitialize(from: base, count: count)
      base.deallocate()
      base = larger
      capacity *= 2
    }
    (base + count).initialize(to: element)
    count += 1
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }
}

/// A free-list pool of values addressed by `Int32` ids. Copies share storage: the simulator that
/// owns it is never copied while it runs.
struct SlotPool<Element> {
  let storage: SlotStorage<Element>
  var free: ContiguousArray<Int32> = []
  let empty: Element

  init(empty: Element, capacity: Int) {
    self.empty = empty
    storage = SlotStorage(capacity: capacity)
    free.reserveCapacity(capacity)
  }

  /// The slots, indexed by id.
  var slots: UnsafeMutablePointer<Element> { storage.base }

  mutating func allocate() -> Int32 {
    if let id = free.popLast() {
      storage.base[Int(id)] = empty
      return id
    }
    storage.append(empty)
    return Int32(storage.count - 1)
  }

  mutating func release(_ id: Int32) {
    free.append(id)
  }

  var liveCount: Int { storage.count - free.count }
}
