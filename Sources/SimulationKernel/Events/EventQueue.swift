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
/// The earliest event may sit in a one-entry slot in front of the heap instead of in it. Models
/// often schedule the very next event (a message hop of nanoseconds, a follow-up at the same
/// instant): such an event is kept in the slot and popped without sifting through the heap at all.
/// The slot's entry always precedes every heap entry, so the order is exactly the heap's: the slot
/// is invisible except in instruction counts (the agent-loop benchmark's message hops take it).
public struct EventQueue<Event> {
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

  /// The heap, without the front entry.
  @usableFromInline var storage: ContiguousArray<Entry>
  /// The earliest pending event when it is known to precede every heap entry, else nil.
  @usableFromInline var front: Entry?
  @usableFromInline var nextSequence: UInt64

  /// Creates an empty queue with room for `capacity` events before it reallocates.
  @inlinable
  public init(capacity: Int = 0) {
    storage = []
    storage.reserveCapacity(capacity)
    front = nil
    nextSequence = 0
  }

  /// The number of pending events.
  @inlinable
  public var count: Int { storage.count &+ (front == nil ? 0 : 1) }

  /// Whether no event is pending.
  @inlinable
  public var isEmpty: Bool { front == nil && storage.isEmpty }

  /// The number of events ever inserted; also the sequence number the next event will get.
  @inlinable
  public var insertedCount: UInt64 { nextSequence }

  /// The time of the earliest pending event, or `nil` when the queue is empty.
  @inlinable
  public var nextTime: SimTime? {
    if let front { return SimTime(nanosecondsSinceStart: front.time) }
    return storage.first.map { SimTime(nanosecondsSinceStart: $0.time) }
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
    } else if storage.isEmpty || entry.precedes(storage[0]) {
      front = entry
    } else {
      push(entry)
    }
  }

  /// Adds `entry` to the heap.
  @inlinable @inline(__always)
  mutating func push(_ entry: Entry) {
    storage.append(entry)
    siftUp(from: storage.count &- 1, entry)
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
    guard let last = storage.popLast() else { return nil }
    if storage.isEmpty {
      return (SimTime(nanosecondsSinceStart: last.time), last.event)
    }
    let first = storage[0]
    siftDown(last)
    return (SimTime(nanosecondsSinceStart: first.time), first.event)
  }

  /// Removes every pending event; the sequence counter keeps counting.
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public mutating func removeAll() {
    front = nil
    storage.removeAll(keepingCapacity: true)
  }

  /// Moves the hole at `index` up until `entry` can be placed, then places it.
  @inlinable @inline(__always)
  mutating func siftUp(from index: Int, _ entry: Entry) {
    storage.withUnsafeMutableBufferPointer { heap in
      var hole = index
      while hole > 0 {
        let parent = (hole &- 1) >> 1
        let parentEntry = heap[parent]
        guard entry.precedes(parentEntry) else { break }
        heap[hole] = parentEntry
        hole = parent
      }
      heap[hole] = entry
    }
  }

  /// Places `entry` starting from a hole at the root, moving smaller children up.
  @inlinable @inline(__always)
  mutating func siftDown(_ entry: Entry) {
    storage.withUnsafeMutableBufferPointer { heap in
      let count = heap.count
      var hole = 0
      while true {
        var child = 2 &* hole &+ 1
        if child >= count { break }
        let right = child &+ 1
        if right < count && heap[right].precedes(heap[child]) { child = right }
        let childEntry = heap[child]
        guard childEntry.precedes(entry) else { break }
        heap[hole] = childEntry
        hole = child
      }
      heap[hole] = entry
    }
  }
}

extension EventQueue: Sendable where Event: Sendable {}
extension EventQueue.Entry: Sendable where Event: Sendable {}
