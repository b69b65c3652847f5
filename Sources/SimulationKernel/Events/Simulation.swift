/// A model that a `Simulation` drives: its state and how it reacts to each event.
///
/// Events are a small value type (usually an enum of integer ids and scalars) and `handle` is one
/// `switch` over them. The simulation is generic over the model, so the compiler specializes the run
/// loop for it: no existential, closure or allocation per event.
public protocol SimulationModel {
  /// The events this model schedules and handles.
  associatedtype Event

  /// Reacts to `event`, which happens at `scheduler.now`, scheduling any follow-up events.
  mutating func handle(_ event: Event, scheduler: inout Scheduler<Event>)
}

/// A discrete-event simulation: a model, a clock and the queue of pending events.
///
/// The vocabulary follows SimPy: `now`, `schedule`, `step()`, `run(until:)`. Time advances only by
/// events, and events at the same instant are handled in the order they were scheduled.
/// Noncopyable, as its scheduler is: a run mutates one simulation in place.
public struct Simulation<Model: SimulationModel>: ~Copyable {
  /// The model; read it after a run for its results.
  public var model: Model
  /// The clock and pending events.
  public var scheduler: Scheduler<Model.Event>

  /// Creates a simulation at time zero.
  ///
  /// - Parameters:
  ///   - model: The model to drive.
  ///   - capacity: The number of pending events to make room for up front.
  @inlinable
  public init(model: Model, capacity: Int = 0) {
    self.model = model
    scheduler = Scheduler(capacity: capacity)
  }

  /// The current simulated time.
  @inlinable
  public var now: SimTime { scheduler.now }

  /// The number of events handled so far.
  @inlinable
  public var handledCount: UInt64 { scheduler.handledCount }

  /// Schedules `event` at `time` (before or during a run).
  ///
  /// - Complexity: O(log *n*).
  @inlinable
  public mutating func schedule(_ event: Model.Event, at time: SimTime) {
    scheduler.schedule(event, at: time)
  }

  /// Schedules `event` `delay` after now.
  ///
  /// - Complexity: O(log *n*).
  @inlinable
  public mutating func schedule(_ event: Model.Event, after delay: SimDuration) {
    scheduler.schedule(event, after: delay)
  }

  /// Handles the earliest pending event.
  ///
  /// - Returns: `false` when no event was pending.
  /// - Complexity: O(log *n*) plus the model's handler.
  @inlinable
  @discardableResult
  public mutating func step() -> Bool {
    guard let (time, event) = scheduler.queue.popFirst() else { return false }
    scheduler.currentTime = time
    scheduler.handledEvents &+= 1
    model.handle(event, scheduler: &scheduler)
    return true
  }

  /// Handles events until none is pending or the model calls `requestStop()`.
  ///
  /// - Complexity: O(*e* log *n*) for *e* events handled.
  @inlinable
  public mutating func run() {
    scheduler.isStopRequested = false
    while !scheduler.isStopRequested, let (time, event) = scheduler.queue.popFirst() {
      scheduler.currentTime = time
      scheduler.handledEvents &+= 1
      model.handle(event, scheduler: &scheduler)
    }
  }

  /// Handles every event before `end`, then sets the clock to `end` (as SimPy's `run(until=)`):
  /// events at exactly `end` stay pending. Returns early if the model calls `requestStop()`.
  ///
  /// - Precondition: `end` is not earlier than `now`.
  /// - Complexity: O(*e* log *n*) for *e* events handled.
  @inlinable
  public mutating func run(until end: SimTime) {
    precondition(end >= scheduler.now, "cannot run until \(end), before now (\(scheduler.now))")
    scheduler.isStopRequested = false
    while !scheduler.isStopRequested, let next = scheduler.queue.nextTime, next < end {
      step()
    }
    if !scheduler.isStopRequested { scheduler.currentTime = end }
  }
}
