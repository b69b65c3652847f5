import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The width terminal renderings fit in: 80 columns by default, or the user's terminal.
public enum TerminalWidth {
  /// The width of every rendering unless told otherwise, and of every golden file.
  public static let standard = 80

  /// The narrowest width honoured; narrower requests render at this width.
  public static let minimum = 40

  /// The width to render at: `COLUMNS` when it is a number, else the terminal's width when
  /// standard output is a terminal, else `standard`.
  ///
  /// - Parameters:
  ///   - environment: The environment variables.
  ///   - isTerminal: Whether standard output is a terminal.
  /// - Returns: The width, at least `minimum`.
  public static func detect(environment: [String: String], isTerminal: Bool) -> Int {
    if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 {
      return max(columns, minimum)
    }
    guard isTerminal else { return standard }
    var size = winsize()
    // TIOCGWINSZ asks the terminal driver for the window's size; 0 columns means it does not know.
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
      return standard
    }
    return max(Int(size.ws_col), minimum)
  }

  /// Runs `body` with terminal renderings fitted to `width` columns (clamped to `minimum`).
  ///
  /// - Parameters:
  ///   - width: The width in columns.
  ///   - body: The work that renders.
  /// - Returns: What `body` returns.
  public static func withWidth<Result>(_ width: Int, _ body: () throws -> Result) rethrows
    -> Result
  {
    try TextLayout.$terminalWidth.withValue(max(width, minimum)) { try body() }
  }
}
