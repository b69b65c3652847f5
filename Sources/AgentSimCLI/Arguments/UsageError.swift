/// A command line that cannot be run as written: exit status 2, with the problem and a suggestion.
public struct UsageError: Error, Equatable, Sendable {
  /// What is wrong, quoting the bad input.
  public var message: String
  /// What to do instead.
  public var suggestion: String?
  /// The command whose usage to show with the error, if any.
  public var commandName: String?

  /// Creates a usage error.
  public init(_ message: String, suggestion: String? = nil, commandName: String? = nil) {
    self.message = message
    self.suggestion = suggestion
    self.commandName = commandName
  }
}

/// A failure while running a well-formed command (a file that cannot be written): exit status 1.
public struct CommandFailure: Error, Equatable, Sendable {
  /// What went wrong.
  public var message: String

  /// Creates a failure.
  public init(_ message: String) {
    self.message = message
  }
}
