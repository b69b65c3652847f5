extension ReportRenderer {
  /// One header and one row of headline metrics: the run, the latency and TTFT percentiles
  /// (empty when there is no TTFT), throughput, energy, cost and the verdict. With no measured
  /// session the percentile, energy and cost cells are empty.
  ///
  /// Numbers have a fixed number of decimals per column and no grouping, whatever the locale
  /// (milliseconds: 3, dollars: 9, joules: 6), so files compare byte for byte across machines.
  /// Quoting follows RFC 4180; records end in LF.
  ///
  /// - Parameter report: The report.
  /// - Returns: Two CSV records.
  public static func summaryCSV(_ report: LatencyReport) -> String {
    let run = report.run
    // With no measured session the figures are unknown, not zero: their cells stay empty.
    let isMeasured = report.hasMeasuredSessions
    let percentileKeys = ["mean", "p50", "p90", "p95", "p99", "p999", "max"]
    func percentiles(_ summary: PercentileSummary?) -> [String] {
      guard let summary else { return percentileKeys.map { _ in "" } }
      return [
        summary.meanMilliseconds, summary.p50Milliseconds, summary.p90Milliseconds,
        summary.p95Milliseconds, summary.p99Milliseconds, summary.p999Milliseconds,
        summary.maxMilliseconds,
      ].map(CSVFormat.milliseconds)
    }
    let header =
      [
        "workflow", "workflow_digest", "tool_version", "seed", "sessions", "warmup_sessions",
        "events", "simulated_seconds", "placement",
      ] + percentileKeys.map { "\($0)_ms" } + percentileKeys.map { "ttft_\($0)_ms" }
      + [
        "throughput_sessions_per_second", "device_energy_joules_per_session",
        "cost_dollars_per_session", "budget_met", "verdict",
      ]
    let placement = orderedPlacement(report).map { "\($0.step)=\($0.site)" }
      .joined(separator: ";")
    let row =
      [
        run.workflow, run.workflowDigest, run.toolVersion, String(run.seed), String(run.sessions),
        String(run.warmupSessions), String(run.events),
        DisplayFormat.fixed(run.simulatedSeconds, fractionDigits: 3), placement,
      ] + percentiles(isMeasured ? report.latency : nil) + percentiles(report.timeToFirstToken)
      + [
        DisplayFormat.fixed(report.throughputSessionsPerSecond, fractionDigits: 6),
        isMeasured
          ? DisplayFormat.fixed(report.deviceEnergyJoulesPerSession, fractionDigits: 6) : "",
        isMeasured ? DisplayFormat.fixed(report.costDollarsPerSession, fractionDigits: 9) : "",
        report.verdict.isMet ? "true" : "false", report.verdict.summary,
      ]
    return CSVFormat.table(header: header, rows: [row])
  }

  /// The histogram, one row per bin as the report holds it (not merged):
  /// `lower_ms,upper_ms,count,cumulative_fraction`, the fraction of sessions at or below the bin's
  /// upper edge with six decimals.
  ///
  /// - Parameter report: The report.
  /// - Returns: A header and one record per bin.
  /// - Complexity: O(bins).
  public static func histogramCSV(_ report: LatencyReport) -> String {
    let total = report.histogram.reduce(0) { $0 + $1.count }
    var cumulative = 0
    let rows = report.histogram.map { bin in
      cumulative += bin.count
      let fraction = total > 0 ? Double(cumulative) / Double(total) : 0
      return [
        CSVFormat.milliseconds(bin.lowerMilliseconds),
        CSVFormat.milliseconds(bin.upperMilliseconds),
        String(bin.count), DisplayFormat.fixed(fraction, fractionDigits: 6),
      ]
    }
    return CSVFormat.table(
      header: ["lower_ms", "upper_ms", "count", "cumulative_fraction"], rows: rows)
  }

  /// Where the time went, one row per step and component (every component, in
  /// `LatencyComponent.allCases` order): `step,site,executions_per_session,component,mean_ms,tail_ms`.
  ///
  /// Long format, so a spreadsheet or dataframe can pivot it either way.
  ///
  /// - Parameter report: The report.
  /// - Returns: A header and `steps × 6` records.
  /// - Complexity: O(steps).
  public static func stepsCSV(_ report: LatencyReport) -> String {
    var rows: [[String]] = []
    for step in report.steps {
      for component in LatencyComponent.allCases {
        rows.append([
          step.step, step.site, DisplayFormat.fixed(step.executionsPerSession, fractionDigits: 4),
          component.rawValue, CSVFormat.milliseconds(step.meanMilliseconds[component] ?? 0),
          CSVFormat.milliseconds(step.tailMilliseconds[component] ?? 0),
        ])
      }
    }
    return CSVFormat.table(
      header: [
        "step", "site", "executions_per_session", "component", "mean_ms", "tail_ms",
      ], rows: rows)
  }

  /// The shared sites' load, one row per site:
  /// `site,tier,utilization,mean_batch_size,mean_queue_ms,tokens_per_second,overloaded,`
  /// `capacity_in_use,condition,mean_tool_wait_ms` (empty where tools need no worker), then the
  /// prefix cache's `prefix_cache_hits,prefix_cache_misses,prefix_cache_hit_rate,`
  /// `prefix_cache_evicted_tokens,prefix_cache_reprefilled_tokens` (empty without a cache).
  ///
  /// - Parameter report: The report.
  /// - Returns: A header and one record per site.
  /// - Complexity: O(sites).
  public static func sitesCSV(_ report: LatencyReport) -> String {
    let rows = report.sites.map { site in
      [
        site.site, site.tier, DisplayFormat.fixed(site.utilization, fractionDigits: 4),
        DisplayFormat.fixed(site.meanBatchSize, fractionDigits: 3),
        CSVFormat.milliseconds(site.meanQueueMilliseconds),
        DisplayFormat.fixed(site.tokensPerSecond, fractionDigits: 3),
        site.isOverloaded ? "true" : "false",
        DisplayFormat.fixed(site.capacityInUse, fractionDigits: 4), site.condition.rawValue,
        site.meanToolWaitMilliseconds.map(CSVFormat.milliseconds) ?? "",
      ] + prefixCacheCells(site.prefixCache)
    }
    return CSVFormat.table(
      header: [
        "site", "tier", "utilization", "mean_batch_size", "mean_queue_ms", "tokens_per_second",
        "overloaded", "capacity_in_use", "condition", "mean_tool_wait_ms", "prefix_cache_hits",
        "prefix_cache_misses", "prefix_cache_hit_rate", "prefix_cache_evicted_tokens",
        "prefix_cache_reprefilled_tokens",
      ], rows: rows)
  }

  /// A site's prefix-cache cells for `sitesCSV`: five empty cells without a cache.
  static func prefixCacheCells(_ cache: PrefixCacheLoad?) -> [String] {
    guard let cache else { return Array(repeating: "", count: 5) }
    return [
      String(cache.hits), String(cache.misses),
      DisplayFormat.fixed(cache.hitRate, fractionDigits: 6),
      String(cache.evictedTokens), String(cache.reprefilledTokens),
    ]
  }

  /// The placement in workflow order (the steps' order), then any other steps sorted by name:
  /// never dictionary order, which changes from run to run.
  static func orderedPlacement(_ report: LatencyReport) -> [(step: String, site: String)] {
    let placement = report.run.placement
    var names: [String] = []
    var seen = Set<String>()
    for step in report.steps where placement[step.step] != nil && seen.insert(step.step).inserted {
      names.append(step.step)
    }
    names += placement.keys.filter { !seen.contains($0) }.sorted()
    return names.map { ($0, placement[$0] ?? "") }
  }
}
