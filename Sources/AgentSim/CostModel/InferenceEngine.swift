import Foundation

/// The timing model of one inference engine: a model at a precision on one accelerator, or on
/// several with tensor parallelism.
///
/// Every iteration is a roofline (DESIGN.md §4): the bytes it reads over the calibrated bandwidth
/// against the FLOPs it performs over the calibrated peak, the larger of the two, plus fixed
/// per-iteration and per-layer overheads and, with tensor parallelism, two all-reduces per layer.
/// The "Cost model" article gives the equations and their calibration.
public struct InferenceEngine: Sendable {
  /// The accelerator.
  public let hardware: HardwareProfile
  /// The model.
  public let model: ModelArchitecture
  /// The weight precision.
  public let precision: Precision
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

  /// Latency of one all-reduce of small messages across the tensor-parallel group, s (NCCL on
  /// NVLink: about 10 µs; an estimate, not calibrated).
  public static let allReduceLatencySeconds = 10e-6

  /// Creates the engine for `model` at `precision` on `acceleratorCount` accelerators of
  /// `hardware`.
  ///
  /// An engine whose weights do not fit is still created, so that callers can report
  /// `fitProblem`; its timings are what the hardware would take if the memory were there.
  ///
  /// - Parameters:
  ///   - hardware: The accelerator.
  ///   - model: The model.
  ///   - precision: The weight precision.
  ///   - acceleratorCount: Tensor-parallel degree, at least 1.
  /// - Throws: `Diagnostic` when the hardware has no path for the precision (fp8 without FP8
  ///   tensor cores), the accelerator count is not positive, or tensor parallelism is asked of
  ///   hardware without an interconnect figure.
  public init(
    hardware: HardwareProfile, model: ModelArchitecture, precision: Precision,
    acceleratorCount: Int = 1
  ) throws {
    guard acceleratorCount >= 1 else {
      throw Diagnostic(message: "expected at least 1 accelerator, found \(acceleratorCount)")
    }
    guard let peak = hardware.peakThroughput.effectivePeak(for: precision) else {
      let supported = Precision.allCases.filter {
        hardware.peakThroughput.effectivePeak(for: $0) != nil
      }
      throw Diagnostic(
        message: "\(hardware.name) has no \(precision.rawValue) path (no native"
          + " \(precision.rawValue) tensor throughput is listed)",
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
    peakFLOPsPerSecond = peak * 1e12
    roofline = Roofline(
      hardware: hardware, model: model, precision: precision,
      acceleratorCount: acceleratorCount, peakFLOPsPerSecond: peak * 1e12)
    weightBytes = model.totalParameters * precision.bytesPerParameter
    kvBytesPerToken = model.kvElementsPerToken * precision.kvCacheBytesPerElement
    let usable = hardware.usableMemoryBytes * Double(acceleratorCount)
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
        + " GB × \(hardware.usableMemoryFraction) each)"
    } else {
      fitProblem = nil
    }
  }

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

  /// Usable memory over all accelerators, bytes.
  public var usableMemoryBytes: Double {
    hardware.usableMemoryBytes * Double(acceleratorCount)
  }

  static func gigabytes(_ bytes: Double) -> String {
    String(format: "%.1f", bytes / 1e9)
  }
}
