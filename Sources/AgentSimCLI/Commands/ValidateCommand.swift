import AgentSim

/// `agentsim validate WORKFLOW…`: checks workflow files and prints every problem.
enum ValidateCommand: CLICommand {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check workflow files and report every problem in them.",
    discussion: """
      Reads each file, checks its syntax, keys, types, ranges and references, resolves it \
      against the catalog and checks its placement: the checks `run` makes before it simulates, \
      with the same --placement, --set and --catalog. Prints every problem as \
      'file:line:column: error: $.path: message; suggestion' on standard error (and, as \
      warnings, those of each step's other candidate sites), and 'ok: FILE (N steps, M sites)' \
      on standard output for each valid file. Exits with status 0 when every file is valid, 2 \
      otherwise.
      """,
    positionals: [
      PositionalSpec("workflow", help: "Workflow files (JSON) to check.", isRepeating: true)
    ],
    options: WorkflowOptions.specs)

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    // Parsed by the code `run` parses them with: the same overrides, catalog and placement.
    let options = try WorkflowOptions(arguments, context: context)
    let placement = try WorkflowOptions.placement(arguments)
    var isEveryFileValid = true
    for path in arguments.positionals {
      do {
        // The same loading and resolving as `run`: syntax, keys, ranges, catalog names, then
        // the placement against the hardware (fit, precision path, interconnect), and every
        // other candidate as a warning.
        let loaded = try options.load(path, context: context)
        let problems = loaded.placementProblems(placement: placement)
        for diagnostic in problems { context.printError(diagnostic.description) }
        guard !problems.contains(where: { $0.severity == .error }) else {
          isEveryFileValid = false
          continue
        }
        let workflow = loaded.workflow
        let stepCount = workflow.allSteps.count
        let siteCount = workflow.sites.count
        context.print(
          "ok: \(path) (\(stepCount) step\(stepCount == 1 ? "" : "s"), "
            + "\(siteCount) site\(siteCount == 1 ? "" : "s"))")
      } catch {
        isEveryFileValid = false
        for diagnostic in error.diagnostics { context.printError(diagnostic.description) }
      }
    }
    return isEveryFileValid ? .success : .badInput
  }
}
