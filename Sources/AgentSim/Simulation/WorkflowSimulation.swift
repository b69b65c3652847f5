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
  /// - Returns: The report.
  /// - Complexity: O(*e* log *p*) for *e* events and *p* pending events; memory independent of the
  ///   number of sessions.
  public static func run(
    _ scenario: Scenario, seed: UInt64,
    limits: SessionSimulator.Limits = SessionSimulator.Limits()
  ) -> LatencyReport {
    var observer = NoObserver()
    return run(scenario, seed: seed, limits: limits, observer: &observer)
  }

  /// Simulates every session of `scenario` with `seed`, reporting to `observer` as it goes, and
  /// builds the report. The report is the same as without an observer.
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow and placement.
  ///   - seed: The run's seed.
  ///   - limits: When to stop an overloaded run.
  ///   - observer: Who watches the run; holds what it observed when this returns.
  /// - Returns: The report.
  /// - Complexity: As `run(_:seed:limits:)`, plus the observer's work.
  public static func run<Observer: SimulationObserver>(
    _ scenario: Scenario, seed: UInt64, limits: SimulationLimits = SimulationLimits(),
    observer: inout Observer
  ) -> LatencyReport {
    var simulation = ObservedSessionSimulator<Observer>.makeSimulation(
      scenario: scenario, seed: seed, limits: limits, observer: observer)
    simulation.run()
    observer = simulation.model.observer
    return ReportBuilder.makeReport(
      simulator: simulation.model, events: simulation.handledCount, seed: seed)
  }
}
