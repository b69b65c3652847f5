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
  /// What tripped a limit, as a typed fact; `detail` (in `Rendering/`) words it.
  public enum Trigger: Hashable, Sendable {
    /// A shared site's waiting line, or the sessions in flight, grew past the overload limits.
    case overload(OverloadCause)
    /// The simulated clock reached `seconds`, past the horizon `horizonSeconds`.
    case simulatedTime(seconds: Double, horizonSeconds: Double)
    /// One session ran more steps and speculative rounds than `bound`.
    case sessionWork(bound: Double)
    /// A stop read back from an earlier run's `summary.json`, which keeps only its words.
    case recorded(String)
  }

  /// What tripped the limit.
  public var trigger: Trigger
  /// Sessions (warm-up included) that finished before the stop.
  public var completedSessions: Int
  /// Sessions (warm-up included) the run asked for.
  public var requestedSessions: Int

  /// Creates an early-stop record.
  public init(
    cause: Cause, site: String? = nil, step: String? = nil, trigger: Trigger,
    completedSessions: Int, requestedSessions: Int
  ) {
    self.cause = cause
    self.site = site
    self.step = step
    self.trigger = trigger
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

  /// Whether two stops say the same: the same cause, site, step, counts and words. A stop read
  /// back from `summary.json` keeps only its trigger's words, so it equals the stop it was written
  /// from.
  public static func == (lhs: EarlyStop, rhs: EarlyStop) -> Bool {
    lhs.cause == rhs.cause && lhs.site == rhs.site && lhs.step == rhs.step
      && lhs.detail == rhs.detail && lhs.completedSessions == rhs.completedSessions
      && lhs.requestedSessions == rhs.requestedSessions
  }

  /// Hashes what ``==`` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(cause)
    hasher.combine(site)
    hasher.combine(step)
    hasher.combine(detail)
    hasher.combine(completedSessions)
    hasher.combine(requestedSessions)
  }

  /// Reads a stop from `summary.json`: its trigger as the words it was written with.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      cause: try container.decode(Cause.self, forKey: .cause),
      site: try container.decodeIfPresent(String.self, forKey: .site),
      step: try container.decodeIfPresent(String.self, forKey: .step),
      trigger: .recorded(try container.decode(String.self, forKey: .detail)),
      completedSessions: try container.decode(Int.self, forKey: .completedSessions),
      requestedSessions: try container.decode(Int.self, forKey: .requestedSessions))
  }

  /// Writes the stop for `summary.json`, its trigger in words (`detail`).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(cause, forKey: .cause)
    try container.encodeIfPresent(site, forKey: .site)
    try container.encodeIfPresent(step, forKey: .step)
    try container.encode(detail, forKey: .detail)
    try container.encode(completedSessions, forKey: .completedSessions)
    try container.encode(requestedSessions, forKey: .requestedSessions)
  }
}
