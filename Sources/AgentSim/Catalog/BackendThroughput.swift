/// Peak throughput per compute unit of a device, for the units other than the one
/// `HardwareProfile.peakThroughput` describes. In JSON: `{"cpu": {"int8": 2.1}, "npu": {...}}`.
public struct BackendThroughput: Codable, Hashable, Sendable {
  /// CPU cores' peaks.
  public var cpu: PrecisionThroughput?
  /// GPU peaks.
  public var gpu: PrecisionThroughput?
  /// NPU peaks.
  public var npu: PrecisionThroughput?

  /// Creates a table; leave out units that are absent or unmeasured.
  ///
  /// - Parameters:
  ///   - cpu: CPU peaks.
  ///   - gpu: GPU peaks.
  ///   - npu: NPU peaks.
  public init(
    cpu: PrecisionThroughput? = nil, gpu: PrecisionThroughput? = nil,
    npu: PrecisionThroughput? = nil
  ) {
    self.cpu = cpu
    self.gpu = gpu
    self.npu = npu
  }

  /// The peaks of `backend`, or `nil`.
  ///
  /// - Parameter backend: The compute unit.
  /// - Returns: Its peaks, or `nil` when not listed.
  public subscript(backend: ComputeBackend) -> PrecisionThroughput? {
    switch backend {
    case .cpu: return cpu
    case .gpu: return gpu
    case .npu: return npu
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case cpu, gpu, npu
  }

  /// Decodes the table, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` or `UnknownKeyError`.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    cpu = try container.decodeIfPresent(PrecisionThroughput.self, forKey: .cpu)
    gpu = try container.decodeIfPresent(PrecisionThroughput.self, forKey: .gpu)
    npu = try container.decodeIfPresent(PrecisionThroughput.self, forKey: .npu)
  }
}
