import AgentSim
import Foundation

/// `agentsim catalog`: lists the hardware, models, links and serving engines the cost model knows,
/// with their sources, and the model's error against its calibration rows (`fidelity`).
enum CatalogCommand: CLICommand {
  static let kinds = ["hardware", "models", "links", "engines", "fidelity"]

  static let spec = CommandSpec(
    name: "catalog",
    abstract: "List the hardware, model, link and engine catalogs with their sources.",
    discussion: """
      Without a kind, lists hardware, models, links and engines. --catalog adds user \
      definitions from a JSON file {"hardware": [...], "models": [...], "links": [...], \
      "engines": [...]} (the shape 'catalog --format json' prints); an entry with a built-in's \
      name replaces it. 'catalog fidelity' prints the cost model's error on the published \
      calibration rows, per source, hardware and engine, in-sample and held out.
      """,
    positionals: [
      PositionalSpec(
        "kind", help: "hardware, models, links, engines or fidelity.", isOptional: true)
    ],
    options: [
      .value("catalog", "file", help: "JSON file of user-defined hardware, models and links."),
      .value("format", "f", help: "Output format: table or json.", default: "table"),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    var selected = kinds.filter { $0 != "fidelity" }
    if let kind = arguments.positionals.first {
      guard kinds.contains(kind) else {
        let nearest = NearestName.suggestion(for: kind, among: kinds)
        throw UsageError(
          "unknown catalog '\(kind)'; expected one of \(kinds.joined(separator: ", "))",
          suggestion: nearest.map { "did you mean '\($0)'?" }, commandName: spec.name)
      }
      selected = [kind]
    }
    let format = try arguments.choice("format", from: ["table", "json"], default: "table")
    let catalog = try catalog(arguments, context: context)
    if selected == ["fidelity"] {
      var table = try FidelityTable(catalog: catalog)
      table.serving = try ServingFidelity(catalog: catalog)
      context.writeOutput(format == "json" ? try json(table) + "\n" : table.rendered())
      return .success
    }
    if format == "json" {
      let definitions = CatalogDefinitions(
        hardware: selected.contains("hardware") ? catalog.hardware : nil,
        models: selected.contains("models") ? catalog.models : nil,
        links: selected.contains("links") ? catalog.links : nil,
        engines: selected.contains("engines") ? catalog.engines : nil)
      context.print(try json(definitions))
      return .success
    }
    let style = TerminalStyle.detect(
      environment: context.environment, isTerminal: context.isOutputTerminal)
    var sections: [String] = []
    if selected.contains("hardware") {
      sections.append(CatalogRenderer.hardware(catalog.hardware, style: style))
    }
    if selected.contains("models") {
      sections.append(CatalogRenderer.models(catalog.models, style: style))
    }
    if selected.contains("links") {
      sections.append(CatalogRenderer.links(catalog.links, style: style))
    }
    if selected.contains("engines") {
      sections.append(CatalogRenderer.engines(catalog.engines, style: style))
    }
    context.writeOutput(sections.joined(separator: "\n"))
    return .success
  }

  /// The built-in catalog, extended with `--catalog FILE` when given.
  static func catalog(_ arguments: ParsedArguments, context: CommandContext) throws -> Catalog {
    guard let path = arguments.string("catalog") else { return .builtIn }
    return try Catalog.builtIn.loadingUserDefinitions(
      from: context.url(forPath: path), file: path)
  }

  /// Pretty-printed JSON with sorted keys.
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
