import Foundation

/// Renders a `ZeroLoadBudget` as a table (80 columns) or JSON.
public enum ExplainRenderer {
  /// The budget as a terminal table: per step and total, by component, with the budget targets.
  public static func renderTable(
    _ budget: ZeroLoadBudget, scenario: Scenario, style: TerminalStyle
  ) -> String {
    let components = LatencyComponent.allCases.filter { (budget.components[$0] ?? 0) > 0 }
    var lines: [String] = []
    lines.append("\(scenario.name) · zero-load analytic budget (no queueing at shared sites)")
    lines.append("")
    let header =
      pad("step", 18) + pad("site", 14) + pad("runs", 6, right: true)
      + components.map { pad(String($0.rawValue.prefix(7)), 9, right: true) }.joined()
      + pad("total", 10, right: true)
    lines.append(String(header.prefix(80)))
    for step in budget.steps {
      let row =
        pad(String(step.step.prefix(17)), 18) + pad(String(step.site.prefix(13)), 14)
        + pad(DisplayFormat.fixed(step.executions, fractionDigits: 1), 6, right: true)
        + components.map {
          pad(DisplayFormat.fixed(step.milliseconds[$0] ?? 0, fractionDigits: 1), 9, right: true)
        }.joined()
        + pad(DisplayFormat.fixed(step.totalMilliseconds, fractionDigits: 1), 10, right: true)
      lines.append(String(row.prefix(80)))
    }
    let total =
      pad("total ms", 38)
      + components.map {
        pad(DisplayFormat.fixed(budget.components[$0] ?? 0, fractionDigits: 1), 9, right: true)
      }.joined()
      + pad(DisplayFormat.fixed(budget.totalMilliseconds, fractionDigits: 1), 10, right: true)
    lines.append(String(total.prefix(80)))
    lines.append("")
    let floor = DisplayFormat.duration(
      milliseconds: budget.totalMilliseconds, unicode: style.unicode)
    var verdict = "expected session time at zero load: \(floor)"
    if let p50 = scenario.budget.p50Milliseconds {
      verdict +=
        budget.totalMilliseconds <= p50
        ? "; within the p50 budget of \(DisplayFormat.duration(milliseconds: p50, unicode: style.unicode))"
        : "; already over the p50 budget of "
          + DisplayFormat.duration(milliseconds: p50, unicode: style.unicode)
          + " before any queueing"
    }
    lines += wrap(verdict, indent: "")
    for note in budget.notes { lines += wrap("note: \(note)", indent: "      ") }
    return lines.joined(separator: "\n") + "\n"
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
      }, notes: budget.notes)
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
      if !current.isEmpty && current.count + 1 + word.count > 80 {
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
