import AgentSim
import Foundation

/// `agentsim explain`: the zero-load analytic budget of a workflow, step by step.
enum ExplainCommand: CLICommand {
  static let spec = CommandSpec(
    name: "explain",
    abstract: "Print the zero-load analytic latency budget of a workflow, step by step.",
    discussion: """
      Computes each step's expected time when no shared server is busy, from the cost model and \
      the means of the workflow's distributions: the floor that queueing adds to. A run at \
      vanishing load converges to it. Notes say where the figure is an approximation.
      """,
    positionals: [PositionalSpec("workflow", help: "A workflow JSON file.")],
    options: WorkflowOptions.specs + [
      .value("format", "format", help: "Output: table or json.", default: "table")
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let format = try arguments.choice("format", from: ["table", "json"], default: "table")
    let options = try RunOptions(arguments, context: context)
    let scenario = try options.loaded.scenario(placement: options.placement)
    let budget = ZeroLoadAnalysis.budget(of: scenario)
    if format == "json" {
      context.writeOutput(
        String(decoding: try ExplainRenderer.renderJSON(budget, scenario: scenario), as: UTF8.self))
    } else {
      let style = TerminalStyle.detect(
        environment: context.environment, isTerminal: context.isOutputTerminal)
      context.writeOutput(ExplainRenderer.renderTable(budget, scenario: scenario, style: style))
    }
    return .success
  }
}
