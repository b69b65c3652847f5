/// The part of `prefill` spent prefilling again what a prefix cache had lost (its prefix was
/// evicted or had expired): a named sub-line of the budget's `prefill` line, not a seventh
/// component.
///
/// Each call that misses splits its critical-path prefill time in the ratio of what the miss cost
/// to what the call's prefill cost, both alone on the engine: `(t(P + L, c − L) − t(P, c)) /
/// t(P + L, c − L)`, where *P* new tokens follow *c* cached ones and *L* of those were lost (a
/// hosted API: the mean uncached minus the mean cached time to first token, over the uncached
/// one). So the sub-line never exceeds `prefill`, and the six components still add up to each
/// session's latency.
public struct ReprefillShare: Codable, Hashable, Sendable {
  /// Mean critical-path milliseconds of re-prefill per measured session.
  public var meanMilliseconds: Double
  /// The same over the tail (the sessions at or above p99).
  public var tailMilliseconds: Double

  /// Creates a share.
  ///
  /// - Parameters:
  ///   - meanMilliseconds: Mean milliseconds per session.
  ///   - tailMilliseconds: Mean milliseconds per tail session.
  public init(meanMilliseconds: Double, tailMilliseconds: Double) {
    self.meanMilliseconds = meanMilliseconds
    self.tailMilliseconds = tailMilliseconds
  }

  /// The component this is part of: always `prefill`.
  public var partOf: LatencyComponent { .prefill }

  enum CodingKeys: String, CodingKey {
    case meanMilliseconds = "mean_ms"
    case tailMilliseconds = "tail_ms"
    case partOf = "part_of"
  }

  /// Reads a share (`part_of` is implied and not read).
  ///
  /// - Throws: `DecodingError` for a missing or mistyped field.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    meanMilliseconds = try container.decode(Double.self, forKey: .meanMilliseconds)
    tailMilliseconds = try container.decode(Double.self, forKey: .tailMilliseconds)
  }

  /// Writes the share with `"part_of": "prefill"`, so a reader summing components skips it.
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(meanMilliseconds, forKey: .meanMilliseconds)
    try container.encode(tailMilliseconds, forKey: .tailMilliseconds)
    try container.encode(partOf, forKey: .partOf)
  }
}
