/// Where a piece of hardware typically sits in a placement: the user's device, a nearby edge site,
/// or a regional datacenter.
public enum HardwareTier: String, CaseIterable, Codable, Hashable, Sendable {
  /// A phone, tablet or laptop: one per user, not shared between sessions.
  case device
  /// A small server near users (a metro or on-premises site): shared, a short hop away.
  case edge
  /// A GPU in a regional datacenter: shared by everyone, a longer hop away.
  case region

  /// Decodes a tier name, saying which names exist when it is not one of them.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` naming the expected values.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let tier = HardwareTier(rawValue: text) else {
      let names = Self.allCases.map(\.rawValue)
      let nearest = NearestName.suggestion(for: text, among: names)
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "expected one of \(names.joined(separator: ", ")), found '\(text)'"
          + (nearest.map { "; did you mean '\($0)'?" } ?? ""))
    }
    self = tier
  }
}
