import Foundation
import SimulationKernel

/// The workloads of `agentsim bench`: fixed models whose speed is compared from change to change and
/// with the peers in `shared/peers/` (quote ratios measured in one run, not absolute times).
public enum BenchmarkSuite {
  /// How large to make each workload.
  public enum Size: Sendable {
    /// The full sizes (10 million M/M/c customers, 100,000 coding-agent sessions of the embedded
    /// pre-issue-13 model).
    case full
    /// About a second or less each, for CI.
    case smoke
  }

  /// The names of the benchmarks, in the order they run.
  public static let names = [
    "mmc", "hold-1000", "hold-100000", "agent-loop", "coding-agent", "sweep", "memory-10m",
  ]

  /// Benchmarks skipped unless named with `--only` (they take long).
  public static let optionalNames: Set<String> = ["memory-10m"]

  /// Runs the named benchmarks (all but the optional ones by default) and returns their
  /// measurements in order.
  ///
  /// - Parameters:
  ///   - size: Full or smoke sizes.
  ///   - selected: Benchmark names to run; empty runs all but the optional ones.
  ///   - workflows: The folder holding the example workflows some benchmarks run.
  ///   - sweepStride: At full size, the sweep benchmark times every `sweepStride`-th of its
  ///     6,561 placements (1: all of them; the default 8 takes about a minute on two cores).
  ///   - progress: Called with each result as it completes.
  /// - Throws: `DiagnosticError` when a benchmark's workflow cannot be loaded.
  public static func run(
    size: Size, selected: [String] = [], workflows: URL, sweepStride: Int = 8,
    progress: (BenchmarkResult) -> Void = { _ in }
  ) throws -> [BenchmarkResult] {
    var results: [BenchmarkResult] = []
    let isFull = size == .full
    for name in names {
      if selected.isEmpty ? optionalNames.contains(name) : !selected.contains(name) { continue }
      let result: BenchmarkResult
      switch name {
      case "mmc": result = mmc(customers: isFull ? 10_000_000 : 300_000)
      case "hold-1000": result = hold(pending: 1000, events: isFull ? 10_000_000 : 300_000)
      case "hold-100000": result = hold(pending: 100_000, events: isFull ? 10_000_000 : 300_000)
      case "agent-loop":
        result = try workflow(
          "agent-loop", file: "simpy-agent-loop.json", in: workflows,
          sessions: isFull ? 1_000_000 : 20_000)
      case "coding-agent":
        // The pre-issue-13 coding agent, embedded: see `codingAgentWorkflow`.
        result = try workflow(
          "coding-agent",
          loaded: WorkflowLoader.load(
            data: Data(codingAgentWorkflow.utf8), file: codingAgentFile),
          sessions: isFull ? 100_000 : 1_000)
      case "sweep":
        let file = workflows.appendingPathComponent("placement-sweep.json")
        result =
          isFull
          ? try sweep(workflow: file, sessions: 10_000, stride: max(1, sweepStride))
          : try sweep(workflow: file, sessions: 200, stride: 81)
      default:
        result = try workflow(
          "memory-10m", file: "simpy-agent-loop.json", in: workflows,
          sessions: isFull ? 10_000_000 : 100_000)
      }
      progress(result)
      results.append(result)
    }
    return results
  }

  /// M/M/c with c = 4, ρ = 0.8, exponential service of mean 1, seed 42: the model of
  /// `shared/peers/cpp_mmc.cpp` and `simpy_mmc.py`, events counted the same way (arrival, service
  /// start, departure per customer).
  public static func mmc(customers: Int) -> BenchmarkResult {
    let servers = 4
    let meanService = 1.0
    let arrivalRate = 0.8 * Double(servers) / meanService
    var simulation = MMcQueue.makeSimulation(
      MMcQueue(
        servers: servers, arrivalRate: arrivalRate, service: .exponential(mean: meanService),
        customers: customers, seed: 42))
    let clock = ContinuousClock()
    let start = clock.now
    simulation.run()
    let seconds = (clock.now - start).seconds
    let analytic = QueueingTheory.mmcMeanWait(
      servers: servers, arrivalRate: arrivalRate, meanService: meanService)
    let model = simulation.model
    let check =
      "mean wait \(format(model.meanWait)) vs Erlang C \(format(analytic)) "
      + "(\(model.departedCount) customers)"
    return BenchmarkResult(
      name: "mmc", events: model.eventCount, seconds: seconds,
      sessionsPerSecond: Double(model.departedCount) / seconds, check: check)
  }

  /// The hold workload with `pending` events in the queue.
  public static func hold(pending: Int, events: UInt64) -> BenchmarkResult {
    var simulation = HoldModel.makeSimulation(pending: pending, events: events, seed: 42)
    let clock = ContinuousClock()
    let start = clock.now
    simulation.run()
    let seconds = (clock.now - start).seconds
    return BenchmarkResult(
      name: "hold-\(pending)", events: Int(simulation.handledCount), seconds: seconds,
      check: "\(simulation.scheduler.pendingCount) events pending at the end")
  }

  /// Runs an example workflow for `sessions` measured sessions (no warm-up), timing the simulation
  /// and reporting the process's peak resident memory afterwards.
  public static func workflow(
    _ name: String, file: String, in directory: URL, sessions: Int
  ) throws -> BenchmarkResult {
    try workflow(
      name,
      loaded: WorkflowLoader.load(
        contentsOf: directory.appendingPathComponent(file), file: "workflows/\(file)"),
      sessions: sessions)
  }

  /// Runs a loaded workflow for `sessions` measured sessions (no warm-up), timing the simulation
  /// and reporting the process's peak resident memory afterwards.
  public static func workflow(
    _ name: String, loaded: LoadedWorkflow, sessions: Int
  ) throws -> BenchmarkResult {
    var scenario = try loaded.scenario()
    scenario.load.sessions = sessions
    scenario.load.warmupSessions = 0
    var simulation = SessionSimulator.makeSimulation(scenario: scenario, seed: 42)
    let clock = ContinuousClock()
    let start = clock.now
    simulation.run()
    let seconds = (clock.now - start).seconds
    let report = ReportBuilder.makeReport(
      simulator: simulation.model, events: simulation.handledCount, seed: 42)
    var check =
      "p50 \(DisplayFormat.duration(milliseconds: report.latency.p50Milliseconds)), "
      + "p99 \(DisplayFormat.duration(milliseconds: report.latency.p99Milliseconds))"
    if name != "coding-agent" {
      // The BCMP check of the SimPy peer: wait per server visit against M/M/8 Erlang C.
      let queueing = report.components.first { $0.component == .queueing }?.meanMilliseconds ?? 0
      let analytic =
        1000
        * QueueingTheory.mmcMeanWait(
          servers: 8, arrivalRate: 112, meanService: 0.05)
      check += "; wait per visit \(format(queueing / 10)) ms vs Erlang C \(format(analytic)) ms"
    }
    check += "; peak RSS \(peakResidentMegabytes()) MB"
    return BenchmarkResult(
      name: name, events: Int(simulation.handledCount), seconds: seconds,
      sessionsPerSecond: Double(report.run.sessions) / seconds, check: check)
  }

  /// The process's peak resident set size so far, in megabytes (`getrusage`).
  public static func peakResidentMegabytes() -> Int {
    var usage = rusage()
    #if os(Linux)
      let who = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
      let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return -1 }
    #if os(Linux)
      return Int(usage.ru_maxrss) / 1024  // kilobytes on Linux
    #else
      return Int(usage.ru_maxrss) / (1024 * 1024)  // bytes on Darwin
    #endif
  }

  static func format(_ value: Double) -> String {
    DisplayFormat.significant(value, 4)
  }
}

extension Duration {
  /// The duration in seconds, as a `Double`.
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
