/// One accelerator (a GPU, an SoC's GPU or NPU) as the cost model sees it: memory, bandwidth,
/// peak throughput, calibrated efficiencies and overheads, power, price, and where each number
/// comes from.
///
/// In JSON (user definitions) the keys are snake_case; `calibration`, `usable_memory_fraction`,
/// `interconnect_gb_per_s` and `price_per_hour` may be left out.
public struct HardwareProfile: Codable, Hashable, Sendable {
  /// Stable kebab-case name (`h100-sxm`).
  public var name: String
  /// The placement tier the hardware typically serves.
  public var tier: HardwareTier
  /// Memory capacity of one accelerator, GB (10^9 bytes); for unified-memory SoCs, the whole RAM.
  public var memoryGigabytes: Double
  /// Fraction of `memoryGigabytes` that weights and KV cache may use (the rest is the OS, the
  /// runtime, activations): 0.9 for datacenter GPUs (vLLM's default), about 0.75 for Apple
  /// silicon (Metal's recommended working set), about 0.5 for phones.
  public var usableMemoryFraction: Double
  /// Peak memory bandwidth, GB/s.
  public var memoryBandwidthGigabytesPerSecond: Double
  /// Peak dense throughput per precision.
  public var peakThroughput: PrecisionThroughput
  /// Calibrated fraction of peak bandwidth that weight and KV streaming reaches (η_memory).
  public var memoryEfficiency: Double
  /// Calibrated fraction of peak throughput that prefill matrix multiplications reach
  /// (η_compute).
  public var computeEfficiency: Double
  /// Calibrated fixed cost of one engine iteration (scheduling, sampling, launch), ms.
  public var stepOverheadMilliseconds: Double
  /// Calibrated fixed cost per transformer layer per iteration (kernel launches), ms.
  public var layerOverheadMilliseconds: Double
  /// Per-direction bandwidth between accelerators for tensor parallelism (NVLink), GB/s; `nil`
  /// when the profile does not support tensor parallelism.
  public var interconnectGigabytesPerSecond: Double?
  /// Power drawn while running inference, W.
  public var activePowerWatts: Double
  /// Rental price of one accelerator, USD per hour, where known.
  public var pricePerHour: Double?
  /// Where the specification numbers come from (datasheet, reference-data row), and which are
  /// estimates.
  public var source: String
  /// How the efficiencies and overheads were obtained: the calibration rows they were fitted on,
  /// or the prior they were taken from.
  public var calibration: String

  /// Creates a hardware profile.
  ///
  /// - Parameters:
  ///   - name: Stable kebab-case name.
  ///   - tier: Typical placement tier.
  ///   - memoryGigabytes: Memory capacity, GB.
  ///   - usableMemoryFraction: Fraction of memory for weights and KV cache, in (0, 1].
  ///   - memoryBandwidthGigabytesPerSecond: Peak memory bandwidth, GB/s.
  ///   - peakThroughput: Peak dense throughput per precision.
  ///   - memoryEfficiency: Fraction of peak bandwidth reached, in (0, 1].
  ///   - computeEfficiency: Fraction of peak throughput reached, in (0, 1].
  ///   - stepOverheadMilliseconds: Fixed cost per iteration, ms.
  ///   - layerOverheadMilliseconds: Fixed cost per layer per iteration, ms.
  ///   - interconnectGigabytesPerSecond: Tensor-parallel link bandwidth per direction, GB/s.
  ///   - activePowerWatts: Power while running inference, W.
  ///   - pricePerHour: USD per accelerator-hour, if known.
  ///   - source: Provenance of the specification numbers.
  ///   - calibration: Provenance of the efficiencies and overheads.
  public init(
    name: String, tier: HardwareTier, memoryGigabytes: Double, usableMemoryFraction: Double,
    memoryBandwidthGigabytesPerSecond: Double, peakThroughput: PrecisionThroughput,
    memoryEfficiency: Double, computeEfficiency: Double, stepOverheadMilliseconds: Double,
    layerOverheadMilliseconds: Double, interconnectGigabytesPerSecond: Double? = nil,
    activePowerWatts: Double, pricePerHour: Double? = nil, source: String,
    calibration: String = "user-defined"
  ) {
    self.name = name
    self.tier = tier
    self.memoryGigabytes = memoryGigabytes
    self.usableMemoryFraction = usableMemoryFraction
    self.memoryBandwidthGigabytesPerSecond = memoryBandwidthGigabytesPerSecond
    self.peakThroughput = peakThroughput
    self.memoryEfficiency = memoryEfficiency
    self.computeEfficiency = computeEfficiency
    self.stepOverheadMilliseconds = stepOverheadMilliseconds
    self.layerOverheadMilliseconds = layerOverheadMilliseconds
    self.interconnectGigabytesPerSecond = interconnectGigabytesPerSecond
    self.activePowerWatts = activePowerWatts
    self.pricePerHour = pricePerHour
    self.source = source
    self.calibration = calibration
  }

  /// Memory that weights and KV cache may occupy, bytes.
  public var usableMemoryBytes: Double { memoryGigabytes * 1e9 * usableMemoryFraction }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name
    case tier
    case memoryGigabytes = "memory_gb"
    case usableMemoryFraction = "usable_memory_fraction"
    case memoryBandwidthGigabytesPerSecond = "memory_bandwidth_gb_per_s"
    case peakThroughput = "peak_tflops"
    case memoryEfficiency = "memory_efficiency"
    case computeEfficiency = "compute_efficiency"
    case stepOverheadMilliseconds = "step_overhead_ms"
    case layerOverheadMilliseconds = "layer_overhead_ms"
    case interconnectGigabytesPerSecond = "interconnect_gb_per_s"
    case activePowerWatts = "active_power_w"
    case pricePerHour = "price_per_hour"
    case source
    case calibration
  }

  /// Decodes a user-defined profile, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing or malformed value, `UnknownKeyError` for an unknown
  ///   key.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    tier = try container.decode(HardwareTier.self, forKey: .tier)
    memoryGigabytes = try container.decode(Double.self, forKey: .memoryGigabytes)
    usableMemoryFraction =
      try container.decodeIfPresent(Double.self, forKey: .usableMemoryFraction) ?? 0.9
    memoryBandwidthGigabytesPerSecond = try container.decode(
      Double.self, forKey: .memoryBandwidthGigabytesPerSecond)
    peakThroughput = try container.decode(PrecisionThroughput.self, forKey: .peakThroughput)
    memoryEfficiency = try container.decode(Double.self, forKey: .memoryEfficiency)
    computeEfficiency = try container.decode(Double.self, forKey: .computeEfficiency)
    stepOverheadMilliseconds = try container.decode(Double.self, forKey: .stepOverheadMilliseconds)
    layerOverheadMilliseconds = try container.decode(
      Double.self, forKey: .layerOverheadMilliseconds)
    interconnectGigabytesPerSecond = try container.decodeIfPresent(
      Double.self, forKey: .interconnectGigabytesPerSecond)
    activePowerWatts = try container.decode(Double.self, forKey: .activePowerWatts)
    pricePerHour = try container.decodeIfPresent(Double.self, forKey: .pricePerHour)
    source = try container.decode(String.self, forKey: .source)
    calibration = try container.decodeIfPresent(String.self, forKey: .calibration) ?? "user-defined"
  }

  /// Every problem with the profile's numbers: non-finite, non-positive or out of range.
  ///
  /// - Parameter path: The JSON path of the profile, prefixed to each problem's path.
  /// - Returns: The problems, in field order; empty when the profile is valid.
  public func validationProblems(at path: String) -> [Diagnostic] {
    var check = NumberCheck(path: path)
    check.name(name)
    check.positive(memoryGigabytes, "memory_gb")
    check.fraction(usableMemoryFraction, "usable_memory_fraction")
    check.positive(memoryBandwidthGigabytesPerSecond, "memory_bandwidth_gb_per_s")
    for precision in Precision.allCases {
      if let peak = peakThroughput[precision] {
        check.positive(peak, "peak_tflops.\(precision.rawValue)")
      }
    }
    if peakThroughput.sixteenBit == nil && peakThroughput.int8 == nil {
      check.problems.append(
        Diagnostic(
          path: path + ".peak_tflops", message: "expected at least a bf16, fp16 or int8 peak"))
    }
    check.fraction(memoryEfficiency, "memory_efficiency")
    check.fraction(computeEfficiency, "compute_efficiency")
    check.nonNegative(stepOverheadMilliseconds, "step_overhead_ms")
    check.nonNegative(layerOverheadMilliseconds, "layer_overhead_ms")
    if let interconnectGigabytesPerSecond {
      check.positive(interconnectGigabytesPerSecond, "interconnect_gb_per_s")
    }
    check.positive(activePowerWatts, "active_power_w")
    if let pricePerHour { check.nonNegative(pricePerHour, "price_per_hour") }
    // Ranges (issue 12): wide enough for any real accelerator, narrow enough that times and
    // byte counts computed from them stay finite and within the simulated clock.
    check.within(memoryGigabytes, 1e-3...1e5, "memory_gb")
    check.within(usableMemoryFraction, 1e-3...1, "usable_memory_fraction")
    check.within(memoryBandwidthGigabytesPerSecond, 1e-3...1e6, "memory_bandwidth_gb_per_s")
    for precision in Precision.allCases {
      if let peak = peakThroughput[precision] {
        check.within(peak, 1e-6...1e6, "peak_tflops.\(precision.rawValue)")
      }
    }
    check.within(memoryEfficiency, 1e-3...1, "memory_efficiency")
    check.within(computeEfficiency, 1e-3...1, "compute_efficiency")
    check.within(stepOverheadMilliseconds, 0...60_000, "step_overhead_ms")
    check.within(layerOverheadMilliseconds, 0...1_000, "layer_overhead_ms")
    if let interconnectGigabytesPerSecond {
      check.within(interconnectGigabytesPerSecond, 1e-3...1e6, "interconnect_gb_per_s")
    }
    check.within(activePowerWatts, 1e-3...1e5, "active_power_w")
    if let pricePerHour { check.within(pricePerHour, ValueLimits.price, "price_per_hour") }
    check.text(source, "source")
    return check.problems
  }
}
