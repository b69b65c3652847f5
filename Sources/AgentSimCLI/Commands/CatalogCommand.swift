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
    var sections: [String] = []
    if selected.contains("hardware") { sections.append(hardwareTable(catalog.hardware)) }
    if selected.contains("models") { sections.append(modelTable(catalog.models)) }
    if selected.contains("links") { sections.append(linkTable(catalog.links)) }
    if selected.contains("engines") { sections.append(engineTable(catalog.engines)) }
    context.writeOutput(sections.joined(separator: "\n"))
    return .success
  }

  /// The built-in catalog, extended with `--catalog FILE` when given.
  static func catalog(_ arguments: ParsedArguments, context: CommandContext) throws -> Catalog {
    guard let path = arguments.string("catalog") else { return .builtIn }
    return try Catalog.builtIn.loadingUserDefinitions(from: context.url(forPath: path))
  }

  /// Pretty-printed JSON with sorted keys.
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func hardwareTable(_ entries: [HardwareProfile]) -> String {
    var text =
      "HARDWARE" + "\n"
      + columns(["name", "tier", "GB", "GB/s", "16b TF", "fp8 TF", "W", "$/h"]) + "\n"
    for entry in entries {
      let sixteen = entry.peakThroughput.sixteenBit.map { number($0) } ?? "-"
      let fp8 = entry.peakThroughput.fp8.map { number($0) } ?? "-"
      text +=
        columns([
          entry.name, entry.tier.rawValue, number(entry.memoryGigabytes),
          number(entry.memoryBandwidthGigabytesPerSecond), sixteen, fp8,
          number(entry.activePowerWatts),
          entry.pricePerHour.map { String(format: "%.2f", $0) } ?? "-",
        ]) + "\n"
      text += wrap(
        String(
          format: "η_mem %.3f, η_compute %.3f (8/4-bit %.3f); units %@; default engine %@",
          entry.memoryEfficiency, entry.computeEfficiency,
          entry.computeEfficiency(on: .fp8),
          entry.backends.map(\.rawValue).joined(separator: ", "),
          Catalog.defaultEngineKind(for: entry).rawValue))
      text += wrap("source: " + entry.source)
      text += wrap("calibration: " + entry.calibration)
    }
    return text
  }

  static func engineTable(_ entries: [EngineProfile]) -> String {
    var text =
      "ENGINES" + "\n"
      + columns(["name", "req ms", "iter ms", "lay ms", "attn", "q path", "kv", "unit"]) + "\n"
    for entry in entries {
      text +=
        columns([
          entry.name, number(entry.requestOverheadMilliseconds),
          number(entry.iterationOverheadMilliseconds), number(entry.layerOverheadMilliseconds),
          number(entry.attentionEfficiency), entry.quantizedComputePath.rawValue,
          entry.defaultKVPrecision.rawValue, entry.defaultBackend.rawValue,
        ]) + "\n"
      text += wrap("CUDA graphs: " + (entry.usesCUDAGraphs ? "yes" : "no"))
      text += wrap("source: " + entry.source)
      text += wrap("calibration: " + entry.calibration)
    }
    return text
  }

  static func modelTable(_ entries: [ModelArchitecture]) -> String {
    var text =
      "MODELS" + "\n"
      + columns(["name", "total B", "act B", "layers", "hidden", "heads", "kv", "context"])
      + "\n"
    for entry in entries {
      text +=
        columns([
          entry.name, String(format: "%.2f", entry.totalParameters / 1e9),
          String(
            format: "%.2f", (entry.activeParametersPerToken + entry.embeddingParameters) / 1e9),
          "\(entry.layers)", "\(entry.hiddenSize)", "\(entry.attentionHeads)", "\(entry.kvHeads)",
          "\(entry.maxContextTokens)",
        ]) + "\n"
      text += wrap("source: " + entry.source)
    }
    return text
  }

  static func linkTable(_ entries: [LinkProfile]) -> String {
    var text =
      "LINKS" + "\n"
      + columns(["name", "p50 ms", "p99 ms", "up Mb", "down Mb", "setup", "", ""]) + "\n"
    for entry in entries {
      text +=
        columns([
          entry.name, number(entry.rttMedianMilliseconds), number(entry.rttP99Milliseconds),
          number(entry.uplinkMegabitsPerSecond), number(entry.downlinkMegabitsPerSecond),
          number(entry.perRequestOverheadMilliseconds), "", "",
        ]) + "\n"
      text += wrap("source: " + entry.source)
    }
    return text
  }

  /// One row: a 24-column name then seven right-aligned 7-column cells (80 columns).
  static func columns(_ cells: [String]) -> String {
    var line = cells[0].padding(toLength: max(24, cells[0].count), withPad: " ", startingAt: 0)
    for cell in cells.dropFirst() {
      line += String(repeating: " ", count: max(1, 8 - cell.count)) + cell
    }
    return line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
  }

  static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e7 { return String(Int(value)) }
    return value >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
  }

  /// Indented text wrapped at 80 columns.
  static func wrap(_ text: String) -> String {
    let indent = "    "
    var lines: [String] = []
    var current = indent
    for word in text.split(separator: " ") {
      if current.count > indent.count && current.count + 1 + word.count > 80 {
        lines.append(current)
        current = indent
      }
      current += (current.count > indent.count ? " " : "") + word
    }
    lines.append(current)
    return lines.joined(separator: "\n") + "\n"
  }
}
