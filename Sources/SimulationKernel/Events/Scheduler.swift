/// The clock and the pending events of one simulation, handed to the model `inout` while it handles
/// an event.
///
/// Models schedule follow-up events through it; nothing else can reach the queue during a run, so the
/// kernel can check its contracts (no event in the past) in one place. Noncopyable, as its queue
/// is.
public struct Scheduler<Event>: ~Copyable {
  /// The current simulated time: the time of the event being handled.
  @inlinable public var now: SimTime { currentTime }
  @usableFromInline var currentTime: SimTime
  @usableFromInline var queue: EventQueue<Event>
  @usableFromInline var isStopRequested: Bool
  /// The number of events handled so far.
  @inlinable public var handledCount: UInt64 { handledEvents }
  @usableFromInline var handledEvents: UInt64

  /// Creates a scheduler at time zero with room for `capacity` pending events.
  @inlinable
  public init(capacity: Int = 0) {
    currentTime = .zero
    queue = EventQueue(capacity: capacity)
    isStopRequested = false
    handledEvents = 0
  }

  /// The number of events waiting to be handled.
  @inlinable
  public var pendingCount: Int { queue.count }

  /// Whether another event is due at this instant (scheduled before now's handler ran, or by it):
  /// what a model that waits for the rest of the instant needs to know.
  @inlinable
  public var hasMoreEventsNow: Bool { queue.nextTime == currentTime }

  /// Schedules `event` at the instant `time`.
  ///
  /// - Precondition: `time` is not earlier than `now`.
  /// - Complexity: O(log *n*) for *n* pending events.
  @inlinable
  public mutating func schedule(_ event: Event, at time: SimTime) {
    precondition(time >= now, "cannot schedule an event at \(time), before now (\(now))")
    queue.insert(event, at: time)
  }

  /// Schedules `event` `delay` after now.
  ///
  /// - Precondition: `delay` is not negative.
  /// - Complexity: O(log *n*) for *n* pending events.
  @inlinable
  public mutating func schedule(_ event: Event, after delay: SimDuration) {
    precondition(delay.nanoseconds >= 0, "cannot schedule an event after a negative delay \(delay)")
    queue.insert(event, at: now + delay)
  }

  /// Takes the place an event scheduled now would have among the events of its instant, for an
  /// event the model decides later to schedule (`schedule(_:at:sequence:)`) or to handle in place
  /// (`advanceInPlace(to:)`).
  @inlinable
  public mutating func reserveSequence() -> UInt64 {
    queue.reserveSequence()
  }

  /// Schedules `event` at `time` in the place `sequence` (from `reserveSequence()`) holds.
  ///
  /// - Precondition: `time` is not earlier than `now`.
  /// - Complexity: O(log *n*) for *n* pending events.
  @inlinable
  public mutating func schedule(_ event: Event, at time: SimTime, sequence: UInt64) {
    precondition(time >= now, "cannot schedule an event at \(time), before now (\(now))")
    queue.insert(event, at: time, sequence: sequence)
  }

  /// Moves the clock to `time` so that the model handles an event there at once, without the
  /// queue, when that event would be the next one handled anyway: no pending event is due at or
  /// before `time` and no stop was requested. Call it only once the current event's handling is
  /// otherwise over (nothing more is done at the old time). The event counts as handled.
  ///
  /// - Returns: Whether the clock moved; if not, schedule the event instead.
  @inlinable
  public mutating func advanceInPlace(to time: SimTime) -> Bool {
    guard !isStopRequested, time >= currentTime else { return false }
    if let next = queue.nextTime, next <= time { return false }
    currentTime = time
    handledEvents &+= 1
    return true
  }

  /// Asks the run loop to return after the event being handled; pending events stay queued.
  @inlinable
  public mutating func requestStop() {
    isStopRequested = true
  }
}

extension Scheduler: Sendable where Event: Sendable {}
