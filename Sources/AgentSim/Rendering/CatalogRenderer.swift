import Foundation

/// Renders the catalogs (`agentsim catalog`) as terminal tables: one row per entry through
/// `TextTable` (columns fit the terminal's width, names narrow before numbers, ASCII when the
/// style says so), each row followed by its parameters, source and calibration, wrapped.
public enum CatalogRenderer {
  /// The hardware table: memory, bandwidth, peaks, power and price, then efficiencies, compute
  /// units, default engine, source and calibration under each row.
  ///
  /// - Parameters:
  ///   - entries: The hardware profiles, in catalog order.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(entries).
  public static func hardware(_ entries: [HardwareProfile], style: TerminalStyle) -> String {
    var table = TextTable(columns: [
      TextTable.Column(title: "Hardware", alignment: .left),
      TextTable.Column(title: "tier", alignment: .left, canShrink: false),
      TextTable.Column(title: "GB", alignment: .right),
      TextTable.Column(title: "GB/s", alignment: .right),
      TextTable.Column(title: "16b TF", alignment: .right),
      TextTable.Column(title: "fp8 TF", alignment: .right),
      TextTable.Column(title: "W", alignment: .right),
      TextTable.Column(title: "$/h", alignment: .right),
    ])
    var details: [[String]] = []
    for entry in entries {
      table.append([
        TextTable.Cell(entry.name), TextTable.Cell(entry.tier.rawValue),
        TextTable.Cell(number(entry.memoryGigabytes)),
        TextTable.Cell(number(entry.memoryBandwidthGigabytesPerSecond)),
        TextTable.Cell(entry.peakThroughput.sixteenBit.map(number) ?? "-"),
        TextTable.Cell(entry.peakThroughput.fp8.map(number) ?? "-"),
        TextTable.Cell(number(entry.activePowerWatts)),
        TextTable.Cell(
          entry.pricePerHour.map { DisplayFormat.fixed($0, fractionDigits: 2) } ?? "-"),
      ])
      details.append([
        "η_mem \(efficiency(entry.memoryEfficiency)), η_compute "
          + "\(efficiency(entry.computeEfficiency)) (8/4-bit "
          + "\(efficiency(entry.computeEfficiency(on: .fp8)))); units "
          + entry.backends.map(\.rawValue).joined(separator: ", ") + "; default engine "
          + Catalog.defaultEngineKind(for: entry).rawValue,
        "source: " + entry.source,
        "calibration: " + entry.calibration,
      ])
    }
    return render(table, details: details, style: style)
  }

  /// The model table: parameters (total and active per token, billions), shape and context
  /// window, then the source under each row.
  ///
  /// - Parameters:
  ///   - entries: The model architectures, in catalog order.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(entries).
  public static func models(_ entries: [ModelArchitecture], style: TerminalStyle) -> String {
    var table = TextTable(columns: [
      TextTable.Column(title: "Models", alignment: .left),
      TextTable.Column(title: "total B", alignment: .right),
      TextTable.Column(title: "act B", alignment: .right),
      TextTable.Column(title: "layers", alignment: .right),
      TextTable.Column(title: "hidden", alignment: .right),
      TextTable.Column(title: "heads", alignment: .right),
      TextTable.Column(title: "kv", alignment: .right),
      TextTable.Column(title: "context", alignment: .right),
    ])
    var details: [[String]] = []
    for entry in entries {
      table.append([
        TextTable.Cell(entry.name),
        TextTable.Cell(DisplayFormat.fixed(entry.totalParameters / 1e9, fractionDigits: 2)),
        TextTable.Cell(
          DisplayFormat.fixed(
            (entry.activeParametersPerToken + entry.embeddingParameters) / 1e9, fractionDigits: 2)),
        TextTable.Cell("\(entry.layers)"), TextTable.Cell(DisplayFormat.grouped(entry.hiddenSize)),
        TextTable.Cell("\(entry.attentionHeads)"), TextTable.Cell("\(entry.kvHeads)"),
        TextTable.Cell(DisplayFormat.grouped(entry.maxContextTokens)),
      ])
      details.append(["source: " + entry.source])
    }
    return render(table, details: details, style: style)
  }

  /// The link table: round-trip times, bandwidths and connection setup, then the source under
  /// each row.
  ///
  /// - Parameters:
  ///   - entries: The link profiles, in catalog order.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(entries).
  public static func links(_ entries: [LinkProfile], style: TerminalStyle) -> String {
    var table = TextTable(columns: [
      TextTable.Column(title: "Links", alignment: .left),
      TextTable.Column(title: "p50 ms", alignment: .right),
      TextTable.Column(title: "p99 ms", alignment: .right),
      TextTable.Column(title: "up Mb/s", alignment: .right),
      TextTable.Column(title: "down Mb/s", alignment: .right),
      TextTable.Column(title: "setup ms", alignment: .right),
    ])
    var details: [[String]] = []
    for entry in entries {
      table.append([
        TextTable.Cell(entry.name), TextTable.Cell(number(entry.rttMedianMilliseconds)),
        TextTable.Cell(number(entry.rttP99Milliseconds)),
        TextTable.Cell(number(entry.uplinkMegabitsPerSecond)),
        TextTable.Cell(number(entry.downlinkMegabitsPerSecond)),
        TextTable.Cell(number(entry.perRequestOverheadMilliseconds)),
      ])
      details.append(["source: " + entry.source])
    }
    return render(table, details: details, style: style)
  }

  /// The serving-engine table: overheads per request, iteration and layer, attention efficiency,
  /// quantized compute path, KV format and unit, then CUDA graphs, source and calibration.
  ///
  /// - Parameters:
  ///   - entries: The engine profiles, in catalog order.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(entries).
  public static func engines(_ entries: [EngineProfile], style: TerminalStyle) -> String {
    var table = TextTable(columns: [
      TextTable.Column(title: "Engines", alignment: .left),
      TextTable.Column(title: "req ms", alignment: .right),
      TextTable.Column(title: "iter ms", alignment: .right),
      TextTable.Column(title: "lay ms", alignment: .right),
      TextTable.Column(title: "attn", alignment: .right),
      TextTable.Column(title: "q path", alignment: .left, canShrink: false),
      TextTable.Column(title: "kv", alignment: .left, canShrink: false),
      TextTable.Column(title: "unit", alignment: .left, canShrink: false),
    ])
    var details: [[String]] = []
    for entry in entries {
      table.append([
        TextTable.Cell(entry.name), TextTable.Cell(number(entry.requestOverheadMilliseconds)),
        TextTable.Cell(number(entry.iterationOverheadMilliseconds)),
        TextTable.Cell(number(entry.layerOverheadMilliseconds)),
        TextTable.Cell(number(entry.attentionEfficiency)),
        TextTable.Cell(entry.quantizedComputePath.rawValue),
        TextTable.Cell(entry.defaultKVPrecision.rawValue),
        TextTable.Cell(entry.defaultBackend.rawValue),
      ])
      details.append([
        "CUDA graphs: " + (entry.usesCUDAGraphs ? "yes" : "no")
          // Only user engines turn it on; the built-in lines stay as they were.
          + (entry.asyncScheduling ? "; async scheduling: yes" : ""),
        "source: " + entry.source,
        "calibration: " + entry.calibration,
      ])
    }
    return render(table, details: details, style: style)
  }

  /// The table's title line, then each row followed by its detail lines (wrapped to the
  /// terminal's width, indented four spaces, in ASCII when the style asks).
  ///
  /// Only names narrow (`TextTable` never cuts a number); when the table is still too wide,
  /// numeric columns go from the right and a note names them, as `explain` does.
  static func render(_ table: TextTable, details: [[String]], style: TerminalStyle) -> String {
    var table = table
    var dropped: [String] = []
    var lines = table.render(style: style)
    func isTooWide(_ lines: [String]) -> Bool {
      lines.contains { TextLayout.displayWidth($0) > TextLayout.terminalWidth }
    }
    while isTooWide(lines),
      let last = table.columns.indices.last(where: {
        $0 > 0 && table.columns[$0].alignment == .right
      })
    {
      dropped.insert(table.columns[last].title, at: 0)
      table.columns.remove(at: last)
      table.rows = table.rows.map { row in
        row.enumerated().filter { $0.offset != last }.map(\.element)
      }
      lines = table.render(style: style)
    }
    var output = [lines[0]]
    for (row, line) in lines.dropFirst().enumerated() {
      output.append(line)
      for detail in details[row] {
        let text = TextLayout.sanitize(
          style.unicode ? detail : TextLayout.asciiTransliteration(detail), unicode: style.unicode)
        output += TextLayout.wrap(
          "    " + text, width: TextLayout.terminalWidth, indent: "    ",
          ellipsis: style.ellipsis
        ).map { style.paint($0, .dim) }
      }
    }
    if !dropped.isEmpty {
      output += TextLayout.wrap(
        "note: \(TextLayout.terminalWidth) columns leave no room for "
          + dropped.joined(separator: ", ") + "; widen the terminal or use --format json",
        width: TextLayout.terminalWidth, indent: "      ", ellipsis: style.ellipsis)
    }
    return output.joined(separator: "\n") + "\n"
  }

  /// An efficiency with three decimals.
  static func efficiency(_ value: Double) -> String {
    DisplayFormat.fixed(value, fractionDigits: 3)
  }

  /// A catalog number as its source gives it: integers whole, others with three significant
  /// digits (no exponent).
  static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e7 { return DisplayFormat.grouped(value) }
    return value >= 100
      ? DisplayFormat.grouped(value) : DisplayFormat.significant(value, 3, trimsTrailingZeros: true)
  }
}
