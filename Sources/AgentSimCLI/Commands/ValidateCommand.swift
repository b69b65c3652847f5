import AgentSim

/// `agentsim validate WORKFLOW…`: checks workflow files and prints every problem.
enum ValidateCommand: CLICommand {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check workflow files and report every problem in them.",
    discussion: """
      Reads each file, checks its syntax, keys, types, ranges and references, and prints every \
      problem as 'file:line:column: error: $.path: message; suggestion' on standard error, and \
      'ok: FILE (N steps, M sites)' on standard output for each valid file. Exits with status 0 \
      when every file is valid, 2 otherwise.
      """,
    positionals: [
      PositionalSpec("workflow", help: "Workflow files (JSON) to check.", isRepeating: true)
    ],
    options: [
      .value(
        "catalog", "file",
        help:
          "A JSON file of extra hardware, models and links the workflows may name (checked too).")
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    var catalog = Catalog.builtIn
    if let catalogPath = arguments.string("catalog") {
      catalog = try Catalog.builtIn.loadingUserDefinitions(from: context.url(forPath: catalogPath))
    }
    var isEveryFileValid = true
    for path in arguments.positionals {
      do {
        // The same loading and resolving as `run`: syntax, keys, ranges, catalog names, then
        // every placement candidate against the hardware (fit, precision path, interconnect).
        let loaded = try WorkflowLoader.load(
          contentsOf: context.url(forPath: path), file: path, catalog: catalog)
        let problems = loaded.placementProblems()
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
