/// A priority queue of pending events, ordered by `(time, sequence)`.
///
/// A plain binary min-heap stored in one contiguous array. Sifting moves a hole instead of swapping
/// (one write per level instead of three), as in swift-collections' `Heap`. Ties in time are broken
/// by the insertion sequence, a per-queue counter, so events scheduled for the same instant come out
/// in the order they were scheduled: the order is part of the contract and is tested, not a comment.
///
/// `Event` should be a small value type (an enum carrying integer ids and scalars): it is stored
/// inline in the heap.
///
/// Noncopyable, owning its buffer: a queue belongs to one scheduler, which a run mutates in place,
/// so it never needs copy-on-write. The heap is a raw buffer the queue frees in `deinit`; an
/// array there checked that it was uniquely referenced on every insert and pop (a runtime call,
/// about 2% of the agent loop's instructions, callgrind) and each access checked its bounds,
/// which the heap's own indices make redundant (debug builds still assert them).
///
/// The earliest event may sit in a one-entry slot in front of the heap instead of in it. Models
/// often schedule the very next event (a message hop of nanoseconds, a follow-up at the same
/// instant): such an event is kept in the slot and popped without sifting through the heap at all.
/// The slot's entry always precedes every heap entry, so the order is exactly the heap's: the slot
/// is invisible except in instruction counts (the agent-loop benchmark's message hops take it).
public struct EventQueue<Event>: ~Copyable {
  /// One pending event with its ordering key.
  @usableFromInline
  struct Entry {
    @usableFromInline var time: Int64
    @usableFromInline var sequence: UInt64
    @usableFromInline var event: Event

    @inlinable
    init(time: Int64, sequence: UInt64, event: Event) {
      self.time = time
      self.sequence = sequence
      self.event = event
    }

    /// Whether `self` comes out of the queue before `other`.
    @inlinable
    func precedes(_ other: Entry) -> Bool {
      time < other.time || (time == other.time && sequence < other.sequence)
    }
  }

  /// The heap, without the front entry: `heapCount` initialized entries from `heap`, room for
  /// `heapCapacity`.
  @usableFromInline var heap: UnsafeMutablePointer<Entry>
  @usableFromInline var heapCount: Int
  @usableFromInline var heapCapacity: Int
  /// The earliest pending event when it is known to precede every heap entry, else nil.
  @usableFromInline var front: Entry?
  @usableFromInline var nextSequence: UInt64

  /// Creates an empty queue with room for `capacity` events before it reallocates.
  @inlinable
  public init(capacity: Int = 0) {
    heapCapacity = max(capacity, 16)
    heap = .allocate(capacity: heapCapacity)
    heapCount = 0
    front = nil
    nextSequence = 0
  }

  deinit {
    heap.deinitialize(count: heapCount)
    heap.deallocate()
  }

  /// The number of pending events.
  @inlinable
  public var count: Int { heapCount &+ (front == nil ? 0 : 1) }

  /// Whether no event is pending.
  @inlinable
  public var isEmpty: Bool { front == nil && heapCount == 0 }

  /// The number of events ever inserted; also the sequence number the next event will get.
  @inlinable
  public var insertedCount: UInt64 { nextSequence }

  /// The time of the earliest pending event, or `nil` when the queue is empty.
  @inlinable
  public var nextTime: SimTime? {
    if let front { return SimTime(nanosecondsSinceStart: front.time) }
    return heapCount > 0 ? SimTime(nanosecondsSinceStart: heap[0].time) : nil
  }

  /// Inserts `event` to happen at `time`, after every event already queued for the same instant.
  ///
  /// - Complexity: O(log *n*), amortized.
  @inlinable
  public mutating func insert(_ event: Event, at time: SimTime) {
    let sequence = nextSequence
    nextSequence &+= 1
    insert(event, at: time, sequence: sequence)
  }

  /// Takes the sequence number the next inserted event would get, for an event that is inserted
  /// later with `insert(_:at:sequence:)` (or never): it keeps its place among the events of its
  /// instant as if it had been inserted now.
  @inlinable
  public mutating func reserveSequence() -> UInt64 {
    let sequence = nextSequence
    nextSequence &+= 1
    return sequence
  }

  /// Inserts `event` at `time` with a sequence number from `reserveSequence()`.
  ///
  /// - Complexity: O(log *n*), amortized.
  @inlinable
  public mutating func insert(_ event: Event, at time: SimTime, sequence: UInt64) {
    let entry = Entry(time: time.nanosecondsSinceStart, sequence: sequence, event: event)
    if let current = front {
      // The slot keeps the earlier of the two; the other goes to the heap. `current` precedes
      // every heap entry, so whichever is pushed keeps the slot's invariant.
      if entry.precedes(current) {
        front = entry
        push(current)
      } else {
        push(entry)
      }
    } else if heapCount == 0 || entry.precedes(heap[0]) {
      front = entry
    } else {
      push(entry)
    }
  }

  /// Adds `entry` to the heap.
  @inlinable @inline(__always)
  mutating func push(_ entry: Entry) {
    if heapCount == heapCapacity { grow() }
    // The hole at the end is uninitialized: `siftUp` initializes the slot it stops at and moves
    // parents into the others.
    heapCount &+= 1
    siftUp(from: heapCount &- 1, entry)
  }

  /// Doubles the heap's room (outside the inlined path: it happens a few times per run).
  @usableFromInline @inline(never)
  mutating func grow() {
    let larger = UnsafeMutablePointer<Entry>.allocate(capacity: heapCapacity &* 2)
    larger.moveInitialize(from: heap, count: heapCount)
    heap.deallocate()
    heap = larger
    heapCapacity &*= 2
  }

  /// Removes and returns the earliest event (the first inserted among equal times).
  ///
  /// - Returns: The event and its time, or `nil` when the queue is empty.
  /// - Complexity: O(log *n*).
  @inlinable
  public mutating func popFirst() -> (time: SimTime, event: Event)? {
    if let first = front {
      front = nil
      return (SimTime(nanosecondsSinceStart: first.time), first.event)
    }
    guard heapCount > 0 else { return nil }
    heapCount &-= 1
    let last = (heap + heapCount).move()
    if heapCount == 0 {
      return (SimTime(nanosecondsSinceStart: last.time), last.event)
    }
    // The root moves out, leaving a hole that `siftDown` fills.
    let first = heap.move()
    siftDown(last)
    return (SimTime(nanosecondsSinceStart: first.time), first.event)
  }

  /// Removes every pending event; the sequence counter keeps counting.
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public mutating func removeAll() {
    front = nil
    heap.deinitialize(count: heapCount)
    heapCount = 0
  }

  /// Moves the hole at `index` (an uninitialized slot) up until `entry` can be placed, then
  /// places it.
  @inlinable @inline(__always)
  mutating func siftUp(from index: Int, _ entry: Entry) {
    assert(index < heapCount, "hole \(index) outside the heap of \(heapCount)")
    var hole = index
    while hole > 0 {
      let parent = (hole &- 1) >> 1
      guard entry.precedes(heap[parent]) else { break }
      (heap + hole).initialize(to: (heap + parent).move())
      hole = parent
    }
    (heap + hole).initialize(to: entry)
  }

  /// Places `entry` starting from a hole (an uninitialized slot) at the root, moving smaller
  /// children up.
  @inlinable @inline(__always)
  mutating func siftDown(_ entry: Entry) {
    let count = heapCount
    var hole = 0
    while true {
      var child = 2 &* hole &+ 1
      if child >= count { break }
      let right = child &+ 1
      if right < count && heap[right].precedes(heap[child]) { child = right }
      guard heap[child].precedes(entry) else { break }
      (heap + hole).initialize(to: (heap + child).move())
      hole = child
    }
    (heap + hole).initialize(to: entry)
  }
}

// The buffer is reachable only through its one owner, which a send moves.
extension EventQueue: @unchecked Sendable where Event: Sendable {}
extension EventQueue.Entry: Sendable where Event: Sendable {}
