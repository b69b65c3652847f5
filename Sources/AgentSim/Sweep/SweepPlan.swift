import Foundation

/// A sweep ready to run: the workflow loaded once per parameter setting, the placement space, and
/// the settings. Points are numbered parameter-major; `point(at:)` and `scenario(for:)` give each
/// one's configuration.
///
/// **Seeds and common random numbers.** Every point runs with the sweep's seed, whatever its
/// placement and parameter setting, so each point reproduces `agentsim run --seed S --set …
/// --placement …` exactly. Within a run, arrivals, each link's outages and each session draw from
/// their own streams, and every step's draws come from a generator derived in tree order (see
/// `SessionSimulator`), so the same session draws the same tokens, tool durations, branch choices
/// and network percentiles at every point: differences between points are the points', not noise.
/// (Deriving a seed per parameter setting, as before, made a placement that never uses a varied
/// link look faster or slower from one setting to the next.)
public struct SweepPlan: Sendable {
  /// What decides the results.
  public var identity: SweepIdentity
  /// The placements.
  public var space: PlacementSpace
  /// The parameter settings.
  public var grid: ParameterGrid
  /// One loaded workflow per parameter setting.
  var workflows: [LoadedWorkflow]

  /// The number of points: parameter settings × placements.
  public var count: Int { identity.pointCount }
  /// The settings.
  public var settings: SweepSettings { identity.settings }

  /// Loads a sweep.
  ///
  /// - Parameters:
  ///   - url: The workflow file.
  ///   - file: Its name as the user gave it.
  ///   - overrides: `--set key=value` overrides, applied to every point.
  ///   - axes: `--vary` axes.
  ///   - candidates: `--candidates` (and `--placement`) replacements of steps' candidate sites.
  ///   - catalog: The catalog.
  ///   - settings: Seed, sessions, objective, limits.
  /// - Returns: The plan.
  /// - Throws: `DiagnosticError` for an invalid workflow, a `--vary` key that leads nowhere (the
  ///   diagnostic names `--vary KEY`), an unknown step or site in `--candidates`, or a space too
  ///   large to number.
  /// - Complexity: One workflow load per parameter setting.
  public static func load(
    contentsOf url: URL, file: String, overrides: [String] = [], axes: [ParameterAxis] = [],
    candidates: [String: [String]] = [:], catalog: Catalog = .builtIn,
    settings: SweepSettings = SweepSettings()
  ) throws(DiagnosticError) -> SweepPlan {
    let base = try WorkflowLoader.load(
      contentsOf: url, file: file, overrides: overrides, catalog: catalog)
    let space: PlacementSpace
    do {
      space = try PlacementSpace(workflow: base.workflow, candidates: candidates)
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(Diagnostic(path: "--candidates", message: "\(error)"))
    }
    let grid = ParameterGrid(axes: axes)
    let (total, overflow) = grid.count.multipliedReportingOverflow(by: space.count)
    guard !overflow, grid.count < Int.max, space.count < Int.max, total <= 1 << 40 else {
      throw DiagnosticError(
        Diagnostic(
          path: "sweep", message: "the sweep has too many points to number",
          suggestion: "narrow it with --candidates or --placement"))
    }
    var workflows: [LoadedWorkflow] = []
    var problems: [Diagnostic] = []
    for setting in 0..<grid.count {
      let varied = grid.settings(at: setting)
      do {
        workflows.append(
          try WorkflowLoader.load(
            contentsOf: url, file: file, overrides: overrides + varied, catalog: catalog))
      } catch {
        problems = blame(error, setting: setting, grid: grid) { varied throws(DiagnosticError) in
          _ = try WorkflowLoader.load(
            contentsOf: url, file: file, overrides: overrides + varied, catalog: catalog)
        }
        // One bad key or value fails many settings alike: report the first.
        break
      }
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    let identity = SweepIdentity(
      workflow: base.workflow.name, file: file, workflowDigest: base.digest,
      toolVersion: AgentSimVersion.current, settings: settings, grid: grid, steps: space.steps,
      siteTiers: Dictionary(
        base.workflow.sites.map { ($0.name, $0.tier) }, uniquingKeysWith: { first, _ in first }),
      pointCount: total,
      unpricedSites: base.workflow.sites.map(\.name).filter { name in
        workflows.contains { $0.unpricedSites.contains(name) }
      })
    return SweepPlan(identity: identity, space: space, grid: grid, workflows: workflows)
  }

  /// The diagnostics of a parameter setting that does not load, each attributed to the `--vary`
  /// axis whose value alone breaks the workflow (path `--vary KEY`, the field's own path kept in
  /// the message), or to the whole setting when only the combination fails.
  static func blame(
    _ error: DiagnosticError, setting: Int, grid: ParameterGrid,
    load: ([String]) throws(DiagnosticError) -> Void
  ) -> [Diagnostic] {
    let settings = grid.settings(at: setting)
    var problems: [Diagnostic] = []
    for (axis, varied) in zip(grid.axes, settings) {
      do {
        try load([varied])
      } catch {
        for diagnostic in error.diagnostics {
          var blamed = diagnostic
          blamed.path = "--vary \(axis.key)"
          let original = diagnostic.path.replacingOccurrences(of: "--set ", with: "")
          if !original.isEmpty, original != axis.key {
            blamed.message = "\(original): \(diagnostic.message)"
          }
          if !problems.contains(blamed) { problems.append(blamed) }
        }
      }
    }
    if problems.isEmpty {
      problems = error.diagnostics.map { diagnostic in
        var blamed = diagnostic
        blamed.message += " (with --vary \(settings.joined(separator: " ")))"
        return blamed
      }
    }
    return problems
  }

  /// Point `index`.
  ///
  /// - Precondition: `0 <= index < count`.
  /// - Complexity: O(steps + axes).
  public func point(at index: Int) -> SweepPoint {
    precondition(index >= 0 && index < count, "point \(index) is outside 0..<\(count)")
    let setting = index / space.count
    let placement = index % space.count
    return SweepPoint(
      index: index, parameterIndex: setting, placementIndex: placement,
      parameters: grid.settings(at: setting), placement: space.placement(at: placement),
      seed: settings.seed)
  }

  /// The budget the workflow of a point's parameter setting sets.
  public func budget(for point: SweepPoint) -> SweepBudget {
    SweepBudget(workflows[point.parameterIndex].workflow.budget)
  }

  /// The scenario of a point, with the sweep's session counts.
  ///
  /// - Throws: `DiagnosticError` whose messages say why the point is infeasible (a model that does
  ///   not fit, a pin violated, a site that does not serve the step's model).
  public func scenario(for point: SweepPoint) throws -> Scenario {
    var scenario = try workflows[point.parameterIndex].scenario(placement: point.placement)
    if let sessions = settings.sessions { scenario.load.sessions = sessions }
    if let warmup = settings.warmupSessions { scenario.load.warmupSessions = warmup }
    return scenario
  }
}
