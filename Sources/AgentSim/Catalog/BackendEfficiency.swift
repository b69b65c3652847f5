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

/// Achievable fractions per compute unit other than the primary one (whose fractions are the
/// profile's own `computeEfficiency` and `memoryEfficiency`). In JSON:
/// `{"cpu": {"compute": 0.2, "memory": 0.5}, "gpu": {...}}`. A unit left out takes the primary
/// unit's fractions.
public struct BackendEfficiency: Codable, Hashable, Sendable {
  /// CPU cores' fractions.
  public var cpu: UnitEfficiency?
  /// GPU fractions.
  public var gpu: UnitEfficiency?
  /// NPU fractions.
  public var npu: UnitEfficiency?

  /// Creates a table; leave out units without their own fractions.
  ///
  /// - Parameters:
  ///   - cpu: CPU fractions.
  ///   - gpu: GPU fractions.
  ///   - npu: NPU fractions.
  public init(cpu: UnitEfficiency? = nil, gpu: UnitEfficiency? = nil, npu: UnitEfficiency? = nil) {
    self.cpu = cpu
    self.gpu = gpu
    self.npu = npu
  }

  /// The fractions of `backend`, or `nil`.
  ///
  /// - Parameter backend: The compute unit.
  public subscript(backend: ComputeBackend) -> UnitEfficiency? {
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
    cpu = try container.decodeIfPresent(UnitEfficiency.self, forKey: .cpu)
    gpu = try container.decodeIfPresent(UnitEfficiency.self, forKey: .gpu)
    npu = try container.decodeIfPresent(UnitEfficiency.self, forKey: .npu)
  }
}
