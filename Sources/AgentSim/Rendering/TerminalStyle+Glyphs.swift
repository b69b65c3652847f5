extension TerminalStyle {
  /// Marks a target that holds.
  var passMark: String { unicode ? "✓" : "PASS" }
  /// Marks a target that is missed.
  var missMark: String { unicode ? "✗" : "MISS" }
  /// Marks a warning (a site near capacity).
  var warningMark: String { "!" }
  /// Separates items on one line.
  var separator: String { unicode ? " · " : " - " }
  /// Stands for text cut short.
  var ellipsis: String { unicode ? "…" : "..." }
  /// Joins the ends of a range.
  var rangeDash: String { unicode ? " – " : " - " }
  /// Points at a histogram row from the right margin.
  var markerArrow: String { unicode ? "◀" : "<" }
  /// Frames a histogram bar.
  var barFrame: String { unicode ? "│" : "|" }
  /// Says "at most" in a budget target.
  var atMost: String { unicode ? "≤" : "<=" }
  /// Says "at least".
  var atLeast: String { unicode ? "≥" : ">=" }
  /// Multiplication sign for executions per session.
  var times: String { unicode ? "×" : "x" }
  /// Stands for a value that does not apply.
  var notApplicable: String { unicode ? "–" : "-" }
}
