extension EarlyStop {
  /// What tripped the limit, in the words `stopped_early.detail` and the report use:
  /// "simulated time reached 36,525 days, past the horizon of 36,524 days", "100000 requests
  /// waiting at one replica".
  public var detail: String {
    switch trigger {
    case .overload(let cause):
      return OverloadWording.detail(cause)
    case .simulatedTime(let seconds, let horizon):
      return "simulated time reached \(DisplayFormat.grouped(seconds / 86_400)) days, past "
        + "the horizon of \(DisplayFormat.grouped(horizon / 86_400)) days"
    case .sessionWork(let bound):
      return "one session ran more than \(DisplayFormat.grouped(bound)) steps and "
        + "speculative rounds"
    case .recorded(let words):
      return words
    }
  }

  /// The runaway as an input error: what stopped the run, at which step, and what to change.
  /// `nil` for an overload, which is a result (the report says so) rather than an error.
  ///
  /// - Parameter file: The workflow file, for the diagnostic's location.
  /// - Returns: The diagnostic, or `nil`.
  public func runawayDiagnostic(file: String) -> Diagnostic? {
    let location = step.map { " in step '\($0)'" } ?? ""
    let done =
      "after \(DisplayFormat.grouped(completedSessions)) of "
      + "\(DisplayFormat.grouped(requestedSessions)) sessions"
    switch cause {
    case .overload:
      return nil
    case .simulatedTimeLimit:
      return Diagnostic(
        file: file,
        message: "the run stopped\(location) \(done): \(detail)",
        suggestion: "shorten durations or think times, raise 'load.rate_per_s', or run fewer "
          + "sessions")
    case .sessionWorkLimit:
      return Diagnostic(
        file: file,
        message: "the run stopped\(location) \(done): \(detail)",
        suggestion: "lower loop counts or the output tokens of speculative steps")
    }
  }

  /// One sentence for the report: how many sessions finished, why the run stopped, and what to
  /// change.
  public var sentence: String {
    let done =
      "\(DisplayFormat.grouped(completedSessions)) of \(DisplayFormat.grouped(requestedSessions)) "
      + "sessions finished"
    switch cause {
    case .overload:
      let site = self.site.map { "'\($0)' is over capacity" } ?? "a site is over capacity"
      return "stopped early: \(site) (\(detail)); \(done). Add replicas or lower "
        + "load.rate_per_s until utilization is below 1"
    case .simulatedTimeLimit, .sessionWorkLimit:
      let step = self.step.map { " in step '\($0)'" } ?? ""
      return "stopped early\(step): \(detail); \(done)"
    }
  }
}
