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
      DisplayFormat.count(counts.total, "point"), "seed \(sweep.settings.seed)",
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
      "<p>\(counts.simulated) simulated, \(counts.meetingBudget) "
        + (counts.meetingBudget == 1 ? "meets" : "meet") + " the budget, "
        + "\(report.front.count) on the Pareto front; \(counts.infeasible) infeasible, "
        + "\(counts.prunedByBudget + counts.prunedAsDominated) pruned.</p>")
    let effects = report.mainEffects()
    if !effects.isEmpty {
      let objective = sweep.settings.objective
      body.append("<h2>What moves \(escape(objective.rawValue))</h2>")
      if let sentence = effectSentence(effects, objective: objective, style: .unicodePlain) {
        body.append("<p>\(escape(sentence))</p>")
      }
      body.append(
        ReportRenderer.htmlTable(
          header: [
            "factor", "moves \(objective.rawValue) by", "best", "worst", "spread over the rest",
          ]
            + ["mean by level"],
          rows: effects.map { effect in
            // No-break spaces keep "42.0 ms" and "laptop 2.03 s" whole when the table narrows.
            let text = {
              objectiveText($0, objective, style: .unicodePlain)
                .replacingOccurrences(of: " ", with: "\u{00A0}")
            }
            let spread =
              effect.smallestPairedChange.flatMap { low in
                effect.largestPairedChange.map { text(low) + " – " + text($0) }
              } ?? "–"
            return [
              factorName(effect.factor), text(effect.effect), effect.best, effect.worst, spread,
              effect.levels.map { "\($0.value)\u{00A0}\(text($0.meanObjective))" }
                .joined(separator: " · "),
            ]
          }))
      body.append(
        "<p class=\"meta\">A factor's effect: the mean \(escape(objective.rawValue)) at its worst "
          + "site (or value) minus the mean at its best, all other steps and settings averaged "
          + "over the sweep; the spread is the same change at each setting of the others.</p>")
    }
    body.append("<figure>\(SVGChart.pareto(for: report).render())")
    body.append(
      "<figcaption>Each simulated point by p99 latency and cost per session; hover a point for "
        + "its details. The Pareto front is over p99, cost and energy, so some front points sit "
        + "above others in this view.</figcaption></figure>")
    let byIndex = Dictionary(report.points.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
    let chips = SiteChips(report: report)
    body.append("<h2>Best by \(escape(sweep.settings.objective.rawValue))</h2>")
    body.append(chips.legendHTML)
    body.append(
      pointTableHTML(
        report.ranking.prefix(htmlRows).compactMap { byIndex[$0] }, report: report, chips: chips))
    body.append("<h2>Pareto front</h2>")
    body.append(
      pointTableHTML(report.front.compactMap { byIndex[$0] }, report: report, chips: chips))
    let tied = report.pointsWithinCostNoise()
    if !tied.isEmpty {
      body.append(
        "<p class=\"meta\">Within noise: the cost of "
          + escape(tied.prefix(5).map { "#\($0)" }.joined(separator: ", "))
          + (tied.count > 5 ? " and \(tied.count - 5) more" : "")
          + " differs from the recommendation's by less than the run-to-run noise; choose among "
          + "them by latency or energy, or rerun with more sessions.</p>")
    }
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
      <style>\(ReportRenderer.htmlStyle)\(sweepStyle)</style>
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
