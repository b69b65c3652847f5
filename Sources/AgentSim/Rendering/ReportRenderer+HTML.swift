extension ReportRenderer {
  /// The report as one self-contained HTML page: the run, the verdict, the percentiles, inline SVG
  /// charts (histogram, CDF with p50/p99/budget lines, stacked budget bars for the mean and the
  /// tail), the budget tables by component and by step, and the sites.
  ///
  /// No scripts, fonts, images or style sheets are fetched: the file opens the same from an
  /// e-mail attachment, an archive or an air-gapped machine. Every user-supplied name is escaped.
  ///
  /// - Parameter report: The report.
  /// - Returns: The HTML document.
  /// - Complexity: O(histogram bins + steps + sites).
  public static func renderHTML(_ report: LatencyReport) -> String {
    let run = report.run
    let escape = SVGChart.escape
    func duration(_ milliseconds: Double) -> String {
      DisplayFormat.duration(milliseconds: milliseconds)
    }
    var body: [String] = []
    body.append("<h1>\(escape(run.workflow))</h1>")
    var sessions = "\(DisplayFormat.grouped(run.sessions)) sessions"
    if run.warmupSessions > 0 {
      sessions += " (+\(DisplayFormat.grouped(run.warmupSessions)) warm-up)"
    }
    // Simulated time spans arrivals to completions: with none finished it would read "0 ms".
    let meta =
      [
        sessions, "seed \(run.seed)", "agentsim \(run.toolVersion)",
        "digest \(run.workflowDigest)", "\(DisplayFormat.grouped(run.events)) events",
      ]
      + (report.hasMeasuredSessions
        ? ["\(duration(run.simulatedSeconds * 1000)) simulated"] : [])
    body.append("<p class=\"meta\">\(meta.map(escape).joined(separator: " · "))</p>")
    let placement = orderedPlacement(report).map { "\($0.step)=\($0.site)" }
    if !placement.isEmpty {
      body.append(
        "<p class=\"meta\">placement: <code>\(escape(placement.joined(separator: " ")))</code></p>")
    }
    let verdict = report.verdict
    body.append(
      "<p class=\"verdict \(verdict.isMet ? "pass" : "miss")\">\(verdict.isMet ? "✓" : "✗") "
        + "\(escape(verdict.summary))</p>")
    if report.hasMeasuredSessions {
      body += measuredSections(report)
    }
    body += siteAndTotalSections(report)
    body.append(
      "<footer>agentsim \(escape(run.toolVersion)) · report format_version "
        + "\(LatencyReport.formatVersion) · summary.json, histogram.csv, steps.csv and sites.csv "
        + "hold the same numbers</footer>")
    return page(body, title: run.workflow)
  }

  /// The latency table, budget checks, charts and time split: only for a report that measured
  /// sessions (without any they would be zeros standing for "unknown").
  private static func measuredSections(_ report: LatencyReport) -> [String] {
    let escape = SVGChart.escape
    func duration(_ milliseconds: Double) -> String {
      DisplayFormat.duration(milliseconds: milliseconds)
    }
    let verdict = report.verdict
    var body: [String] = []
    body.append("<h2>Latency</h2>")
    var latencyRows = [["end to end"] + percentileCells(report.latency)]
    if let ttft = report.timeToFirstToken {
      latencyRows.append(["first token"] + percentileCells(ttft))
    }
    body.append(
      htmlTable(
        header: ["", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"], rows: latencyRows))
    if !verdict.checks.isEmpty {
      body.append(
        htmlTable(
          header: ["budget", "target", "achieved", "margin"],
          rows: verdict.checks.map { check in
            let margin = duration(abs(check.marginMilliseconds))
            return [
              check.metric, "≤ " + duration(check.targetMilliseconds),
              duration(check.achievedMilliseconds),
              check.isMet ? "✓ \(margin) to spare" : "✗ \(margin) over",
            ]
          }))
    }
    body.append("<figure>\(SVGChart.histogram(for: report).render())")
    body.append("<figcaption>Sessions per latency bin (log-spaced).</figcaption></figure>")
    body.append("<figure>\(SVGChart.cdf(for: report).render())")
    body.append("<figcaption>Fraction of sessions at or below each latency.</figcaption></figure>")

    body.append("<h2>Where the time goes</h2>")
    body.append("<figure>\(SVGChart.budgetBars(for: report).render())")
    body.append(
      "<figcaption>Per session, on the critical path; tail: the sessions at or above p99 ("
        + "\(escape(duration(report.latency.p99Milliseconds))))</figcaption></figure>")
    let meanShares = ShareRounding.tenthsOfPercent(report.components.map(\.meanMilliseconds))
    let tailShares = ShareRounding.tenthsOfPercent(report.components.map(\.tailMilliseconds))
    body.append(
      htmlTable(
        header: ["component", "mean ms", "share", "tail ms", "share"],
        rows: report.components.indices.flatMap { index in
          let share = report.components[index]
          var rows = [
            [
              share.component.rawValue, tableMilliseconds(share.meanMilliseconds),
              ShareRounding.text(tenths: meanShares[index]),
              tableMilliseconds(share.tailMilliseconds),
              ShareRounding.text(tenths: tailShares[index]),
            ]
          ]
          // Re-prefill, a named part of prefill, right under it.
          if share.component == .prefill, let part = report.reprefill {
            let meanTotal = report.components.map(\.meanMilliseconds).reduce(0, +)
            let tailTotal = report.components.map(\.tailMilliseconds).reduce(0, +)
            rows.append([
              "\u{2003}" + reprefillLabel, tableMilliseconds(part.meanMilliseconds),
              ShareRounding.text(tenths: reprefillTenths(part.meanMilliseconds, of: meanTotal)),
              tableMilliseconds(part.tailMilliseconds),
              ShareRounding.text(tenths: reprefillTenths(part.tailMilliseconds, of: tailTotal)),
            ])
          }
          return rows
        }))
    body.append(
      htmlTable(
        header: ["step", "site", "runs", "mean ms", "tail ms", "most of tail"],
        rows: report.steps.map { step in
          [
            step.step, step.site,
            DisplayFormat.significant(step.executionsPerSession, 2, trimsTrailingZeros: true) + "×",
            tableMilliseconds(step.totalMeanMilliseconds),
            tableMilliseconds(step.totalTailMilliseconds), step.dominantTailText ?? "–",
          ]
        }))
    return body
  }

  /// The sites' load and the throughput, energy and cost line (energy and cost only when
  /// sessions were measured).
  private static func siteAndTotalSections(_ report: LatencyReport) -> [String] {
    let escape = SVGChart.escape
    var body: [String] = []
    if !report.sites.isEmpty {
      body.append("<h2>Sites</h2>")
      body.append(
        htmlTable(
          header: [
            "site", "tier", "utilization", "capacity in use", "mean batch", "mean queue ms",
            "tool wait ms", "tokens/s", "",
          ],
          rows: report.sites.map { site in
            [
              site.site, site.tier, DisplayFormat.fixed(site.utilization, fractionDigits: 2),
              DisplayFormat.fixed(site.capacityInUse, fractionDigits: 2),
              DisplayFormat.fixed(site.meanBatchSize, fractionDigits: 1),
              tableMilliseconds(site.meanQueueMilliseconds),
              site.meanToolWaitMilliseconds.map(tableMilliseconds) ?? "–",
              DisplayFormat.grouped(site.tokensPerSecond),
              siteFlag(site.condition),
            ]
          }))
      for sentence in report.sites.compactMap({ prefixCacheSentence($0) }) {
        body.append("<p>\(escape(sentence))</p>")
      }
    }
    let throughput =
      "Throughput \(escape(DisplayFormat.significant(report.throughputSessionsPerSecond, 3))) "
      + "sessions/s"
    if let note = truncationNote(report) { body.append("<p>\(escape(note))</p>") }
    guard report.hasMeasuredSessions else { return body + ["<p>\(throughput)</p>"] }
    body.append(
      "<p>\(throughput) · per session: device energy "
        + "\(escape(DisplayFormat.joules(report.deviceEnergyJoulesPerSession))), cost "
        + "\(escape(DisplayFormat.dollars(report.costDollarsPerSession)))"
        + (unpricedNote(report.unpricedSites).map { "; " + escape($0) } ?? "") + "</p>")
    return body
  }

  /// The HTML document around `body`.
  private static func page(_ body: [String], title: String) -> String {
    let escape = SVGChart.escape
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>agentsim · \(escape(title))</title>
      <style>\(htmlStyle)</style>
      </head>
      <body>
      <main>
      \(body.joined(separator: "\n"))
      </main>
      </body>
      </html>

      """
  }

  private static func percentileCells(_ summary: PercentileSummary) -> [String] {
    [
      summary.meanMilliseconds, summary.p50Milliseconds, summary.p90Milliseconds,
      summary.p95Milliseconds, summary.p99Milliseconds, summary.p999Milliseconds,
      summary.maxMilliseconds,
    ].map { DisplayFormat.duration(milliseconds: $0) }
  }

  /// A table whose first column is text and whose other columns line up as numbers.
  static func htmlTable(header: [String], rows: [[String]]) -> String {
    func cells(_ row: [String], tag: String) -> String {
      row.map { "<\(tag)>\(SVGChart.escape($0))</\(tag)>" }.joined()
    }
    return "<table>\n<thead><tr>\(cells(header, tag: "th"))</tr></thead>\n<tbody>\n"
      + rows.map { "<tr>\(cells($0, tag: "td"))</tr>" }.joined(separator: "\n")
      + "\n</tbody>\n</table>"
  }

  static let htmlStyle = """
    :root { color-scheme: light dark; --muted: #6b7280; --pass: #2e7d32; --miss: #c62828; }
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
    main { max-width: 760px; margin: 2rem auto; padding: 0 1rem; }
    h1 { margin-bottom: 0.2rem; }
    h2 { margin-top: 2rem; border-bottom: 1px solid #8884; }
    .meta, footer, figcaption { color: var(--muted); font-size: 0.85rem; }
    .verdict { font-weight: 600; padding: 0.6rem 0.8rem; border-radius: 6px; }
    .verdict.pass { color: var(--pass); background: #2e7d3214; }
    .verdict.miss { color: var(--miss); background: #c6282814; }
    table { border-collapse: collapse; margin: 0.8rem 0; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.2rem 0.7rem; text-align: right; border-bottom: 1px solid #8882; }
    th:first-child, td:first-child { text-align: left; }
    th { color: var(--muted); font-weight: 500; }
    figure { margin: 1rem 0; }
    svg { width: 100%; height: auto; }
    footer { margin: 3rem 0 1rem; }
    """
}

extension ReportRenderer {
  /// The site table's flag for a condition, in the HTML report.
  static func siteFlag(_ condition: SiteCondition) -> String {
    switch condition {
    case .overloaded: "✗ over capacity"
    case .busy: "! busy"
    case .normal: ""
    }
  }
}
