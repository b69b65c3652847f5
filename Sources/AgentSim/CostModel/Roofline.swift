import Foundation

/// The numbers an engine's iteration time depends on, computed once: `InferenceEngine.iteration`
/// and the simulator's hot loop both evaluate iterations through this.
///
/// It holds no references (no names, no sources, no arrays), so copying it costs a few words and
/// no reference counting. That matters twice: the simulator evaluates iteration times inside
/// closures (exact sums over decode stretches) many times per event, and a sweep runs points on
/// several threads, where retaining strings shared between points would make the threads fight
/// over one cache line.
///
/// The arithmetic is `InferenceEngine.iteration`'s, in the same order, so results are identical
/// to the bit; see that method for the model.
public struct Roofline: Sendable, Hashable, BitwiseCopyable {
  /// Parameters every iteration reads whatever its size: attention projections of every layer
  /// plus the dense MLPs (`layers · attention + dense layers · MLP`).
  let fixedLayerParameters: Double
  /// MoE layers, as a Double (0 for a dense model).
  let expertLayers: Double
  /// Whether tokens are routed to experts.
  let isMixtureOfExperts: Bool
  /// Routed experts per MoE layer, E.
  let experts: Double
  /// `1 − k / E`: the chance one token's routing misses a given expert.
  let expertMissProbability: Double
  /// Shared experts per MoE layer.
  let sharedExperts: Double
  /// Parameters of one expert's MLP.
  let parametersPerExpert: Double
  /// Router parameters per MoE layer.
  let routerParametersPerLayer: Double
  /// The LM head (and embedding table), vocabulary × hidden.
  let embeddingParameters: Double
  /// Hidden size, as a Double.
  let hiddenSize: Double
  /// Bytes per weight parameter at the engine's precision.
  let bytesPerParameter: Double
  /// KV-cache bytes per token of context over all layers.
  let kvBytesPerToken: Double
  /// `2 ×` the active parameters per token: linear-layer FLOPs per token.
  let linearFLOPsPerToken: Double
  /// `2 ×` the LM head's parameters: FLOPs per decoding sequence for its logits.
  let headFLOPsPerSequence: Double
  /// Attention FLOPs per (query, key) pair over all layers, divided by the engine's attention
  /// efficiency (so that one division by `effectiveFLOPsPerSecond` times both).
  let attentionFLOPsPerPair: Double
  /// Accelerators, as a Double.
  let accelerators: Double
  /// Bytes per second one accelerator reads: peak bandwidth × memory efficiency.
  let effectiveBytesPerSecond: Double
  /// Extra seconds per weight byte for dequantizing int8 and q4 weights: the engine's read
  /// overhead over the hardware's peak bandwidth (0 for 16-bit and fp8 weights).
  let dequantizationSecondsPerByte: Double
  /// FLOP/s one accelerator performs: peak × compute efficiency.
  let effectiveFLOPsPerSecond: Double
  /// Fixed seconds per iteration: the engine's iteration overhead plus its per-layer overheads.
  let overheadSeconds: Double
  /// Fixed seconds of an iteration that processes prompt tokens: the iteration overhead plus the
  /// per-layer overheads of an eager iteration where the engine runs those without CUDA graphs
  /// (`EngineProfile.eagerLayerOverheadMilliseconds`), else `overheadSeconds`.
  let prefillOverheadSeconds: Double
  /// Tokens up to which an iteration with prompt tokens keeps `overheadSeconds`
  /// (`EngineProfile.graphTokenLimit`).
  let graphTokenLimit: Int
  /// The engine's once-per-request work, s: part of the time to first token, never of an
  /// iteration (so a batch does not pay it once per member on every step).
  public let requestOverheadSeconds: Double
  /// Layers, as a Double (for tensor-parallel all-reduces).
  let layers: Double
  /// Interconnect bandwidth for tensor parallelism, GB/s; 0 without tensor parallelism.
  let interconnectGigabytesPerSecond: Double
  /// The engine's fixed time per all-reduce, s.
  let allReduceLatencySeconds: Double

  /// The roofline of `model` at `precision` on `acceleratorCount` accelerators of `hardware`,
  /// served by `engine`.
  ///
  /// - Parameters:
  ///   - hardware: The accelerator.
  ///   - model: The model.
  ///   - precision: The weight precision.
  ///   - kvPrecision: The KV-cache format.
  ///   - engine: The serving engine (overheads, attention efficiency).
  ///   - acceleratorCount: Tensor-parallel degree.
  ///   - peakFLOPsPerSecond: The peak FLOP/s of the compute path the precision runs on.
  ///   - computeEfficiency: The achievable fraction of that peak.
  ///   - bytesPerParameter: Bytes per weight; `nil`: the precision's.
  init(
    hardware: HardwareProfile, model: ModelArchitecture, precision: Precision,
    kvPrecision: KVPrecision, engine: EngineProfile, acceleratorCount: Int,
    peakFLOPsPerSecond: Double, computeEfficiency: Double, bytesPerParameter: Double? = nil
  ) {
    fixedLayerParameters =
      Double(model.layers) * model.attentionParametersPerLayer
      + Double(model.layers - model.expertLayers) * model.denseMLPParameters
    expertLayers = Double(model.expertLayers)
    isMixtureOfExperts = model.isMixtureOfExperts
    experts = Double(model.experts)
    expertMissProbability = 1 - Double(model.activeExperts) / Double(model.experts)
    sharedExperts = Double(model.sharedExperts)
    parametersPerExpert = model.parametersPerExpert
    routerParametersPerLayer = model.routerParametersPerLayer
    embeddingParameters = model.embeddingParameters
    hiddenSize = Double(model.hiddenSize)
    self.bytesPerParameter = bytesPerParameter ?? precision.bytesPerParameter
    kvBytesPerToken = model.kvElementsPerToken * kvPrecision.bytesPerElement
    linearFLOPsPerToken = 2 * model.activeParametersPerToken
    headFLOPsPerSequence = 2 * model.embeddingParameters
    attentionFLOPsPerPair = model.attentionFLOPsPerPair / engine.attentionEfficiency
    accelerators = Double(acceleratorCount)
    effectiveBytesPerSecond =
      hardware.memoryBandwidthGigabytesPerSecond * 1e9
      * hardware.memoryEfficiency(for: engine.name)
    dequantizationSecondsPerByte =
      engine.readOverhead(for: precision) / (hardware.memoryBandwidthGigabytesPerSecond * 1e9)
    effectiveFLOPsPerSecond = peakFLOPsPerSecond * computeEfficiency
    overheadSeconds =
      (engine.iterationOverheadMilliseconds
        + Double(model.layers) * engine.layerOverheadMilliseconds) / 1000
    prefillOverheadSeconds =
      (engine.iterationOverheadMilliseconds
        + Double(model.layers) * engine.prefillLayerOverheadMilliseconds) / 1000
    graphTokenLimit = engine.graphTokenLimit
    requestOverheadSeconds = engine.requestOverheadMilliseconds / 1000
    layers = Double(model.layers)
    interconnectGigabytesPerSecond =
      acceleratorCount > 1 ? hardware.interconnectGigabytesPerSecond ?? 0 : 0
    allReduceLatencySeconds = engine.allReduceLatencyMicroseconds * 1e-6
  }

  /// The duration of one iteration over a mixed batch; see `InferenceEngine.iteration(_:)`.
  ///
  /// - Parameter work: What the iteration processes.
  /// - Returns: Its duration (s) and the bound; zero seconds for empty work.
  /// - Complexity: O(1).
  public func iteration(_ work: IterationWork) -> IterationCost {
    guard work.tokens > 0 else { return IterationCost(seconds: 0, bound: .memory) }
    let parts = components(work)
    // A prompt token beyond the captured graphs' sizes makes the iteration an eager one
    // (`EngineProfile.runsEagerly`; equal overheads where the engine has no eager one).
    let overhead =
      work.prefillTokens > 0 && work.tokens > graphTokenLimit
      ? prefillOverheadSeconds : overheadSeconds
    return IterationCost(
      seconds: max(parts.memory, parts.compute) + overhead + parts.communication,
      bound: parts.compute > parts.memory ? .compute : .memory)
  }

  /// The roofline's terms for `work` (non-empty): seconds to stream its bytes (with the
  /// dequantization of quantized weights), seconds of its
  /// FLOPs, seconds of tensor-parallel communication. `iteration(_:)` and the calibrator (which
  /// fits the efficiencies and overheads these terms are scaled by) both read them.
  @inline(__always)
  func components(_ work: IterationWork) -> (memory: Double, compute: Double, communication: Double)
  {
    let tokens = work.tokens
    let weightRead =
      (parametersRead(tokens: tokens) + Double(tokens) * hiddenSize) * bytesPerParameter
    let kvTokens = Double(work.decodeContextTokens + work.prefillCachedTokens + tokens)
    let bytes = (weightRead + kvTokens * kvBytesPerToken) / accelerators
    let linear =
      linearFLOPsPerToken * Double(tokens) + headFLOPsPerSequence * Double(work.decodeSequences)
    let pairs = Double(work.decodeContextTokens + work.decodeSequences + work.prefillContextTokens)
    let flops = (linear + attentionFLOPsPerPair * pairs) / accelerators
    return (
      bytes / effectiveBytesPerSecond + weightRead / accelerators * dequantizationSecondsPerByte,
      flops / effectiveFLOPsPerSecond,
      communicationSeconds(tokens: tokens)
    )
  }

  /// One decode step for `batchSize` sequences each holding `contextTokens` tokens of context, s.
  ///
  /// - Parameters:
  ///   - batchSize: Sequences in the batch.
  ///   - contextTokens: Context of each sequence, tokens.
  /// - Returns: Seconds.
  public func decodeStepSeconds(batchSize: Int, contextTokens: Int) -> Double {
    iteration(
      IterationWork(decodeSequences: batchSize, decodeContextTokens: batchSize * contextTokens)
    ).seconds
  }

  /// Prefill of one sequence alone: `promptTokens` new tokens after `cachedTokens` cached ones, in
  /// one iteration, s. The request's once-only overhead is not included (see
  /// `requestOverheadSeconds`).
  ///
  /// - Parameters:
  ///   - promptTokens: New prompt tokens.
  ///   - cachedTokens: Tokens already cached (a reused prefix).
  /// - Returns: Seconds; 0 without prompt tokens.
  public func prefillSeconds(promptTokens: Int, cachedTokens: Int) -> Double {
    var work = IterationWork()
    if promptTokens > 0 { work.addPrefillChunk(tokens: promptTokens, cachedTokens: cachedTokens) }
    return iteration(work).seconds
  }

  /// Weight parameters an iteration over `tokens` tokens reads; see
  /// `ModelArchitecture.parametersRead(tokens:)`, which this equals.
  func parametersRead(tokens: Int) -> Double {
    let routed =
      isMixtureOfExperts
      ? experts * (1 - pow(expertMissProbability, Double(tokens))) : 1
    let expertParameters =
      expertLayers * ((routed + sharedExperts) * parametersPerExpert + routerParametersPerLayer)
    return fixedLayerParameters + expertParameters + embeddingParameters
  }

  /// Tensor-parallel all-reduces: two per layer (after attention and after the MLP), each the
  /// engine's fixed latency plus a ring moving `2 (N − 1) / N` of the `tokens × hidden` 16-bit
  /// activations per accelerator at the link's bandwidth.
  func communicationSeconds(tokens: Int) -> Double {
    guard interconnectGigabytesPerSecond > 0 else { return 0 }
    let messageBytes = Double(tokens) * hiddenSize * 2
    let transfer =
      2 * (accelerators - 1) / accelerators * messageBytes / (interconnectGigabytesPerSecond * 1e9)
    return 2 * layers * (allReduceLatencySeconds + transfer)
  }
}
