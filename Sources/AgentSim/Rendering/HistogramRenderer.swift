/// Draws the latency histogram for a terminal: one row per (merged) log-spaced bin, with a bar,
/// the count and the fraction of sessions, and markers for p50, p99 and the budget targets.
///
/// ```
/// Latency distribution  10,000 sessions, log-spaced bins
///   1.00 s – 1.26 s │██████████████▌      │  2,113  21.1%  ◀ p50
///   2.51 s – 3.16 s │▊                    │     88   0.9%  ◀ p99, budget p99 3 s
/// ```
///
/// Bars use eighth blocks (`▏▎▍▌▋▊▉█`) for sub-character resolution, or `#` in ASCII; rows whose
/// latencies all exceed a budget target are red when colour is on. Every line fits in 80 columns.
public enum HistogramRenderer {
  /// The most rows `render` draws by default: enough to show a distribution's shape, few enough
  /// to fit on a screen with the table.
  public static let defaultMaximumRows = 30

  /// The report's histogram, drawn for a terminal.
  ///
  /// - Parameters:
  ///   - report: The report; its `histogram`, `latency` and `verdict.checks` are drawn.
  ///   - style: Unicode or ASCII, colour or not.
  ///   - maximumRows: At most this many rows (adjacent bins are merged to fit; at least 1).
  /// - Returns: The lines, each ending in a newline; a one-line note when there are no sessions.
  /// - Complexity: O(bins).
  public static func render(
    _ report: LatencyReport, style: TerminalStyle, maximumRows: Int = defaultMaximumRows
  ) -> String {
    lines(report, style: style, maximumRows: maximumRows).joined(separator: "\n") + "\n"
  }

  /// `bins` without the empty bins at either end, with groups of adjacent bins merged so that at
  /// most `maximumRows` remain.
  ///
  /// Merging `k` adjacent log-spaced bins gives log-spaced bins again, so the shape is kept; the
  /// counts add up to the original total.
  ///
  /// - Parameters:
  ///   - bins: Bins in increasing order of latency.
  ///   - maximumRows: The most bins to return (at least 1).
  /// - Returns: The merged bins; empty when every bin is empty.
  /// - Complexity: O(bins).
  public static func rebinned(_ bins: [HistogramBin], maximumRows: Int) -> [HistogramBin] {
    guard let first = bins.firstIndex(where: { $0.count > 0 }),
      let last = bins.lastIndex(where: { $0.count > 0 })
    else { return [] }
    let used = Array(bins[first...last])
    let groupSize = (used.count + max(maximumRows, 1) - 1) / max(maximumRows, 1)
    guard groupSize > 1 else { return used }
    return stride(from: 0, to: used.count, by: groupSize).map { start in
      let group = used[start..<min(start + groupSize, used.count)]
      return HistogramBin(
        lowerMilliseconds: group.first?.lowerMilliseconds ?? 0,
        upperMilliseconds: group.last?.upperMilliseconds ?? 0,
        count: group.reduce(0) { $0 + $1.count })
    }
  }

  /// The histogram's lines, without trailing newlines.
  static func lines(
    _ report: LatencyReport, style: TerminalStyle, maximumRows: Int = defaultMaximumRows
  ) -> [String] {
    let rows = rebinned(report.histogram, maximumRows: maximumRows)
    let total = rows.reduce(0) { $0 + $1.count }
    let heading = style.paint("Latency distribution", .bold)
    guard total > 0, let firstRow = rows.first, let lastRow = rows.last else {
      return [heading + "  " + style.paint(ReportRenderer.emptyHistogramNote(report), .dim)]
    }
    let unicode = style.unicode
    func duration(_ milliseconds: Double) -> String {
      DisplayFormat.duration(milliseconds: milliseconds, unicode: unicode)
    }

    // Markers: the percentiles, then the end-to-end budget targets (TTFT targets measure
    // something else and would mislead on this axis).
    var markers: [(label: String, milliseconds: Double)] = [
      ("p50", report.latency.p50Milliseconds), ("p99", report.latency.p99Milliseconds),
    ]
    var targets: [Double] = []
    var notes: [String] = []
    for check in report.verdict.checks where !check.metric.lowercased().hasPrefix("ttft") {
      let metric = TextLayout.sanitize(check.metric, unicode: unicode)
      let label =
        "budget \(metric) "
        + DisplayFormat.duration(
          milliseconds: check.targetMilliseconds, unicode: unicode, trimsTrailingZeros: true)
      targets.append(check.targetMilliseconds)
      if check.targetMilliseconds < firstRow.lowerMilliseconds {
        notes.append(
          "\(label) is below every session (fastest \(duration(firstRow.lowerMilliseconds)))")
      } else if check.targetMilliseconds > lastRow.upperMilliseconds {
        notes.append(
          "\(label) is above every session (max \(duration(report.latency.maxMilliseconds)))")
      } else {
        markers.append((label, check.targetMilliseconds))
      }
    }
    var labels = Array(repeating: [String](), count: rows.count)
    for marker in markers {
      if let index = rowIndex(containing: marker.milliseconds, in: rows) {
        labels[index].append(marker.label)
      }
    }

    // Column widths, then whatever is left for the bar.
    let lowers = rows.map { duration($0.lowerMilliseconds) }
    let uppers = rows.map { duration($0.upperMilliseconds) }
    let lowerWidth = lowers.map(TextLayout.displayWidth).max() ?? 0
    let upperWidth = uppers.map(TextLayout.displayWidth).max() ?? 0
    let counts = rows.map { DisplayFormat.grouped($0.count) }
    let countWidth = counts.map(TextLayout.displayWidth).max() ?? 1
    let labelWidth = lowerWidth + TextLayout.displayWidth(style.rangeDash) + upperWidth
    let percentWidth = 6
    let fixedWidth = 2 + labelWidth + 1 + 1 + 1 + 2 + countWidth + 2 + percentWidth
    let minimumBar = 16
    let markerTexts = labels.map {
      $0.isEmpty ? "" : "\(style.markerArrow) " + $0.joined(separator: ", ")
    }
    let widestMarker = markerTexts.map(TextLayout.displayWidth).max() ?? 0
    let markerRoom = widestMarker == 0 ? 0 : 2 + widestMarker
    let markerWidth = min(markerRoom, max(0, TextLayout.terminalWidth - fixedWidth - minimumBar))
    let barWidth = min(max(TextLayout.terminalWidth - fixedWidth - markerWidth, 4), 48)
    let largest = rows.map(\.count).max() ?? 1

    var lines = [
      heading + "  "
        + style.paint("\(DisplayFormat.grouped(total)) sessions, log-spaced bins", .dim)
    ]
    // Red marks the sessions slower than the loosest end-to-end target (the tail budget): a row
    // over a p50 target alone is not a miss, since half of the sessions may be there.
    let tailTarget = targets.max()
    for (index, row) in rows.enumerated() {
      let range =
        TextLayout.padLeft(lowers[index], to: lowerWidth) + style.rangeDash
        + TextLayout.padRight(uppers[index], to: upperWidth)
      let bar = drawBar(count: row.count, largest: largest, width: barWidth, unicode: unicode)
      let isOverBudget = tailTarget.map { row.lowerMilliseconds >= $0 } ?? false
      let paddedBar =
        style.paint(bar, isOverBudget ? .red : nil)
        + String(repeating: " ", count: max(0, barWidth - TextLayout.displayWidth(bar)))
      let fraction = Double(row.count) / Double(total)
      let percent = row.count > 0 && fraction < 0.0005 ? "<0.1%" : DisplayFormat.percent(fraction)
      var line =
        "  " + range + " " + style.barFrame + paddedBar + style.barFrame + "  "
        + style.paint(
          TextLayout.padLeft(counts[index], to: countWidth), row.count == 0 ? .dim : nil)
        + "  " + style.paint(TextLayout.padLeft(percent, to: percentWidth), .dim)
      if !markerTexts[index].isEmpty, markerWidth > 2 {
        let marker = TextLayout.truncate(
          markerTexts[index], to: markerWidth - 2, ellipsis: style.ellipsis)
        line +=
          "  "
          + style.paint(marker, labels[index].contains { $0.hasPrefix("budget") } ? .yellow : .bold)
      }
      lines.append(line)
    }
    for note in notes {
      lines += TextLayout.wrap(
        "  " + note, width: TextLayout.terminalWidth, indent: "    ", ellipsis: style.ellipsis
      ).map { style.paint($0, .dim) }
    }
    return lines
  }

  /// The row whose range holds `milliseconds`: [lower, upper), the last row closed on the right.
  static func rowIndex(containing milliseconds: Double, in rows: [HistogramBin]) -> Int? {
    if let index = rows.firstIndex(where: {
      $0.lowerMilliseconds <= milliseconds && milliseconds < $0.upperMilliseconds
    }) {
      return index
    }
    if let last = rows.last, milliseconds == last.upperMilliseconds { return rows.count - 1 }
    return nil
  }

  /// A bar of `count / largest × width` columns, in eighths of a column when Unicode is on; a
  /// non-empty bin always gets a sliver, so that rare tail sessions stay visible.
  static func drawBar(count: Int, largest: Int, width: Int, unicode: Bool) -> String {
    guard count > 0, largest > 0 else { return "" }
    let ratio = Double(count) / Double(largest)
    if !unicode {
      let cells = max(1, Int((ratio * Double(width)).rounded()))
      return String(repeating: "#", count: min(cells, width))
    }
    let eighths = min(max(1, Int((ratio * Double(width * 8)).rounded())), width * 8)
    let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    return String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
  }
}
