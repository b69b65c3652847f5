import SimulationKernel

/// The workloads of `agentsim bench`: fixed models whose speed is compared from change to change and
/// with the peers in `shared/peers/` (quote ratios measured in one run, not absolute times).
public enum BenchmarkSuite {
  /// How large to make each workload.
  public enum Size: Sendable {
    /// The full sizes, about a second or more each (10 million M/M/c customers).
    case full
    /// About a second or less each, for CI.
    case smoke
  }

  /// The names of the benchmarks, in the order they run.
  public static let names = ["mmc", "hold-1000", "hold-100000"]

  /// Runs the named benchmarks (all by default) and returns their measurements in order.
  ///
  /// - Parameters:
  ///   - size: Full or smoke sizes.
  ///   - selected: Benchmark names to run; empty runs all.
  ///   - progress: Called with each result as it completes.
  public static func run(
    size: Size, selected: [String] = [], progress: (BenchmarkResult) -> Void = { _ in }
  ) -> [BenchmarkResult] {
    var results: [BenchmarkResult] = []
    for name in names where selected.isEmpty || selected.contains(name) {
      let result: BenchmarkResult
      switch name {
      case "mmc": result = mmc(customers: size == .full ? 10_000_000 : 300_000)
      case "hold-1000": result = hold(pending: 1000, events: size == .full ? 10_000_000 : 300_000)
      default: result = hold(pending: 100_000, events: size == .full ? 10_000_000 : 300_000)
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

  static func format(_ value: Double) -> String {
    let scaled = (value * 100_000).rounded() / 100_000
    return "\(scaled)"
  }
}

extension Duration {
  /// The duration in seconds, as a `Double`.
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
