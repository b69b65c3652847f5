/// The achievable fractions of one compute unit's peaks: what prefill matrix multiplications reach
/// of the unit's peak throughput, and what decode's weight and KV streaming reaches of the device's
/// peak bandwidth through that unit. In JSON: `{"compute": 0.2, "memory": 0.5}`.
///
/// A phone's CPU cores, GPU and NPU share one memory but reach different fractions of it (a few
/// CPU cores cannot saturate LPDDR5X; an NPU streams through its own DMA engines), and their
/// kernels reach different fractions of their own peaks, so each unit carries its own pair.
public struct UnitEfficiency: Codable, Hashable, Sendable {
  /// Fraction of the unit's peak that prefill matrix multiplications reach, in (0, 1].
  public var compute: Double
  /// Fraction of the device's peak memory bandwidth that decode reaches on the unit, in (0, 1].
  public var memory: Double

  /// Creates a pair of fractions.
  ///
  /// - Parameters:
  ///   - compute: Fraction of the unit's peak throughput, in (0, 1].
  ///   - memory: Fraction of the device's peak bandwidth, in (0, 1].
  public init(compute: Double, memory: Double) {
    self.compute = compute
    self.memory = memory
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case compute, memory
  }

  /// Decodes the pair, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` or `UnknownKeyError`.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    compute = try container.decode(Double.self, forKey: .compute)
    memory = try container.decode(Double.self, forKey: .memory)
  }
}
