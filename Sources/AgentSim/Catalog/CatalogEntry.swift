/// An entry of one catalog section (hardware, models, links, engines): named, and able to say
/// what is wrong with its numbers. What ``Catalog/adding(_:file:path:)`` and the catalog-file
/// loader check of every section alike.
protocol CatalogEntry {
  /// The entry's unique name in its section.
  var name: String { get }

  /// Every problem with the entry's values, each with `path` (the entry's JSON path) prefixed.
  func validationProblems(at path: String) -> [Diagnostic]
}

extension HardwareProfile: CatalogEntry {}
extension ModelArchitecture: CatalogEntry {}
extension LinkProfile: CatalogEntry {}
extension EngineProfile: CatalogEntry {}

extension Catalog {
  /// Every problem with the entries of one section: each entry's values, then names used twice.
  ///
  /// - Parameters:
  ///   - entries: The entries with their indices in the section as written (entries that could
  ///     not be decoded are left out, and the others keep their indices).
  ///   - path: The section's JSON path (`$.hardware`).
  /// - Returns: The problems, entries in order, duplicates last.
  /// - Complexity: O(*n*) in the entries, plus their checks.
  static func problems<Entry: CatalogEntry>(
    of entries: [(index: Int, entry: Entry)], at path: String
  ) -> [Diagnostic] {
    var problems = entries.flatMap { $0.entry.validationProblems(at: "\(path)[\($0.index)]") }
    var seen: Set<String> = []
    for (index, entry) in entries where !seen.insert(entry.name).inserted {
      problems.append(
        Diagnostic(path: "\(path)[\(index)].name", message: "duplicate name '\(entry.name)'"))
    }
    return problems
  }
}
