import Foundation

/// Turns a `SweepReport` into what people read (a ranked table in 80 columns, an HTML page with a
/// Pareto chart) and what machines read (JSON with a `points` array, CSV with a row per point).
///
/// Every producer is pure and byte-for-byte deterministic for equal reports.
public enum SweepRenderer {
  /// Rows of the ranked table unless told otherwise.
  public static let defaultTopRows = 15

  /// The report as JSON: keys sorted, pretty-printed, slashes unescaped, a trailing newline.
  ///
  /// - Parameter report: The report.
  /// - Returns: UTF-8 JSON.
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  /// - Complexity: O(size of the report).
  public static func renderJSON(_ report: SweepReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(report)
    data.append(0x0A)
    return data
  }

  /// Every point as one CSV row, in point order: number, rank, status, front and budget marks,
  /// the parameter values, one column per placeable step, the metrics, the lower bounds, the
  /// seed and the reasons.
  ///
  /// - Parameter report: The report.
  /// - Returns: CSV text with a header row.
  /// - Complexity: O(points × columns).
  public static func pointsCSV(_ report: SweepReport) -> String {
    let sweep = report.sweep
    let header =
      ["point", "rank", "status", "front", "meets_budget"] + sweep.grid.axes.map(\.key)
      + sweep.steps.map(\.name) + [
        "p99_ms", "p50_ms", "mean_ms", "ttft_p99_ms", "cost_dollars", "energy_joules",
        "bound_latency_ms", "bound_cost_dollars", "bound_energy_joules", "seed", "reasons",
      ]
    func number(_ value: Double?, _ digits: Int = 3) -> String {
      value.map { DisplayFormat.fixed($0, fractionDigits: digits) } ?? ""
    }
    let rows = report.points.map { point -> [String] in
      let metrics = point.metrics
      let values = point.parameters.map { setting in
        setting.firstIndex(of: "=").map { String(setting[setting.index(after: $0)...]) } ?? setting
      }
      var row = [
        String(point.index), point.rank.map(String.init) ?? "", point.status.rawValue,
        point.isOnFront == true ? "yes" : "", metrics.map { $0.meetsBudget ? "yes" : "no" } ?? "",
      ]
      row += values
      row += sweep.steps.map { point.placement[$0.name] ?? "" }
      row += [
        number(metrics?.p99Milliseconds), number(metrics?.p50Milliseconds),
        number(metrics?.meanMilliseconds), number(metrics?.timeToFirstTokenP99Milliseconds),
        number(metrics?.costDollars, 8), number(metrics?.energyJoules, 6),
        number(point.bound?.latencyMilliseconds), number(point.bound?.costDollars, 8),
        number(point.bound?.energyJoules, 6), String(point.seed),
        point.reasons.joined(separator: "; "),
      ]
      return row
    }
    return CSVFormat.table(header: header, rows: rows)
  }

  /// The ranked table: a header, the best `top` points by the objective with their budget and
  /// front marks, the Pareto front, what was infeasible or pruned and why, and the
  /// recommendation. Every line fits in 80 columns.
  ///
  /// - Parameters:
  ///   - report: The report.
  ///   - style: Unicode or ASCII, colour or not.
  ///   - top: How many ranked points to show.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(points log points).
  public static func renderTable(
    _ report: SweepReport, style: TerminalStyle, top: Int = defaultTopRows
  ) -> String {
    var blocks: [[String]] = [headerLines(report, style: style)]
    blocks.append(effectLines(report, style: style))
    let codes = PlacementCodes(report: report, style: style)
    let shown = Array(report.ranking.prefix(max(top, 0)))
    let frontOnly = report.front.filter { !shown.contains($0) }
    let listedFront = Array(frontOnly.prefix(10))
    // Step names as column titles when they fit; numbers (explained in the legend) otherwise.
    let isCompact =
      pointTable(
        report, indices: shown + listedFront, codes: codes, isCompact: false, style: style,
        title: "rank"
      ).contains { TextLayout.displayWidth($0) > TextLayout.terminalWidth }
    if !shown.isEmpty {
      var lines = pointTable(
        report, indices: shown, codes: codes, isCompact: isCompact, style: style, title: "rank")
      if report.ranking.count > shown.count {
        lines.append(
          style.paint(
            "  \(style.ellipsis) \(DisplayFormat.grouped(report.ranking.count - shown.count)) "
              + "more ranked points in points.csv (or --format csv)", .dim))
      }
      blocks.append(lines)
    }
    if !report.front.isEmpty {
      var lines = [
        style.paint(
          "Pareto front over p99, cost and energy: \(report.front.count) point"
            + (report.front.count == 1 ? "" : "s")
            + (frontOnly.isEmpty
              ? ", all ranked above"
              : frontOnly.count < report.front.count
                ? " (\(report.front.count - frontOnly.count) ranked above, marked "
                  + (style.unicode ? "◆" : "*") + ")" : ""),
          .bold)
      ]
      if !frontOnly.isEmpty {
        lines += pointTable(
          report, indices: listedFront, codes: codes, isCompact: isCompact, style: style,
          title: "rank")
        if frontOnly.count > listedFront.count {
          lines.append(
            "  \(style.ellipsis) \(frontOnly.count - listedFront.count) more on the front")
        }
      }
      blocks.append(lines)
    }
    blocks.append(codes.legend(isCompact: isCompact))
    blocks.append(exclusionLines(report, style: style))
    blocks.append(
      TextLayout.wrap(
        "Recommendation: " + TextLayout.sanitize(report.recommendation, unicode: style.unicode),
        width: TextLayout.terminalWidth, indent: "  ", ellipsis: style.ellipsis
      ).enumerated().map { $0.offset == 0 ? style.paint($0.element, .bold) : $0.element }
        + (ReportRenderer.unpricedNote(report.sweep.unpricedSites).map {
          TextLayout.wrap(
            "Note: " + $0, width: TextLayout.terminalWidth, indent: "  ",
            ellipsis: style.ellipsis)
        } ?? []) + costTieLines(report, style: style))
    return blocks.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") + "\n" }
      .joined(separator: "\n")
  }

  static func headerLines(_ report: SweepReport, style: TerminalStyle) -> [String] {
    let sweep = report.sweep
    let name = TextLayout.truncate(
      TextLayout.sanitize(sweep.workflow, unicode: style.unicode), to: 40, ellipsis: style.ellipsis)
    let counts = report.counts
    var space = DisplayFormat.count(counts.total, "point")
    let placements = sweep.steps.reduce(1) { $0 * $1.candidates.count }
    if sweep.grid.axes.isEmpty {
      space += " (placements)"
    } else {
      space +=
        " (\(DisplayFormat.grouped(placements)) placements \(style.times) "
        + "\(DisplayFormat.grouped(sweep.pointCount / max(placements, 1))) settings)"
    }
    let sessions = report.points.compactMap { $0.metrics?.sessions }.first
    var first = [style.paint(name, .bold), space]
    if let sessions { first.append("\(DisplayFormat.grouped(sessions)) sessions each") }
    first.append("seed \(sweep.settings.seed)")
    var lines = ReportRenderer.packed(
      first, width: TextLayout.terminalWidth, separator: style.separator)
    var second = ["objective \(sweep.settings.objective.rawValue)"]
    if let budget = report.points.first(where: { $0.budget.hasTargets })?.budget {
      second.append(
        "budget " + SweepRecommendation.describe(budget, relation: style.atMost))
    }
    second.append("\(DisplayFormat.grouped(counts.simulated)) simulated")
    second.append(
      "\(DisplayFormat.grouped(counts.meetingBudget)) "
        + (counts.meetingBudget == 1 ? "meets" : "meet") + " the budget")
    lines += ReportRenderer.packed(
      second, width: TextLayout.terminalWidth, separator: style.separator)
    lines.append(
      style.paint(
        "agentsim \(sweep.toolVersion)\(style.separator)digest \(sweep.workflowDigest)", .dim))
    return lines
  }

  static func pointTable(
    _ report: SweepReport, indices: [Int], codes: PlacementCodes, isCompact: Bool,
    style: TerminalStyle, title: String
  ) -> [String] {
    var columns = [
      TextTable.Column(title: title, alignment: .right, canShrink: false),
      TextTable.Column(title: "p99", alignment: .right),
      TextTable.Column(title: "mean", alignment: .right),
      TextTable.Column(title: "cost", alignment: .right),
      TextTable.Column(title: "energy", alignment: .right),
      TextTable.Column(title: "budget", alignment: .left, canShrink: false),
      TextTable.Column(title: "front", alignment: .left, canShrink: false),
      TextTable.Column(title: "point", alignment: .left, canShrink: false),
    ]
    for (index, placementTitle) in codes.titles(isCompact: isCompact).enumerated() {
      let isStep = index < codes.steps.count
      columns.append(
        TextTable.Column(
          title: placementTitle, alignment: isStep ? .left : .right,
          gap: isCompact && isStep && index > 0 ? 1 : 2, canShrink: false))
    }
    var table = TextTable(columns: columns)
    table.titleTone = .bold
    for index in indices {
      guard let point = report.points.first(where: { $0.index == index }),
        let metrics = point.metrics
      else { continue }
      let meets = metrics.meetsBudget
      table.append(
        [
          TextTable.Cell(point.rank.map { String($0) } ?? "-"),
          TextTable.Cell(
            DisplayFormat.duration(milliseconds: metrics.p99Milliseconds, unicode: style.unicode)),
          TextTable.Cell(
            DisplayFormat.duration(milliseconds: metrics.meanMilliseconds, unicode: style.unicode)),
          TextTable.Cell(DisplayFormat.dollars(metrics.costDollars)),
          TextTable.Cell(joules(metrics.energyJoules)),
          TextTable.Cell(
            meets ? style.passMark : style.missMark, tone: style.verdictTone(isMet: meets)),
          TextTable.Cell(point.isOnFront == true ? (style.unicode ? "◆" : "*") : ""),
          TextTable.Cell("#\(point.index)"),
        ] + codes.cells(for: point).map { TextTable.Cell($0) })
    }
    table.bodyIndent = 0
    return table.render(style: style)
  }

  /// Joules with three significant digits; `0 J` for none.
  static func joules(_ value: Double) -> String {
    DisplayFormat.joules(value)
  }

  static func exclusionLines(_ report: SweepReport, style: TerminalStyle) -> [String] {
    let counts = report.counts
    var lines: [String] = []
    let excluded = report.points.filter { !$0.isRanked }
    guard !excluded.isEmpty else { return [] }
    lines.append(
      style.paint(
        "Not ranked: \(counts.infeasible) infeasible, \(counts.prunedByBudget) pruned by the "
          + "budget, \(counts.prunedAsDominated) pruned as dominated", .bold))
    // The most common reasons first, each with a count and an example point.
    var tally: [String: (count: Int, first: Int)] = [:]
    for point in excluded {
      let reason = "\(point.status.rawValue): " + (point.reasons.first ?? "")
      let key = reason.count > 200 ? String(reason.prefix(200)) : reason
      let current = tally[key] ?? (0, point.index)
      tally[key] = (current.count + 1, min(current.first, point.index))
    }
    let ordered = tally.sorted {
      $0.value.count > $1.value.count || ($0.value.count == $1.value.count && $0.key < $1.key)
    }
    for (reason, entry) in ordered.prefix(5) {
      let text =
        "\(DisplayFormat.grouped(entry.count))\(style.times) (e.g. #\(entry.first)) "
        + TextLayout.sanitize(reason, unicode: style.unicode)
      lines += TextLayout.wrap(
        text, width: TextLayout.terminalWidth, indent: "    ", ellipsis: style.ellipsis
      ).map { "  " + $0 }.map { $0.hasPrefix("      ") ? String($0.dropFirst(2)) : $0 }
    }
    if ordered.count > 5 {
      lines.append("  \(style.ellipsis) \(ordered.count - 5) more reasons in summary.json")
    }
    return lines
  }
}
