import Foundation

/// The problems one `JSONDecoder` pass over a catalog file met without stopping: unknown keys,
/// and entries that could not be decoded. Set in the decoder's `userInfo` under ``key`` by the
/// catalog-file loader, so that every problem in the file is reported at once, lint-style, as
/// workflow problems are.
///
/// Without a log in `userInfo` the decoders throw at the first problem, as `Codable` does.
final class DecodingProblemLog: @unchecked Sendable {
  /// The `userInfo` key the decoders look the log up under.
  static let key = CodingUserInfoKey(rawValue: "agentsim.decodingProblemLog")

  // A lock because `userInfo` values must be `Sendable`; one decoding runs on one thread.
  private let lock = NSLock()
  private var recorded: [any Error] = []

  /// The problems recorded, in the order the decoder met them.
  var errors: [any Error] { lock.withLock { recorded } }

  /// Records a problem.
  func record(_ error: any Error) {
    lock.withLock { recorded.append(error) }
  }
}

/// One entry of a catalog section, decoded on its own: with a ``DecodingProblemLog``, an entry
/// that cannot be decoded is recorded there and left out, so the entries after it are still
/// decoded and checked.
struct IsolatedEntry<Entry: Decodable>: Decodable {
  /// The entry, or `nil` when it could not be decoded (the problem is in the log).
  var entry: Entry?

  init(from decoder: any Decoder) throws {
    do {
      entry = try Entry(from: decoder)
    } catch {
      guard let log = decoder.problemLog else { throw error }
      log.record(error)
      entry = nil
    }
  }
}

/// ``CatalogDefinitions`` read section by section and entry by entry, each entry with its index
/// in the file, recording every problem in the decoder's ``DecodingProblemLog``.
struct CollectedCatalogDefinitions: Decodable {
  typealias Keys = CatalogDefinitions.CodingKeys

  /// Hardware profiles that decoded, with their indices.
  var hardware: [(index: Int, entry: HardwareProfile)] = []
  /// Model architectures that decoded, with their indices.
  var models: [(index: Int, entry: ModelArchitecture)] = []
  /// Links that decoded, with their indices.
  var links: [(index: Int, entry: LinkProfile)] = []
  /// Engines that decoded, with their indices.
  var engines: [(index: Int, entry: EngineProfile)] = []

  init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(Keys.self)
    let container = try decoder.container(keyedBy: Keys.self)
    let log = decoder.problemLog
    hardware = try Self.section(.hardware, of: container, log: log)
    models = try Self.section(.models, of: container, log: log)
    links = try Self.section(.links, of: container, log: log)
    engines = try Self.section(.engines, of: container, log: log)
  }

  /// The section's entries that decoded; a section that is not an array is recorded.
  private static func section<Entry: Decodable>(
    _ key: Keys, of container: KeyedDecodingContainer<Keys>, log: DecodingProblemLog?
  ) throws -> [(index: Int, entry: Entry)] {
    do {
      let entries = try container.decodeIfPresent([IsolatedEntry<Entry>].self, forKey: key)
      return (entries ?? []).enumerated().compactMap { index, isolated in
        isolated.entry.map { (index, $0) }
      }
    } catch {
      guard let log else { throw error }
      log.record(error)
      return []
    }
  }

  /// The problems of the entries that decoded: their values and duplicate names, at their
  /// indices in the file.
  func validationProblems(at path: String) -> [Diagnostic] {
    Catalog.problems(of: hardware, at: "\(path).hardware")
      + Catalog.problems(of: models, at: "\(path).models")
      + Catalog.problems(of: links, at: "\(path).links")
      + Catalog.problems(of: engines, at: "\(path).engines")
  }

  /// The entries as definitions to add.
  var definitions: CatalogDefinitions {
    CatalogDefinitions(
      hardware: hardware.map(\.entry), models: models.map(\.entry), links: links.map(\.entry),
      engines: engines.map(\.entry))
  }
}
