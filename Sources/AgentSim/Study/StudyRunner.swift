import Foundation

/// What a study's simulations produced: one report per run and per series point, one sweep per
/// front, and the cost model's error table that the study's limits cite.
public struct StudyResults: Sendable {
  /// The spec that was run.
  public var spec: StudySpec
  /// One report per run, in the spec's order.
  public var runs: [LatencyReport]
  /// Per series, per line, per x: the report.
  public var series: [[[LatencyReport]]]
  /// One sweep report per front, in the spec's order.
  public var fronts: [SweepReport]
  /// The cost model's error on its calibration rows.
  public var fidelity: FidelityTable
  /// The catalog the runs resolved against.
  public var catalog: Catalog

  /// The report of the run with `id`.
  public func run(_ id: String) -> LatencyReport? {
    spec.runs.firstIndex { $0.id == id }.map { runs[$0] }
  }
}

/// Runs every simulation of a study on several threads. The results do not depend on the number of
/// threads: every run has the study's seed and the results are collected in the spec's order.
public struct StudyRunner: Sendable {
  /// Threads to simulate on.
  public var jobs: Int

  /// Creates a runner.
  ///
  /// - Parameter jobs: Threads to simulate on (at least 1).
  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.jobs = max(1, jobs)
  }

  /// One simulation to do.
  struct Job: Sendable {
    var workflow: String
    var overrides: [String]
    var placement: [String: String]
    var path: String
  }

  /// Runs the study in `folder`.
  ///
  /// - Parameters:
  ///   - spec: The study.
  ///   - folder: The study folder: workflow paths are relative to it.
  ///   - catalog: The catalog the workflows resolve against.
  /// - Returns: Every report.
  /// - Throws: `DiagnosticError` with every workflow, override or placement problem, each naming
  ///   the run, series line or front that caused it.
  /// - Complexity: One simulation per run and per series point and line, plus one sweep per front.
  public func run(_ spec: StudySpec, in folder: URL, catalog: Catalog = .builtIn)
    throws(DiagnosticError) -> StudyResults
  {
    var jobs: [Job] = []
    for (index, run) in spec.runs.enumerated() {
      jobs.append(
        Job(
          workflow: run.workflow,
          overrides: sessionOverrides(spec, sessions: run.sessions) + run.set,
          placement: run.placement, path: "runs[\(index)]"))
    }
    for (seriesIndex, series) in spec.series.enumerated() {
      for (lineIndex, line) in series.lines.enumerated() {
        for x in series.x {
          let settings = line.vary ? series.set.map { Self.substitute(x: x, in: $0) } : []
          jobs.append(
            Job(
              workflow: line.workflow,
              overrides: sessionOverrides(spec, sessions: nil) + line.set + settings,
              placement: line.placement,
              path: "series[\(seriesIndex)].lines[\(lineIndex)] at x = \(StudyValues.number(x))"))
        }
      }
    }
    // Load and resolve everything first, so that a mistake anywhere is reported before minutes
    // of simulation, with every other mistake.
    var scenarios: [Scenario] = []
    var problems: [Diagnostic] = []
    for job in jobs {
      do {
        let url = folder.appendingPathComponent(job.workflow)
        let loaded = try WorkflowLoader.load(
          contentsOf: url, file: job.workflow, overrides: job.overrides, catalog: catalog)
        scenarios.append(try loaded.scenario(placement: job.placement))
      } catch {
        // Loading and the placement check throw `DiagnosticError` only (typed throws).
        problems += error.diagnostics.map { diagnostic in
          var diagnostic = diagnostic
          diagnostic.message += " (study \(job.path))"
          return diagnostic
        }
      }
    }
    var plans: [SweepPlan] = []
    for (index, front) in spec.fronts.enumerated() {
      do {
        plans.append(
          try SweepPlan.load(
            contentsOf: folder.appendingPathComponent(front.workflow), file: front.workflow,
            overrides: front.set, candidates: front.candidates, catalog: catalog,
            settings: SweepSettings(
              seed: spec.seed, sessions: front.sessions,
              warmupSessions: max(front.sessions / 10, 1), objective: .cost)))
      } catch {
        problems += error.diagnostics.map { diagnostic in
          var diagnostic = diagnostic
          diagnostic.message += " (study fronts[\(index)])"
          return diagnostic
        }
      }
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    let seed = spec.seed
    let resolved = scenarios
    let reports = ParallelMap.map(count: resolved.count, jobs: self.jobs) { index in
      WorkflowSimulation.run(resolved[index], seed: seed)
    }
    let fronts = plans.map { plan in
      SweepReport(sweep: plan.identity, results: SweepRunner(jobs: self.jobs).run(plan))
    }
    let fidelity: FidelityTable
    do {
      fidelity = try FidelityTable(catalog: catalog)
    } catch {
      throw DiagnosticError(Diagnostic(path: "fidelity", message: "\(error)"))
    }
    let runCount = spec.runs.count
    var series: [[[LatencyReport]]] = []
    var next = runCount
    for entry in spec.series {
      var lines: [[LatencyReport]] = []
      for _ in entry.lines {
        lines.append(Array(reports[next..<(next + entry.x.count)]))
        next += entry.x.count
      }
      series.append(lines)
    }
    return StudyResults(
      spec: spec, runs: Array(reports[0..<runCount]), series: series, fronts: fronts,
      fidelity: fidelity, catalog: catalog)
  }

  /// The measured and warm-up sessions of a run that asks for `run` sessions (nil: the study's):
  /// the study's warm-up with its sessions, a tenth otherwise.
  static func sessions(_ spec: StudySpec, run: Int?) -> (sessions: Int, warmup: Int) {
    let sessions = run ?? spec.sessions
    return (sessions, sessions == spec.sessions ? spec.warmupSessions : max(sessions / 10, 1))
  }

  /// `load.sessions` and `load.warmup_sessions` overrides for a run.
  private func sessionOverrides(_ spec: StudySpec, sessions: Int?) -> [String] {
    let (sessions, warmup) = Self.sessions(spec, run: sessions)
    return ["load.sessions=\(sessions)", "load.warmup_sessions=\(warmup)"]
  }

  /// `template` with `{x}` replaced by `x` and `{x*K}` by K·x.
  ///
  /// - Parameters:
  ///   - x: The series value.
  ///   - template: An override such as `links[0].rtt_p99_ms={x*4}`.
  /// - Returns: The override with numbers in place of the placeholders (placeholders it cannot
  ///   read are left as they are, so the workflow loader reports them).
  static func substitute(x: Double, in template: String) -> String {
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      result += rest[..<open]
      let inside = rest[rest.index(after: open)..<close]
      if inside == "x" {
        result += StudyValues.number(x)
      } else if inside.hasPrefix("x*"), let factor = Double(inside.dropFirst(2)) {
        result += StudyValues.number(x * factor)
      } else {
        result += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }
}
