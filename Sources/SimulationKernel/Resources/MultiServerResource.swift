/// A pool of `serverCount` identical servers with one first-come, first-served waiting line: the
/// "c" and the queue of an M/M/c station.
///
/// It only does the bookkeeping; the model schedules the service completions. A request either gets
/// a server at once or waits; a release either hands the server to the longest-waiting request or
/// frees it. Busy servers and the queue length are integrated over time for utilization and
/// Little's law.
public struct MultiServerResource<Request> {
  /// The number of servers.
  public let serverCount: Int
  /// The number of servers serving a request now.
  @inlinable public var busyCount: Int { busy }
  @usableFromInline var busy: Int
  @usableFromInline var waiting: RingBuffer<Request>
  @usableFromInline var lastChange: SimTime
  /// ∫ busy servers dt, in server·nanoseconds, up to the last change.
  @inlinable public var busyServerNanoseconds: Double { busyIntegral }
  @usableFromInline var busyIntegral: Double
  /// ∫ waiting requests dt, in request·nanoseconds, up to the last change.
  @inlinable public var waitingRequestNanoseconds: Double { waitingIntegral }
  @usableFromInline var waitingIntegral: Double

  /// Creates an idle pool.
  ///
  /// - Precondition: `serverCount > 0`.
  @inlinable
  public init(serverCount: Int, queueCapacity: Int = 64) {
    precondition(serverCount > 0, "a resource needs at least one server, got \(serverCount)")
    self.serverCount = serverCount
    busy = 0
    waiting = RingBuffer(capacity: queueCapacity)
    lastChange = .zero
    busyIntegral = 0
    waitingIntegral = 0
  }

  /// The number of requests waiting for a server.
  @inlinable
  public var waitingCount: Int { waiting.count }

  /// Whether a server is free now.
  @inlinable
  public var hasIdleServer: Bool { busy < serverCount }

  @inlinable
  mutating func accumulate(until now: SimTime) {
    let elapsed = Double(now.nanosecondsSinceStart &- lastChange.nanosecondsSinceStart)
    busyIntegral += Double(busy) * elapsed
    waitingIntegral += Double(waiting.count) * elapsed
    lastChange = now
  }

  /// Asks for a server at `now`.
  ///
  /// - Returns: `true` if a server was free and is now busy with `request`; `false` if `request`
  ///   joined the back of the line (it is returned by a later `release(at:)`).
  /// - Complexity: O(1) amortized.
  @inlinable
  public mutating func acquire(_ request: Request, at now: SimTime) -> Bool {
    accumulate(until: now)
    if busy < serverCount {
      busy &+= 1
      return true
    }
    waiting.append(request)
    return false
  }

  /// Ends one service at `now`.
  ///
  /// - Returns: The request that now starts service on the released server, or `nil` if the line was
  ///   empty and the server is idle.
  /// - Precondition: A server is busy.
  /// - Complexity: O(1).
  @inlinable
  public mutating func release(at now: SimTime) -> Request? {
    precondition(busy > 0, "release(at:) with no busy server")
    accumulate(until: now)
    if let next = waiting.popFirst() { return next }
    busy &-= 1
    return nil
  }

  /// Mean utilization (busy servers ÷ servers) from time zero to `now`.
  @inlinable
  public mutating func utilization(at now: SimTime) -> Double {
    accumulate(until: now)
    guard now.nanosecondsSinceStart > 0 else { return 0 }
    return busyIntegral / (Double(serverCount) * Double(now.nanosecondsSinceStart))
  }

  /// Mean number of waiting requests from time zero to `now`.
  @inlinable
  public mutating func meanQueueLength(at now: SimTime) -> Double {
    accumulate(until: now)
    guard now.nanosecondsSinceStart > 0 else { return 0 }
    return waitingIntegral / Double(now.nanosecondsSinceStart)
  }
}
