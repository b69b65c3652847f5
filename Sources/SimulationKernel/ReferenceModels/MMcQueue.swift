#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The M/M/c (and M/D/c) queue as a `SimulationModel`: the reference workload of the kernel's
/// benchmark and of its tests against Erlang C and Pollaczek–Khinchine.
///
/// Customers arrive in a Poisson stream, wait first-come first-served for one of `c` servers, and
/// leave after an exponential (or constant) service. Events are counted as the peers in
/// `shared/peers/` count them: an arrival, a service start and a departure per customer (a service
/// start is not a separate queue event; it happens inside the arrival or departure handler).
public struct MMcQueue: SimulationModel {
  /// The two events of the model.
  public enum Event: Sendable {
    /// A customer arrives.
    case arrival
    /// A customer who arrived at `arrivalTime` leaves a server.
    case departure
  }

  /// How service times are drawn.
  public enum ServiceTime: Sendable, Hashable {
    /// Exponential with the given mean, in seconds (M/M/c).
    case exponential(mean: Double)
    /// Always the same, in seconds (M/D/c).
    case constant(Double)

    /// The mean service time, in seconds.
    public var mean: Double {
      switch self {
      case .exponential(let mean): mean
      case .constant(let value): value
      }
    }
  }

  /// The number of servers.
  public let serverCount: Int
  /// Customers per second.
  public let arrivalRate: Double
  /// The service-time law.
  public let service: ServiceTime
  /// Customers to generate in all (warm-up included).
  public let customerCount: Int
  /// Leading customers left out of the statistics.
  public let warmupCount: Int

  @usableFromInline var arrivals: Xoshiro256StarStar
  @usableFromInline var services: Xoshiro256StarStar
  @usableFromInline var servers: MultiServerResource<Int64>
  @usableFromInline var arrivedCount: Int
  @usableFromInline var startedCount: Int

  @usableFromInline var departed: Int
  @usableFromInline var events: Int
  @usableFromInline var waitSum: Double
  @usableFromInline var measured: Int
  @usableFromInline var recordedWaits: [Double]

  /// Customers who have left so far.
  public var departedCount: Int { departed }
  /// Events counted as arrival + service start + departure.
  public var eventCount: Int { events }
  /// Σ wait in queue over measured customers, in seconds.
  public var totalWait: Double { waitSum }
  /// The number of measured customers whose service has started.
  public var measuredCount: Int { measured }
  /// Each measured customer's wait in seconds in service-start order, if `recordsWaits`.
  public var waits: [Double] { recordedWaits }
  @usableFromInline let recordsWaits: Bool

  /// Creates the model; schedule the first `.arrival` at time zero to start it (see `makeSimulation`).
  ///
  /// - Parameters:
  ///   - servers: `c`, at least 1.
  ///   - arrivalRate: λ in customers per second.
  ///   - service: The service-time law.
  ///   - customers: The number of customers to generate.
  ///   - warmup: Leading customers excluded from `totalWait` and `waits`.
  ///   - seed: The run's seed; arrivals and services use streams 0 and 1.
  ///   - recordsWaits: Whether to keep every wait (for confidence intervals in tests).
  public init(
    servers: Int, arrivalRate: Double, service: ServiceTime, customers: Int, warmup: Int = 0,
    seed: UInt64, recordsWaits: Bool = false
  ) {
    precondition(arrivalRate > 0 && arrivalRate.isFinite, "arrival rate \(arrivalRate) ≤ 0")
    serverCount = servers
    self.arrivalRate = arrivalRate
    self.service = service
    customerCount = customers
    warmupCount = warmup
    arrivals = Xoshiro256StarStar(seed: seed, stream: 0)
    self.services = Xoshiro256StarStar(seed: seed, stream: 1)
    self.servers = MultiServerResource(serverCount: servers, queueCapacity: 1024)
    arrivedCount = 0
    startedCount = 0
    departed = 0
    events = 0
    waitSum = 0
    measured = 0
    recordedWaits = []
    self.recordsWaits = recordsWaits
    if recordsWaits { recordedWaits.reserveCapacity(max(customers - warmup, 0)) }
  }

  /// A simulation of this model with its first arrival scheduled.
  public static func makeSimulation(_ model: MMcQueue) -> Simulation<MMcQueue> {
    var simulation = Simulation(model: model, capacity: model.serverCount + 2)
    var model = simulation.model
    let first = model.nextInterarrival()
    simulation.model = model
    simulation.schedule(.arrival, after: first)
    return simulation
  }

  /// The offered utilization ρ = λ·E[S]/c.
  public var utilization: Double { arrivalRate * service.mean / Double(serverCount) }

  /// The mean measured wait in queue, in seconds.
  public var meanWait: Double { measuredCount > 0 ? totalWait / Double(measuredCount) : 0 }

  /// Time-average queue length so far (for Little's law: L_q = λ·W_q).
  public mutating func meanQueueLength(at now: SimTime) -> Double {
    servers.meanQueueLength(at: now)
  }

  /// Time-average server utilization so far.
  public mutating func measuredUtilization(at now: SimTime) -> Double {
    servers.utilization(at: now)
  }

  @inlinable
  mutating func nextInterarrival() -> SimDuration {
    SimDuration.seconds(-log(arrivals.nextOpenUniform()) / arrivalRate)
  }

  @inlinable
  mutating func nextService() -> SimDuration {
    switch service {
    case .exponential(let mean):
      return SimDuration.seconds(-mean * log(services.nextOpenUniform()))
    case .constant(let value):
      return SimDuration.seconds(value)
    }
  }

  @inlinable
  mutating func startService(arrivedAt arrival: Int64, scheduler: inout Scheduler<Event>) {
    events &+= 1
    if startedCount >= warmupCount {
      let wait = Double(scheduler.now.nanosecondsSinceStart &- arrival) * 1e-9
      waitSum += wait
      measured &+= 1
      if recordsWaits { recordedWaits.append(wait) }
    }
    startedCount &+= 1
    scheduler.schedule(.departure, after: nextService())
  }

  /// Handles an arrival (admit or queue, and schedule the next arrival) or a departure (start the
  /// next waiting customer).
  @inlinable
  public mutating func handle(_ event: Event, scheduler: inout Scheduler<Event>) {
    events &+= 1
    switch event {
    case .arrival:
      arrivedCount &+= 1
      if arrivedCount < customerCount {
        scheduler.schedule(.arrival, after: nextInterarrival())
      }
      let now = scheduler.now
      if servers.acquire(now.nanosecondsSinceStart, at: now) {
        startService(arrivedAt: now.nanosecondsSinceStart, scheduler: &scheduler)
      }
    case .departure:
      departed &+= 1
      if let next = servers.release(at: scheduler.now) {
        startService(arrivedAt: next, scheduler: &scheduler)
      }
      if departed >= customerCount { scheduler.requestStop() }
    }
  }
}
