/// One step whose site a sweep chooses: its name (`plan`, or `answer.first` for a cascade's first
/// call), the sites it may run at, and the tier it is pinned to, if any.
public struct PlaceableStep: Codable, Hashable, Sendable {
  /// The step's name as `--placement` and `--candidates` spell it.
  public var name: String
  /// The candidate sites, in the order the sweep enumerates them.
  public var candidates: [String]
  /// The tier the step must stay on (data that must not leave the device), if any.
  public var pin: SiteTier?

  /// Creates a placeable step.
  ///
  /// - Parameters:
  ///   - name: The step's name.
  ///   - candidates: Its candidate sites, at least one.
  ///   - pin: Its pinned tier, if any.
  public init(name: String, candidates: [String], pin: SiteTier? = nil) {
    self.name = name
    self.candidates = candidates
    self.pin = pin
  }
}

extension SiteTier: Codable {}
