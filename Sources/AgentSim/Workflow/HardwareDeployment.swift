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

  /// Creates a deployment.
  public init(
    hardware: String, replicas: Int = 1, acceleratorsPerReplica: Int = 1, maxBatch: Int? = nil,
    chunkTokens: Int? = nil, pricePerAcceleratorHour: Double? = nil
  ) {
    self.hardware = hardware
    self.replicas = replicas
    self.acceleratorsPerReplica = acceleratorsPerReplica
    self.maxBatch = maxBatch
    self.chunkTokens = chunkTokens
    self.pricePerAcceleratorHour = pricePerAcceleratorHour
  }
}
