/// Renders benchmark results (`agentsim bench`) as a terminal table through `TextTable`.
public enum BenchmarkRenderer {
  /// One row per benchmark (events, seconds, events and sessions per second), each followed by
  /// its check (the equivalence or speed-up it verified), wrapped and indented.
  ///
  /// - Parameters:
  ///   - results: The results, in the order they ran.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(results).
  public static func renderTable(_ results: [BenchmarkResult], style: TerminalStyle) -> String {
    var table = TextTable(columns: [
      TextTable.Column(title: "Benchmark", alignment: .left),
      TextTable.Column(title: "events", alignment: .right),
      TextTable.Column(title: "seconds", alignment: .right),
      TextTable.Column(title: "events/s", alignment: .right),
      TextTable.Column(title: "sessions/s", alignment: .right),
    ])
    var details: [[String]] = []
    for result in results {
      table.append([
        TextTable.Cell(result.name), TextTable.Cell(DisplayFormat.grouped(result.events)),
        TextTable.Cell(DisplayFormat.fixed(result.seconds, fractionDigits: 3)),
        TextTable.Cell(DisplayFormat.grouped(result.eventsPerSecond)),
        TextTable.Cell(result.sessionsPerSecond.map(DisplayFormat.grouped) ?? "-"),
      ])
      details.append(result.check.map { [$0] } ?? [])
    }
    return CatalogRenderer.render(table, details: details, style: style)
  }
}
