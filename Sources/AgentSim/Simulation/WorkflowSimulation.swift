import SimulationKernel

/// Runs a scenario to completion and reports on it: the library entry point behind `agentsim run`.
public enum WorkflowSimulation {
  /// Simulates every session of `scenario` with `seed` and builds the report.
  ///
  /// Deterministic: the same scenario and seed give an identical report, on any machine with the
  /// same C library (distributions call `log`, `exp`).
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow and placement.
  ///   - seed: The run's seed.
  ///   - limits: When to stop an overloaded run.
  ///   - progress: Called every `progressEvery` finished sessions with the sessions done and
  ///     the total (warm-up included); the results are the same with or without it.
  ///   - progressEvery: How often to call `progress`, in finished sessions.
  /// - Returns: The report.
  /// - Complexity: O(*e* log *p*) for *e* events and *p* pending events; memory independent of the
  ///   number of sessions.
  public static func run(
    _ scenario: Scenario, seed: UInt64,
    limits: SessionSimulator.Limits = SessionSimulator.Limits(),
    progressEvery: Int = 1024, progress: ((SweepProgress) -> Void)? = nil
  ) -> LatencyReport {
    var observer = NoObserver()
    return run(
      scenario, seed: seed, limits: limits, observer: &observer, progressEvery: progressEvery,
      progress: progress)
  }

  /// Simulates every session of `scenario` with `seed`, reporting to `observer` as it goes, and
  /// builds the report. The report is the same as without an observer.
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow and placement.
  ///   - seed: The run's seed.
  ///   - limits: When to stop an overloaded run.
  ///   - observer: Who watches the run; holds what it observed when this returns.
  ///   - progressEvery: How often to call `progress`, in finished sessions.
  ///   - progress: Called every `progressEvery` finished sessions (as in `run(_:seed:limits:)`).
  /// - Returns: The report.
  /// - Complexity: As `run(_:seed:limits:)`, plus the observer's work.
  public static func run<Observer: SimulationObserver>(
    _ scenario: Scenario, seed: UInt64, limits: SimulationLimits = SimulationLimits(),
    observer: inout Observer, progressEvery: Int = 1024,
    progress: ((SweepProgress) -> Void)? = nil
  ) -> LatencyReport {
    var limits = limits
    if progress != nil { limits.progressInterval = max(progressEvery, 1) }
    var simulation = ObservedSessionSimulator<Observer>.makeSimulation(
      scenario: scenario, seed: seed, limits: limits, observer: observer)
    while true {
      simulation.run()
      let model = simulation.model
      guard let progress, model.finishedSessions < model.arrivals.total, model.overload == nil,
        model.runaway == nil, simulation.scheduler.pendingCount > 0
      else { break }
      progress(SweepProgress(done: model.finishedSessions, total: model.arrivals.total))
    }
    observer = simulation.model.observer
    return ReportBuilder.makeReport(
      simulator: simulation.model, events: simulation.handledCount, seed: seed)
  }
}
