/// Why a run stopped before every session it asked for had finished: reported in JSON as
/// `stopped_early`, and in the text so that no figure pretends to describe the whole run.
public struct EarlyStop: Codable, Hashable, Sendable {
  /// What stopped the run.
  public enum Cause: String, Codable, Sendable {
    /// A shared site's waiting line, or the sessions in flight, grew past the overload limits.
    case overload
    /// The simulated clock passed the run's horizon (a century).
    case simulatedTimeLimit = "simulated_time_limit"
    /// One session ran more steps and speculative rounds than the per-session budget.
    case sessionWorkLimit = "session_work_limit"
  }

  /// What stopped the run.
  public var cause: Cause
  /// The overloaded site, for an overload.
  public var site: String?
  /// The step that was running, for a runaway.
  public var step: String?
  /// What tripped the limit, in the simulator's words ("100000 requests waiting").
  public var detail: String
  /// Sessions (warm-up included) that finished before the stop.
  public var completedSessions: Int
  /// Sessions (warm-up included) the run asked for.
  public var requestedSessions: Int

  /// Creates an early-stop record.
  public init(
    cause: Cause, site: String? = nil, step: String? = nil, detail: String,
    completedSessions: Int, requestedSessions: Int
  ) {
    self.cause = cause
    self.site = site
    self.step = step
    self.detail = detail
    self.completedSessions = completedSessions
    self.requestedSessions = requestedSessions
  }

  /// Whether the stop means the input asks for more than a run can simulate (an error with exit
  /// status 2), rather than a result worth reading (an overloaded site).
  public var isRunaway: Bool { cause != .overload }

  enum CodingKeys: String, CodingKey {
    case cause, site, step, detail
    case completedSessions = "completed_sessions"
    case requestedSessions = "requested_sessions"
  }
}
