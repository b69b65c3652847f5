/// `agentsim bench`: placeholder replaced below.
enum BenchCommand: CLICommand {
  static let spec = CommandSpec(name: "bench", abstract: "Measure simulation speed.")
  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    .success
  }
}
