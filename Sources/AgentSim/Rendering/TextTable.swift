/// A small column layout for terminal tables: a title row, body rows, per-column alignment and
/// width limits, optional emphasis per cell.
///
/// Widths are measured in display columns (`TextLayout`), and emphasis is applied after padding,
/// so colour never shifts a column.
struct TextTable {
  /// How a column's cells line up.
  enum Alignment {
    case left
    case right
  }

  /// One column.
  struct Column {
    var title: String
    var alignment: Alignment
    /// Widest the column may get; longer cells are cut with an ellipsis.
    var maxWidth: Int = .max
    /// Spaces before the column (ignored for the first).
    var gap: Int = 2
    /// Whether the column may be narrowed to fit the terminal (names yes, flags no).
    var canShrink = true
    /// Where a cut cell loses its characters.
    var truncation: Truncation = .tail
  }

  /// Where a cell too wide for its column is cut.
  enum Truncation {
    /// Keep the start: names read left to right.
    case tail
    /// Keep both ends: dotted keys (`sites.edge.prefix_cache.ttl_s`) differ at their start and
    /// say what they set at their end, so the middle is what a reader can spare.
    case middle
  }

  /// `text` cut to `width` columns the way `column` cuts.
  private static func cut(
    _ text: String, to width: Int, _ column: Column, ellipsis: String
  ) -> String {
    switch column.truncation {
    case .tail: TextLayout.truncate(text, to: width, ellipsis: ellipsis)
    case .middle: TextLayout.truncateMiddle(text, to: width, ellipsis: ellipsis)
    }
  }

  /// One cell: plain text and its emphasis.
  struct Cell: ExpressibleByStringLiteral {
    var text: String
    var tone: TerminalStyle.Tone?

    init(_ text: String, tone: TerminalStyle.Tone? = nil) {
      self.text = text
      self.tone = tone
    }

    init(stringLiteral value: String) {
      self.init(value)
    }
  }

  var columns: [Column]
  var rows: [[Cell]] = []
  /// Emphasis for the title row: the first title (the section's name) and the others.
  var titleTone: TerminalStyle.Tone? = .bold
  var headingTone: TerminalStyle.Tone? = .dim
  /// Spaces before the first column of body rows, so rows sit under the section title.
  var bodyIndent = 2

  init(columns: [Column]) {
    self.columns = columns
  }

  mutating func append(_ row: [Cell]) {
    rows.append(row)
  }

  /// The table's lines, trailing spaces removed.
  ///
  /// - Complexity: O(rows × columns).
  func render(style: TerminalStyle) -> [String] {
    let ellipsis = style.ellipsis
    func fitted(_ text: String, _ column: Int) -> String {
      Self.cut(text, to: columns[column].maxWidth, columns[column], ellipsis: ellipsis)
    }
    var widths = columns.indices.map { TextLayout.displayWidth(fitted(columns[$0].title, $0)) }
    for row in rows {
      for (index, cell) in row.enumerated() where index < columns.count {
        let indent = index == 0 ? bodyIndent : 0
        widths[index] = max(
          widths[index], indent + TextLayout.displayWidth(fitted(cell.text, index)))
      }
    }
    var gaps = columns.map(\.gap)
    shrink(&widths, gaps: &gaps)
    var lines: [String] = []
    let titles = columns.indices.map {
      Cell(columns[$0].title, tone: $0 == 0 ? titleTone : headingTone)
    }
    lines.append(line(titles, widths: widths, gaps: gaps, indent: 0, style: style))
    for row in rows {
      lines.append(line(row, widths: widths, gaps: gaps, indent: bodyIndent, style: style))
    }
    return lines
  }

  /// Makes the table fit the terminal: first closes the gaps between columns to one space (a
  /// label cut to "end to …" reads worse than a tighter table), then narrows text (left-aligned)
  /// columns, widest first. Numbers are never cut: a truncated number is a wrong number.
  private func shrink(_ widths: inout [Int], gaps: inout [Int]) {
    let minimumWidth = 6
    func total() -> Int {
      widths.enumerated().reduce(0) {
        $0 + $1.element + ($1.offset == 0 ? 0 : gaps[$1.offset])
      }
    }
    var excess = total() - TextLayout.terminalWidth
    if excess > 0 {
      // All gaps at once: a table whose first gaps alone were closed reads as misaligned.
      for index in gaps.indices.dropFirst() where gaps[index] > 1 {
        excess -= gaps[index] - 1
        gaps[index] = 1
      }
    }
    while excess > 0 {
      let candidates = columns.indices.filter {
        columns[$0].alignment == .left && columns[$0].canShrink
          && widths[$0] - ($0 == 0 ? bodyIndent : 0) > minimumWidth
      }
      guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
      widths[widest] -= 1
      excess -= 1
    }
  }

  private func line(
    _ cells: [Cell], widths: [Int], gaps: [Int], indent: Int, style: TerminalStyle
  ) -> String {
    var text = ""
    for (index, cell) in cells.enumerated() where index < columns.count {
      let column = columns[index]
      let lead = String(repeating: " ", count: index == 0 ? indent : gaps[index])
      let width = widths[index] - (index == 0 ? indent : 0)
      let content = Self.cut(
        cell.text, to: min(column.maxWidth, width), column, ellipsis: style.ellipsis)
      let padding = String(repeating: " ", count: max(0, width - TextLayout.displayWidth(content)))
      switch column.alignment {
      case .left: text += lead + style.paint(content, cell.tone) + padding
      case .right: text += lead + padding + style.paint(content, cell.tone)
      }
    }
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
