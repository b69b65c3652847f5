/// User-defined catalog entries, as a JSON object
/// `{"hardware": [...], "models": [...], "links": [...], "engines": [...]}` (each key optional).
///
/// The same shape may be embedded in other documents (a workflow's `catalog` key). Decode it with
/// `JSONDecoder`'s default key strategy: the entry types define their own snake_case keys.
public struct CatalogDefinitions: Codable, Hashable, Sendable {
  /// Hardware profiles.
  public var hardware: [HardwareProfile]?
  /// Model architectures.
  public var models: [ModelArchitecture]?
  /// Network links.
  public var links: [LinkProfile]?
  /// Serving engines.
  public var engines: [EngineProfile]?

  /// Creates a set of definitions.
  ///
  /// - Parameters:
  ///   - hardware: Hardware profiles.
  ///   - models: Model architectures.
  ///   - links: Network links.
  ///   - engines: Serving engines.
  public init(
    hardware: [HardwareProfile]? = nil, models: [ModelArchitecture]? = nil,
    links: [LinkProfile]? = nil, engines: [EngineProfile]? = nil
  ) {
    self.hardware = hardware
    self.models = models
    self.links = links
    self.engines = engines
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case hardware, models, links, engines
  }

  /// Decodes the definitions object, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` or `UnknownKeyError`.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    hardware = try container.decodeIfPresent([HardwareProfile].self, forKey: .hardware)
    models = try container.decodeIfPresent([ModelArchitecture].self, forKey: .models)
    links = try container.decodeIfPresent([LinkProfile].self, forKey: .links)
    engines = try container.decodeIfPresent([EngineProfile].self, forKey: .engines)
  }
}
