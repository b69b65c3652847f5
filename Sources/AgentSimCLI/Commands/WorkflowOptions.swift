import AgentSim
import Foundation

/// The options that decide what is checked and simulated: `--placement`, `--set` and
/// `--catalog`. `validate` and every command that simulates (through ``RunOptions``) parse them
/// here, so `validate WF --placement … --set …` checks exactly what `run` would run with those
/// flags.
struct WorkflowOptions {
  /// The three options, as `--help` shows them.
  static let specs: [OptionSpec] = [
    .value(
      "placement", "step=site,…",
      help: "Run steps at these sites instead of their first candidates (repeatable).",
      repeatable: true),
    .value(
      "set", "key=value",
      help: "Override a workflow field, e.g. load.rate_per_s=4 or sites.region.replicas=8 "
        + "(repeatable).", repeatable: true),
    .value("catalog", "file", help: "A JSON file of extra hardware, models and links."),
  ]

  /// The built-in catalog with `--catalog`'s definitions added.
  let catalog: Catalog
  /// `--set` overrides, in order.
  let overrides: [String]

  /// Reads `--catalog` (checking its file) and `--set`.
  init(_ arguments: ParsedArguments, context: CommandContext) throws {
    var catalog = Catalog.builtIn
    if let catalogPath = arguments.string("catalog") {
      catalog = try Catalog.builtIn.loadingUserDefinitions(
        from: context.url(forPath: catalogPath), file: catalogPath)
    }
    self.catalog = catalog
    overrides = arguments.strings("set")
  }

  /// Loads the workflow at `path` with the overrides and the catalog, and prints its warnings
  /// (valid values that are probably not meant, such as a budget in seconds) on standard error:
  /// every command that reads a workflow says them, and none puts them in its report.
  func load(_ path: String, context: CommandContext) throws(DiagnosticError) -> LoadedWorkflow {
    let loaded = try WorkflowLoader.load(
      contentsOf: context.url(forPath: path), file: path, overrides: overrides, catalog: catalog)
    for warning in loaded.warnings { context.printError(warning.description) }
    return loaded
  }

  /// `--placement step=site,…` (repeatable) as step name → site name.
  ///
  /// - Throws: `UsageError` for a pair that is not `step=site`, or a step placed at two sites.
  static func placement(_ arguments: ParsedArguments) throws -> [String: String] {
    var placement: [String: String] = [:]
    for list in arguments.strings("placement") {
      for pair in list.split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
          throw UsageError(
            "--placement expects step=site pairs separated by commas, found '\(pair)'",
            commandName: arguments.spec.name)
        }
        if let earlier = placement[parts[0]], earlier != parts[1] {
          throw UsageError(
            "--placement puts step '\(parts[0])' at both '\(earlier)' and '\(parts[1])'",
            commandName: arguments.spec.name)
        }
        placement[parts[0]] = parts[1]
      }
    }
    return placement
  }
}
