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

  /// The fixed time per tensor-parallel all-reduce of vLLM and SGLang, µs: fitted on the
  /// end-to-end and inter-token figures of the in-sample tensor-parallel serving runs
  /// (`ServingBenchmarks`: Llama 3.1 70B at tensor parallel 4 on H100, SGLang and vLLM, and on
  /// B200, vLLM V1), whose median error it brings from 22% (at the microbenchmarks' 10 µs) to 3%.
  /// It is about three times what the all-reduce kernel alone takes on small messages (8.5–9.2 µs
  /// at tensor parallel 4 on H100, github.com/sgl-project/sglang/pull/2904): it also carries what
  /// else tensor parallelism costs per layer (the accelerators wait for the slowest at every
  /// all-reduce, and the launches around it). TensorRT-LLM keeps the kernel's figure: its fused
  /// all-reduce and NIM's one-user rows, on which its overheads are fitted, leave no room for more.
  static let tensorParallelAllReduceMicroseconds = 28.0

  /// The per-layer overhead of vLLM's and SGLang's eager iterations (those with prompt tokens,
  /// which both run without CUDA graphs: vllm-project/vllm#4056, "vLLM only enables cuda graph
  /// for decoding-only batches"; SGLang captures decode batches only, up to `cuda_graph_max_bs`),
  /// ms: fitted on the time to first token of the in-sample serving runs (`ServingBenchmarks`),
  /// within `eagerLayerOverheadBoundMilliseconds`. More than the graph overhead it replaces by
  /// what the host's launches add where the GPU's kernels are too short to hide them: vLLM's
  /// CUDA-graph work measured Llama 2 7B at batch 1 1.2 s eager against 1.05 s with graphs over
  /// 100 steps (vllm-project/vllm#1440), 47 µs per layer, at batch 1 on one GPU.
  static let eagerLayerOverheadMilliseconds = 0.15

  /// The most an eager iteration's host launches can cost per layer, ms: a layer's kernels
  /// (No Bubbles' hundred kernels per 16-layer Llama-3.2-1B pass, about 6.3 per layer) and its
  /// two tensor-parallel all-reduces, each at the top of a PyTorch operator's host-side dispatch,
  /// 5–25 µs from Python to `cudaLaunchKernel` (jiahuanglin.xyz "From PyTorch op to kernel
  /// launch", lesson 18): (6.3 + 2) × 25 µs, about 0.21 ms, if the GPU hid none of them.
  public static let eagerLayerOverheadBoundMilliseconds =
    (noBubblesKernelsPerForwardPass / 16 + 2) * 25 / 1000

  /// Engine versions and configurations one built-in profile stands for, by engine name, where
  /// calibration rows of another version or configuration exist: `catalog fidelity` lists each
  /// with the reason. A version gets a profile of its own only once at least two in-sample rows
  /// measure it (`sglang-v0.3` has two).
  public static let engineVersionNotes: [String: String] = [
    EngineKind.sglang.rawValue:
      "one profile for SGLang versions v0.4 and later (overlap scheduler) and for v0.2-v0.3 run with"
      + " --enable-torch-compile, whose steps agree (Llama-3-8B on H100: 6.42 ms with"
      + " torch.compile in August 2024, sglang #1008; 6.32 ms in v0.4.4, EAGLE-3 paper, held"
      + " out); v0.2-v0.3's default configuration, about 1 ms slower per step, is sglang-v0.3"
  ]

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
      name: EngineKind.vllm.rawValue, requestOverheadMilliseconds: 4.95,
      iterationOverheadMilliseconds: 1.058, layerOverheadMilliseconds: 0.01869,
      attentionEfficiency: 0.75, quantizedComputePath: .sixteenBit, defaultKVPrecision: .bf16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      eagerLayerOverheadMilliseconds: eagerLayerOverheadMilliseconds, graphTokenLimit: 512,
      maxBatch: 256, prefillTokenBudget: 8192,
      allReduceLatencyMicroseconds: tensorParallelAllReduceMicroseconds,
      source: "vLLM v0.6 (blog.vllm.ai/2024/09/05/perf-update.html: CUDA graphs, multi-step"
        + " scheduling; time per output token 5x below v0.5.3 on Llama 8B / 1x H100). Hazy"
        + " Research 'Look Ma, No Bubbles' (hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles):"
        + " vLLM and SGLang reach at most 50% of H100 bandwidth decoding Llama-3.2-1B at batch 1;"
        + " about 100 kernels per forward pass, 1.3 us launch gap per kernel under CUDA graphs."
        + " Attention: FlashAttention-3 (arXiv 2407.08608) reaches about 75% of H100 bf16 peak."
        + " W4A16 Marlin kernels dequantize to 16-bit. Limits: max_num_seqs 256;"
        + " max_num_batched_tokens 8192 for the OpenAI server on GPUs with at"
        + " least 70 GiB (vllm/engine/arg_utils.py, V1 defaults); KV cache 'auto' = the model's"
        + " 16-bit dtype, fp8 only with --kv-cache-dtype fp8. Scheduling (V1): chunked prefill"
        + " always on, so prefill chunks share each iteration's token budget with the running"
        + " decodes, and every iteration is scheduled (multi-step scheduling, v0.6's"
        + " --num-scheduler-steps, was removed with the V0 engine)",
      calibration: "fitted on its batch-1 rows: benchmark_latency on Llama-3-8B (vLLM PRs"
        + " #10933 and #11000) and the No Bubbles Llama-3.2-1B step (two model depths);"
        + " all-reduce latency fitted on the in-sample tensor-parallel serving runs"
        + " (ServingBenchmarks)"),
    EngineProfile(
      name: EngineKind.sglang.rawValue, requestOverheadMilliseconds: 3.785,
      iterationOverheadMilliseconds: 0.5866, layerOverheadMilliseconds: 0,
      attentionEfficiency: 0.75, quantizedComputePath: .sixteenBit, defaultKVPrecision: .bf16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      eagerLayerOverheadMilliseconds: eagerLayerOverheadMilliseconds,
      maxBatch: 2048, prefillTokenBudget: 8192, separatesPrefill: true,
      allReduceLatencyMicroseconds: tensorParallelAllReduceMicroseconds,
      source: "SGLang as it runs today: v0.4's overlap scheduler (lmsys.org/blog/"
        + "2024-12-04-sglang-v0-4: the CPU prepares the next batch while the GPU runs this one,"
        + " no GPU idle time between decode steps in Nsight) and torch.compile over the linear,"
        + " norm and activation layers (--enable-torch-compile, lmsys.org/blog/"
        + "2024-09-04-sglang-v0-3: fused Triton kernels around FlashInfer attention), which"
        + " 2025 latency benchmarks turn on (Hazy Research 'Look Ma, No Bubbles',"
        + " hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles: SGLang 'with CUDA graphs and"
        + " torch compilation'). Both remove the fixed time per step that v0.2-v0.3's default"
        + " configuration shows (sglang-v0.3). FlashInfer attention (about the FlashAttention-3"
        + " rate). Limits: chunked_prefill_size 8192; max_running_requests unset, so at least"
        + " 2048 request slots and the KV pool decides (python/sglang/srt/server_args.py,"
        + " model_runner.py). Scheduling: a prefill batch runs alone whenever waiting requests"
        + " fit, the decode batch resumes after it (scheduler.py get_next_batch_to_run; mixing"
        + " only with --enable-mixed-chunk, off by default)",
      calibration: "fitted: iteration and per-layer overheads on its in-sample rows, two model"
        + " depths (sglang.bench_latency --enable-torch-compile, Llama-3-8B on H100, issue"
        + " #1008; No Bubbles' Llama-3.2-1B step on B200); held out: No Bubbles' H100 step and"
        + " the EAGLE-3 paper's SGLang v0.4.4 baseline (arXiv 2503.01840). Request overhead"
        + " tensorrt-llm's (no TTFT row); all-reduce latency vLLM's (fitted on the in-sample"
        + " tensor-parallel serving runs of both)"),
    EngineProfile(
      name: EngineKind.sglangV03.rawValue, requestOverheadMilliseconds: 3.785,
      iterationOverheadMilliseconds: 0.9319,
      layerOverheadMilliseconds: Catalog.cudaGraphLayerOverheadMilliseconds,
      attentionEfficiency: 0.75, quantizedComputePath: .sixteenBit, defaultKVPrecision: .bf16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      eagerLayerOverheadMilliseconds: eagerLayerOverheadMilliseconds,
      maxBatch: 2048, prefillTokenBudget: 8192, separatesPrefill: true,
      allReduceLatencyMicroseconds: tensorParallelAllReduceMicroseconds,
      source: "SGLang v0.2-v0.3 (2024) in its default configuration, as sglang.bench_latency"
        + " measured it: CUDA graphs without torch.compile, the scheduler's host work between"
        + " decode steps not yet overlapped with the GPU (v0.4 overlapped it, December 2024);"
        + " about 1 ms more per Llama-3-8B step than the same release with torch.compile"
        + " (sgl-project/sglang#1008: 7.37 against 6.42 ms on H100). Otherwise as sglang",
      calibration: "iteration overhead fitted on its in-sample sglang.bench_latency rows"
        + " (Llama-3-8B on H100: issue #1008 and PR #1401's Triton-backend line; PR #1401's"
        + " FlashInfer line and #1008's tensor-parallel line held out); per-layer overhead a"
        + " prior (one model depth in-sample): No Bubbles' kernel count times its measured"
        + " CUDA-graph launch gap, 100 x 1.3 us over 16 layers"
        + " (Catalog.cudaGraphLayerOverheadMilliseconds); request overhead tensorrt-llm's (no"
        + " TTFT row)"),
    EngineProfile(
      name: EngineKind.tensorrtLLM.rawValue, requestOverheadMilliseconds: 3.785,
      iterationOverheadMilliseconds: 1.018, layerOverheadMilliseconds: 0.02,
      attentionEfficiency: 0.75, quantizedComputePath: .sixteenBit, defaultKVPrecision: .bf16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      fp8WeightsKVPrecision: .fp8, maxBatch: 256, prefillTokenBudget: 8192, chunksPrefill: false,
      kvCacheOfFreeMemory: true,
      source: "TensorRT-LLM performance docs (github.com/NVIDIA/TensorRT-LLM docs/source/"
        + "performance.md, v0.5 low-latency table: first-token latency at batch 1); NVIDIA NIM"
        + " LLM benchmarking (docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance, NIM 1.8.0,"
        + " which serves through TensorRT-LLM): TTFT and ITL at concurrency 1. Limits:"
        + " trtllm-serve --max_batch_size 256, --max_num_tokens 8192"
        + " (nvidia.github.io/TensorRT-LLM commands/trtllm-serve); in-flight batching puts"
        + " context and generation requests in the same iteration, each context whole unless"
        + " enable_chunked_context is set (off by default: performance-tuning-guide/"
        + "tuning-max-batch-size-and-max-num-tokens, features/long-sequence). NVIDIA's FP8 checkpoints"
        + " (ModelOpt, hf_quant_config.json kv_cache_quant_algo FP8, as in nvidia/"
        + "Llama-3.1-70B-Instruct-FP8) quantize the KV cache to fp8 too. KV cache:"
        + " free_gpu_memory_fraction 0.9 of the memory free after loading the model"
        + " (nvidia.github.io/TensorRT-LLM/examples/kvcacheconfig.html)",
      calibration: "fitted"),
    EngineProfile(
      name: EngineKind.llamaCpp.rawValue, requestOverheadMilliseconds: 1,
      iterationOverheadMilliseconds: 1.524, layerOverheadMilliseconds: 0.05128,
      attentionEfficiency: 0.5, quantizedComputePath: .int8, defaultKVPrecision: .fp16,
      usesCUDAGraphs: true, defaultBackend: .cpu,
      q4ReadOverhead: 0.161,
      maxBatch: 4, prefillTokenBudget: 2048,
      source: "llama.cpp (github.com/ggml-org/llama.cpp): quantized prefill through the MMQ"
        + " kernels (int8 dot products / int8 tensor cores, ggml/src/ggml-cuda/mmq.cuh); KV cache"
        + " f16 unless -ctk/-ctv; CUDA graphs for batch-1 decode since 2024-05 (PR #6766)."
        + " Measurements: discussion #4167 (Apple silicon), XiongjieDai/GPU-Benchmarks-on-LLM-"
        + "Inference README (commit 00dd2bde). Limits: llama-server --parallel auto = 4 slots,"
        + " --batch-size 2048 (tools/server README;"
        + " llama.cpp issue #17989). Default unit: the CPU where the hardware lists CPU peaks"
        + " (phones and Snapdragon laptops, where llama.cpp's Android and Windows-on-Arm builds"
        + " run on the CPU unless the OpenCL or Hexagon backend is built in and offloaded to),"
        + " else the primary unit (Metal on Apple silicon, CUDA on NVIDIA)",
      calibration: "fitted"),
    EngineProfile(
      name: EngineKind.mlx.rawValue, requestOverheadMilliseconds: 1,
      iterationOverheadMilliseconds: 0.9088, layerOverheadMilliseconds: 0.05128,
      attentionEfficiency: 0.5, quantizedComputePath: .sixteenBit, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .gpu,
      maxBatch: 1, prefillTokenBudget: 2048,
      source: "Apple MLX / mlx-lm (github.com/ml-explore/mlx-lm): Metal kernels, 4-bit weights"
        + " dequantized in the matmul (quantized_matmul), fp16 KV cache. Limits: one sequence at a"
        + " time (mlx_lm.generate), prompt prefilled in steps of 2048"
        + " tokens (prefill_step_size)",
      calibration: "iteration overhead and q4 read overhead fitted on mlx-examples #1029 and"
        + " #1069 (one model depth: per-layer overhead llama.cpp's; no TTFT row: request"
        + " overhead llama.cpp's)"),
    EngineProfile(
      name: EngineKind.mlc.rawValue, requestOverheadMilliseconds: 1,
      iterationOverheadMilliseconds: 0.865, layerOverheadMilliseconds: 0,
      attentionEfficiency: 0.5, quantizedComputePath: .sixteenBit, defaultKVPrecision: .fp16,
      usesCUDAGraphs: true, defaultBackend: .gpu,
      q4ReadOverhead: 0,
      maxBatch: 4, prefillTokenBudget: 2048,
      source: "MLC LLM (github.com/mlc-ai/mlc-llm): TVM-compiled kernels, q4f16 weights"
        + " dequantized to fp16, fp16 paged KV cache, CUDA graphs on NVIDIA (mlc_llm.build"
        + " --use-cuda-graph). Measurements: github.com/mlc-ai/llm-perf-bench (README at commit"
        + " d401356, MLC LLM commit 8e94910e of 2023-10-04, and PR #1, commit 502f6808): Llama 2"
        + " 7B and 13B q4f16_1 decoding 256 tokens at batch 1 on the RTX 4090, 191-205 and"
        + " 109-114 tokens/s. Limits (estimate): 'local' mode, about 4 concurrent sequences and"
        + " 2048-token prefill chunks",
      calibration: "fitted: iteration overhead, per-layer overhead and q4 read overhead on the"
        + " mlc-ai/llm-perf-bench rows (two model depths, 32 and 40 layers); the fused, CUDA-graph"
        + " kernels leave no per-layer or dequantization time the rows can see (both at 0). No"
        + " TTFT row: request overhead llama.cpp's starting value"),
    EngineProfile(
      name: EngineKind.qnn.rawValue, requestOverheadMilliseconds: 5,
      iterationOverheadMilliseconds: 1.787, layerOverheadMilliseconds: 0.2879,
      attentionEfficiency: 0.5, quantizedComputePath: .int8, defaultKVPrecision: .int8,
      usesCUDAGraphs: false, defaultBackend: .npu,
      q4ReadOverhead: 0.1018,
      maxBatch: 1,
      source: "Qualcomm AI Engine Direct (QNN) as used by Qualcomm AI Hub (github.com/quic/"
        + "ai-hub-models, llama_v3_8b_chat_quantized/perf.yaml, commit 1c5de3b9; v0.46.1"
        + " perf.yaml of llama_v3_2_3b_instruct, llama_v3_1_8b_instruct, llama_v3_8b_instruct,"
        + " phi_3_5_mini_instruct, qwen2_5_7b_instruct and llama_v2_7b_chat): w4a16 weights"
        + " on the Hexagon NPU's int8 matrix unit, 8-bit KV cache (qai_hub_models/models/_shared/"
        + "llm/model.py: w4a16 sets the kv_cache outputs to 8 bits); 128-token prompt-processor"
        + " iterations and a KV cache of the compiled context length (info.yaml). Limits: one"
        + " sequence (an"
        + " on-device runtime); default prefill budget",
      calibration: "fitted"),
    EngineProfile(
      name: EngineKind.coreml.rawValue, requestOverheadMilliseconds: 5,
      iterationOverheadMilliseconds: 1.787, layerOverheadMilliseconds: 0.2879,
      attentionEfficiency: 0.5, quantizedComputePath: .int8, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .npu,
      q4ReadOverhead: 0.1018,
      maxBatch: 1,
      source: "Apple Core ML on the Neural Engine (developer.apple.com/documentation/coreml):"
        + " int4/int8 palettized weights, fp16 stateful KV cache. Limits: one sequence (an"
        + " on-device runtime); default prefill budget",
      calibration: "prior: qnn's fitted overheads (another NPU runtime with static graphs; the"
        + " Core ML post Apple published is kept for validation, not calibration)"),
    EngineProfile(
      name: EngineKind.executorch.rawValue, requestOverheadMilliseconds: 2,
      iterationOverheadMilliseconds: 1.524, layerOverheadMilliseconds: 0.05128,
      attentionEfficiency: 0.5, quantizedComputePath: .int8, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .cpu,
      q4ReadOverhead: 0.161,
      maxBatch: 1,
      source: "PyTorch ExecuTorch (github.com/pytorch/executorch): XNNPACK CPU delegate with"
        + " 4-bit groupwise weights (8da4w) by default: activations are quantized to int8 on the"
        + " fly, so q4 and int8 multiplies run on the int8 (i8mm) path. Limits: one sequence (an on-device"
        + " runtime); default prefill budget",
      calibration: "prior: llama.cpp's fitted overheads (ExecuTorch's benchmark tables are kept"
        + " for validation, not calibration)"),
    EngineProfile(
      name: EngineKind.litert.rawValue, requestOverheadMilliseconds: 2,
      iterationOverheadMilliseconds: 1.524, layerOverheadMilliseconds: 0.05128,
      attentionEfficiency: 0.5, quantizedComputePath: .sixteenBit, defaultKVPrecision: .fp16,
      usesCUDAGraphs: false, defaultBackend: .gpu,
      q4ReadOverhead: 0.161,
      maxBatch: 1,
      source: "Google LiteRT / MediaPipe LLM inference (ai.google.dev/edge/mediapipe/solutions/"
        + "genai/llm_inference): GPU delegate, int4/int8 weights. Limits: one sequence (an"
        + " on-device runtime); default prefill budget",
      calibration: "prior: llama.cpp's fitted overheads (LiteRT-LM's benchmark tables are kept"
        + " for validation, not calibration)"),
  ]
}

extension Catalog {
  /// The batch-1 Llama-3.2-1B bf16 decode step on `h100-sxm` that Hazy Research's "Look Ma, No
  /// Bubbles" (2025-05-27) implies for an engine `slowdown` times slower than its megakernel,
  /// which streams the step's bytes at 78% of peak bandwidth (32-token prompt, 128 generated: the
  /// middle step holds 96 tokens), ms. The calibration rows `No Bubbles (Hazy Research)` on
  /// h100-sxm are these values for vLLM (2.5) and SGLang (1.5); those on b200 are the slowdowns
  /// (3.5, 1.5) times `noBubblesB200ForwardPassMilliseconds`; a test recomputes them.
  ///
  /// - Parameters:
  ///   - slowdown: The engine's step over the megakernel's.
  ///   - catalog: Where h100-sxm and the model come from.
  /// - Returns: Milliseconds.
  /// - Throws: `Diagnostic` when the catalog lacks h100-sxm or llama-3.2-1b.
  public static func noBubblesStepMilliseconds(
    slowdown: Double, catalog: Catalog = .builtIn
  ) throws -> Double {
    slowdown * (try noBubblesPeakStepMilliseconds(catalog: catalog)) / 0.78
  }

  /// The No Bubbles decode step's bytes over h100-sxm's peak bandwidth, ms.
  static func noBubblesPeakStepMilliseconds(catalog: Catalog) throws -> Double {
    var hardware = try catalog.hardware(named: "h100-sxm")
    hardware.memoryEfficiency = 1
    let model = try catalog.model(named: "llama-3.2-1b")
    let bare = EngineProfile(
      name: "bare", requestOverheadMilliseconds: 0, iterationOverheadMilliseconds: 0,
      layerOverheadMilliseconds: 0, attentionEfficiency: 1, quantizedComputePath: .sixteenBit,
      defaultKVPrecision: .bf16, usesCUDAGraphs: true, defaultBackend: .gpu, source: "probe")
    let probe = try InferenceEngine(
      hardware: hardware, model: model, precision: .bf16, engine: bare)
    return probe.decodeStepSeconds(batchSize: 1, contextTokens: 32 + 64) * 1000
  }

  /// The megakernel's Llama-3.2-1B forward pass on a B200 as the same post states it, ms: "under
  /// 680 microseconds per forward pass" (the figure its B200 slowdowns are quoted against).
  public static let noBubblesB200ForwardPassMilliseconds = 0.68

  /// Kernels in one Llama-3.2-1B forward pass in vLLM and SGLang, as Hazy Research's "Look Ma,
  /// No Bubbles" (hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles) counts them: "around a
  /// hundred separate kernels".
  public static let noBubblesKernelsPerForwardPass = 100.0

  /// The gap each kernel launch leaves on an H100 even under CUDA graphs, µs, as the same post
  /// measures it: "about 1.3 microseconds per kernel".
  public static let noBubblesLaunchGapMicroseconds = 1.3

  /// The per-layer overhead a CUDA-graph engine pays for its kernel boundaries, ms: No Bubbles'
  /// kernels per Llama-3.2-1B forward pass times its measured launch gap, over the model's 16
  /// layers (about 8 µs per layer). The prior of an engine whose calibration rows cover one model
  /// depth only (`sglang-v0.3`): a microbenchmark figure, independent of the post's engine
  /// slowdowns (SGLang's H100 1.5× is a held-out row, so no prior may be derived from it).
  public static let cudaGraphLayerOverheadMilliseconds =
    noBubblesKernelsPerForwardPass * noBubblesLaunchGapMicroseconds / 1000 / 16
}
