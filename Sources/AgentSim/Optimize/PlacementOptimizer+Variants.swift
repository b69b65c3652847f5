import Foundation

/// Searching beyond placement: the optimizer over a grid of workflow settings (`--vary`: replicas
/// per site, a step's model from a list, precision, anything `--set` can change), with the
/// placement searched within each setting.
extension PlacementOptimizer {
  /// One setting of the grid: its `--set`-style assignments and the workflow they give.
  public struct Variant: Sendable {
    /// The assignments (`key=value`), in the grid's axis order.
    public var settings: [String]
    /// The workflow with them applied.
    public var loaded: LoadedWorkflow

    /// Creates a variant.
    public init(settings: [String], loaded: LoadedWorkflow) {
      self.settings = settings
      self.loaded = loaded
    }
  }

  /// Searches every variant's placements and reports the best over all of them.
  ///
  /// Each variant is searched as ``optimize(_:candidates:settings:isOutOfTime:progress:)``
  /// searches one workflow (the session budget applies to each), working backwards from the
  /// budget: every variant's objective lower bound comes first (the dynamic programming over its
  /// bounds alone, with the budget's percentile bounds pruning), the variants are searched in
  /// order of it, and a variant is skipped when no placement passes its bounds or when its lower
  /// bound exceeds the objective of a best already found that is acceptable — its best could
  /// not win (`variants_pruned` counts them). The answer is the exhaustive grid's. The best is the
  /// variants' bests ranked as the race ranks placements: acceptable (meets the budget for cost
  /// and energy, within `--max-cost`) first, then by the objective's key, ties to the earlier
  /// variant. The front is the Pareto front (p99, cost, energy) of every variant's front, the
  /// counts add up, the lower bound is the smallest of the variants' (sound for the whole grid),
  /// and the zero-load search and stop are the best's variant's. Every entry names its variant's
  /// settings in `parameters`.
  ///
  /// - Parameters:
  ///   - variants: The grid's settings (at least one).
  ///   - candidates: Step name → candidate sites, replacing the workflow's.
  ///   - settings: Seed, sessions, objective, limits.
  ///   - isOutOfTime: Asked before each round; `true` stops with the best so far.
  ///   - progress: Sessions simulated, per variant.
  ///   - exhaustive: Search every variant, skipping none by its bounds (what the pruning is
  ///     tested against; the answer is the same).
  /// - Returns: The report.
  /// - Throws: As ``optimize(_:candidates:settings:isOutOfTime:progress:)``, for the first
  ///   variant that fails.
  /// - Complexity: The variants' searches, one after another.
  public func optimize(
    variants: [Variant], candidates: [String: [String]] = [:],
    settings: OptimizeSettings = OptimizeSettings(),
    isOutOfTime: @escaping @Sendable () -> Bool = { false },
    progress: (@Sendable (SweepProgress) -> Void)? = nil, exhaustive: Bool = false
  ) throws -> OptimizeReport {
    precondition(!variants.isEmpty, "optimize needs at least one variant")
    guard variants.count > 1 else {
      var report = try optimize(
        variants[0].loaded, candidates: candidates, settings: settings,
        isOutOfTime: isOutOfTime, progress: progress)
      let parameters = Self.parameters(variants[0].settings)
      report.best?.parameters = parameters
      for index in report.front.indices { report.front[index].parameters = parameters }
      return report
    }
    let objective = settings.objective
    func isAcceptable(_ entry: OptimizedPlacement) -> Bool {
      if let limit = settings.maximumCostDollars, entry.costPerSessionDollars > limit {
        return false
      }
      return objective.isConstrainedByBudget ? entry.meetsBudget : true
    }
    // Work backwards from the budget: every setting's lower bound first (the zero-load dynamic
    // programming over its bounds alone), then the settings in order of it.
    var chains: [PlacementChain] = []
    var bounds: [Double?] = []
    for variant in variants {
      let space = try PlacementSpace(workflow: variant.loaded.workflow, candidates: candidates)
      let chain = try PlacementChain(
        loaded: variant.loaded, space: space, sessions: settings.sessions)
      let budget = SweepBudget(variant.loaded.workflow.budget)
      let limits = ParetoSearch.Limits(
        p50Milliseconds: budget.p50Milliseconds, p99Milliseconds: budget.p99Milliseconds,
        maximumCostDollars: settings.maximumCostDollars)
      chains.append(chain)
      bounds.append(Search.lowerBound(chain: chain, objective: objective, limits: limits))
    }
    let order = variants.indices.sorted { left, right in
      switch (bounds[left], bounds[right]) {
      case (let a?, let b?): a != b ? a < b : left < right
      case (.some, nil): true
      case (nil, .some): false
      case (nil, nil): left < right
      }
    }
    var searched: [Int: OptimizeReport] = [:]
    var incumbent: Double?
    for index in order {
      // No placement passes the bounds (its search would find none), or none can beat a best
      // that is acceptable: its report cannot be chosen. The first setting is searched whatever
      // its bounds, so that there is a report to give.
      if !searched.isEmpty, !exhaustive {
        guard let bound = bounds[index] else { continue }
        if let incumbent, bound > incumbent { continue }
      }
      var report = optimize(
        variants[index].loaded, chain: chains[index], settings: settings,
        isOutOfTime: isOutOfTime, progress: progress)
      let parameters = Self.parameters(variants[index].settings)
      report.best?.parameters = parameters
      for entry in report.front.indices { report.front[entry].parameters = parameters }
      if let best = report.best, isAcceptable(best) {
        let value = objective.value(of: best)
        incumbent = min(incumbent ?? value, value)
      }
      searched[index] = report
    }
    // Ranked in grid order, as if every setting had been searched.
    let reports = searched.keys.sorted().compactMap { searched[$0] }
    var chosen = 0
    for index in reports.indices.dropFirst() {
      guard let candidate = reports[index].best else { continue }
      guard let incumbent = reports[chosen].best else {
        chosen = index
        continue
      }
      if isAcceptable(candidate) != isAcceptable(incumbent) {
        if isAcceptable(candidate) { chosen = index }
        continue
      }
      if objective.key(candidate).lexicographicallyPrecedes(objective.key(incumbent)) {
        chosen = index
      }
    }
    var report = reports[chosen]
    let entries = reports.flatMap(\.front)
    let indices = ParetoFront.indices(
      of: entries.map { [$0.p99Milliseconds, $0.costPerSessionDollars, $0.energyJoules] })
    report.front = indices.sorted().map { entries[$0] }.sorted { left, right in
      let a = [left.costPerSessionDollars, left.p99Milliseconds, left.energyJoules]
      let b = [right.costPerSessionDollars, right.p99Milliseconds, right.energyJoules]
      return a.lexicographicallyPrecedes(b)
    }
    report.simulatedPoints = reports.map(\.simulatedPoints).reduce(0, +)
    report.simulations = reports.map(\.simulations).reduce(0, +)
    report.simulatedSessions = reports.map(\.simulatedSessions).reduce(0, +)
    report.spaceSize = chains.map { Search.spaceSize($0.space) }.reduce(0, +)
    // Every setting's bound, searched or not: the smallest is sound for the whole grid.
    let known = bounds.compactMap { $0 }
    report.lowerBound = known.isEmpty ? nil : known.min()
    if let best = report.best, let bound = report.lowerBound {
      report.gap = objective.value(of: best) - bound
    } else {
      report.gap = nil
    }
    report.variants = variants.count
    report.variantsPruned = variants.count - reports.count
    return report
  }

  /// `key=value` assignments as a dictionary (the last assignment of a key wins).
  static func parameters(_ settings: [String]) -> [String: String] {
    var result: [String: String] = [:]
    for setting in settings {
      guard let equals = setting.firstIndex(of: "=") else { continue }
      result[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
    }
    return result
  }
}

extension OptimizeObjective {
  /// The ranking key of a reported placement, as ``key(_:)`` ranks simulated ones.
  func key(_ entry: OptimizedPlacement) -> [Double] {
    switch self {
    case .cost: [entry.costPerSessionDollars, entry.p99Milliseconds, entry.energyJoules]
    case .energy: [entry.energyJoules, entry.p99Milliseconds, entry.costPerSessionDollars]
    case .p99: [entry.p99Milliseconds, entry.costPerSessionDollars, entry.energyJoules]
    case .p50: [entry.p50Milliseconds, entry.costPerSessionDollars, entry.energyJoules]
    }
  }

  /// The reported value (milliseconds, dollars or joules) of a placement.
  func value(of entry: OptimizedPlacement) -> Double {
    switch self {
    case .cost: entry.costPerSessionDollars
    case .p99: entry.p99Milliseconds
    case .p50: entry.p50Milliseconds
    case .energy: entry.energyJoules
    }
  }
}

extension PlacementOptimizer {
  /// Grid settings searched at most (each is a whole placement search).
  public static let maximumVariants = 256

  /// The variants of a workflow file for `--vary` axes: one per setting of the grid, each loaded
  /// with the base overrides then the setting's assignments (a step's model from a list:
  /// `steps[6].llm.model=small,medium`; replicas per site: `sites.edge.replicas=1,2,4`).
  ///
  /// - Parameters:
  ///   - url: The workflow file.
  ///   - file: Its name in diagnostics.
  ///   - overrides: `--set` assignments applied before every setting's.
  ///   - axes: The `--vary` axes (none gives the one unvaried workflow).
  ///   - catalog: The catalog to resolve against.
  /// - Returns: The variants, in grid order.
  /// - Throws: `DiagnosticError` when the grid has more than ``maximumVariants`` settings, or a
  ///   setting does not load (blamed on the `--vary` axis whose value breaks it, with the
  ///   field's own message, as `sweep` reports it).
  /// - Complexity: One workflow load per setting.
  public static func variants(
    contentsOf url: URL, file: String, overrides: [String] = [], axes: [ParameterAxis],
    catalog: Catalog = .builtIn
  ) throws(DiagnosticError) -> [Variant] {
    let grid = ParameterGrid(axes: axes)
    guard grid.count <= maximumVariants else {
      throw DiagnosticError(
        Diagnostic(
          path: "--vary",
          message:
            "the settings multiply to \(grid.count == Int.max ? "too many" : "\(grid.count)"), "
            + "more than the \(maximumVariants) optimize searches",
          suggestion: "vary fewer keys or fewer values; fix the rest with --set"))
    }
    var variants: [Variant] = []
    for setting in 0..<grid.count {
      let varied = grid.settings(at: setting)
      do {
        let loaded = try WorkflowLoader.load(
          contentsOf: url, file: file, overrides: overrides + varied, catalog: catalog)
        variants.append(Variant(settings: varied, loaded: loaded))
      } catch {
        throw DiagnosticError(
          SweepPlan.blame(error, setting: setting, grid: grid) { varied throws(DiagnosticError) in
            _ = try WorkflowLoader.load(
              contentsOf: url, file: file, overrides: overrides + varied, catalog: catalog)
          })
      }
    }
    return variants
  }
}
