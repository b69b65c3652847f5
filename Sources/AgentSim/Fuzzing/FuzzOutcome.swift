import Foundation

/// What became of one fuzz mutant, run in-process the way `validate` and `run` would.
public enum FuzzOutcome: String, CaseIterable, Sendable {
  /// Accepted, simulated, and every number in the report's JSON and table finite.
  case accepted
  /// Rejected with diagnostics while loading or resolving (exit status 2 from `validate` and
  /// `run` alike).
  case diagnostic
  /// Accepted, but the simulation stopped as a runaway (exit status 2 from `run`, with the step
  /// and the value).
  case runaway
  /// A report with a non-finite number, or that JSON could not encode.
  case nonFinite = "inf/nan"
  /// `validate`'s verdict and `run`'s loading differ.
  case disagreement

  /// Runs one workflow text through load → validate's checks → resolve → simulate.
  ///
  /// - Parameters:
  ///   - text: The workflow.
  ///   - sessions: Measured sessions to simulate (no warm-up).
  ///   - limits: The simulator's limits (a fuzz campaign lowers the per-session work budget).
  /// - Returns: The outcome.
  public static func classify(
    _ text: String, sessions: Int = 3,
    limits: SessionSimulator.Limits = SessionSimulator.Limits(maximumWorkPerSession: 20_000)
  ) -> FuzzOutcome {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    do {
      try Data(text.utf8).write(to: file)
    } catch {
      return .diagnostic
    }
    let loaded: LoadedWorkflow
    do {
      loaded = try WorkflowLoader.load(contentsOf: file, file: "mutant.json")
    } catch {
      return .diagnostic
    }
    let validateAccepts = !loaded.placementProblems().contains { $0.severity == .error }
    let scenario: Scenario
    do {
      scenario = try loaded.scenario()
    } catch {
      return validateAccepts ? .disagreement : .diagnostic
    }
    guard validateAccepts else { return .disagreement }
    var short = scenario
    short.load.sessions = sessions
    short.load.warmupSessions = 0
    let report = WorkflowSimulation.run(short, seed: 1, limits: limits)
    if report.stoppedEarly?.isRunaway == true { return .runaway }
    guard let json = try? ReportRenderer.renderJSON(report) else { return .nonFinite }
    let table = ReportRenderer.renderReport(report, style: .unicodePlain)
    // A non-finite number prints as `n/a` (DisplayFormat); `inf` and `nan` must never appear.
    let words = (String(decoding: json, as: UTF8.self) + "\n" + table)
      .split { !$0.isLetter && $0 != "/" }.map(String.init)
    let forbidden: Set = ["inf", "nan", "infinity", DisplayFormat.notANumber]
    if words.contains(where: forbidden.contains) {
      return .nonFinite
    }
    return .accepted
  }
}
