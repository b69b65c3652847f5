import AgentSim
import Foundation

/// A hand-made report of a realistic run: a coding agent with 8 steps (one never taken) on 3 shared
/// sites, one of them busy, whose p99 misses its budget.
///
/// Components and steps are consistent: the components are the steps' sums, and the mean latency
/// is their total, as the simulator guarantees.
enum ReportFixture {
  static let tailFactor: [LatencyComponent: Double] = [
    .network: 3.0, .queueing: 6.4, .prefill: 1.3, .decode: 1.4, .tool: 1.9, .transfer: 1.5,
  ]

  static func step(
    _ name: String, _ site: String, runs: Double, _ mean: [LatencyComponent: Double]
  ) -> StepShare {
    var means: [LatencyComponent: Double] = [:]
    var tails: [LatencyComponent: Double] = [:]
    for component in LatencyComponent.allCases {
      means[component] = mean[component] ?? 0
      tails[component] = (mean[component] ?? 0) * (tailFactor[component] ?? 1)
    }
    return StepShare(
      step: name, site: site, executionsPerSession: runs, meanMilliseconds: means,
      tailMilliseconds: tails)
  }

  static let steps: [StepShare] = [
    step("plan", "edge-a10", runs: 1, [.network: 38, .queueing: 22, .prefill: 95, .decode: 140]),
    step("retrieve", "device", runs: 1, [.tool: 45]),
    step(
      "code", "region-h100", runs: 2.6,
      [.network: 180, .queueing: 260, .prefill: 310, .decode: 520, .transfer: 24]),
    step("run-tests", "tools", runs: 2.6, [.network: 60, .queueing: 35, .tool: 410]),
    step(
      "review", "region-h100", runs: 1, [.network: 70, .queueing: 95, .prefill: 140, .decode: 160]),
    step(
      "fix", "region-h100", runs: 0.4, [.network: 28, .queueing: 40, .prefill: 60, .decode: 130]),
    step(
      "summarize", "edge-a10", runs: 1, [.network: 36, .queueing: 10, .prefill: 40, .decode: 85]),
    step("escalate", "region-h100", runs: 0, [:]),
  ]

  static let histogramCounts = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 10, 76, 374, 1145, 2197, 2642, 2015, 1008, 373, 120, 32, 6, 1, 0, 0,
    0,
  ]

  static func codingAgent() -> LatencyReport {
    let components = LatencyComponent.allCases.map { component in
      ComponentShare(
        component: component,
        meanMilliseconds: steps.reduce(0) { $0 + ($1.meanMilliseconds[component] ?? 0) },
        tailMilliseconds: steps.reduce(0) { $0 + ($1.tailMilliseconds[component] ?? 0) })
    }
    let mean = components.reduce(0) { $0 + $1.meanMilliseconds }
    let histogram = histogramCounts.enumerated().map { index, count in
      HistogramBin(
        lowerMilliseconds: 100 * pow(10, Double(index) / 10),
        upperMilliseconds: 100 * pow(10, Double(index + 1) / 10), count: count)
    }
    let placement = Dictionary(
      uniqueKeysWithValues: steps.filter { $0.site != "device" || $0.step == "retrieve" }
        .map { ($0.step, $0.site) })
    return LatencyReport(
      run: RunInfo(
        workflow: "coding-agent", workflowDigest: "9f3a1c2e4b5d6e7f", toolVersion: "0.1.0",
        seed: 42, sessions: 10_000, warmupSessions: 500, placement: placement,
        events: 48_213_554, simulatedSeconds: 2113.4),
      latency: PercentileSummary(
        meanMilliseconds: mean, p50Milliseconds: 2784.96, p90Milliseconds: 4390.71,
        p95Milliseconds: 5071.87, p99Milliseconds: 6830.58, p999Milliseconds: 9465.5,
        maxMilliseconds: 12_604.2),
      timeToFirstToken: PercentileSummary(
        meanMilliseconds: 312.4, p50Milliseconds: 288.1, p90Milliseconds: 402.7,
        p95Milliseconds: 468.3, p99Milliseconds: 741.9, p999Milliseconds: 1180.2,
        maxMilliseconds: 1544.8),
      histogram: histogram,
      components: components,
      steps: steps,
      sites: [
        SiteLoad(
          site: "edge-a10", tier: "edge", utilization: 0.46, meanBatchSize: 6.2,
          meanQueueMilliseconds: 16.4, tokensPerSecond: 2140.5, capacityInUse: 0.46,
          condition: .normal),
        SiteLoad(
          site: "region-h100", tier: "region", utilization: 0.87, meanBatchSize: 31.5,
          meanQueueMilliseconds: 118.2, tokensPerSecond: 18_402.9,
          capacityInUse: 0.87, condition: .busy),
        SiteLoad(
          site: "tools", tier: "region", utilization: 0.58, meanBatchSize: 0,
          meanQueueMilliseconds: 0, meanToolWaitMilliseconds: 12.5, tokensPerSecond: 0,
          capacityInUse: 0.58,
          condition: .normal),
      ],
      throughputSessionsPerSecond: 10_000 / 2113.4,
      deviceEnergyJoulesPerSession: 3.184,
      costDollarsPerSession: 0.000_312_7,
      verdict: BudgetVerdict(
        checks: [
          BudgetCheck(metric: "p50", targetMilliseconds: 3000, achievedMilliseconds: 2784.96),
          BudgetCheck(metric: "p99", targetMilliseconds: 6000, achievedMilliseconds: 6830.58),
          BudgetCheck(metric: "ttft_p99", targetMilliseconds: 1000, achievedMilliseconds: 741.9),
        ],
        isMet: false,
        summary:
          "p99 6.83 s misses the 6 s budget by 831 ms; 40% of the tail is queueing, mostly at "
          + "region-h100 (utilization 0.87)"))
  }
}
