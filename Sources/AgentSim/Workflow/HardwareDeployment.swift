/// Catalog hardware serving a site's models: a pool of identical replicas.
public struct HardwareDeployment: Hashable, Sendable {
  /// The catalog hardware name (`"l40s"`).
  public var hardware: String
  /// Identical replicas in the pool, each with its own queue and batch; always 1 on a device.
  public var replicas: Int
  /// Accelerators per replica (tensor parallel); always 1 on a device.
  public var acceleratorsPerReplica: Int
  /// The most sequences in one batch; `nil` lets the simulator derive it from memory.
  public var maxBatch: Int?
  /// The prefill token budget per iteration (chunked prefill); `nil` uses the simulator's
  /// default.
  public var chunkTokens: Int?
  /// Rental price of one accelerator, USD per hour, overriding the catalog's (which some hardware
  /// lacks); `nil` uses the catalog's. Shared sites only: a device is not rented.
  public var pricePerAcceleratorHour: Double?
  /// The serving engine's catalog name (`"vllm"`); `nil`: the documented default for the
  /// hardware (`Catalog.defaultEngineKind(for:)`).
  public var engine: String?
  /// The compute unit; `nil`: the engine's default where the hardware has it.
  public var backend: ComputeBackend?
  /// The KV-cache format; `nil`: the engine's default.
  public var kvPrecision: KVPrecision?

  /// Creates a deployment.
  public init(
    hardware: String, replicas: Int = 1, acceleratorsPerReplica: Int = 1, maxBatch: Int? = nil,
    chunkTokens: Int? = nil, pricePerAcceleratorHour: Double? = nil, engine: String? = nil,
    backend: ComputeBackend? = nil, kvPrecision: KVPrecision? = nil
  ) {
    self.engine = engine
    self.backend = backend
    self.kvPrecision = kvPrecision
    self.hardware = hardware
    self.replicas = replicas
    self.acceleratorsPerReplica = acceleratorsPerReplica
    self.maxBatch = maxBatch
    self.chunkTokens = chunkTokens
    self.pricePerAcceleratorHour = pricePerAcceleratorHour
  }
}
