import AgentSim
import Foundation

extension ReportFixture {
  /// The fixture pushed to the edges: long and non-ASCII names, many steps and placements, huge
  /// counts, an overloaded site, a budget target beyond every session, 120 histogram bins.
  static func extreme() -> LatencyReport {
    var report = codingAgent()
    report.run.workflow = "a-very-long-workflow-name-for-the-résumé-screening-agent-日本語-v2-final"
    report.run.sessions = 12_345_678
    report.run.events = 18_446_744_073_709_551_615
    report.run.workflowDigest = String(repeating: "f", count: 64)
    var steps: [StepShare] = []
    for index in 0..<30 {
      steps.append(
        step(
          "step-\(index)-with-a-rather-long-name-日本", "site-number-\(index % 4)-with-long-name",
          runs: 1234.5, [.network: 123_456.7, .queueing: 0.01, .tool: 98_765]))
    }
    report.steps = steps
    report.run.placement = Dictionary(
      uniqueKeysWithValues: steps.map { ($0.step, $0.site) })
    report.timeToFirstToken = nil
    report.latency.maxMilliseconds = 86_400_000
    report.histogram = (0..<120).map { index in
      HistogramBin(
        lowerMilliseconds: pow(10, Double(index) / 20),
        upperMilliseconds: pow(10, Double(index + 1) / 20),
        count: index % 7 == 0 ? 0 : 1_000_000 + index)
    }
    report.sites = (0..<4).map { index in
      SiteLoad(
        site: "site-number-\(index)-with-long-name", tier: "regional-datacenter-tier",
        utilization: 1.2345, meanBatchSize: 123.4, meanQueueMilliseconds: 1_234_567.8,
        tokensPerSecond: 12_345_678.9, capacityInUse: 1,
        condition: index == 0 ? .overloaded : .busy)
    }
    report.costDollarsPerSession = 12_345.678
    report.verdict = BudgetVerdict(
      checks: [
        BudgetCheck(metric: "p99", targetMilliseconds: 1e12, achievedMilliseconds: 6830.58),
        BudgetCheck(metric: "p50", targetMilliseconds: 0.0001, achievedMilliseconds: 2784.96),
        BudgetCheck(
          metric: "a-custom-metric-with-a-long-name", targetMilliseconds: 5, achievedMilliseconds: 6
        ),
      ],
      isMet: false,
      summary: String(repeating: "a very long verdict sentence with many words ", count: 6)
        + "and an-unbreakable-word-" + String(repeating: "x", count: 100))
    return report
  }
}
