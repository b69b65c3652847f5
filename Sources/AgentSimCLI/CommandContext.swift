import Foundation

/// Where a command writes and what it knows of its surroundings, passed in so commands can run
/// in-process under test with captured output.
public final class CommandContext: @unchecked Sendable {
  /// Writes text to standard output (no newline added).
  public let writeOutput: (String) -> Void
  /// Writes text to standard error (no newline added).
  public let writeError: (String) -> Void
  /// The environment variables (`NO_COLOR`, `AGENTSIM_SHARED`, …).
  public let environment: [String: String]
  /// Whether standard output is a terminal (colour, Unicode, progress bars).
  public let isOutputTerminal: Bool
  /// Whether standard error is a terminal (progress bars).
  public let isErrorTerminal: Bool
  /// The directory relative paths are resolved against.
  public let currentDirectory: URL

  /// Creates a context.
  public init(
    writeOutput: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
    environment: [String: String], isOutputTerminal: Bool, isErrorTerminal: Bool,
    currentDirectory: URL
  ) {
    self.writeOutput = writeOutput
    self.writeError = writeError
    self.environment = environment
    self.isOutputTerminal = isOutputTerminal
    self.isErrorTerminal = isErrorTerminal
    self.currentDirectory = currentDirectory
  }

  /// The context of the running process: its standard streams, environment and directory.
  public static func standard() -> CommandContext {
    CommandContext(
      writeOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
      writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
      environment: ProcessInfo.processInfo.environment,
      isOutputTerminal: isatty(STDOUT_FILENO) != 0,
      isErrorTerminal: isatty(STDERR_FILENO) != 0,
      currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
  }

  /// Writes `line` and a newline to standard output.
  public func print(_ line: String = "") {
    writeOutput(line + "\n")
  }

  /// Writes `line` and a newline to standard error.
  public func printError(_ line: String) {
    writeError(line + "\n")
  }

  /// Whether output may use colour: a terminal, and `NO_COLOR` unset (no-color.org).
  public var usesColor: Bool {
    isOutputTerminal && (environment["NO_COLOR"] ?? "").isEmpty
  }

  /// Resolves a path the user typed against the current directory.
  public func url(forPath path: String) -> URL {
    if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
    return currentDirectory.appendingPathComponent(path)
  }
}
