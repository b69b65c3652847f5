/// One subcommand of `agentsim`.
public protocol CLICommand {
  /// What the command accepts; help and parsing come from it.
  static var spec: CommandSpec { get }

  /// Runs the command with parsed arguments.
  ///
  /// - Returns: The exit status (`ExitStatus`).
  /// - Throws: `UsageError` (status 2), `DiagnosticError` (status 2) or `CommandFailure` (status 1).
  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus
}

/// The documented exit statuses of `agentsim`.
public enum ExitStatus: Int32, Sendable {
  /// The command did what was asked (a run whose verdict misses its budget still succeeds).
  case success = 0
  /// The command could not complete (an unwritable results folder, an infeasible simulation).
  case failure = 1
  /// The input was bad: a usage error or an invalid workflow; nothing was run or written.
  case badInput = 2
}
