extension SweepRenderer {
  /// Ranked points shown in the HTML page (all of them are in `points.csv`).
  static let htmlRows = 50

  /// The report as one self-contained HTML page: the sweep, the recommendation, the Pareto chart
  /// (p99 against cost), the best points, the front, and what was infeasible or pruned and why.
  ///
  /// No scripts or external resources; every user-supplied name is escaped.
  ///
  /// - Parameter report: The sweep's report.
  /// - Returns: The HTML document.
  /// - Complexity: O(points).
  public static func renderHTML(_ report: SweepReport) -> String {
    let escape = SVGChart.escape
    let sweep = report.sweep
    let counts = report.counts
    var body: [String] = []
    body.append("<h1>\(escape(sweep.workflow)) · sweep</h1>")
    let meta = [
      "\(DisplayFormat.grouped(counts.total)) points", "seed \(sweep.settings.seed)",
      "objective \(sweep.settings.objective.rawValue)", "agentsim \(sweep.toolVersion)",
      "digest \(sweep.workflowDigest)",
    ]
    body.append("<p class=\"meta\">\(meta.map(escape).joined(separator: " · "))</p>")
    if !sweep.grid.axes.isEmpty {
      let axes = sweep.grid.axes.map { "\($0.key)=\($0.values.joined(separator: ","))" }
      body.append(
        "<p class=\"meta\">vary: <code>\(escape(axes.joined(separator: " ")))</code></p>")
    }
    let isMet =
      report.recommended.flatMap { index in
        report.points.first { $0.index == index }?.meetsBudget
      } ?? false
    body.append(
      "<p class=\"verdict \(isMet ? "pass" : "miss")\">\(escape(report.recommendation))</p>")
    body.append(
      "<p>\(counts.simulated) simulated, \(counts.meetingBudget) meet the budget, "
        + "\(report.front.count) on the Pareto front; \(counts.infeasible) infeasible, "
        + "\(counts.prunedByBudget + counts.prunedAsDominated) pruned.</p>")
    body.append("<figure>\(SVGChart.pareto(for: report).render())")
    body.append(
      "<figcaption>Each simulated point by p99 latency and cost per session; green meets the "
        + "budget, blue is the Pareto front over p99, cost and energy, orange the "
        + "recommendation.</figcaption></figure>")
    let byIndex = Dictionary(report.points.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
    func row(_ point: SweepPointResult) -> [String] {
      let metrics = point.metrics
      return [
        point.rank.map(String.init) ?? "–", "#\(point.index)",
        metrics.map { DisplayFormat.duration(milliseconds: $0.p99Milliseconds) } ?? "–",
        metrics.map { DisplayFormat.duration(milliseconds: $0.meanMilliseconds) } ?? "–",
        metrics.map { DisplayFormat.dollars($0.costDollars) } ?? "–",
        metrics.map { DisplayFormat.significant($0.energyJoules, 3) + " J" } ?? "–",
        metrics.map { $0.meetsBudget ? "✓" : "✗" } ?? "–", point.isOnFront == true ? "◆" : "",
        (point.parameters
          + sweep.steps.filter { $0.candidates.count > 1 }.map {
            "\($0.name)=\(point.placement[$0.name] ?? "?")"
          }).joined(separator: " "),
      ]
    }
    let header = ["rank", "point", "p99", "mean", "cost", "energy", "budget", "front", "placement"]
    body.append("<h2>Best by \(escape(sweep.settings.objective.rawValue))</h2>")
    body.append(
      ReportRenderer.htmlTable(
        header: header,
        rows: report.ranking.prefix(htmlRows).compactMap { byIndex[$0] }.map(row)))
    body.append("<h2>Pareto front</h2>")
    body.append(
      ReportRenderer.htmlTable(
        header: header, rows: report.front.compactMap { byIndex[$0] }.map(row)))
    let excluded = report.points.filter { !$0.isRanked }
    if !excluded.isEmpty {
      body.append("<h2>Not ranked</h2>")
      body.append(
        ReportRenderer.htmlTable(
          header: ["point", "status", "reason"],
          rows: excluded.prefix(200).map {
            ["#\($0.index)", $0.status.rawValue, $0.reasons.joined(separator: "; ")]
          }))
      if excluded.count > 200 {
        body.append("<p>\(excluded.count - 200) more in points.csv.</p>")
      }
    }
    body.append(
      "<footer>agentsim \(escape(sweep.toolVersion)) · sweep format_version "
        + "\(SweepReport.formatVersion) · summary.json and points.csv hold every point</footer>")
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>agentsim sweep · \(escape(sweep.workflow))</title>
      <style>\(ReportRenderer.htmlStyle)</style>
      </head>
      <body>
      <main>
      \(body.joined(separator: "\n"))
      </main>
      </body>
      </html>

      """
  }
}
