import Foundation

/// Turns a `RunComparison` into a terminal table, JSON and a small HTML page. Pure and
/// deterministic, like the other renderers.
public enum ComparisonRenderer {
  /// The comparison as terminal tables: which runs, the figures with B − A and the noise
  /// judgement, components, steps (moved steps marked), sites, verdicts, and a closing sentence.
  ///
  /// - Parameters:
  ///   - comparison: The comparison.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(steps + sites).
  public static func renderTable(_ comparison: RunComparison, style: TerminalStyle) -> String {
    var blocks: [[String]] = [headerLines(comparison, style: style)]
    blocks.append(metricTable(comparison, style: style).render(style: style))
    if !comparison.components.isEmpty {
      var table = TextTable(columns: [
        .init(title: "Components", alignment: .left), .init(title: "A ms", alignment: .right),
        .init(title: "B ms", alignment: .right), .init(title: "B-A", alignment: .right),
      ])
      for row in comparison.components where row.a != 0 || row.b != 0 {
        table.append([
          .init(row.component.rawValue), .init(milliseconds(row.a)), .init(milliseconds(row.b)),
          .init(signed(row.b - row.a, milliseconds)),
        ])
      }
      blocks.append(table.render(style: style))
    }
    if !comparison.steps.isEmpty {
      var table = TextTable(columns: [
        .init(title: "Steps", alignment: .left), .init(title: "site A", alignment: .left),
        .init(title: "site B", alignment: .left), .init(title: "A ms", alignment: .right),
        .init(title: "B ms", alignment: .right), .init(title: "B-A", alignment: .right),
      ])
      for row in comparison.steps {
        let difference = row.a.flatMap { a in row.b.map { signed($0 - a, milliseconds) } }
        table.append([
          .init(row.step), .init(row.siteA ?? style.notApplicable),
          .init(
            (row.siteB ?? style.notApplicable) + (row.hasMoved ? " (moved)" : ""),
            tone: row.hasMoved ? .bold : nil),
          .init(row.a.map(milliseconds) ?? style.notApplicable),
          .init(row.b.map(milliseconds) ?? style.notApplicable),
          .init(difference ?? style.notApplicable),
        ])
      }
      blocks.append(table.render(style: style))
    }
    if !comparison.sites.isEmpty {
      var table = TextTable(columns: [
        .init(title: "Sites", alignment: .left), .init(title: "util A", alignment: .right),
        .init(title: "util B", alignment: .right),
      ])
      for row in comparison.sites {
        table.append([
          .init(row.site), .init(row.utilizationA.map(utilization) ?? style.notApplicable),
          .init(row.utilizationB.map(utilization) ?? style.notApplicable),
        ])
      }
      blocks.append(table.render(style: style))
    }
    let verdictA = verdict(comparison.a, style: style)
    let verdictB = verdict(comparison.b, style: style)
    var closing = ["budget  A " + verdictA + "   B " + verdictB]
    closing += TextLayout.wrap(
      sentence(comparison), width: TextLayout.terminalWidth, ellipsis: style.ellipsis)
    blocks.append(closing)
    return blocks.map { $0.joined(separator: "\n") + "\n" }.joined(separator: "\n")
  }

  /// The comparison as JSON: keys sorted, pretty-printed, a trailing newline, with
  /// `format_version`.
  ///
  /// - Parameter comparison: The comparison.
  /// - Returns: UTF-8 JSON.
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  public static func renderJSON(_ comparison: RunComparison) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(Document(comparison: comparison))
    data.append(0x0A)
    return data
  }

  /// The comparison as a small self-contained HTML page (no scripts, names escaped).
  ///
  /// - Parameter comparison: The comparison.
  /// - Returns: The HTML document.
  public static func renderHTML(_ comparison: RunComparison) -> String {
    let escape = SVGChart.escape
    var body = ["<h1>agentsim compare</h1>"]
    for (letter, side) in [("A", comparison.a), ("B", comparison.b)] {
      body.append("<p class=\"meta\">\(letter): \(escape(describe(side, withLabel: true)))</p>")
    }
    body.append("<p class=\"verdict\">\(escape(sentence(comparison)))</p>")
    body.append(
      ReportRenderer.htmlTable(
        header: ["figure", "A", "B", "B-A", "relative", "noise (95%)", "vs noise"],
        rows: comparison.metrics.map { metricCells($0) }))
    if !comparison.components.isEmpty {
      body.append("<h2>Where the time goes (mean per session)</h2>")
      body.append(
        ReportRenderer.htmlTable(
          header: ["component", "A", "B", "B-A"],
          rows: comparison.components.map {
            [
              $0.component.rawValue, milliseconds($0.a), milliseconds($0.b),
              signed($0.b - $0.a, milliseconds),
            ]
          }))
    }
    if !comparison.steps.isEmpty {
      body.append("<h2>Steps</h2>")
      body.append(
        ReportRenderer.htmlTable(
          header: ["step", "site A", "site B", "A ms", "B ms"],
          rows: comparison.steps.map {
            [
              $0.step, $0.siteA ?? "–", ($0.siteB ?? "–") + ($0.hasMoved ? " (moved)" : ""),
              $0.a.map(milliseconds) ?? "–", $0.b.map(milliseconds) ?? "–",
            ]
          }))
    }
    if !comparison.sites.isEmpty {
      body.append("<h2>Sites</h2>")
      body.append(
        ReportRenderer.htmlTable(
          header: ["site", "utilization A", "utilization B"],
          rows: comparison.sites.map {
            [
              $0.site, $0.utilizationA.map(utilization) ?? "–",
              $0.utilizationB.map(utilization) ?? "–",
            ]
          }))
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>agentsim compare · \(escape(comparison.a.workflow)) · \(escape(comparison.b.workflow))</title>
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

  /// One sentence on p50 and p99: which run is faster, by how much, and whether that is larger
  /// than the run-to-run noise.
  ///
  /// - Parameter comparison: The comparison.
  /// - Returns: The sentence.
  public static func sentence(_ comparison: RunComparison) -> String {
    var clauses: [String] = []
    for metric in [ComparedMetric.p50, .p99] {
      guard let row = comparison.difference(of: metric), let difference = row.difference else {
        continue
      }
      let name = metricName(metric)
      var clause: String
      if difference == 0 {
        clause = "\(name) is the same"
      } else {
        let relative = row.relativeDifference.map { " (\(DisplayFormat.percent(abs($0))))" } ?? ""
        clause =
          "B's \(name) is \(milliseconds(abs(difference)))\(relative) "
          + (difference < 0 ? "lower" : "higher")
      }
      switch row.judgement {
      case .withinNoise?:
        clause += ", within the run-to-run noise (± \(milliseconds(row.noise ?? 0)))"
      case .largerThanNoise?:
        clause += ", larger than the run-to-run noise (± \(milliseconds(row.noise ?? 0)))"
      case nil:
        clause += " (no noise estimate: a file from an older agentsim, or too few sessions)"
      }
      clauses.append(clause)
    }
    var text = clauses.isEmpty ? "Nothing to compare." : clauses.joined(separator: "; ") + "."
    if !comparison.isSameWorkflow {
      text += " The two results come from different workflow files."
    }
    return text
  }

  private struct Document: Encodable {
    var comparison: RunComparison

    enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(RunComparison.formatVersion, forKey: .formatVersion)
      try comparison.encode(to: encoder)
    }
  }

  private static func headerLines(_ comparison: RunComparison, style: TerminalStyle) -> [String] {
    func wrapped(_ text: String) -> [String] {
      TextLayout.wrap(
        text, width: TextLayout.terminalWidth, indent: "   ", ellipsis: style.ellipsis)
    }
    // The label (a path) goes on a line of its own, unwrapped: it has no spaces to wrap at.
    var lines = [style.paint("A", .bold) + "  " + comparison.a.label]
    lines += wrapped("   " + describe(comparison.a))
    lines.append(style.paint("B", .bold) + "  " + comparison.b.label)
    lines += wrapped("   " + describe(comparison.b))
    if comparison.isSameWorkflow {
      lines.append("same workflow file · digest \(comparison.a.workflowDigest)")
    } else {
      lines += wrapped(
        "different workflow files · digests \(comparison.a.workflowDigest) and "
          + comparison.b.workflowDigest)
    }
    return lines
  }

  private static func describe(_ side: ComparedResult, withLabel: Bool = false) -> String {
    var parts = [
      side.workflow,
      side.kind == .sweep ? "sweep's recommended point" : "run",
      "seed \(side.seed)", "\(DisplayFormat.grouped(side.sessions)) sessions",
    ]
    if !side.parameters.isEmpty { parts.append(side.parameters.joined(separator: " ")) }
    if withLabel { parts.insert(side.label, at: 0) }
    return parts.joined(separator: " · ")
  }

  private static func metricTable(_ comparison: RunComparison, style: TerminalStyle) -> TextTable {
    var table = TextTable(columns: [
      .init(title: "Figure", alignment: .left), .init(title: "A", alignment: .right),
      .init(title: "B", alignment: .right), .init(title: "B-A", alignment: .right),
      .init(title: "", alignment: .right, gap: 1), .init(title: "noise", alignment: .right),
      .init(title: "vs noise", alignment: .left, canShrink: false),
    ])
    for row in comparison.metrics {
      let cells = metricCells(row, dash: style.notApplicable)
      let tone: TerminalStyle.Tone? =
        switch row.judgement {
        case .largerThanNoise?: .bold
        case .withinNoise?: .dim
        case nil: nil
        }
      table.append(
        cells.enumerated().map { index, text in
          TextTable.Cell(text, tone: index == 6 ? tone : nil)
        })
    }
    return table
  }

  private static func metricCells(_ row: MetricDifference, dash: String = "–") -> [String] {
    let format: (Double) -> String =
      switch row.metric {
      case .cost: DisplayFormat.dollars
      case .energy: DisplayFormat.joules
      default: milliseconds
      }
    let judgement: String =
      switch row.judgement {
      case .largerThanNoise?: "larger"
      case .withinNoise?: "within"
      case nil: ""
      }
    return [
      metricName(row.metric), row.a.map(format) ?? dash, row.b.map(format) ?? dash,
      row.difference.map { signed($0, format) } ?? dash,
      row.relativeDifference.map { signedPercent($0) } ?? "",
      row.noise.map { "± " + format($0) } ?? "", judgement,
    ]
  }

  private static func metricName(_ metric: ComparedMetric) -> String {
    switch metric {
    case .mean: "mean"
    case .p50: "p50"
    case .p90: "p90"
    case .p95: "p95"
    case .p99: "p99"
    case .p999: "p99.9"
    case .max: "max"
    case .firstTokenP99: "ttft p99"
    case .cost: "cost"
    case .energy: "energy"
    }
  }

  private static func verdict(_ side: ComparedResult, style: TerminalStyle) -> String {
    style.paint(
      (side.meetsBudget ? style.passMark + " meets" : style.missMark + " misses"),
      style.verdictTone(isMet: side.meetsBudget))
  }

  private static func milliseconds(_ value: Double) -> String {
    DisplayFormat.duration(milliseconds: value)
  }

  private static func utilization(_ value: Double) -> String {
    DisplayFormat.fixed(value, fractionDigits: 2)
  }

  private static func signed(_ value: Double, _ format: (Double) -> String) -> String {
    if value == 0 { return format(0) }
    return (value > 0 ? "+" : "-") + format(abs(value))
  }

  private static func signedPercent(_ fraction: Double) -> String {
    if fraction == 0 { return "0.0%" }
    return (fraction > 0 ? "+" : "-") + DisplayFormat.percent(abs(fraction))
  }
}
