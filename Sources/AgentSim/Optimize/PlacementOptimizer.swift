import Foundation

/// `agentsim optimize`: the placement that best meets the objective, found by search instead of
/// enumeration.
///
/// 1. **Zero-load search.** ``ParetoSearch`` runs exact dynamic programming over the step tree's
///    top-level blocks (``PlacementChain``): the Pareto front of the zero-load figures among the
///    placements the bounds do not rule out, in work proportional to the front, not the space.
///    A second pass over the bounds gives the objective's sound ``OptimizeReport/lowerBound``.
/// 2. **Locate.** Along the front, ordered by the objective's zero-load figure, latency falls as
///    cost rises. For cost or energy under a budget, a search with three probes per round (a fixed
///    count, whatever `jobs`) at the screening sessions finds the first placement whose simulated
///    run meets the budget.
/// 3. **Race.** `candidates` placements around it (a quarter before it, which may meet the budget
///    with more sessions, the rest after), and every placement screened while locating (batching
///    under load can make a placement cheaper than its zero-load figure says), are simulated with
///    the same seed (common random numbers), at session counts doubling from the screening count
///    to the full count. At the screening count the race also widens around its leader (its
///    neighbours along the front). After each round a candidate is dropped when its 95% interval
///    (batch means, ``RunNoise``) lies entirely over the budget, or entirely above the interval of
///    a leader sure to meet the budget. The race stops when one candidate is left (separated), at
///    the full sessions, when the session budget is spent, or when `isOutOfTime` says so. The best
///    is then simulated at the full sessions (if it misses there, the next acceptable candidates
///    are, four at a time), so its figures are exactly what `agentsim run --placement … --seed S`
///    prints.
///
/// Every decision depends only on simulation results, which depend only on the seed and the
/// placement; simulations of one round run in parallel and are read in a fixed order. So the
/// report is the same for any `jobs`, and a `--seconds` stop is reproducible from the round at
/// which it happened (the report gives it).
public struct PlacementOptimizer: Sendable {
  /// Threads to simulate on.
  public var jobs: Int

  /// Creates an optimizer.
  ///
  /// - Parameter jobs: Threads (at least 1).
  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.jobs = max(1, jobs)
  }

  /// Searches a workflow's placements.
  ///
  /// - Parameters:
  ///   - loaded: The workflow, overrides applied.
  ///   - candidates: Step name → candidate sites, replacing the workflow's.
  ///   - settings: Seed, sessions, objective, limits.
  ///   - isOutOfTime: Asked before each round; `true` stops with the best so far.
  ///   - progress: Measured sessions simulated out of the session budget, after each simulation.
  /// - Returns: The report.
  /// - Throws: `DiagnosticError` for an unknown step or site in `candidates`, a workflow in which
  ///   no placement builds, or a section with too many placements among its steps.
  /// - Complexity: The zero-load search (see ``ParetoSearch``) plus at most `sessionBudget`
  ///   simulated sessions (and one final run).
  public func optimize(
    _ loaded: LoadedWorkflow, candidates: [String: [String]] = [:],
    settings: OptimizeSettings = OptimizeSettings(),
    isOutOfTime: @escaping @Sendable () -> Bool = { false },
    progress: (@Sendable (SweepProgress) -> Void)? = nil
  ) throws -> OptimizeReport {
    let space = try PlacementSpace(workflow: loaded.workflow, candidates: candidates)
    let chain = try PlacementChain(loaded: loaded, space: space, sessions: settings.sessions)
    let report = optimize(
      loaded, chain: chain, settings: settings, isOutOfTime: isOutOfTime, progress: progress)
    guard report.best == nil, report.zeroLoad.frontSize == 0,
      let closest = Self.closestObjective(chain: chain, budget: report.budget, settings: settings)
    else { return report }
    // The bounds prove that no placement can meet the budget. "None" would leave the user with
    // nothing to act on; the placement nearest the budget says how far off the workflow is and
    // where to start, and the report says it misses.
    var nearest = settings
    nearest.objective = closest
    let budget = report.budget
    var search = Search(
      loaded: loaded, chain: chain, settings: nearest, jobs: jobs, isOutOfTime: isOutOfTime,
      progress: progress,
      budget: SweepBudget(
        p50Milliseconds: nil, p99Milliseconds: nil,
        timeToFirstTokenMilliseconds: budget.timeToFirstTokenMilliseconds))
    var fallback = search.run()
    fallback.budget = budget
    fallback.budgetUnreachable = true
    return fallback
  }

  /// When the bounds rule out every placement on a latency target: the percentile (p99 or p50)
  /// whose target the best bound misses by the largest factor — the one to search on instead;
  /// nil when no latency target is set or `--max-cost` alone rules everything out.
  static func closestObjective(
    chain: PlacementChain, budget: SweepBudget, settings: OptimizeSettings
  ) -> OptimizeObjective? {
    let limits = ParetoSearch.Limits(
      p50Milliseconds: nil, p99Milliseconds: nil,
      maximumCostDollars: settings.maximumCostDollars)
    var worst: (objective: OptimizeObjective, ratio: Double)?
    for (objective, target) in [
      (OptimizeObjective.p99, budget.p99Milliseconds), (.p50, budget.p50Milliseconds),
    ] {
      guard let target, target > 0,
        let bound = Search.lowerBound(chain: chain, objective: objective, limits: limits)
      else { continue }
      let ratio = bound / target
      if ratio > 1, ratio > (worst?.ratio ?? 1) { worst = (objective, ratio) }
    }
    return worst?.objective
  }

  /// Searches a workflow's placements cut into `chain`.
  func optimize(
    _ loaded: LoadedWorkflow, chain: PlacementChain, settings: OptimizeSettings,
    isOutOfTime: @escaping @Sendable () -> Bool,
    progress: (@Sendable (SweepProgress) -> Void)?
  ) -> OptimizeReport {
    var search = Search(
      loaded: loaded, chain: chain, settings: settings, jobs: jobs, isOutOfTime: isOutOfTime,
      progress: progress)
    return search.run()
  }
}

/// The state of one optimization.
struct Search {
  let loaded: LoadedWorkflow
  let chain: PlacementChain
  let settings: OptimizeSettings
  let jobs: Int
  let isOutOfTime: @Sendable () -> Bool
  let progress: (@Sendable (SweepProgress) -> Void)?
  let budget: SweepBudget
  let fullSessions: Int
  let sessionBudget: Int
  /// The candidates: the zero-load front, ordered by the objective's zero-load figure (the
  /// first `frontSize`), then the placements the neighbourhood search added.
  var front: [(digits: [Int], values: SIMD8<Double>)] = []
  /// How many of `front` are the zero-load front.
  var frontSize = 0
  /// Candidate position by candidate indices.
  var positions: [[Int]: Int] = [:]
  /// Leaders whose neighbourhoods were searched.
  var movesSearched = 0
  /// Simulation results by front position and measured sessions.
  var results: [Int: [Int: SweepMetrics]] = [:]
  var simulations = 0
  var sessionsUsed = 0
  var rounds = 0
  var stoppedByTime = false
  /// Front positions that entered the race.
  var raced: [Int] = []
  /// Rounds that widen the race around a new leader, at most.
  static let maximumExpansions = 4

  init(
    loaded: LoadedWorkflow, chain: PlacementChain, settings: OptimizeSettings, jobs: Int,
    isOutOfTime: @escaping @Sendable () -> Bool,
    progress: (@Sendable (SweepProgress) -> Void)?, budget: SweepBudget? = nil
  ) {
    self.loaded = loaded
    self.chain = chain
    self.settings = settings
    self.jobs = jobs
    self.isOutOfTime = isOutOfTime
    self.progress = progress
    self.budget = budget ?? SweepBudget(loaded.workflow.budget)
    fullSessions = max(1, settings.sessions ?? loaded.workflow.load.sessions)
    sessionBudget =
      settings.sessionBudget
      ?? fullSessions.multipliedReportingOverflow(
        by: OptimizeSettings.defaultBudgetMultiple
      ).partialValue
  }

  /// The target every latency bound must meet: the tighter of the p99 and p50 targets.
  var latencyTarget: Double? {
    switch (budget.p99Milliseconds, budget.p50Milliseconds) {
    case (let p99?, let p50?): min(p99, p50)
    case (let p99?, nil): p99
    case (nil, let p50?): p50
    case (nil, nil): nil
    }
  }

  /// Session counts of the race: doubling up to the full count, from at least 250 (or the full
  /// count when it is smaller), at most four rounds.
  var sessionLevels: [Int] {
    var levels = [fullSessions]
    while levels.count < 4, levels[0] / 2 >= 250 { levels.insert(levels[0] / 2, at: 0) }
    return levels
  }

  mutating func run() -> OptimizeReport {
    let objective = settings.objective
    let limits = ParetoSearch.Limits(
      p50Milliseconds: budget.p50Milliseconds, p99Milliseconds: budget.p99Milliseconds,
      maximumCostDollars: settings.maximumCostDollars)
    let outcome = ParetoSearch.run(
      chain: chain,
      figures: objective.searchFigures(limitsCost: settings.maximumCostDollars != nil)
        + limits.excessFigures,
      limits: limits)
    front = outcome.points
    frontSize = front.count
    for (position, entry) in front.enumerated() { positions[entry.digits] = position }
    let lowerBound = Self.lowerBound(chain: chain, objective: objective, limits: limits)
    let zeroLoad = ZeroLoadSearch(
      optimum: zeroLoadOptimum().map { point(front[$0]) }, frontSize: front.count,
      labelsCreated: outcome.labelsCreated, largestStage: outcome.largestStage,
      blocks: chain.blocks.count)

    var alive: [Int] = []
    var reason = OptimizeStop.Reason.noCandidates
    if !front.isEmpty {
      let levels = sessionLevels
      var boundary = 0
      if objective.isConstrainedByBudget, budget.hasTargets {
        boundary = locate(sessions: levels[0]) ?? front.count
      }
      // The screening runs join the race too: under load, batching shares replicas, so a
      // placement the zero-load figures call dearer may simulate cheaper than the window's.
      raced = Array(Set(pool(around: boundary)).union(results.keys)).sorted()
      alive = raced
      reason = race(&alive, levels: levels)
      if stoppedByTime { reason = .timeLimit }
    }
    var best = chooseBest(alive)
    if let chosen = best, !stoppedByTime, results[chosen]?[fullSessions] == nil {
      simulate([chosen], sessions: fullSessions)
      best = chosen
    }
    // A best that misses at the full sessions (it met them by a hair with fewer) gives way to the
    // next raced candidates that were acceptable, four at a time (a fixed count, whatever jobs).
    var tried: Set<Int> = []
    while let chosen = best, !stoppedByTime,
      let final = results[chosen]?[fullSessions], !isAcceptable(final)
    {
      tried.insert(chosen)
      let next = raced.filter { position in
        !tried.contains(position) && (latest(position).map(isAcceptable) ?? false)
      }.sorted { left, right in
        guard let a = latest(left), let b = latest(right) else { return left < right }
        let keyA = settings.objective.key(a)
        let keyB = settings.objective.key(b)
        return keyA != keyB ? keyA.lexicographicallyPrecedes(keyB) : left < right
      }.prefix(4)
      guard !next.isEmpty else { break }
      simulate(Array(next), sessions: fullSessions)
      rounds += 1
      reason = .fullSessions
      let finished = ([chosen] + next).filter { results[$0]?[fullSessions] != nil }
      best = finished.min { precedes($0, $1, sessions: fullSessions) }
      alive = best.map { [$0] } ?? []
    }
    let bestReport = best.flatMap { position in
      latest(position).map {
        OptimizedPlacement(
          placement: chain.placement(digits: front[position].digits), metrics: $0,
          estimate: point(front[position]))
      }
    }
    var gap: Double?
    if let bestReport, let lowerBound {
      let value: Double
      switch objective {
      case .cost: value = bestReport.costPerSessionDollars
      case .p99: value = bestReport.p99Milliseconds
      case .p50: value = bestReport.p50Milliseconds
      case .energy: value = bestReport.energyJoules
      }
      gap = value - lowerBound
    }
    return OptimizeReport(
      workflow: loaded.workflow.name, file: loaded.file, workflowDigest: loaded.digest,
      toolVersion: AgentSimVersion.current, settings: settings, sessions: fullSessions,
      budget: budget, best: bestReport, front: simulatedFront(), simulatedPoints: results.count,
      simulations: simulations, simulatedSessions: sessionsUsed,
      spaceSize: Self.spaceSize(chain.space), lowerBound: lowerBound, gap: gap,
      zeroLoad: zeroLoad,
      stop: OptimizeStop(
        reason: reason, isSeparated: alive.count == 1 && reason == .separated,
        confidence: RunNoise.confidenceLevel, rounds: rounds, raced: raced.count,
        remaining: alive.count, timeLimitSeconds: nil, moves: movesSearched,
        offFront: raced.filter { $0 >= frontSize }.count))
  }

  // MARK: - Zero-load figures

  static func spaceSize(_ space: PlacementSpace) -> Double {
    space.steps.reduce(1.0) { $0 * Double($1.candidates.count) }
  }

  func point(_ entry: (digits: [Int], values: SIMD8<Double>)) -> ZeroLoadPoint {
    let keep = 1 - LowerBound.slack
    typealias Figure = PlacementChain.Figure
    return ZeroLoadPoint(
      placement: chain.placement(digits: entry.digits),
      milliseconds: entry.values[Figure.zeroLoadMilliseconds.rawValue],
      costDollars: entry.values[Figure.zeroLoadDollars.rawValue],
      energyJoules: entry.values[Figure.zeroLoadJoules.rawValue],
      bound: LowerBound(
        latencyMilliseconds: entry.values[Figure.boundMilliseconds.rawValue] * keep,
        p50Milliseconds: PlacementChain.percentileBounds(entry.values)[0] * keep,
        p99Milliseconds: PlacementChain.percentileBounds(entry.values)[1] * keep,
        costDollars: entry.values[Figure.boundDollars.rawValue] * keep,
        energyJoules: entry.values[Figure.boundDeviceSeconds.rawValue] * chain.orchestratorWatts
          * keep))
  }

  /// The front position of the zero-load optimum: the first (by the objective's figure) whose
  /// zero-load mean meets the latency target, for cost and energy; the fastest for p99 and p50.
  func zeroLoadOptimum() -> Int? {
    let milliseconds = PlacementChain.Figure.zeroLoadMilliseconds.rawValue
    if settings.objective.isConstrainedByBudget {
      guard let target = latencyTarget else { return front.isEmpty ? nil : 0 }
      return front.indices.first { front[$0].values[milliseconds] <= target }
    }
    return front.indices.min { front[$0].values[milliseconds] < front[$1].values[milliseconds] }
  }

  /// The objective's smallest lower bound over the placements the bounds do not rule out, by the
  /// same dynamic programming over the bounds alone (for p99 and p50, the percentile bound).
  static func lowerBound(
    chain: PlacementChain, objective: OptimizeObjective, limits: ParetoSearch.Limits
  ) -> Double? {
    typealias Figure = PlacementChain.Figure
    let figure: Figure
    switch objective {
    case .cost: figure = .boundDollars
    case .energy: figure = .boundDeviceSeconds
    case .p99, .p50: figure = .boundMilliseconds
    }
    var figures: [Figure] = [figure]
    if figure != .boundMilliseconds { figures.append(.boundMilliseconds) }
    if limits.maximumCostDollars != nil, figure != .boundDollars { figures.append(.boundDollars) }
    figures += limits.excessFigures
    if objective == .p99, !figures.contains(.boundExcessP99) { figures.append(.boundExcessP99) }
    if objective == .p50, !figures.contains(.boundExcessP50) { figures.append(.boundExcessP50) }
    let outcome = ParetoSearch.run(chain: chain, figures: figures, limits: limits)
    let value: (SIMD8<Double>) -> Double = { values in
      switch objective {
      case .cost: values[Figure.boundDollars.rawValue]
      case .energy: values[Figure.boundDeviceSeconds.rawValue] * chain.orchestratorWatts
      case .p50: PlacementChain.percentileBounds(values)[0]
      case .p99: PlacementChain.percentileBounds(values)[1]
      }
    }
    guard let smallest = outcome.points.map({ value($0.values) }).min() else { return nil }
    return smallest * (1 - LowerBound.slack)
  }

  // MARK: - Simulation

  /// Simulates the front positions not yet simulated at `sessions`, in parallel, and stores the
  /// results (in position order, whatever order they finish in).
  mutating func simulate(_ positions: [Int], sessions: Int) {
    let todo = positions.filter { results[$0]?[sessions] == nil }
    guard !todo.isEmpty else { return }
    let placements = todo.map { chain.placement(digits: front[$0].digits) }
    let loaded = loaded
    let settings = settings
    let progress = progress
    let done = sessionsUsed
    let total = max(sessionBudget, done + todo.count * sessions)
    let counter = SessionCounter(start: done)
    let metrics = ParallelMap.map(count: todo.count, jobs: jobs) { index -> SweepMetrics? in
      guard var scenario = try? loaded.scenario(placement: placements[index]) else { return nil }
      scenario.load.sessions = sessions
      if let warmup = settings.warmupSessions { scenario.load.warmupSessions = warmup }
      let report = WorkflowSimulation.run(scenario, seed: settings.seed)
      let now = counter.add(sessions)
      progress?(SweepProgress(done: now, total: total))
      return SweepMetrics(report)
    }
    for (index, position) in todo.enumerated() {
      guard let result = metrics[index] else { continue }
      results[position, default: [:]][sessions] = result
      simulations += 1
      sessionsUsed += sessions
    }
  }

  /// The result with the most sessions of a front position.
  func latest(_ position: Int) -> SweepMetrics? {
    results[position].flatMap { entries in entries.keys.max().flatMap { entries[$0] } }
  }

  /// Whether a run is sure (at 95%) to miss the budget or `--max-cost`.
  func missesClearly(_ metrics: SweepMetrics, isFinal: Bool) -> Bool {
    if metrics.overloadedSite != nil { return true }
    let noise = metrics.noise
    func clear(_ value: Double, _ halfWidth: Double?, over limit: Double) -> Bool {
      guard let halfWidth = halfWidth ?? (isFinal ? 0 : nil) else { return false }
      return value - halfWidth > limit
    }
    if let target = budget.p99Milliseconds,
      clear(metrics.p99Milliseconds, noise?.p99HalfWidthMilliseconds, over: target)
    {
      return true
    }
    if let target = budget.p50Milliseconds,
      clear(metrics.p50Milliseconds, noise?.p50HalfWidthMilliseconds, over: target)
    {
      return true
    }
    if let limit = settings.maximumCostDollars,
      clear(metrics.costDollars, noise?.costHalfWidthDollars, over: limit)
    {
      return true
    }
    return false
  }

  /// Whether a run is sure (at 95%) to meet the budget (for cost and energy) and `--max-cost`:
  /// acceptable, with every target above its figure's interval.
  func meetsClearly(_ metrics: SweepMetrics, isFinal: Bool) -> Bool {
    guard isAcceptable(metrics) else { return false }
    let noise = metrics.noise
    func clear(_ value: Double, _ halfWidth: Double?, under limit: Double) -> Bool {
      guard let halfWidth = halfWidth ?? (isFinal ? 0 : nil) else { return false }
      return value + halfWidth <= limit
    }
    if settings.objective.isConstrainedByBudget {
      if let target = budget.p99Milliseconds,
        !clear(metrics.p99Milliseconds, noise?.p99HalfWidthMilliseconds, under: target)
      {
        return false
      }
      if let target = budget.p50Milliseconds,
        !clear(metrics.p50Milliseconds, noise?.p50HalfWidthMilliseconds, under: target)
      {
        return false
      }
    }
    if let limit = settings.maximumCostDollars,
      !clear(metrics.costDollars, noise?.costHalfWidthDollars, under: limit)
    {
      return false
    }
    return true
  }

  /// Whether a run is acceptable as it stands: meets the budget (for cost and energy) and is
  /// within `--max-cost`.
  func isAcceptable(_ metrics: SweepMetrics) -> Bool {
    if let limit = settings.maximumCostDollars, metrics.costDollars > limit { return false }
    if settings.objective.isConstrainedByBudget { return metrics.meetsBudget }
    return metrics.overloadedSite == nil
  }

  /// Orders two front positions by their results at `sessions`: acceptable first, then by the
  /// objective's key, then by placement number.
  func precedes(_ left: Int, _ right: Int, sessions: Int) -> Bool {
    guard let a = results[left]?[sessions] else { return false }
    guard let b = results[right]?[sessions] else { return true }
    if isAcceptable(a) != isAcceptable(b) { return isAcceptable(a) }
    let keyA = settings.objective.key(a)
    let keyB = settings.objective.key(b)
    if keyA != keyB { return keyA.lexicographicallyPrecedes(keyB) }
    return front[left].digits.lexicographicallyPrecedes(front[right].digits)
  }

  // MARK: - Locate and race

  /// The first front position (by the objective's zero-load figure) whose run at `sessions`
  /// meets the budget, assuming that latency falls along the front; nil when none does or the
  /// search stops first.
  mutating func locate(sessions: Int) -> Int? {
    var low = 0
    var high = front.count
    while low < high {
      if isOutOfTime() {
        stoppedByTime = true
        break
      }
      let span = high - low
      let probes =
        span <= 3 ? Array(low..<high) : (1...3).map { low + span * $0 / 4 }
      guard sessionsUsed + probes.count * sessions <= sessionBudget || rounds == 0 else { break }
      simulate(probes, sessions: sessions)
      rounds += 1
      var newLow = low
      var newHigh = high
      for probe in probes {
        guard let metrics = results[probe]?[sessions] else { continue }
        if isAcceptable(metrics) {
          newHigh = probe
          break
        }
        newLow = probe + 1
      }
      if newLow == low, newHigh == high { break }
      low = newLow
      high = newHigh
    }
    return low < front.count ? low : nil
  }

  /// The positions raced around the located boundary.
  func pool(around boundary: Int) -> [Int] {
    let count = min(settings.candidates, front.count)
    var start = boundary - max(1, count / 4)
    if !(settings.objective.isConstrainedByBudget && budget.hasTargets) { start = boundary }
    start = max(0, min(start, front.count - count))
    return Array(start..<(start + count))
  }

  /// Races `alive` over `levels` of sessions; returns why it stopped.
  mutating func race(_ alive: inout [Int], levels: [Int]) -> OptimizeStop.Reason {
    for (level, sessions) in levels.enumerated() {
      if stoppedByTime || isOutOfTime() {
        stoppedByTime = true
        return .timeLimit
      }
      // The budget is checked before a round, so it is never overrun but by the very first
      // round (something must be simulated) and the best's final run.
      let pending = alive.filter { results[$0]?[sessions] == nil }.count
      if sessionsUsed + pending * sessions > sessionBudget, rounds > 0 {
        return .sessionBudget
      }
      simulate(alive, sessions: sessions)
      rounds += 1
      alive = alive.filter { results[$0]?[sessions] != nil }
      let isFinal = level == levels.count - 1
      eliminate(&alive, sessions: sessions, isFinal: isFinal)
      if level == 0 {
        expand(&alive, sessions: sessions, isFinal: isFinal)
        descend(&alive, sessions: sessions, isFinal: isFinal)
      }
      if alive.count <= 1 { return .separated }
    }
    return .fullSessions
  }

  /// Widens the race around its leader at the screening sessions: the leader's neighbours along
  /// the front (two on each side) that have not raced are simulated and join, and the race is
  /// thinned again, until the leader's neighbourhood has raced (at most
  /// ``maximumExpansions`` times, within the session budget). The front orders placements by
  /// zero-load figures; where the simulated leader sits shows where load has reordered them.
  mutating func expand(_ alive: inout [Int], sessions: Int, isFinal: Bool) {
    for _ in 0..<Self.maximumExpansions {
      guard let leader = alive.min(by: { precedes($0, $1, sessions: sessions) }),
        let leading = results[leader]?[sessions], isAcceptable(leading)
      else { return }
      guard leader < frontSize else { return }
      let neighbours = (max(0, leader - 2)...min(frontSize - 1, leader + 2))
        .filter { !raced.contains($0) }
      guard !neighbours.isEmpty, sessionsUsed + neighbours.count * sessions <= sessionBudget
      else { return }
      if isOutOfTime() {
        stoppedByTime = true
        return
      }
      simulate(neighbours, sessions: sessions)
      rounds += 1
      raced = (raced + neighbours).sorted()
      alive = (alive + neighbours.filter { results[$0]?[sessions] != nil }).sorted()
      eliminate(&alive, sessions: sessions, isFinal: isFinal)
    }
  }

  /// Drops the candidates that surely miss the budget, and those whose objective interval lies
  /// entirely above the leader's.
  func eliminate(_ alive: inout [Int], sessions: Int, isFinal: Bool) {
    guard !alive.isEmpty else { return }
    let survivors = alive.filter { position in
      guard let metrics = results[position]?[sessions] else { return false }
      return !missesClearly(metrics, isFinal: isFinal)
    }
    // When every candidate misses, keep the fastest: the answer is then the closest miss.
    if survivors.isEmpty {
      let fastest = alive.min { left, right in
        let a = results[left]?[sessions]?.p99Milliseconds ?? .infinity
        let b = results[right]?[sessions]?.p99Milliseconds ?? .infinity
        return a < b || (a == b && left < right)
      }
      alive = fastest.map { [$0] } ?? []
      return
    }
    alive = survivors
    let ordered = alive.sorted { precedes($0, $1, sessions: sessions) }
    // Only a leader sure to meet the budget and --max-cost may rule others out on the objective:
    // a cheaper candidate that only may meet them stays in the race.
    guard
      let leader = ordered.first(where: { position in
        results[position]?[sessions].map { meetsClearly($0, isFinal: isFinal) } ?? false
      }),
      let leading = results[leader]?[sessions]
    else { return }
    let objective = settings.objective
    let leaderHigh =
      objective.value(of: leading) + (objective.halfWidth(of: leading) ?? (isFinal ? 0 : .nan))
    guard !leaderHigh.isNaN else { return }
    alive = ordered.filter { position in
      guard position != leader, let metrics = results[position]?[sessions] else { return true }
      guard let halfWidth = objective.halfWidth(of: metrics) ?? (isFinal ? 0 : nil) else {
        return true
      }
      return objective.value(of: metrics) - halfWidth <= leaderHigh
    }.sorted()
  }

  /// The best of the race's survivors by their latest common session count (of everything
  /// simulated when none of them was); nil when nothing was simulated.
  func chooseBest(_ alive: [Int]) -> Int? {
    // A race stopped before its first round has no results of its own: the best so far is then
    // the best of the screening runs.
    let racing = alive.filter { results[$0] != nil }
    let contenders = racing.isEmpty ? results.keys.sorted() : racing
    guard let sessions = contenders.compactMap({ results[$0]?.keys.max() }).max() else {
      return nil
    }
    let simulated = contenders.filter { results[$0]?[sessions] != nil }
    return simulated.min { precedes($0, $1, sessions: sessions) }
  }

  /// The Pareto front (p99, cost, energy) of the simulated placements at their latest results,
  /// over those that meet the budget when any does; cheapest first.
  func simulatedFront() -> [OptimizedPlacement] {
    let positions = results.keys.sorted()
    let entries = positions.compactMap { position in latest(position).map { (position, $0) } }
    let meeting = entries.filter { $0.1.meetsBudget }
    let pool = meeting.isEmpty ? entries : meeting
    let indices = ParetoFront.indices(
      of: pool.map { [$0.1.p99Milliseconds, $0.1.costDollars, $0.1.energyJoules] })
    return indices.map { pool[$0] }
      .sorted { left, right in
        let a = [left.1.costDollars, left.1.p99Milliseconds, left.1.energyJoules]
        let b = [right.1.costDollars, right.1.p99Milliseconds, right.1.energyJoules]
        if a != b { return a.lexicographicallyPrecedes(b) }
        return front[left.0].digits.lexicographicallyPrecedes(front[right.0].digits)
      }
      .map { position, metrics in
        OptimizedPlacement(
          placement: chain.placement(digits: front[position].digits), metrics: metrics,
          estimate: point(front[position]))
      }
  }
}

/// Counts simulated sessions across worker threads, for progress.
private final class SessionCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done: Int

  init(start: Int) {
    done = start
  }

  func add(_ sessions: Int) -> Int {
    lock.withLock {
      done += sessions
      return done
    }
  }
}
