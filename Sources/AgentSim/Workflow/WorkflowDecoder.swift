/// Decodes and validates one workflow document, recording every problem in a
/// ``DiagnosticCollector``.
///
/// Definitions are read in a fixed order (models, sites, links, then load, budget, context and
/// steps) whatever their order in the file, so that steps can check their references as they
/// are read; diagnostics are sorted by location at the end.
final class WorkflowDecoder {
  /// A catalog name the workflow refers to, checked by ``validate(names:)``.
  struct CatalogReference {
    enum Kind {
      case hardware, model, precision, link

      /// What the name names, in a diagnostic.
      var noun: String {
        switch self {
        case .hardware: return "hardware"
        case .model: return "model"
        case .precision: return "precision"
        case .link: return "link profile"
        }
      }

      /// The `agentsim catalog` listing that shows the known names.
      var listing: String {
        switch self {
        case .hardware: return "hardware"
        case .model, .precision: return "models"
        case .link: return "links"
        }
      }
    }
    var kind: Kind
    var name: String
    var reader: JSONReader
  }

  /// The most leaf steps one session may execute.
  static let maximumLeafExecutions = 1_000_000

  let collector: DiagnosticCollector
  /// Model aliases defined, in file order (including ones whose definition has errors).
  var modelAliases: [String] = []
  /// Site names defined, in file order (including ones whose definition has errors).
  var siteNames: [String] = []
  /// Sites that decoded cleanly, by name.
  var sites: [String: SiteDefinition] = [:]
  /// Where each step name is first defined.
  var stepNameLocations: [String: SourceLocation] = [:]
  /// Missing links already reported, so each is reported once.
  var reportedMissingLinks: Set<[String]> = []
  /// The links that decoded cleanly, as the graph that decides every link check.
  var siteLinks = SiteLinks([])
  /// Whether a link in the file failed to decode: a missing link is then most likely that one,
  /// already reported, so the steps that need it report nothing more.
  var linksIncomplete = false
  /// Catalog names to check.
  var catalogReferences: [CatalogReference] = []

  init(collector: DiagnosticCollector) {
    self.collector = collector
  }

  /// The device-tier site, if exactly one decoded.
  var deviceSiteName: String? {
    siteNames.first { sites[$0]?.tier == .device }
  }

  /// Decodes the document's top level. Returns `nil` when anything is wrong (all recorded).
  func decodeWorkflow(_ root: JSONReader) -> Workflow? {
    guard let object = root.object() else { return nil }
    guard let version = decodeVersion(object) else { return nil }
    object.rejectUnknownKeys(Workflow.keys("workflow"))
    if let schema = object.optional("$schema") { _ = schema.string() }
    let name = object.required("name").flatMap { decodeName($0, pattern: .workflow) }
    let description = object.optional("description").flatMap { $0.string() }
    let models = object.optional("models").flatMap(decodeModels) ?? []
    let sites = object.required("sites").flatMap(decodeSites) ?? []
    let links = object.optional("links").flatMap(decodeLinks) ?? []
    let load = object.required("load").flatMap(decodeLoad)
    let budget = object.optional("budget").flatMap(decodeBudget)
    let initialTokens = object.optional("context").flatMap(decodeContext) ?? .zero
    let steps = object.required("steps").flatMap { decodeStepList($0) }
    if let steps, let stepsReader = object.optional("steps") {
      let executions = WorkflowStep.saturatingSum(steps.map(\.maximumLeafExecutions))
      if executions > Self.maximumLeafExecutions {
        stepsReader.error(
          "one session can run up to "
            + (executions == Int.max ? "an unbounded number of" : DisplayFormat.grouped(executions))
            + " steps; at most \(DisplayFormat.grouped(Self.maximumLeafExecutions)) are allowed",
          suggestion: "lower the loop counts or 'max_iterations'")
      }
    }
    if let steps, budget?.ttftMilliseconds != nil, !steps.contains(where: \.hasVisibleCall),
      let ttft = object.optional("budget")?.object()?.optional("ttft_ms")
    {
      // Without a visible step no session has a first token, and the target would vanish from
      // the report without a word.
      ttft.error(
        "a time-to-first-token budget needs a step the user sees, but no 'llm', 'speculative' "
          + "or 'cascade' call is \"visible\": true",
        suggestion: "add \"visible\": true to the call whose tokens stream to the user, or "
          + "remove 'ttft_ms'")
    }
    guard !collector.hasErrors, let name, let load, let steps else { return nil }
    return Workflow(
      version: version, name: name, description: description, models: models, sites: sites,
      links: links, load: load, budget: budget, initialContextTokens: initialTokens, steps: steps)
  }

  private func decodeVersion(_ object: JSONObjectReader) -> Int? {
    guard let reader = object.required("version", what: "the format version, 1") else {
      return nil
    }
    guard case .number(let number) = reader.value.kind,
      let version = JSONReader.exactInteger(number),
      version >= 1
    else {
      reader.expected("the format version 1")
      return nil
    }
    if version > Workflow.formatVersion {
      reader.error(
        "this file uses workflow format version \(version), but this agentsim "
          + "(\(AgentSimVersion.current)) reads only version \(Workflow.formatVersion)",
        suggestion: "upgrade agentsim, or rewrite the file for version \(Workflow.formatVersion)")
      return nil
    }
    return version
  }

  /// Checks every recorded catalog reference against `names`.
  func validate(names: CatalogNames) {
    for reference in catalogReferences {
      let known: Set<String>
      switch reference.kind {
      case .hardware: known = names.hardware
      case .model: known = names.models
      case .precision: known = names.precisions
      case .link: known = names.links
      }
      guard !known.contains(reference.name) else { continue }
      reportUnknownCatalogName(reference, known: known.sorted())
    }
  }

  /// Records that `reference` names nothing in `known`, with the nearest names as a suggestion.
  func reportUnknownCatalogName(_ reference: CatalogReference, known: [String]) {
    // Hardware, models and link profiles of one's own come from a `--catalog` file, which a
    // newcomer who names their own GPU has no other way to learn about.
    let listing = "see 'agentsim catalog \(reference.kind.listing)'"
    let suggestion =
      NearestName.didYouMean(NearestName.suggestions(for: reference.name, among: known))
      ?? (reference.kind == .precision
        ? listing : listing + ", or define '\(reference.name)' in a --catalog file")
    reference.reader.error(
      "unknown \(reference.kind.noun) '\(reference.name)' (not in the catalog)",
      suggestion: suggestion)
  }
}
