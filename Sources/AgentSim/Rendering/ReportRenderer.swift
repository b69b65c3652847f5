/// Turns a `LatencyReport` into what people read (terminal tables, a histogram, an HTML page) and
/// what machines read (JSON, CSV).
///
/// Every producer is pure: it returns a string or bytes and performs no I/O, so that the CLI and
/// `ResultsWriter` decide where output goes and tests can compare it byte for byte. Terminal
/// renderings fit in 80 columns.
public enum ReportRenderer {
  /// The report as a terminal table: the run's header, the latency summary, where the time went
  /// (by component and by step), the sites' load, throughput, energy and cost, and the verdict.
  ///
  /// Every line fits in 80 columns. Rows and columns that would be all zeros are left out (a
  /// workflow without transfers gets no transfer row; tool-only sites show no batch size).
  ///
  /// - Parameters:
  ///   - report: The report.
  ///   - style: Unicode or ASCII, colour or not (see `TerminalStyle.detect`).
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(steps + sites + placement entries).
  public static func renderTable(_ report: LatencyReport, style: TerminalStyle) -> String {
    joined(
      sections(report, style: style).map { $0.lines }.filter { !$0.isEmpty })
  }

  /// The full terminal report: `renderTable`'s sections with the latency histogram
  /// (`HistogramRenderer`) after the latency summary.
  ///
  /// This is what `agentsim run` prints.
  ///
  /// - Parameters:
  ///   - report: The report.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  /// - Complexity: O(histogram bins + steps + sites + placement entries).
  public static func renderReport(_ report: LatencyReport, style: TerminalStyle) -> String {
    var blocks: [[String]] = []
    for section in sections(report, style: style) where !section.lines.isEmpty {
      blocks.append(section.lines)
      if section.kind == .latency {
        blocks.append(HistogramRenderer.lines(report, style: style))
      }
    }
    return joined(blocks.filter { !$0.isEmpty })
  }

  /// The report's sections in reading order.
  private static func sections(_ report: LatencyReport, style: TerminalStyle) -> [Section] {
    // With no measured session finished, every latency, share, cost and verdict would be a 0
    // standing for "unknown": print the header, the sites' load and why nothing finished.
    guard report.run.sessions > 0 else {
      return [
        Section(kind: .header, lines: headerLines(report, style: style)),
        Section(kind: .sites, lines: siteLines(report, style: style)),
        Section(kind: .verdict, lines: noSessionLines(report, style: style)),
      ]
    }
    return [
      Section(kind: .header, lines: headerLines(report, style: style)),
      Section(kind: .latency, lines: latencyLines(report, style: style)),
      Section(kind: .components, lines: componentLines(report, style: style)),
      Section(kind: .steps, lines: stepLines(report, style: style)),
      Section(kind: .sites, lines: siteLines(report, style: style)),
      Section(kind: .totals, lines: totalsLines(report, style: style)),
      Section(kind: .verdict, lines: verdictLines(report, style: style)),
    ]
  }

  /// What a report with no measured session says instead of figures: why the run stopped (if it
  /// did) and what to change.
  static func noSessionLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    let mark = style.paint(style.missMark, .red)
    return TextLayout.wrap(
      "\(mark) " + noSessionSentence(report.stoppedEarly), width: TextLayout.terminalWidth,
      indent: "  ", ellipsis: style.ellipsis)
  }

  /// What stands in for an empty latency histogram: "no measured sessions", or, when sessions
  /// were measured but every one took no time (a loop of `count: 0`, say), how many.
  static func emptyHistogramNote(_ report: LatencyReport) -> String {
    guard report.hasMeasuredSessions, report.latency.maxMilliseconds == 0 else {
      return "no measured sessions"
    }
    let count = report.run.sessions
    return count == 1
      ? "the 1 session took 0 ms" : "all \(DisplayFormat.grouped(count)) sessions took 0 ms"
  }

  /// Why a report with no measured session gives no figures, and what to change: the verdict's
  /// summary of such a report, in every format.
  ///
  /// - Parameter stop: Why the run stopped early, if it did.
  /// - Returns: One sentence.
  public static func noSessionSentence(_ stop: EarlyStop?) -> String {
    let lead = "no measured session finished, so no latency, budget verdict or cost is given; "
    guard let stop else {
      return lead + "run more sessions (--sessions) or fewer warm-up sessions (--warmup)"
    }
    return lead + stop.sentence
  }

  /// Blocks of lines separated by one blank line, every line ending in a newline.
  private static func joined(_ blocks: [[String]]) -> String {
    blocks.map { $0.joined(separator: "\n") + "\n" }.joined(separator: "\n")
  }

  private struct Section {
    enum Kind {
      case header
      case latency
      case components
      case steps
      case sites
      case totals
      case verdict
    }

    var kind: Kind
    var lines: [String]
  }
}
