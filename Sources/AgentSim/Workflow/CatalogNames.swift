/// The names a catalog defines, for checking the catalog references of a workflow (hardware,
/// models, precisions, link profiles) without depending on the catalog itself.
///
/// Pass one to ``Workflow/decode(from:file:names:)``; without one, catalog names are not
/// checked.
public struct CatalogNames: Hashable, Sendable {
  /// Hardware profile names (`"l40s"`).
  public var hardware: Set<String>
  /// Model names (`"llama-3.1-70b"`).
  public var models: Set<String>
  /// Precision names (`"fp8"`).
  public var precisions: Set<String>
  /// Link profile names (`"wifi-edge"`).
  public var links: Set<String>

  /// Creates a set of names.
  public init(
    hardware: Set<String>, models: Set<String>, precisions: Set<String>, links: Set<String>
  ) {
    self.hardware = hardware
    self.models = models
    self.precisions = precisions
    self.links = links
  }
}
