/// Helpers for asserting on terminal output without relying on the renderer's own measuring code.
enum TerminalText {
  /// `text` without ANSI SGR sequences (`ESC [ … m`).
  static func strippingEscapes(_ text: String) -> String {
    var result = ""
    var isInEscape = false
    for scalar in text.unicodeScalars {
      if isInEscape {
        if scalar == "m" { isInEscape = false }
        continue
      }
      if scalar == "\u{1B}" {
        isInEscape = true
        continue
      }
      result.unicodeScalars.append(scalar)
    }
    return result
  }

  /// The visible lines of a rendering.
  static func lines(_ text: String) -> [String] {
    strippingEscapes(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// The widest visible line, counted both in grapheme clusters and in Unicode scalars (every
  /// glyph the renderer draws is one scalar and one column wide).
  static func widestLine(_ text: String) -> (graphemes: Int, scalars: Int, line: String) {
    var widest = (graphemes: 0, scalars: 0, line: "")
    for line in lines(text) where max(line.count, line.unicodeScalars.count) > widest.scalars {
      widest = (line.count, line.unicodeScalars.count, line)
    }
    return widest
  }
}
