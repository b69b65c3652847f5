/// Where a placeable step may run: candidate sites (the first is the default; `sweep` enumerates
/// the others) and an optional tier the step must stay on.
public struct SitePlacement: Hashable, Sendable {
  /// Candidate site names, at least one, without repeats; the first is the default.
  public var candidates: [String]
  /// The tier every candidate (and any fallback) must be on, for data that must not leave it.
  public var pin: SiteTier?

  /// Creates a placement.
  ///
  /// - Precondition: `candidates` is not empty.
  public init(candidates: [String], pin: SiteTier? = nil) {
    precondition(!candidates.isEmpty, "a placement needs at least one candidate site")
    self.candidates = candidates
    self.pin = pin
  }

  /// The site the step runs at unless a placement overrides it.
  public var defaultSite: String { candidates[0] }
}
