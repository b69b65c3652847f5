#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The classic "hold" workload for event-queue benchmarks (Vaucher and Duval, CACM 1975): a fixed
/// number of pending events; handling one schedules another an exponential delay later, so the
/// queue size stays constant and every event costs one pop and one push.
public struct HoldModel: SimulationModel {
  /// The only event: an opaque token carried through the queue.
  public struct Event: Sendable {
    /// An identifier, so the event has a payload like a real model's.
    public var token: Int32
  }

  @usableFromInline var generator: Xoshiro256StarStar
  @usableFromInline let limit: UInt64

  /// Creates the model.
  ///
  /// - Parameters:
  ///   - seed: The run's seed.
  ///   - events: The number of events to handle before stopping.
  public init(seed: UInt64, events: UInt64) {
    generator = Xoshiro256StarStar(seed: seed, stream: 0)
    limit = events
  }

  /// A simulation with `pending` initial events spread over the first simulated second.
  public static func makeSimulation(pending: Int, events: UInt64, seed: UInt64)
    -> Simulation<HoldModel>
  {
    var simulation = Simulation(model: HoldModel(seed: seed, events: events), capacity: pending)
    var setup = Xoshiro256StarStar(seed: seed, stream: 1)
    for index in 0..<pending {
      simulation.schedule(
        Event(token: Int32(truncatingIfNeeded: index)), after: .seconds(setup.nextUniform()))
    }
    return simulation
  }

  /// Reschedules the event an exponential delay (mean 1 s) later.
  @inlinable
  public mutating func handle(_ event: Event, scheduler: inout Scheduler<Event>) {
    if scheduler.handledCount >= limit {
      scheduler.requestStop()
      return
    }
    let delay = -log(generator.nextOpenUniform())
    scheduler.schedule(event, after: .seconds(delay))
  }
}
