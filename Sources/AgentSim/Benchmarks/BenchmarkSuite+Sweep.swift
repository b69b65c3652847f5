import Foundation

extension BenchmarkSuite {
  /// The sweep benchmark: the placements of `placement-sweep.json` (eight steps, three sites
  /// each: 3^8 = 6,561 points), `sessions` sessions each, run once on one thread and once on
  /// `jobs` threads. By default the full benchmark times every 8th placement (821 points; 8 is
  /// coprime with 3, so every step takes every site in the sample), about a minute on two cores;
  /// `agentsim bench --only sweep --sweep-every 1` times all 6,561.
  ///
  /// Reports points per second on each and the speed-up, and checks that both runs gave the same
  /// results (they must: points are independent and merged in order). `events` and `seconds` are
  /// those of the run on `jobs` threads; `sessionsPerSecond` counts simulated sessions.
  ///
  /// - Parameters:
  ///   - workflow: The workflow file (`workflows/placement-sweep.json`).
  ///   - sessions: Measured sessions per point (10,000 full, far fewer for `--smoke`).
  ///   - stride: Run every `stride`-th placement (1: all of them).
  ///   - jobs: Threads for the parallel run (every core by default).
  /// - Returns: The measurement; its `check` quotes points/s on 1 and `jobs` threads and the
  ///   speed-up.
  /// - Throws: `DiagnosticError` when the workflow cannot be loaded.
  public static func sweep(
    workflow: URL, sessions: Int, stride: Int = 1,
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws -> BenchmarkResult {
    let plan = try SweepPlan.load(
      contentsOf: workflow, file: workflow.lastPathComponent,
      settings: SweepSettings(sessions: sessions, warmupSessions: 0))
    let shard = SweepShard(index: 0, count: max(1, stride))
    func timed(_ jobs: Int) -> (results: [SweepPointResult], seconds: Double) {
      let clock = ContinuousClock()
      let start = clock.now
      let results = SweepRunner(jobs: jobs).run(plan, shard: shard)
      return (results, (clock.now - start).seconds)
    }
    let serial = timed(1)
    let parallel = timed(jobs)
    let points = Double(parallel.results.count)
    let events = parallel.results.reduce(0) { $0 + Int($1.metrics?.events ?? 0) }
    let simulated = parallel.results.reduce(0) { $0 + ($1.metrics?.sessions ?? 0) }
    let serialRate = points / max(serial.seconds, 1e-9)
    let parallelRate = points / max(parallel.seconds, 1e-9)
    let same = serial.results == parallel.results ? "identical results" : "RESULTS DIFFER"
    let check =
      "\(DisplayFormat.grouped(parallel.results.count)) points × \(DisplayFormat.grouped(sessions)) sessions: "
      + "1 job \(DisplayFormat.significant(serialRate, 3)) points/s, \(jobs) jobs "
      + "\(DisplayFormat.significant(parallelRate, 3)) points/s, speed-up "
      + "\(DisplayFormat.fixed(parallelRate / serialRate, fractionDigits: 2))×; \(same)"
    return BenchmarkResult(
      name: "sweep", events: events, seconds: parallel.seconds,
      sessionsPerSecond: Double(simulated) / max(parallel.seconds, 1e-9), check: check)
  }
}
