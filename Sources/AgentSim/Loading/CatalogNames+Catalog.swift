extension CatalogNames {
  /// The names `catalog` defines, with every precision.
  public init(_ catalog: Catalog) {
    self.init(
      hardware: Set(catalog.hardware.map(\.name)), models: Set(catalog.models.map(\.name)),
      precisions: Set(Precision.allCases.map(\.rawValue)), links: Set(catalog.links.map(\.name)))
  }
}
