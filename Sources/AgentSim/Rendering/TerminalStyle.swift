/// How a terminal rendering may look: Unicode or plain ASCII, with or without ANSI colour.
///
/// Renderers never emit an escape code when `color` is false and never emit a non-ASCII character
/// when `unicode` is false (user-supplied names included: their non-ASCII characters print as `?`).
public struct TerminalStyle: Hashable, Sendable {
  /// Whether Unicode may be used: box drawing, eighth-block bars, `✓`/`✗`, `µs`, `…`.
  public var unicode: Bool
  /// Whether ANSI colour and emphasis may be used (red for a miss, green for a pass, dim for
  /// secondary text).
  public var color: Bool

  /// Creates a style.
  ///
  /// - Parameters:
  ///   - unicode: Whether Unicode may be used.
  ///   - color: Whether ANSI escape codes may be used.
  public init(unicode: Bool, color: Bool) {
    self.unicode = unicode
    self.color = color
  }

  /// Unicode without colour: what goes into files and goldens.
  public static let unicodePlain = TerminalStyle(unicode: true, color: false)
  /// ASCII without colour: safe for any terminal, log file or pipe.
  public static let asciiPlain = TerminalStyle(unicode: false, color: false)

  /// The style for an output stream, from the environment.
  ///
  /// - Colour is on only when the output is a terminal and `NO_COLOR` is unset or empty
  ///   (no-color.org).
  /// - Unicode is on unless `AGENTSIM_ASCII` is `1` (or `true`/`yes`), or the locale's character
  ///   set is not UTF-8. The locale is the first non-empty of `LC_ALL`, `LC_CTYPE` and `LANG`, the
  ///   order in which POSIX resolves the character set; no locale at all means the ASCII `C`
  ///   locale.
  ///
  /// - Parameters:
  ///   - environment: The environment variables.
  ///   - isTerminal: Whether the output stream is a terminal.
  /// - Returns: The style to render with.
  public static func detect(environment: [String: String], isTerminal: Bool) -> TerminalStyle {
    let color = isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    let forcesASCII = ["1", "true", "yes"].contains(
      (environment["AGENTSIM_ASCII"] ?? "").lowercased())
    let locale =
      ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }
      .first { !$0.isEmpty } ?? ""
    let normalized = locale.lowercased().replacingOccurrences(of: "-", with: "")
    let isUTF8 = normalized.contains("utf8")
    return TerminalStyle(unicode: isUTF8 && !forcesASCII, color: color)
  }
}
