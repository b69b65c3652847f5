import Foundation
import SimulationKernel

/// Runs a sweep's points on several cores and returns their results in point order.
///
/// Points are independent runs (each builds its own scenario and simulator), handed to `jobs`
/// threads from a shared counter; every result is stored by point number, so the output never
/// depends on the number of threads or the order in which points finish.
///
/// **Large sweeps** (more points than `SweepSettings.maximumPoints`) are pruned with
/// `LowerBound`s, in three deterministic steps:
/// 1. A point whose latency lower bound exceeds its p99 (or p50) target cannot meet the budget:
///    it is *pruned by budget*.
/// 2. A *pilot* — the `pilotPerOrdering` lowest points by each of the latency, cost, energy and
///    objective bounds (ties by number) — is simulated.
/// 3. A remaining point is *pruned as dominated* when a pilot point that meets the budget and every
///    limit is no worse than its lower bounds on p99, cost, energy and the objective and better on
///    one of the first three: it can then be neither on the front (taken over points that meet the
///    budget) nor the recommendation, nor ranked above that pilot point.
///
/// Everything else is simulated. Every shard computes the same bounds and simulates the same pilot
/// (it writes only its own points), so a sharded sweep merges into exactly the unsharded report.
public struct SweepRunner: Sendable {
  /// Threads to run points on.
  public var jobs: Int

  /// Creates a runner.
  ///
  /// - Parameter jobs: Threads (at least 1); every core by default.
  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.jobs = max(1, jobs)
  }

  /// Runs `plan`, or one shard of it.
  ///
  /// - Parameters:
  ///   - plan: The sweep.
  ///   - shard: The share of points to run and return; all when nil.
  ///   - progress: Called (from worker threads, one call at a time) after each simulation.
  /// - Returns: One result per point of the shard, in point order.
  /// - Complexity: One scenario build and bound per point (every point when pruning), one
  ///   simulation per point simulated.
  public func run(
    _ plan: SweepPlan, shard: SweepShard? = nil,
    progress: (@Sendable (SweepProgress) -> Void)? = nil
  ) -> [SweepPointResult] {
    let owned: [Int] =
      shard.map { Array(stride(from: $0.index, to: plan.count, by: $0.count)) }
      ?? Array(0..<plan.count)
    let isPruning = plan.count > plan.settings.maximumPoints
    let preparedIndices = isPruning ? Array(0..<plan.count) : owned
    let prepared = ParallelMap.map(count: preparedIndices.count, jobs: jobs) { position in
      Self.prepare(plan.point(at: preparedIndices[position]), plan: plan)
    }
    var results: [Int: SweepPointResult] = [:]
    for result in prepared { results[result.index] = result }
    let counter = ProgressCounter(callback: progress)

    if isPruning {
      Self.pruneByBudget(&results)
      let pilot = Self.pilot(results, plan: plan)
      counter.add(total: pilot.count)
      for result in simulate(pilot, plan: plan, counter: counter) {
        results[result.index] = result
      }
      Self.pruneDominated(&results, pilot: pilot, objective: plan.settings.objective)
    }
    let remaining = owned.filter {
      results[$0]?.status == .simulated && results[$0]?.metrics == nil
    }
    counter.add(total: remaining.count)
    for result in simulate(remaining, plan: plan, counter: counter) {
      results[result.index] = result
    }
    return owned.compactMap { results[$0] }
  }

  /// Simulates `indices` in parallel.
  private func simulate(_ indices: [Int], plan: SweepPlan, counter: ProgressCounter)
    -> [SweepPointResult]
  {
    ParallelMap.map(count: indices.count, jobs: jobs) { position in
      let result = Self.simulate(plan.point(at: indices[position]), plan: plan)
      counter.increment()
      return result
    }
  }

  /// Builds a point and bounds it: `.simulated` without metrics when it is ready to simulate,
  /// `.infeasible` with the builder's reasons (or a cost bound over `--max-cost`) otherwise.
  static func prepare(_ point: SweepPoint, plan: SweepPlan) -> SweepPointResult {
    let budget = plan.budget(for: point)
    let scenario: Scenario
    do {
      scenario = try plan.scenario(for: point)
    } catch let error as DiagnosticError {
      return SweepPointResult(
        point: point, status: .infeasible, reasons: error.diagnostics.map(reason), budget: budget)
    } catch {
      return SweepPointResult(
        point: point, status: .infeasible, reasons: ["\(error)"], budget: budget)
    }
    let bound = LowerBound.of(scenario)
    if let limit = plan.settings.maximumCostDollars, bound.costDollars > limit {
      return SweepPointResult(
        point: point, status: .infeasible,
        reasons: [
          "costs at least \(DisplayFormat.dollars(bound.costDollars)) per session, over "
            + "--max-cost \(DisplayFormat.dollars(limit))"
        ], budget: budget, bound: bound)
    }
    return SweepPointResult(point: point, status: .simulated, budget: budget, bound: bound)
  }

  static func reason(_ diagnostic: Diagnostic) -> String {
    diagnostic.path.isEmpty ? diagnostic.message : "\(diagnostic.path): \(diagnostic.message)"
  }

  /// Simulates one point (already known to build) and applies `--max-cost`.
  static func simulate(_ point: SweepPoint, plan: SweepPlan) -> SweepPointResult {
    var result = prepare(point, plan: plan)
    guard result.status == .simulated, let scenario = try? plan.scenario(for: point) else {
      return result
    }
    let report = WorkflowSimulation.run(scenario, seed: point.seed)
    // A point whose run ran away, or measured no session, has no figures to rank: a 0 ms p99
    // would top the table. It is infeasible, with the reason `run` would give.
    if let stop = report.stoppedEarly, stop.isRunaway {
      result.status = .infeasible
      result.reasons = [stop.runawayDiagnostic(file: "")?.message ?? stop.sentence]
      return result
    }
    guard report.hasMeasuredSessions else {
      result.status = .infeasible
      result.reasons = [ReportRenderer.noSessionSentence(report.stoppedEarly)]
      return result
    }
    let metrics = SweepMetrics(report)
    result.metrics = metrics
    if let limit = plan.settings.maximumCostDollars, metrics.costDollars > limit {
      result.status = .infeasible
      result.reasons = [
        "costs \(DisplayFormat.dollars(metrics.costDollars)) per session, over --max-cost "
          + DisplayFormat.dollars(limit)
      ]
    }
    return result
  }

  // MARK: - Pruning

  /// Marks points whose latency bound already misses their p99 or p50 target.
  static func pruneByBudget(_ results: inout [Int: SweepPointResult]) {
    for (index, result) in results where result.status == .simulated {
      guard let bound = result.bound else { continue }
      let targets: [(String, Double?)] = [
        ("p99", result.budget.p99Milliseconds), ("p50", result.budget.p50Milliseconds),
      ]
      for case (let metric, let target?) in targets where bound.percentile(metric) > target {
        results[index]?.status = .prunedByBudget
        results[index]?.reasons = [
          bound.latencyMilliseconds > target
            ? "every session takes at least "
              + "\(DisplayFormat.duration(milliseconds: bound.latencyMilliseconds)) (lower bound), "
              + "over the \(metric) budget of \(DisplayFormat.duration(milliseconds: target))"
            : "the \(metric) is at least "
              + "\(DisplayFormat.duration(milliseconds: bound.percentile(metric))) (lower bound), "
              + "over its budget of \(DisplayFormat.duration(milliseconds: target))"
        ]
        break
      }
    }
  }

  /// The pilot: the lowest points by each bound (and the objective's), in point order.
  static func pilot(_ results: [Int: SweepPointResult], plan: SweepPlan) -> [Int] {
    let candidates = results.values.filter { $0.status == .simulated && $0.bound != nil }
    let count = plan.settings.pilotPerOrdering
    let objective = plan.settings.objective
    let keys: [(LowerBound) -> Double] = [
      \.latencyMilliseconds, \.costDollars, \.energyJoules, { objective.lowerBound(of: $0) },
    ]
    var chosen = Set<Int>()
    for key in keys {
      let ordered = candidates.sorted { left, right in
        let a = left.bound.map(key) ?? .infinity
        let b = right.bound.map(key) ?? .infinity
        return a < b || (a == b && left.index < right.index)
      }
      for result in ordered.prefix(count) { chosen.insert(result.index) }
    }
    return chosen.sorted()
  }

  /// Marks points that a simulated pilot point beats on every lower bound.
  static func pruneDominated(
    _ results: inout [Int: SweepPointResult], pilot: [Int], objective: SweepObjective
  ) {
    let leaders = pilot.compactMap { results[$0] }.filter { $0.meetsBudget }
    let pilotSet = Set(pilot)
    for index in results.keys.sorted() where !pilotSet.contains(index) {
      guard let result = results[index], result.status == .simulated, result.metrics == nil,
        let bound = result.bound
      else { continue }
      let dominator = leaders.first { leader in
        guard let metrics = leader.metrics else { return false }
        let achieved = [metrics.p99Milliseconds, metrics.costDollars, metrics.energyJoules]
        let bounds = [bound.p99Milliseconds, bound.costDollars, bound.energyJoules]
        return ParetoFront.dominates(achieved, bounds)
          && objective.value(of: metrics) <= objective.lowerBound(of: bound)
      }
      guard let dominator, let metrics = dominator.metrics else { continue }
      results[index]?.status = .prunedAsDominated
      results[index]?.reasons = [
        "point \(dominator.index) meets the budget with p99 "
          + "\(DisplayFormat.duration(milliseconds: metrics.p99Milliseconds)), "
          + "\(DisplayFormat.dollars(metrics.costDollars)) and "
          + "\(DisplayFormat.joules(metrics.energyJoules)) per session, no more than "
          + "this point's lower bounds (\(DisplayFormat.duration(milliseconds: bound.p99Milliseconds)), "
          + "\(DisplayFormat.dollars(bound.costDollars)), "
          + "\(DisplayFormat.joules(bound.energyJoules)))"
      ]
    }
  }
}

/// Counts finished simulations for progress reports, one report at a time.
private final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private var total = 0
  private let callback: (@Sendable (SweepProgress) -> Void)?

  init(callback: (@Sendable (SweepProgress) -> Void)?) {
    self.callback = callback
  }

  func add(total more: Int) {
    lock.withLock { total += more }
  }

  func increment() {
    lock.withLock {
      done += 1
      callback?(SweepProgress(done: done, total: total))
    }
  }
}
