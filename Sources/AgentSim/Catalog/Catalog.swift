/// The hardware profiles, model architectures and network links the cost model can use: the
/// built-in, sourced entries plus any the user defines in JSON.
///
/// Names are unique within each kind. A user definition with a built-in's name replaces it (to
/// recalibrate a device, say).
public struct Catalog: Sendable {
  /// Hardware profiles, built-in first, in catalog order.
  public private(set) var hardware: [HardwareProfile]
  /// Model architectures, in catalog order.
  public private(set) var models: [ModelArchitecture]
  /// Network links, in catalog order.
  public private(set) var links: [LinkProfile]
  /// Serving engines, built-in first, in catalog order.
  public private(set) var engines: [EngineProfile]

  /// Creates a catalog from explicit entries.
  ///
  /// - Parameters:
  ///   - hardware: Hardware profiles.
  ///   - models: Model architectures.
  ///   - links: Network links.
  ///   - engines: Serving engines.
  public init(
    hardware: [HardwareProfile] = [], models: [ModelArchitecture] = [], links: [LinkProfile] = [],
    engines: [EngineProfile] = []
  ) {
    self.hardware = hardware
    self.models = models
    self.links = links
    self.engines = engines
  }

  /// The built-in catalog: every entry sourced from the calibration reference data, datasheets
  /// and the models' `config.json` files.
  public static let builtIn = Catalog(
    hardware: builtInHardware, models: builtInModels, links: builtInLinks,
    engines: builtInEngines)

  /// The hardware profile called `name`.
  ///
  /// - Parameter name: A hardware name (`h100-sxm`).
  /// - Returns: The profile.
  /// - Throws: `Diagnostic` naming the unknown hardware, with a "did you mean" when one is close.
  /// - Complexity: O(*n*) in the number of profiles.
  public func hardware(named name: String) throws -> HardwareProfile {
    try Self.entry(named: name, in: hardware, kind: "hardware", name: \.name)
  }

  /// The model architecture called `name`.
  ///
  /// - Parameter name: A model name (`llama-3.1-8b`).
  /// - Returns: The model.
  /// - Throws: `Diagnostic` naming the unknown model, with a "did you mean" when one is close.
  /// - Complexity: O(*n*) in the number of models.
  public func model(named name: String) throws -> ModelArchitecture {
    try Self.entry(named: name, in: models, kind: "model", name: \.name)
  }

  /// The network link called `name`.
  ///
  /// - Parameter name: A link name (`wifi-edge`).
  /// - Returns: The link.
  /// - Throws: `Diagnostic` naming the unknown link, with a "did you mean" when one is close.
  /// - Complexity: O(*n*) in the number of links.
  public func link(named name: String) throws -> LinkProfile {
    try Self.entry(named: name, in: links, kind: "link", name: \.name)
  }

  /// The serving engine called `name`.
  ///
  /// - Parameter name: An engine name (`vllm`, `llama.cpp`, or a user-defined one).
  /// - Returns: The engine.
  /// - Throws: `Diagnostic` naming the unknown engine, with a "did you mean" when one is close.
  /// - Complexity: O(*n*) in the number of engines.
  public func engine(named name: String) throws -> EngineProfile {
    try Self.entry(named: name, in: engines, kind: "engine", name: \.name)
  }

  /// A copy of the catalog with `definitions` added; an entry with an existing name replaces it.
  ///
  /// - Parameters:
  ///   - definitions: User-defined entries (already decoded).
  ///   - file: The file they came from, for diagnostics.
  ///   - path: The JSON path of the definitions object (`$` for a catalog file,
  ///     `$.catalog` when embedded in a workflow).
  /// - Returns: The extended catalog.
  /// - Throws: `DiagnosticError` with every invalid number and every duplicate name in
  ///   `definitions`.
  public func adding(
    _ definitions: CatalogDefinitions, file: String? = nil, path: String = "$"
  ) throws -> Catalog {
    let hardware = definitions.hardware ?? []
    let models = definitions.models ?? []
    let links = definitions.links ?? []
    let engines = definitions.engines ?? []
    func indexed<Entry>(_ entries: [Entry]) -> [(index: Int, entry: Entry)] {
      entries.enumerated().map { ($0.offset, $0.element) }
    }
    let problems =
      Self.problems(of: indexed(hardware), at: "\(path).hardware")
      + Self.problems(of: indexed(models), at: "\(path).models")
      + Self.problems(of: indexed(links), at: "\(path).links")
      + Self.problems(of: indexed(engines), at: "\(path).engines")
    guard problems.isEmpty else {
      throw DiagnosticError(
        problems.map { problem in
          var located = problem
          located.file = file
          return located
        })
    }
    var result = self
    result.hardware = Self.merge(self.hardware, hardware, name: \.name)
    result.models = Self.merge(self.models, models, name: \.name)
    result.links = Self.merge(self.links, links, name: \.name)
    result.engines = Self.merge(self.engines, engines, name: \.name)
    return result
  }

  private static func entry<Entry>(
    named name: String, in entries: [Entry], kind: String, name entryName: KeyPath<Entry, String>
  ) throws -> Entry {
    if let entry = entries.first(where: { $0[keyPath: entryName] == name }) { return entry }
    let names = entries.map { $0[keyPath: entryName] }
    throw Diagnostic(
      message: "unknown \(kind) '\(name)'",
      suggestion: NearestName.didYouMean(NearestName.suggestions(for: name, among: names))
        ?? "see 'agentsim catalog \(kind == "hardware" ? kind : kind + "s")'")
  }

  private static func merge<Entry>(
    _ base: [Entry], _ added: [Entry], name: KeyPath<Entry, String>
  ) -> [Entry] {
    var result = base
    for entry in added {
      if let index = result.firstIndex(where: { $0[keyPath: name] == entry[keyPath: name] }) {
        result[index] = entry
      } else {
        result.append(entry)
      }
    }
    return result
  }
}
