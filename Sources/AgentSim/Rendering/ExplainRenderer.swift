import Foundation

/// Renders a `ZeroLoadBudget` as a table (80 columns) or JSON.
public enum ExplainRenderer {
  /// The budget as a terminal table: per step and total, by component, with the budget targets.
  public static func renderTable(
    _ budget: ZeroLoadBudget, scenario: Scenario, style: TerminalStyle
  ) -> String {
    let components = LatencyComponent.allCases.filter { (budget.components[$0] ?? 0) > 0 }
    var lines: [String] = []
    lines += wrap(
      "\(scenario.name) · zero-load analytic budget (no queueing at shared sites)", indent: "  ")
    lines.append("")
    // TextTable narrows only the names to fit the terminal: digits are never cut. When even
    // narrowed names leave the table too wide, columns go (runs, then the smallest components)
    // and a note says which.
    var shown = components
    var showsRuns = true
    var dropped: [String] = []
    var rendered = table(budget, components: shown, showsRuns: showsRuns, style: style)
    while rendered.contains(where: { TextLayout.displayWidth($0) > TextLayout.terminalWidth }) {
      if showsRuns {
        showsRuns = false
        dropped.append("runs")
      } else if shown.count > 1,
        let smallest = shown.min(by: {
          (budget.components[$0] ?? 0) < (budget.components[$1] ?? 0)
        })
      {
        shown.removeAll { $0 == smallest }
        dropped.append(smallest.rawValue)
      } else {
        break
      }
      rendered = table(budget, components: shown, showsRuns: showsRuns, style: style)
    }
    lines += rendered
    if !dropped.isEmpty {
      lines += wrap(
        "note: \(TextLayout.terminalWidth) columns leave no room for "
          + dropped.joined(separator: ", ")
          + " (the total still counts them); widen the terminal or use --format json",
        indent: "      ")
    }
    lines.append("")
    let floor = DisplayFormat.duration(
      milliseconds: budget.totalMilliseconds, unicode: style.unicode)
    var verdict = "expected session time at zero load: \(floor)"
    if let p50 = scenario.budget.p50Milliseconds {
      verdict +=
        budget.totalMilliseconds <= p50
        ? "; within the p50 budget of "
          + DisplayFormat.duration(
            milliseconds: p50, unicode: style.unicode, trimsTrailingZeros: true)
        : "; already over the p50 budget of "
          + DisplayFormat.duration(
            milliseconds: p50, unicode: style.unicode, trimsTrailingZeros: true)
          + " before any queueing"
    }
    lines += wrap(verdict, indent: "")
    for note in ZeroLoadNote.sortedWords(budget.notes) {
      lines += wrap("note: \(note)", indent: "      ")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The per-step table with the given component columns.
  static func table(
    _ budget: ZeroLoadBudget, components: [LatencyComponent], showsRuns: Bool,
    style: TerminalStyle
  ) -> [String] {
    var table = TextTable(
      columns: [
        TextTable.Column(title: "step", alignment: .left),
        TextTable.Column(title: "site", alignment: .left),
      ]
        + (showsRuns ? [TextTable.Column(title: "runs", alignment: .right)] : [])
        + components.map { TextTable.Column(title: $0.rawValue, alignment: .right) }
        + [TextTable.Column(title: "total", alignment: .right)])
    table.bodyIndent = 0
    table.titleTone = nil
    table.headingTone = nil
    func number(_ value: Double) -> TextTable.Cell {
      TextTable.Cell(DisplayFormat.fixed(value, fractionDigits: 1))
    }
    for step in budget.steps {
      table.append(
        [
          TextTable.Cell(TextLayout.sanitize(step.step, unicode: style.unicode)),
          TextTable.Cell(TextLayout.sanitize(step.site, unicode: style.unicode)),
        ] + (showsRuns ? [number(step.executions)] : [])
          + components.map { number(step.milliseconds[$0] ?? 0) }
          + [number(step.totalMilliseconds)])
    }
    table.append(
      [TextTable.Cell("total ms"), TextTable.Cell("")]
        + (showsRuns ? [TextTable.Cell("")] : [])
        + components.map { number(budget.components[$0] ?? 0) }
        + [number(budget.totalMilliseconds)])
    return table.render(style: style)
  }

  /// The budget as JSON (sorted keys).
  public static func renderJSON(_ budget: ZeroLoadBudget, scenario: Scenario) throws -> Data {
    struct Step: Encodable {
      var step: String
      var site: String
      var executions: Double
      var milliseconds: [String: Double]
    }
    struct Document: Encodable {
      var workflow: String
      var totalMilliseconds: Double
      var components: [String: Double]
      var steps: [Step]
      var notes: [String]
      enum CodingKeys: String, CodingKey {
        case workflow, components, steps, notes
        case totalMilliseconds = "total_ms"
      }
    }
    func keyed(_ values: [LatencyComponent: Double]) -> [String: Double] {
      Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue + "_ms", $0.value) })
    }
    let document = Document(
      workflow: scenario.name, totalMilliseconds: budget.totalMilliseconds,
      components: keyed(budget.components),
      steps: budget.steps.map {
        Step(
          step: $0.step, site: $0.site, executions: $0.executions,
          milliseconds: keyed($0.milliseconds))
      }, notes: ZeroLoadNote.sortedWords(budget.notes))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(document)
    data.append(0x0A)
    return data
  }

  /// Word-wraps `text` to 80 columns, indenting continuation lines.
  static func wrap(_ text: String, indent: String) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if !current.isEmpty && current.count + 1 + word.count > TextLayout.terminalWidth {
        lines.append(current)
        current = indent + word
      } else {
        current += (current.isEmpty ? "" : " ") + word
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
  }
}
