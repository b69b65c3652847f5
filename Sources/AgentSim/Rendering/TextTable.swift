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
      TextLayout.truncate(text, to: columns[column].maxWidth, ellipsis: ellipsis)
    }
    var widths = columns.indices.map { TextLayout.displayWidth(fitted(columns[$0].title, $0)) }
    for row in rows {
      for (index, cell) in row.enumerated() where index < columns.count {
        let indent = index == 0 ? bodyIndent : 0
        widths[index] = max(widths[index], indent + TextLayout.displayWidth(fitted(cell.text, index)))
      }
    }
    var lines: [String] = []
    let titles = columns.indices.map { Cell(columns[$0].title, tone: $0 == 0 ? titleTone : headingTone) }
    lines.append(line(titles, widths: widths, indent: 0, style: style))
    for row in rows {
      lines.append(line(row, widths: widths, indent: bodyIndent, style: style))
    }
    return lines
  }

  private func line(_ cells: [Cell], widths: [Int], indent: Int, style: TerminalStyle) -> String {
    var text = ""
    for (index, cell) in cells.enumerated() where index < columns.count {
      let column = columns[index]
      let content = TextLayout.truncate(cell.text, to: column.maxWidth, ellipsis: style.ellipsis)
      let lead = index == 0 ? String(repeating: " ", count: indent) : String(repeating: " ", count: column.gap)
      let width = widths[index] - (index == 0 ? indent : 0)
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
