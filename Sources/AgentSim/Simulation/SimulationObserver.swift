import SimulationKernel

/// What a run can report as it goes, beyond its statistics: the hook behind `agentsim run --trace`
/// and `--sessions-out`.
///
/// The simulator is generic over its observer, and every call site is guarded by the observer
/// type's `isActive`: for `NoObserver` the guard is a constant `false` after specialisation, so an
/// unobserved run compiles to the same loop as before (no call, no closure, no optional check per
/// event).
public protocol SimulationObserver {
  /// Whether the simulator should build and deliver observations at all (a constant per type).
  static var isActive: Bool { get }

  /// A session arrived (`ordinal` counts from 0 in arrival order, warm-up sessions first).
  mutating func sessionStarted(ordinal: Int, at time: SimTime)

  /// A session finished (warm-up sessions included; `session.ordinal` tells them apart).
  mutating func sessionFinished(_ session: ObservedSession)

  /// A replica's batch or waiting line changed: the site's counters at `time`.
  ///
  /// - Parameters:
  ///   - time: Simulated time of the change.
  ///   - replica: The replica's index among all replicas of the run.
  ///   - site: The site index in `Scenario.sites`.
  ///   - running: Sequences in the running batch.
  ///   - waiting: Requests waiting to be admitted.
  ///   - kvTokens: KV-cache tokens reserved by the running batch.
  mutating func replicaChanged(
    at time: SimTime, replica: Int, site: Int, running: Int, waiting: Int, kvTokens: Int)
}

/// The observer of an unobserved run: inactive, so the simulator skips every observation.
public struct NoObserver: SimulationObserver {
  /// Creates the no-op observer.
  public init() {}

  /// Always `false`.
  @inlinable public static var isActive: Bool { false }

  /// Does nothing.
  @inlinable public mutating func sessionStarted(ordinal: Int, at time: SimTime) {}

  /// Does nothing.
  @inlinable public mutating func sessionFinished(_ session: ObservedSession) {}

  /// Does nothing.
  @inlinable public mutating func replicaChanged(
    at time: SimTime, replica: Int, site: Int, running: Int, waiting: Int, kvTokens: Int
  ) {}
}

/// One finished session as an observer sees it.
public struct ObservedSession: Sendable {
  /// The session's index in arrival order (warm-up sessions first).
  public var ordinal: Int
  /// Whether it counts in the statistics (it is not a warm-up session).
  public var isMeasured: Bool
  /// When it arrived.
  public var arrival: SimTime
  /// End-to-end latency.
  public var latency: SimDuration
  /// Time from arrival to the first visible token, if a visible step ran.
  public var firstVisible: SimDuration?
  /// Critical-path time by component; adds up to `latency`.
  public var times: ComponentTimes
  /// The critical path's steps in order: each step's id (in `Program.stepNames`) and time by
  /// component. Consecutive: each starts when the one before ends, the first at `arrival`.
  public var steps: [(step: Int, times: ComponentTimes)]
  /// Model calls the session made (speculative steps count once), on or off the critical path.
  public var modelCalls: Int
  /// The session's first visible model call to complete, if one did.
  public var firstVisibleCall: VisibleCall? = nil

  /// A visible model call's decode: what a serving benchmark's time per output token divides.
  public struct VisibleCall: Hashable, Sendable {
    /// From its first token to its last.
    public var decode: SimDuration
    /// Its output tokens.
    public var outputTokens: Int

    /// Its time per output token after the first, ms (`decode / (output − 1)`, vLLM's and
    /// SGLang's TPOT), or `nil` for a one-token output.
    public var timePerOutputTokenMilliseconds: Double? {
      outputTokens > 1 ? decode.milliseconds / Double(outputTokens - 1) : nil
    }
  }
}
