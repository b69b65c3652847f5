import AgentSim

/// The `agentsim` command: dispatches to subcommands, prints help, maps errors to exit statuses.
public enum AgentSimTool {
  /// Every subcommand, in the order the overview lists them.
  public static let commands: [any CLICommand.Type] = [
    BenchCommand.self,
    ValidateCommand.self,
    EstimateCommand.self,
    CalibrateCommand.self,
    CatalogCommand.self,
    RunCommand.self,
    ExplainCommand.self,
    SweepCommand.self,
    OptimizeCommand.self,
    MergeCommand.self,
    CompareCommand.self,
    StudyCommand.self,
  ]

  /// Makes SIGINT and SIGTERM remove any temporary results folder being written before the
  /// process ends (see `ResultsWriter.removeTemporaryFilesOnInterrupt()`). For the executable
  /// only: tests that run commands in-process keep the default signal handling.
  public static func removeTemporaryFilesOnInterrupt() {
    ResultsWriter.removeTemporaryFilesOnInterrupt()
  }

  /// Runs `agentsim` with `arguments` (without the program name).
  ///
  /// - Returns: The exit status: 0 success, 1 failure, 2 bad input.
  public static func main(arguments: [String], context: CommandContext) -> ExitStatus {
    guard let first = arguments.first else {
      context.writeError(overview())
      return .badInput
    }
    if first == "--help" || first == "-h" || first == "help" {
      if first == "help", arguments.count > 1, let command = command(named: arguments[1]) {
        context.writeOutput(HelpFormatter.help(for: command.spec))
      } else {
        context.writeOutput(overview())
      }
      return .success
    }
    if first == "--version" {
      context.print(AgentSimVersion.current)
      return .success
    }
    guard let command = command(named: first) else {
      let suggestion = NearestName.suggestion(for: first, among: commands.map { $0.spec.name })
      context.printError("error: unknown command '\(first)'")
      context.printError(
        suggestion.map { "did you mean 'agentsim \($0)'?" } ?? "see 'agentsim --help'")
      return .badInput
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      context.writeOutput(HelpFormatter.help(for: command.spec))
      return .success
    }
    do {
      let parsed = try ParsedArguments(rest, spec: command.spec)
      let width = TerminalWidth.detect(
        environment: context.environment, isTerminal: context.isOutputTerminal)
      return try TerminalWidth.withWidth(width) { try command.run(parsed, context: context) }
    } catch let error as UsageError {
      context.printError("error: \(error.message)")
      if let suggestion = error.suggestion { context.printError(suggestion) }
      if let name = error.commandName, let command = self.command(named: name) {
        context.printError(HelpFormatter.usage(for: command.spec))
      }
      return .badInput
    } catch let error as DiagnosticError {
      for diagnostic in error.diagnostics { context.printError(diagnostic.description) }
      return .badInput
    } catch let error as Diagnostic {
      context.printError(error.description)
      return .badInput
    } catch let error as CommandFailure {
      context.printError("error: \(error.message)")
      return .failure
    } catch {
      context.printError("error: \(error)")
      return .failure
    }
  }

  static func command(named name: String) -> (any CLICommand.Type)? {
    commands.first { $0.spec.name == name }
  }

  /// The top-level help: what the tool is and its subcommands.
  public static func overview() -> String {
    var text = """
      OVERVIEW: agentsim \(AgentSimVersion.current): simulate the latency of agentic LLM workflows \
      on device, edge and regional placements.

      USAGE: agentsim <subcommand> [options]

      SUBCOMMANDS:

      """
    for command in commands {
      text += HelpFormatter.row(command.spec.name, command.spec.abstract)
    }
    text += """

      OPTIONS:
        -h, --help              Show help information (also 'agentsim <subcommand> --help').
        --version               Show the version.

      EXIT STATUS: 0 success, 1 failure, 2 bad input (usage or an invalid workflow).

      """
    return text
  }
}
