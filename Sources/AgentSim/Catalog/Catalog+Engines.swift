extension Catalog {
  /// The engine a site runs when it names none, by hardware: the documented defaults of the
  /// "Cost model" article. Datacenter and server GPUs (region tier, and L4 / L40S at the edge)
  /// run vLLM; desktop and embedded GPUs (RTX 4090, Jetson) and Apple silicon run llama.cpp;
  /// Snapdragon devices run QNN on the NPU. User-defined hardware follows its tier: devices
  /// llama.cpp, edge and region vLLM.
  ///
  /// - Parameter hardware: The hardware.
  /// - Returns: The engine's kind.
  public static func defaultEngineKind(for hardware: HardwareProfile) -> EngineKind {
    if let kind = defaultEngines[hardware.name] { return kind }
    switch hardware.tier {
    case .device: return .llamaCpp
    case .edge, .region: return .vllm
    }
  }

  /// The profile of the default engine for `hardware` in this catalog (a user definition with a
  /// built-in engine's name replaces it here too).
  ///
  /// - Parameter hardware: The hardware.
  /// - Returns: The engine profile.
  public func defaultEngine(for hardware: HardwareProfile) -> EngineProfile {
    let name = Self.defaultEngineKind(for: hardware).rawValue
    return engines.first { $0.name == name }
      ?? Self.builtInEngine(Self.defaultEngineKind(for: hardware))
  }

  /// The built-in profile of `kind`.
  ///
  /// - Parameter kind: A built-in engine.
  /// - Returns: Its profile.
  public static func builtInEngine(_ kind: EngineKind) -> EngineProfile {
    guard let profile = builtInEngines.first(where: { $0.name == kind.rawValue }) else {
      preconditionFailure("no built-in profile for \(kind.rawValue)")
    }
    return profile
  }

  /// Built-in hardware whose default engine differs from its tier's.
  static let defaultEngines: [String: EngineKind] = [
    "rtx-4090": .llamaCpp, "jetson-orin-nano-super": .llamaCpp, "jetson-agx-orin": .llamaCpp,
    "snapdragon-8-gen-3": .qnn, "snapdragon-x-elite": .qnn,
  ]

  /// The built-in engines, one per `EngineKind`, in its order. Overheads marked "fitted" come
  /// from `EngineCalibration` over the rows of `Tests/AgentSimTests/Fixtures/calibration-rows.csv`
  /// that measure them; the others are priors derived from the cited figures.
  static let builtInEngines: [EngineProfile] = [
    EngineProfile(
      name: EngineKind.vllm.rawValue, requestOverheadMilliseconds: 3.687,
      iterationOverheadMilliseconds: 0, layerOverheadMilliseconds: 0.0803,
      attentionEfficiency: 0.75, quantizedComputePath: .sixteenBit, defaultKVPrecision: .bf16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      source: "vLLM v0.6 (blog.vllm.ai/2024/09/05/perf-update.html: CUDA graphs, multi-step"
        + " scheduling; time per output token 5x below v0.5.3 on Llama 8B / 1x H100). Hazy"
        + " Research 'Look Ma, No Bubbles' (hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles):"
        + " vLLM and SGLang reach at most 50% of H100 bandwidth decoding Llama-3.2-1B at batch 1;"
        + " about 100 kernels per forward pass, 1.3 us launch gap per kernel under CUDA graphs."
        + " Attention: FlashAttention-3 (arXiv 2407.08608) reaches about 75% of H100 bf16 peak."
        + " W4A16 Marlin kernels dequantize to 16-bit",
      calibration: "prior: iteration and per-layer overheads that put a 16-layer Llama-3.2-1B"
        + " decode step on h100-sxm at 50% of peak bandwidth (No Bubbles); request overhead as"
        + " tensorrt-llm's fit (no vLLM TTFT row at batch 1 in the fixture)"),
    EngineProfile(
      name: EngineKind.sglang.rawValue, requestOverheadMilliseconds: 3.687,
      iterationOverheadMilliseconds: 0, layerOverheadMilliseconds: 0.02111,
      attentionEfficiency: 0.75, quantizedComputePath: .sixteenBit, defaultKVPrecision: .bf16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      source: "Hazy Research 'Look Ma, No Bubbles' (hazyresearch.stanford.edu/blog/"
        + "2025-05-27-no-bubbles): the megakernel is 1.5x faster than SGLang and 2.5x faster than"
        + " vLLM on Llama-3.2-1B batch-1 decode on H100; SGLang and vLLM reach at most 50% of"
        + " bandwidth. FlashInfer attention (about the FlashAttention-3 rate)",
      calibration: "prior: vllm's overheads with the per-layer gap scaled so that SGLang is"
        + " faster than vLLM on Llama-3.2-1B as No Bubbles reports (no SGLang row in the fixture)"),
    EngineProfile(
      name: EngineKind.tensorrtLLM.rawValue, requestOverheadMilliseconds: 3.687,
      iterationOverheadMilliseconds: 0.688, layerOverheadMilliseconds: 0.02,
      attentionEfficiency: 0.75, quantizedComputePath: .sixteenBit, defaultKVPrecision: .bf16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      source: "TensorRT-LLM performance docs (github.com/NVIDIA/TensorRT-LLM docs/source/"
        + "performance.md, v0.5 low-latency table: first-token latency at batch 1); NVIDIA NIM"
        + " LLM benchmarking (docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance, NIM 1.8.0,"
        + " which serves through TensorRT-LLM): TTFT and ITL at concurrency 1",
      calibration: "fitted"),
    EngineProfile(
      name: EngineKind.llamaCpp.rawValue, requestOverheadMilliseconds: 1,
      iterationOverheadMilliseconds: 0.9124, layerOverheadMilliseconds: 0.09339,
      attentionEfficiency: 0.5, quantizedComputePath: .int8, defaultKVPrecision: .fp16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      source: "llama.cpp (github.com/ggml-org/llama.cpp): quantized prefill through the MMQ"
        + " kernels (int8 dot products / int8 tensor cores, ggml/src/ggml-cuda/mmq.cuh); KV cache"
        + " f16 unless -ctk/-ctv; CUDA graphs for batch-1 decode since 2024-05 (PR #6766)."
        + " Measurements: discussion #4167 (Apple silicon), XiongjieDai/GPU-Benchmarks-on-LLM-"
        + "Inference README (commit 00dd2bde)",
      calibration: "fitted"),
    EngineProfile(
      name: EngineKind.mlx.rawValue, requestOverheadMilliseconds: 1,
      iterationOverheadMilliseconds: 0.9124, layerOverheadMilliseconds: 0.09339,
      attentionEfficiency: 0.5, quantizedComputePath: .sixteenBit, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .gpu,
      source: "Apple MLX / mlx-lm (github.com/ml-explore/mlx-lm): Metal kernels, 4-bit weights"
        + " dequantized in the matmul (quantized_matmul), fp16 KV cache",
      calibration: "prior: llama.cpp's fitted overheads (same Metal launch path; no MLX row"
        + " in the fixture)"),
    EngineProfile(
      name: EngineKind.mlc.rawValue, requestOverheadMilliseconds: 1,
      iterationOverheadMilliseconds: 0.9124, layerOverheadMilliseconds: 0.09339,
      attentionEfficiency: 0.5, quantizedComputePath: .sixteenBit, defaultKVPrecision: .fp16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      source: "MLC LLM (github.com/mlc-ai/mlc-llm): TVM-compiled kernels, q4f16 weights"
        + " dequantized to fp16, fp16 paged KV cache, CUDA graphs on NVIDIA",
      calibration: "prior: llama.cpp's fitted overheads (no MLC row in the fixture)"),
    EngineProfile(
      name: EngineKind.qnn.rawValue, requestOverheadMilliseconds: 5,
      iterationOverheadMilliseconds: 1.124, layerOverheadMilliseconds: 0.05,
      attentionEfficiency: 0.5, quantizedComputePath: .int8, defaultKVPrecision: .int8,
      usesCUDAGraphs: false, defaultBackend: .npu,
      source: "Qualcomm AI Engine Direct (QNN) as used by Qualcomm AI Hub (github.com/quic/"
        + "ai-hub-models, llama_v3_8b_chat_quantized/perf.yaml, commit 1c5de3b9): w4a16 weights"
        + " on the Hexagon NPU's int8 matrix unit, 8-bit KV cache",
      calibration: "fitted"),
    EngineProfile(
      name: EngineKind.coreml.rawValue, requestOverheadMilliseconds: 5,
      iterationOverheadMilliseconds: 1.124, layerOverheadMilliseconds: 0.05,
      attentionEfficiency: 0.5, quantizedComputePath: .int8, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .npu,
      source: "Apple Core ML on the Neural Engine (developer.apple.com/documentation/coreml):"
        + " int4/int8 palettized weights, fp16 stateful KV cache",
      calibration: "prior: qnn's fitted overheads (another NPU runtime with static graphs; the"
        + " Core ML post Apple published is kept for validation, not calibration)"),
    EngineProfile(
      name: EngineKind.executorch.rawValue, requestOverheadMilliseconds: 2,
      iterationOverheadMilliseconds: 0.9124, layerOverheadMilliseconds: 0.09339,
      attentionEfficiency: 0.5, quantizedComputePath: .sixteenBit, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .cpu,
      source: "PyTorch ExecuTorch (github.com/pytorch/executorch): XNNPACK CPU delegate with"
        + " 4-bit groupwise weights (8da4w) by default",
      calibration: "prior: llama.cpp's fitted overheads (ExecuTorch's benchmark tables are kept"
        + " for validation, not calibration)"),
    EngineProfile(
      name: EngineKind.litert.rawValue, requestOverheadMilliseconds: 2,
      iterationOverheadMilliseconds: 0.9124, layerOverheadMilliseconds: 0.09339,
      attentionEfficiency: 0.5, quantizedComputePath: .sixteenBit, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .gpu,
      source: "Google LiteRT / MediaPipe LLM inference (ai.google.dev/edge/mediapipe/solutions/"
        + "genai/llm_inference): GPU delegate, int4/int8 weights",
      calibration: "prior: llama.cpp's fitted overheads (LiteRT-LM's benchmark tables are kept"
        + " for validation, not calibration)"),
  ]
}

extension Catalog {
  /// The per-layer overhead that puts an engine's batch-1 Llama-3.2-1B bf16 decode step on
  /// `h100-sxm` at `slowdown` times the No Bubbles megakernel's step, which streams the weights
  /// at 78% of peak bandwidth (Hazy Research, "Look Ma, No Bubbles", 2025-05-27: 32-token
  /// prompt, 128 generated tokens; the megakernel is 2.5× faster than vLLM and 1.5× faster than
  /// SGLang), with the engine's iteration overhead taken as given, ms.
  ///
  /// - Parameters:
  ///   - slowdown: The engine's step over the megakernel's (2.5 for vLLM, 1.5 for SGLang).
  ///   - iterationOverheadMilliseconds: The engine's per-iteration overhead, ms.
  ///   - catalog: Where h100-sxm and the model come from.
  /// - Returns: Milliseconds per layer.
  /// - Throws: `Diagnostic` when the catalog lacks h100-sxm or llama-3.2-1b.
  public static func noBubblesLayerOverhead(
    slowdown: Double, iterationOverheadMilliseconds: Double, catalog: Catalog = .builtIn
  ) throws -> Double {
    var hardware = try catalog.hardware(named: "h100-sxm")
    let fitted = hardware.memoryEfficiency
    hardware.memoryEfficiency = 1
    let model = try catalog.model(named: "llama-3.2-1b")
    let bare = EngineProfile(
      name: "bare", requestOverheadMilliseconds: 0, iterationOverheadMilliseconds: 0,
      layerOverheadMilliseconds: 0, attentionEfficiency: 1, quantizedComputePath: .sixteenBit,
      defaultKVPrecision: .bf16, usesCUDAGraphs: true, defaultBackend: .gpu, source: "probe")
    let probe = try InferenceEngine(
      hardware: hardware, model: model, precision: .bf16, engine: bare)
    // The middle of a 128-token generation after a 32-token prompt.
    let peakStep = probe.decodeStepSeconds(batchSize: 1, contextTokens: 32 + 64) * 1000
    let megakernelStep = peakStep / 0.78
    let overhead = slowdown * megakernelStep - peakStep / fitted
    return (overhead - iterationOverheadMilliseconds) / Double(model.layers)
  }
}
