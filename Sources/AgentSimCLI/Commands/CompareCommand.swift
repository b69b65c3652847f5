import AgentSim
import Foundation

/// `agentsim compare`: two results side by side, with differences and the noise judgement.
enum CompareCommand: CLICommand {
  static let spec = CommandSpec(
    name: "compare",
    abstract: "Set two results side by side: percentiles, time split, steps, sites, cost, verdict.",
    discussion: """
      A and B are results folders written by 'agentsim run' or 'agentsim sweep', or their \
      summary.json files (a sweep contributes its recommended point). Every figure gets B's \
      difference from A; mean, p50, p99 and cost also say whether the difference is larger than \
      the run-to-run noise: the two runs' 95% batch-means half-widths combined. Runs with the \
      same seed share their random draws, so 'within noise' is cautious there; rerun with \
      another seed or more sessions to settle it.
      """,
    positionals: [
      PositionalSpec("a", help: "The baseline: a results folder or summary.json."),
      PositionalSpec("b", help: "The result to set beside it."),
    ],
    options: [
      .value("format", "format", help: "Output: table, json or html.", default: "table")
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let format = try arguments.choice("format", from: ["table", "json", "html"], default: "table")
    let sides = try arguments.positionals.prefix(2).map { path in
      try ComparedResult.load(contentsOf: context.url(forPath: path), label: path)
    }
    let comparison = RunComparison(a: sides[0], b: sides[1])
    switch format {
    case "json":
      context.writeOutput(
        String(decoding: try ComparisonRenderer.renderJSON(comparison), as: UTF8.self))
    case "html":
      context.writeOutput(ComparisonRenderer.renderHTML(comparison))
    default:
      let style = TerminalStyle.detect(
        environment: context.environment, isTerminal: context.isOutputTerminal)
      context.writeOutput(ComparisonRenderer.renderTable(comparison, style: style))
    }
    return .success
  }
}
