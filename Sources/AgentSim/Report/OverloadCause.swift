/// What tripped the simulator's overload limits (``SimulationLimits``): the fact behind an
/// ``OverloadNotice``, worded by `Rendering/`.
public enum OverloadCause: Hashable, Sendable {
  /// More sessions were in flight at once than `maximumActiveSessions`.
  case sessionsInFlight(Int)
  /// One replica's waiting line reached `maximumQueueLength` requests.
  case requestsWaitingAtReplica(Int)
  /// A tool pool's waiting line reached `maximumQueueLength` calls.
  case toolCallsWaiting(Int)
}
