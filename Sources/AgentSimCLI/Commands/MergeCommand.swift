import AgentSim
import Foundation

/// `agentsim merge`: combines the JSON-lines files of a sharded sweep into its report.
enum MergeCommand: CLICommand {
  static let spec = CommandSpec(
    name: "merge",
    abstract: "Combine the shards of 'agentsim sweep --shard i/n' into the sweep's report.",
    discussion: """
      Reads every points-I-of-N.jsonl in the given folders (or the files themselves), checks \
      that they are the N shards of one sweep (same workflow digest, seed, sessions, --vary, \
      candidates and options; each shard exactly once) and prints exactly the report the \
      unsharded sweep prints, writing the same results folder unless --no-write. Run the shards \
      anywhere: a Slurm job array or a Kubernetes Indexed Job (see the Sweeps article).
      """,
    positionals: [
      PositionalSpec(
        "dir", help: "Folders holding shard files, or shard files.", isRepeating: true)
    ],
    options: [
      .value("top", "n", help: "Ranked points to print.", default: "15"),
      .value("format", "format", help: "Output: table, json or csv.", default: "table"),
      .value("out", "dir", help: "Where to write the results folder.", default: "results"),
      .flag("no-write", help: "Print only; write no results folder."),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let format = try arguments.choice("format", from: ["table", "json", "csv"], default: "table")
    let top = try arguments.integer("top", default: SweepRenderer.defaultTopRows, in: 0...100_000)
    let urls = arguments.positionals.map { context.url(forPath: $0) }
    let report = try SweepShardFile.merge(contentsOf: urls)
    try SweepCommand.emit(report, format: format, top: top, arguments: arguments, context: context)
    return .success
  }
}
