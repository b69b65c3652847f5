/// One accelerator (a GPU, an SoC with its CPU, GPU and NPU) as the cost model sees it: what the
/// silicon decides — memory, bandwidth, peak throughput per precision and per compute unit, the
/// achievable fractions of those peaks, power, price — and where each number comes from.
///
/// What the serving engine decides (overheads, attention kernels, KV format) lives in
/// `EngineProfile`. In JSON (user definitions) the keys are snake_case; `calibration`,
/// `usable_memory_fraction`, `low_precision_compute_efficiency`, `backend`,
/// `backend_peak_tflops`, `interconnect_gb_per_s` and `price_per_hour` may be left out.
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
  /// Calibrated fraction of peak bandwidth that weight and KV streaming reaches (η_memory),
  /// bounded by the measured copy bandwidth where one is published.
  public var memoryEfficiency: Double
  /// η_memory of the engines whose kernels reach a different fraction of this part's bandwidth
  /// than the engines `memoryEfficiency` is fitted on, by engine name
  /// (`engine_memory_efficiency`); an engine not listed reaches `memoryEfficiency`. Fitted where
  /// one part has decode rows of both kinds of engine (llama.cpp's kernels against gpt-fast's
  /// torch.compile step on the A100).
  public var engineMemoryEfficiency: [String: Double] = [:]
  /// Calibrated fraction of the 16-bit peak that prefill matrix multiplications reach
  /// (η_compute).
  public var computeEfficiency: Double
  /// Calibrated fraction of the fp8 / int8 / 4-bit peaks that their matrix multiplications reach;
  /// `nil`: the same as `computeEfficiency` (no row measures the 8-bit path separately).
  public var lowPrecisionComputeEfficiency: Double?
  /// The compute unit `peakThroughput` describes (`gpu` unless set).
  public var primaryBackend: ComputeBackend
  /// Peak throughput of the device's other compute units (a phone's CPU cores and NPU), where
  /// known; the primary unit's peaks are `peakThroughput`.
  public var backendPeakThroughput: BackendThroughput
  /// Achievable fractions per unit, where rows that name the unit measure them; a unit left out
  /// takes `computeEfficiency` and `memoryEfficiency`.
  public var backendEfficiency: BackendEfficiency
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
  ///   - computeEfficiency: Fraction of the 16-bit peak reached, in (0, 1].
  ///   - lowPrecisionComputeEfficiency: Fraction of the 8- and 4-bit peaks reached, if measured.
  ///   - engineMemoryEfficiency: Fraction of peak bandwidth reached by engines that differ from
  ///     `memoryEfficiency`, by engine name.
  ///   - primaryBackend: The unit `peakThroughput` describes.
  ///   - backendPeakThroughput: Peaks of the other units.
  ///   - backendEfficiency: Achievable fractions of the other units, where measured.
  ///   - interconnectGigabytesPerSecond: Tensor-parallel link bandwidth per direction, GB/s.
  ///   - activePowerWatts: Power while running inference, W.
  ///   - pricePerHour: USD per accelerator-hour, if known.
  ///   - source: Provenance of the specification numbers.
  ///   - calibration: Provenance of the efficiencies and overheads.
  public init(
    name: String, tier: HardwareTier, memoryGigabytes: Double, usableMemoryFraction: Double,
    memoryBandwidthGigabytesPerSecond: Double, peakThroughput: PrecisionThroughput,
    memoryEfficiency: Double, computeEfficiency: Double,
    lowPrecisionComputeEfficiency: Double? = nil,
    engineMemoryEfficiency: [String: Double] = [:], primaryBackend: ComputeBackend = .gpu,
    backendPeakThroughput: BackendThroughput = BackendThroughput(),
    backendEfficiency: BackendEfficiency = BackendEfficiency(),
    interconnectGigabytesPerSecond: Double? = nil,
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
    self.lowPrecisionComputeEfficiency = lowPrecisionComputeEfficiency
    self.engineMemoryEfficiency = engineMemoryEfficiency
    self.primaryBackend = primaryBackend
    self.backendPeakThroughput = backendPeakThroughput
    self.backendEfficiency = backendEfficiency
    self.interconnectGigabytesPerSecond = interconnectGigabytesPerSecond
    self.activePowerWatts = activePowerWatts
    self.pricePerHour = pricePerHour
    self.source = source
    self.calibration = calibration
  }

  /// The fraction of peak bandwidth `engine`'s decode kernels reach on this part.
  ///
  /// - Parameter engine: The engine's name.
  /// - Returns: `engineMemoryEfficiency[engine]`, else `memoryEfficiency`.
  public func memoryEfficiency(for engine: String) -> Double {
    engineMemoryEfficiency[engine] ?? memoryEfficiency
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
    case lowPrecisionComputeEfficiency = "low_precision_compute_efficiency"
    case engineMemoryEfficiency = "engine_memory_efficiency"
    case primaryBackend = "backend"
    case backendPeakThroughput = "backend_peak_tflops"
    case backendEfficiency = "backend_efficiency"
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
    lowPrecisionComputeEfficiency = try container.decodeIfPresent(
      Double.self, forKey: .lowPrecisionComputeEfficiency)
    engineMemoryEfficiency =
      try container.decodeIfPresent([String: Double].self, forKey: .engineMemoryEfficiency) ?? [:]
    primaryBackend =
      try container.decodeIfPresent(ComputeBackend.self, forKey: .primaryBackend) ?? .gpu
    backendPeakThroughput =
      try container.decodeIfPresent(BackendThroughput.self, forKey: .backendPeakThroughput)
      ?? BackendThroughput()
    backendEfficiency =
      try container.decodeIfPresent(BackendEfficiency.self, forKey: .backendEfficiency)
      ?? BackendEfficiency()
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
    if let lowPrecisionComputeEfficiency {
      check.fraction(lowPrecisionComputeEfficiency, "low_precision_compute_efficiency")
    }
    for (engine, efficiency) in engineMemoryEfficiency.sorted(by: { $0.key < $1.key }) {
      check.fraction(efficiency, "engine_memory_efficiency.\(engine)")
    }
    for backend in ComputeBackend.allCases {
      guard let peaks = backendPeakThroughput[backend] else { continue }
      for precision in Precision.allCases {
        if let peak = peaks[precision] {
          check.positive(peak, "backend_peak_tflops.\(backend.rawValue).\(precision.rawValue)")
        }
      }
    }
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
    for backend in ComputeBackend.allCases {
      guard let peaks = backendPeakThroughput[backend] else { continue }
      for precision in Precision.allCases {
        if let peak = peaks[precision] {
          check.within(
            peak, 1e-6...1e6, "backend_peak_tflops.\(backend.rawValue).\(precision.rawValue)")
        }
      }
    }
    for backend in ComputeBackend.allCases {
      guard let unit = backendEfficiency[backend] else { continue }
      check.within(unit.compute, 1e-3...1, "backend_efficiency.\(backend.rawValue).compute")
      check.within(unit.memory, 1e-3...1, "backend_efficiency.\(backend.rawValue).memory")
    }
    check.within(memoryEfficiency, 1e-3...1, "memory_efficiency")
    check.within(computeEfficiency, 1e-3...1, "compute_efficiency")
    if let interconnectGigabytesPerSecond {
      check.within(interconnectGigabytesPerSecond, 1e-3...1e6, "interconnect_gb_per_s")
    }
    check.within(activePowerWatts, 1e-3...1e5, "active_power_w")
    if let pricePerHour { check.within(pricePerHour, ValueLimits.price, "price_per_hour") }
    check.text(source, "source")
    return check.problems
  }

  /// The peak throughput table of `backend`: `peakThroughput` for the primary unit, else the
  /// listed one, else `nil` (the device has no such unit, or its peaks are not known).
  ///
  /// - Parameter backend: The compute unit.
  /// - Returns: Its peaks, or `nil`.
  public func peakThroughput(on backend: ComputeBackend) -> PrecisionThroughput? {
    backend == primaryBackend ? peakThroughput : backendPeakThroughput[backend]
  }

  /// The profile as the cost model sees it on `backend`: where the unit has its own fractions
  /// (`backendEfficiency`, fitted on rows that name the unit), those replace `computeEfficiency`,
  /// `lowPrecisionComputeEfficiency` and `memoryEfficiency`; otherwise the profile unchanged.
  ///
  /// - Parameter backend: The compute unit.
  /// - Returns: The profile with the unit's achievable fractions.
  public func onUnit(_ backend: ComputeBackend) -> HardwareProfile {
    guard let unit = backendEfficiency[backend] else { return self }
    var copy = self
    copy.computeEfficiency = unit.compute
    copy.lowPrecisionComputeEfficiency = nil
    copy.memoryEfficiency = unit.memory
    return copy
  }

  /// The backends the device lists peaks for, primary first.
  public var backends: [ComputeBackend] {
    [primaryBackend]
      + ComputeBackend.allCases.filter {
        $0 != primaryBackend && backendPeakThroughput[$0] != nil
      }
  }

  /// The achievable fraction of the peak a matrix multiplication reaches on `path`.
  ///
  /// - Parameter path: The precision whose peak the multiply runs at.
  /// - Returns: `computeEfficiency` for 16-bit paths, else `lowPrecisionComputeEfficiency` when
  ///   set.
  public func computeEfficiency(on path: Precision) -> Double {
    switch path {
    case .bf16, .fp16: return computeEfficiency
    case .fp8, .int8, .q4: return lowPrecisionComputeEfficiency ?? computeEfficiency
    }
  }
}
