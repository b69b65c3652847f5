import Foundation

/// The timing model of one deployment: a model at a precision, served by an engine on one
/// accelerator (one compute unit of a device), or on several with tensor parallelism.
///
/// Every iteration is a roofline (DESIGN.md §4): the bytes it reads over the hardware's calibrated
/// bandwidth against the FLOPs it performs over the calibrated peak of the engine's compute path,
/// the larger of the two, plus the engine's fixed per-iteration and per-layer overheads and, with
/// tensor parallelism, two all-reduces per layer. A request also pays the engine's per-request
/// overhead once, before its first token. The "Cost model" article gives the equations and their
/// calibration.
public struct InferenceEngine: Sendable {
  /// The accelerator.
  public let hardware: HardwareProfile
  /// The model.
  public let model: ModelArchitecture
  /// The weight precision.
  public let precision: Precision
  /// The serving engine.
  public let engine: EngineProfile
  /// The KV-cache format (the engine's default unless the site or caller chose one).
  public let kvPrecision: KVPrecision
  /// The compute unit the model runs on.
  public let backend: ComputeBackend
  /// The precision whose peak prefill matrix multiplications run at (`int8` for q4 weights under
  /// llama.cpp on hardware with an int8 path, for example).
  public let computePath: Precision
  /// Accelerators the model is split over with tensor parallelism.
  public let acceleratorCount: Int
  /// Bytes of weights resident over all accelerators (every parameter, every expert, the
  /// embedding table) at the precision's bytes per parameter.
  public let weightBytes: Double
  /// KV-cache bytes per token of context over all layers:
  /// `layers × 2 × kv_heads × head_dim × kv_bytes` (latent attention: `layers × (kv_rank +
  /// rope_dim) × kv_bytes`).
  public let kvBytesPerToken: Double
  /// KV tokens that fit beside the weights in usable memory over all accelerators; 0 or negative
  /// when the weights alone do not fit (see `fitProblem`).
  public let kvCapacityTokens: Int
  /// `nil` when the weights fit with room for at least one token of KV cache; otherwise a plain
  /// sentence saying why not.
  public let fitProblem: String?
  /// Peak throughput the matrix multiplications run at on one accelerator, FLOP/s.
  public let peakFLOPsPerSecond: Double
  /// The iteration-time coefficients, precomputed and free of references (the simulator's hot
  /// loop reads these, not the engine).
  public let roofline: Roofline

  /// Creates the deployment of `model` at `precision` on `acceleratorCount` accelerators of
  /// `hardware`, served by `engine`.
  ///
  /// An engine whose weights do not fit is still created, so that callers can report
  /// `fitProblem`; its timings are what the hardware would take if the memory were there.
  ///
  /// - Parameters:
  ///   - hardware: The accelerator.
  ///   - model: The model.
  ///   - precision: The weight precision.
  ///   - acceleratorCount: Tensor-parallel degree, at least 1.
  ///   - engine: The serving engine; `nil`: the documented default for the hardware
  ///     (`Catalog.defaultEngine(for:)` of the built-in catalog).
  ///   - kvPrecision: The KV-cache format; `nil`: the engine's default for `precision`
  ///     (`EngineProfile.kvPrecision(forWeights:)`).
  ///   - backend: The compute unit; `nil`: the engine's default where the hardware has it, else
  ///     the hardware's primary unit.
  ///   - weightBytesPerParameter: Bytes per weight when the file format's differ from the
  ///     precision's (a llama.cpp `Q4_K_M` file at `q4`, `WeightFormat`); `nil`: the precision's.
  /// - Throws: `Diagnostic` when the hardware has no path for the precision (fp8 without FP8
  ///   tensor cores), no such compute unit, the accelerator count is not positive, or tensor
  ///   parallelism is asked of hardware without an interconnect figure.
  public init(
    hardware: HardwareProfile, model: ModelArchitecture, precision: Precision,
    acceleratorCount: Int = 1, engine: EngineProfile? = nil, kvPrecision: KVPrecision? = nil,
    backend: ComputeBackend? = nil, weightBytesPerParameter: Double? = nil
  ) throws {
    guard acceleratorCount >= 1 else {
      throw Diagnostic(message: "expected at least 1 accelerator, found \(acceleratorCount)")
    }
    let engine = engine ?? Catalog.builtIn.defaultEngine(for: hardware)
    let unit: ComputeBackend
    if let backend {
      guard hardware.peakThroughput(on: backend) != nil else {
        throw Diagnostic(
          message: "\(hardware.name) lists no \(backend.rawValue) throughput",
          suggestion: "use backend \(hardware.backends.map(\.rawValue).joined(separator: ", "))")
      }
      unit = backend
    } else {
      unit =
        hardware.peakThroughput(on: engine.defaultBackend) != nil
        ? engine.defaultBackend : hardware.primaryBackend
    }
    let peaks = hardware.peakThroughput(on: unit) ?? hardware.peakThroughput
    guard let path = Self.computePath(for: precision, peaks: peaks, engine: engine),
      let peak = peaks[path]
    else {
      let supported = Precision.allCases.filter {
        Self.computePath(for: $0, peaks: peaks, engine: engine) != nil
      }
      throw Diagnostic(
        message: "\(hardware.name) has no \(precision.rawValue) path on its"
          + " \(unit.rawValue) (no native \(precision.rawValue) tensor throughput is listed)",
        suggestion: "use one of \(supported.map(\.rawValue).joined(separator: ", "))")
    }
    if acceleratorCount > 1 && hardware.interconnectGigabytesPerSecond == nil {
      throw Diagnostic(
        message: "\(hardware.name) lists no interconnect bandwidth, so it cannot be used with"
          + " tensor parallelism over \(acceleratorCount) accelerators",
        suggestion: "use 1 accelerator, or define the hardware with 'interconnect_gb_per_s'")
    }
    self.hardware = hardware
    self.model = model
    self.precision = precision
    self.acceleratorCount = acceleratorCount
    self.engine = engine
    let kv = kvPrecision ?? engine.kvPrecision(forWeights: precision)
    self.kvPrecision = kv
    self.backend = unit
    computePath = path
    peakFLOPsPerSecond = peak * 1e12
    let bytesPerParameter = weightBytesPerParameter ?? precision.bytesPerParameter
    // The unit's own achievable fractions (a phone's CPU reaches a different share of the
    // shared memory and of its own peak than the NPU the profile's fractions describe).
    let unitHardware = hardware.onUnit(unit)
    roofline = Roofline(
      hardware: unitHardware, model: model, precision: precision, kvPrecision: kv, engine: engine,
      acceleratorCount: acceleratorCount, peakFLOPsPerSecond: peak * 1e12,
      computeEfficiency: unitHardware.computeEfficiency(on: path),
      bytesPerParameter: bytesPerParameter)
    weightBytes = model.totalParameters * bytesPerParameter
    kvBytesPerToken = model.kvElementsPerToken * kv.bytesPerElement
    let usable = Self.usableMemoryBytes(
      hardware: hardware, accelerators: acceleratorCount, engine: engine, weightBytes: weightBytes)
    let spare = usable - weightBytes
    kvCapacityTokens = spare > 0 ? Int((spare / kvBytesPerToken).rounded(.down)) : 0
    if kvCapacityTokens < 1 {
      let holder =
        acceleratorCount == 1
        ? "one \(hardware.name) has"
        : "\(acceleratorCount) × \(hardware.name) have"
      fitProblem =
        "\(model.name) at \(precision.rawValue) needs "
        + "\(Self.gigabytes(weightBytes)) GB of weights, but \(holder) "
        + "\(Self.gigabytes(usable)) GB usable (\(Self.gigabytes(hardware.memoryGigabytes * 1e9))"
        + (engine.kvCacheOfFreeMemory
          ? " GB each)" : " GB × \(hardware.usableMemoryFraction) each)")
    } else {
      fitProblem = nil
    }
  }

  /// The precision whose peak multiplies of `precision` weights run at, or `nil` when `peaks`
  /// has no path for it.
  ///
  /// 16-bit weights run at the 16-bit peak; fp8 needs a native fp8 peak; int8 and q4 run on the
  /// int8 path when the engine quantizes activations (`QuantizedComputePath.int8`) and the unit
  /// lists int8, on a native path of their own otherwise when listed (FP4 tensor cores), else at
  /// the 16-bit peak after dequantization (else int8 on integer-only NPUs).
  static func computePath(
    for precision: Precision, peaks: PrecisionThroughput, engine: EngineProfile
  ) -> Precision? {
    let sixteen: Precision? = peaks.bf16 != nil ? .bf16 : peaks.fp16 != nil ? .fp16 : nil
    switch precision {
    case .bf16, .fp16: return sixteen
    case .fp8: return peaks.fp8 != nil ? .fp8 : nil
    case .int8, .q4:
      if engine.quantizedComputePath == .int8, peaks.int8 != nil { return .int8 }
      if peaks[precision] != nil { return precision }
      return sixteen ?? (peaks.int8 != nil ? .int8 : nil)
    }
  }

  /// The engine's once-per-request work, s, paid before the first token.
  public var requestOverheadSeconds: Double { roofline.requestOverheadSeconds }

  /// Power the engine's accelerators draw while busy, W.
  public var activePowerWatts: Double { hardware.activePowerWatts * Double(acceleratorCount) }

  /// Rental price of the engine's accelerators, USD per hour, where known.
  public var pricePerHour: Double? { hardware.pricePerHour.map { $0 * Double(acceleratorCount) } }

  /// The duration of one iteration over a mixed batch (continuous batching, chunked prefill).
  ///
  /// Bytes read: the weights the batch needs (dense layers, the shared part and the experts the
  /// batch's tokens touch, the LM head; embedding rows per token), the KV cache every decoding
  /// sequence and every prefill chunk's cached prefix reads, and the KV the new tokens write.
  /// FLOPs: `2 × active parameters` per token, the LM head for decoding tokens (a prefill computes
  /// logits for one token, which is neglected), and `attentionFLOPsPerPair` per attention pair.
  /// Both are split evenly over the accelerators.
  ///
  /// - Parameter work: What the iteration processes.
  /// - Returns: Its duration (s) and the bound; zero seconds for empty work.
  /// - Complexity: O(1).
  public func iteration(_ work: IterationWork) -> IterationCost {
    roofline.iteration(work)
  }

  /// Prefill of one sequence alone: `promptTokens` new tokens after `cachedTokens` cached ones,
  /// in one iteration.
  ///
  /// - Parameters:
  ///   - promptTokens: New prompt tokens.
  ///   - cachedTokens: Tokens already cached (a reused prefix).
  /// - Returns: Seconds; 0 without prompt tokens.
  public func prefillSeconds(promptTokens: Int, cachedTokens: Int) -> Double {
    prefillCost(promptTokens: promptTokens, cachedTokens: cachedTokens).seconds
  }

  /// Prefill of one sequence alone, with its bound.
  ///
  /// - Parameters:
  ///   - promptTokens: New prompt tokens.
  ///   - cachedTokens: Tokens already cached.
  /// - Returns: Duration (s) and bound.
  public func prefillCost(promptTokens: Int, cachedTokens: Int) -> IterationCost {
    var work = IterationWork()
    if promptTokens > 0 { work.addPrefillChunk(tokens: promptTokens, cachedTokens: cachedTokens) }
    return iteration(work)
  }

  /// One decode step for `batchSize` sequences each holding `contextTokens` tokens of context.
  ///
  /// - Parameters:
  ///   - batchSize: Sequences in the batch.
  ///   - contextTokens: Context of each sequence, tokens.
  /// - Returns: Seconds.
  public func decodeStepSeconds(batchSize: Int, contextTokens: Int) -> Double {
    decodeStepCost(batchSize: batchSize, contextTokens: contextTokens).seconds
  }

  /// One decode step, with its bound.
  ///
  /// - Parameters:
  ///   - batchSize: Sequences in the batch.
  ///   - contextTokens: Context of each sequence, tokens.
  /// - Returns: Duration (s) and bound.
  public func decodeStepCost(batchSize: Int, contextTokens: Int) -> IterationCost {
    iteration(
      IterationWork(decodeSequences: batchSize, decodeContextTokens: batchSize * contextTokens))
  }

  /// Energy the engine uses while busy for `busySeconds`, J (devices: battery drain).
  ///
  /// - Parameter busySeconds: Busy time, s.
  /// - Returns: Joules.
  public func energyJoules(busySeconds: Double) -> Double { activePowerWatts * busySeconds }

  /// Rental cost of the engine for `busySeconds` of busy time: `pricePerHour × busySeconds / 3600`.
  ///
  /// - Parameter busySeconds: Busy replica time, s.
  /// - Returns: USD, or `nil` when the price is unknown.
  public func cost(busySeconds: Double) -> Double? {
    pricePerHour.map { $0 * busySeconds / 3600 }
  }

  /// Bytes of weights plus the KV cache of `sequences` sequences of `tokensPerSequence` tokens.
  ///
  /// - Parameters:
  ///   - sequences: Sequences resident at once.
  ///   - tokensPerSequence: Context of each, tokens.
  /// - Returns: Bytes over all accelerators.
  public func memoryRequiredBytes(sequences: Int, tokensPerSequence: Int) -> Double {
    weightBytes + Double(sequences) * Double(tokensPerSequence) * kvBytesPerToken
  }

  /// Usable memory over all accelerators, bytes: for weights and the KV cache together.
  public var usableMemoryBytes: Double {
    Self.usableMemoryBytes(
      hardware: hardware, accelerators: acceleratorCount, engine: engine,
      weightBytes: weightBytes)
  }

  /// The memory for weights and KV cache on `accelerators` × `hardware` under `engine` with
  /// `weightBytes` of weights, bytes: the hardware's usable fraction of the whole memory, or, for
  /// an engine whose cache is a fraction of the memory the weights leave free
  /// (`EngineProfile.kvCacheOfFreeMemory`), the weights plus that fraction of the rest (at most
  /// the whole memory, when the weights do not fit).
  ///
  /// - Parameters:
  ///   - hardware: The accelerator.
  ///   - accelerators: How many hold the model.
  ///   - engine: The serving engine.
  ///   - weightBytes: The weights of every model the accelerators hold, bytes.
  /// - Returns: Bytes over all accelerators.
  static func usableMemoryBytes(
    hardware: HardwareProfile, accelerators: Int, engine: EngineProfile, weightBytes: Double
  ) -> Double {
    guard engine.kvCacheOfFreeMemory else {
      return hardware.usableMemoryBytes * Double(accelerators)
    }
    let total = hardware.memoryGigabytes * 1e9 * Double(accelerators)
    guard weightBytes < total else { return total }
    return weightBytes + hardware.usableMemoryFraction * (total - weightBytes)
  }

  static func gigabytes(_ bytes: Double) -> String {
    String(format: "%.1f", bytes / 1e9)
  }
}
