/// Measuring, padding, cutting and wrapping terminal text by the columns it occupies.
///
/// Widths are counted per grapheme cluster (what a terminal draws as one glyph), skipping ANSI
/// escape sequences; East Asian wide characters and emoji count two columns, controls none. Byte
/// or scalar counts would misalign every table that contains `µ`, `…` or an accented name.
enum TextLayout {
  /// The width every terminal rendering fits in: 80 columns unless the command runs inside
  /// `TerminalWidth.withWidth(_:_:)` (the CLI passes `COLUMNS` or the terminal's size). A task
  /// local rather than a global, so concurrent renderings (tests, sweeps) never see each other's.
  @TaskLocal static var terminalWidth = TerminalWidth.standard

  /// The columns `text` occupies in a terminal.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func displayWidth(_ text: String) -> Int {
    var width = 0
    var isInEscape = false
    for character in text {
      if isInEscape {
        // An SGR sequence ends at its final byte, a letter.
        if character.isLetter { isInEscape = false }
        continue
      }
      if character == "\u{1B}" {
        isInEscape = true
        continue
      }
      width += columns(of: character)
    }
    return width
  }

  /// The columns one grapheme cluster occupies.
  static func columns(of character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    if first.properties.generalCategory == .control { return 0 }
    if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    if first.properties.isEmojiPresentation || isWide(first.value) { return 2 }
    return 1
  }

  /// `text` padded with spaces on the right to `width` columns.
  static func padRight(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - displayWidth(text)))
  }

  /// `text` padded with spaces on the left to `width` columns.
  static func padLeft(_ text: String, to width: Int) -> String {
    String(repeating: " ", count: max(0, width - displayWidth(text))) + text
  }

  /// `text` cut to at most `width` columns by dropping its middle: the start and the end are
  /// kept (the end's share rounded down), joined by `ellipsis`. `text` must be plain.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func truncateMiddle(_ text: String, to width: Int, ellipsis: String) -> String {
    guard displayWidth(text) > width else { return text }
    let room = width - displayWidth(ellipsis)
    guard room > 1 else { return truncate(text, to: width, ellipsis: ellipsis) }
    let head = truncate(text, to: room - room / 2, ellipsis: "")
    var tail = ""
    var used = 0
    for character in text.reversed() {
      let columns = columns(of: character)
      if used + columns > room / 2 { break }
      tail.insert(character, at: tail.startIndex)
      used += columns
    }
    return head + ellipsis + tail
  }

  /// `text` cut to at most `width` columns, ending in `ellipsis` when cut. `text` must be plain
  /// (no escape codes).
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func truncate(_ text: String, to width: Int, ellipsis: String) -> String {
    guard displayWidth(text) > width else { return text }
    let room = width - displayWidth(ellipsis)
    guard room > 0 else { return String(text.prefix(max(width, 0))) }
    var result = ""
    var used = 0
    for character in text {
      let columns = columns(of: character)
      if used + columns > room { break }
      result.append(character)
      used += columns
    }
    return result + ellipsis
  }

  /// `text` broken into lines of at most `width` columns at spaces; continuation lines start with
  /// `indent`. Words longer than a line are cut with `ellipsis`. `text` must be plain.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func wrap(_ text: String, width: Int, indent: String = "", ellipsis: String) -> [String] {
    var lines: [String] = []
    var current = ""
    // The first line keeps its own leading spaces (a note indented under a table).
    let leading = String(text.prefix { $0 == " " })
    for word in unbreakableWords(text) {
      let prefix = lines.isEmpty ? leading : indent
      let candidate = current.isEmpty ? prefix + word : current + " " + word
      if displayWidth(candidate) <= width {
        current = candidate
        continue
      }
      if !current.isEmpty { lines.append(current) }
      let fresh = indent + word
      current = truncate(fresh, to: width, ellipsis: ellipsis)
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }

  /// The words of `text` for wrapping, with a unit kept on the line of the number it follows
  /// ("320 ms", "1.54 J"), so that no line ends in a bare number.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func unbreakableWords(_ text: String) -> [String] {
    var words: [String] = []
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let unit = word.trimmingCharacters(in: .punctuationCharacters.subtracting(["%", "/"]))
      if let last = words.last, last.last?.isNumber == true, units.contains(unit) {
        words[words.count - 1] = last + " " + word
      } else {
        words.append(String(word))
      }
    }
    return words
  }

  /// Units that `DisplayFormat` prints after a number.
  static let units: Set<String> = [
    "ns", "µs", "ms", "s", "min", "h", "J", "kJ", "W", "B", "kB", "MB", "GB", "TB", "%",
    "tokens", "tok/s", "req/s", "sessions/s",
  ]

  /// Catalog prose in ASCII: the symbols its sources use spelled out (`η` as `eta`, `×` as `x`,
  /// `§` as `S`, dashes and quotes plain), so that an ASCII terminal reads words, not `?`. What
  /// is left non-ASCII still becomes `?` in `sanitize`.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func asciiTransliteration(_ text: String) -> String {
    let replacements: [Character: String] = [
      "η": "eta", "α": "alpha", "µ": "u", "μ": "u", "×": "x", "§": "S", "–": "-", "—": "-",
      "≈": "~", "≤": "<=", "≥": ">=", "’": "'", "‘": "'", "“": "\"", "”": "\"", "…": "...",
      "→": "->", "·": "-", "±": "+/-",
    ]
    var result = ""
    for character in text {
      if let replacement = replacements[character] {
        result += replacement
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// A user-supplied name made safe to print: controls and bidirectional overrides (which could
  /// move the cursor or reorder the line) become `?`, and so does every non-ASCII character when
  /// Unicode is off.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func sanitize(_ text: String, unicode: Bool) -> String {
    var result = ""
    for character in text {
      let isUnsafe = character.unicodeScalars.contains { scalar in
        scalar.properties.generalCategory == .control
          || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
      }
      let isRefused = !unicode && !character.isASCII
      result.append(isUnsafe || isRefused ? "?" : character)
    }
    return result
  }

  /// Whether a scalar is East Asian Wide or Fullwidth (Unicode Standard Annex #11), for the
  /// blocks names are likely to use.
  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      true
    default:
      false
    }
  }
}
