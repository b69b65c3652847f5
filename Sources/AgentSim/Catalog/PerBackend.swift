/// One optional value per compute unit of a device (CPU cores, GPU, NPU), for the units other
/// than the primary one the hardware profile describes. In JSON: an object with any of the keys
/// `cpu`, `gpu`, `npu`; a unit left out is `nil`.
///
/// The one shape behind ``BackendThroughput`` (peaks per unit) and ``BackendEfficiency``
/// (achievable fractions per unit): storage, lookup by ``ComputeBackend`` and decoding that
/// rejects unknown keys, written once.
public struct PerBackend<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
  /// The CPU cores' value.
  public var cpu: Value?
  /// The GPU's value.
  public var gpu: Value?
  /// The NPU's value.
  public var npu: Value?

  /// Creates a table; leave out units without a value of their own.
  ///
  /// - Parameters:
  ///   - cpu: The CPU cores' value.
  ///   - gpu: The GPU's value.
  ///   - npu: The NPU's value.
  public init(cpu: Value? = nil, gpu: Value? = nil, npu: Value? = nil) {
    self.cpu = cpu
    self.gpu = gpu
    self.npu = npu
  }

  /// The value of `backend`, or `nil` when the unit is not listed.
  ///
  /// - Parameter backend: The compute unit.
  public subscript(backend: ComputeBackend) -> Value? {
    get {
      switch backend {
      case .cpu: return cpu
      case .gpu: return gpu
      case .npu: return npu
      }
    }
    set {
      switch backend {
      case .cpu: cpu = newValue
      case .gpu: gpu = newValue
      case .npu: npu = newValue
      }
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
    cpu = try container.decodeIfPresent(Value.self, forKey: .cpu)
    gpu = try container.decodeIfPresent(Value.self, forKey: .gpu)
    npu = try container.decodeIfPresent(Value.self, forKey: .npu)
  }
}

/// Peak throughput per compute unit of a device, for the units other than the one
/// `HardwareProfile.peakThroughput` describes. In JSON: `{"cpu": {"int8": 2.1}, "npu": {...}}`.
public typealias BackendThroughput = PerBackend<PrecisionThroughput>

/// Achievable fractions per compute unit other than the primary one (whose fractions are the
/// profile's own `computeEfficiency` and `memoryEfficiency`). In JSON:
/// `{"cpu": {"compute": 0.2, "memory": 0.5}, "gpu": {...}}`. A unit left out takes the primary
/// unit's fractions.
public typealias BackendEfficiency = PerBackend<UnitEfficiency>
