/// What a serving engine decides about an LLM call's time, apart from the silicon: fixed work per
/// request, per iteration and per layer, how well its attention kernels run, which path quantized
/// weights multiply on, the KV-cache format it keeps by default, and the compute unit it runs on.
///
/// Built-in profiles exist for every `EngineKind`; `--catalog` files may add their own under
/// `"engines"` (same keys as `catalog engines --format json` prints).
public struct EngineProfile: Codable, Hashable, Sendable {
  /// Stable name (`vllm`, `llama.cpp`, or a user's own).
  public var name: String
  /// Work paid once per request, before its first token: tokenization, scheduling, the first
  /// iteration's setup, the HTTP response, ms. Charged in the time to first token only.
  public var requestOverheadMilliseconds: Double
  /// Fixed cost of one iteration (scheduling, sampling, the launch of a captured graph or of the
  /// first kernels), ms.
  public var iterationOverheadMilliseconds: Double
  /// Fixed cost per transformer layer per iteration (kernel launch gaps between a layer's
  /// kernels), ms.
  public var layerOverheadMilliseconds: Double
  /// Fraction of the hardware's achievable matrix-multiply rate that the engine's attention
  /// kernels reach, in (0, 1] (FlashAttention-class kernels reach about the GEMM rate; generic
  /// kernels less).
  public var attentionEfficiency: Double
  /// The path int8 and q4 weights multiply on during prefill.
  public var quantizedComputePath: QuantizedComputePath
  /// The KV-cache format the engine keeps unless told otherwise.
  public var defaultKVPrecision: KVPrecision
  /// The KV-cache format the engine keeps for fp8 weights unless told otherwise, when it differs
  /// from `defaultKVPrecision` (TensorRT-LLM's FP8 checkpoints quantize the cache too); `nil`:
  /// the default.
  public var fp8WeightsKVPrecision: KVPrecision?
  /// Whether decode iterations replay captured CUDA graphs (the per-layer overhead then is the gap
  /// between kernels of a graph, about a microsecond per kernel, rather than a CPU launch).
  public var usesCUDAGraphs: Bool
  /// Fixed cost per transformer layer of an iteration that prefills, when the engine runs such
  /// iterations without CUDA graphs (eager mode), ms: the host launches every kernel of every
  /// layer, and at tensor parallelism every all-reduce, one by one. It replaces
  /// `layerOverheadMilliseconds` in any iteration with prompt tokens; decode-only iterations keep
  /// the graph one. vLLM v0 captures graphs for decode-only batches only (vllm-project/vllm#4056:
  /// "vLLM only enables cuda graph for decoding-only batches", also under chunked prefill),
  /// vLLM V1 only up to its largest capture size (512 tokens by default), and SGLang v0.3 for
  /// decode batches only (`cuda_graph_max_bs`; prefill and extend run eagerly). `nil`: iterations
  /// that prefill pay the same per-layer overhead as the others (engines whose prefill launches
  /// cost no more, or whose rows cannot tell).
  public var eagerLayerOverheadMilliseconds: Double?
  /// Tokens up to which an iteration with prompt tokens still replays a captured graph (vLLM
  /// V1's largest CUDA-graph capture size, 512 tokens by default, `cudagraph_capture_sizes`:
  /// its graphs take mixed batches and speculative verification up to that size); larger ones
  /// run eagerly. 0: every iteration with a prompt token runs eagerly (vLLM v0, SGLang v0.3).
  /// Only read when `eagerLayerOverheadMilliseconds` is set.
  public var graphTokenLimit: Int
  /// The compute unit the engine runs on by default, where the hardware lists it; elsewhere the
  /// hardware's primary unit (llama.cpp: `cpu`, so the CPU on phones and the GPU on Apple
  /// silicon and NVIDIA, which list no CPU peaks).
  public var defaultBackend: ComputeBackend
  /// Extra time an int8 weight byte costs over a 16-bit one in a bandwidth-bound step, as a
  /// multiple of reading that byte at the hardware's peak bandwidth (the dequantizing kernels'
  /// unpacking and scaling; 0: quantized weights stream like 16-bit ones).
  public var int8ReadOverhead: Double
  /// The same for 4-bit weights (`q4`), which unpack two weights per byte.
  public var q4ReadOverhead: Double
  /// Sequences one replica batches at most when a site sets no `max_batch` (vLLM's
  /// `max_num_seqs`, SGLang's and TensorRT-LLM's running-request limits, llama.cpp's slots).
  public var maxBatch: Int
  /// Prefill tokens one iteration takes at most when a site sets no `chunk_tokens` (vLLM's
  /// `max_num_batched_tokens`, SGLang's chunked-prefill size, TensorRT-LLM's `max_num_tokens`,
  /// llama.cpp's logical batch).
  public var prefillTokenBudget: Int
  /// Decode iterations the engine runs per scheduling pass (vLLM v0.6's `--num-scheduler-steps`;
  /// 1: it schedules every iteration). Requests that arrive or finish during a group of steps
  /// wait for its end: new prompts are admitted only between groups, and a sequence that reaches
  /// its last token mid-group is returned when the group ends (the surplus steps are wasted).
  public var schedulerSteps: Int
  /// Whether the engine composes each iteration's batch while the iteration before it runs
  /// (vLLM's async scheduling, `--async-scheduling`, on by default in recent V1 releases): a
  /// request that arrives while an iteration runs can only join the one after next. `false` for
  /// every built-in engine (the calibration rows' engines ran without it; a benchmark that ran
  /// with it says so, `ServingBenchmarks.EngineSettings`); `--catalog` engines set it with
  /// `"async_scheduling": true`.
  public var asyncScheduling = false
  /// Whether an iteration that prefills runs no decode steps: when prompts can be admitted, the
  /// running sequences pause for a prompt-only iteration (SGLang's default scheduler without
  /// `--enable-mixed-chunk`; vLLM v0 without chunked prefill). `false`: prefill chunks share the
  /// iteration with the decodes and the token budget (vLLM V1, TensorRT-LLM in-flight batching,
  /// llama-server).
  public var separatesPrefill: Bool
  /// Whether the engine splits a prompt over iterations (chunked prefill: a prompt takes what is
  /// left of an iteration's token budget and continues in the next). `false`: a prompt is
  /// prefilled whole in one iteration, and the scheduler admits the next waiting prompt only when
  /// all of it fits in what is left of the budget, else it stops admitting until the next
  /// iteration (first come first served). TensorRT-LLM schedules so unless
  /// `enable_chunked_context` is set, which is off by default (nvidia.github.io/TensorRT-LLM
  /// performance/performance-tuning-guide/tuning-max-batch-size-and-max-num-tokens.html, "Understanding the
  /// TensorRT-LLM scheduler"; features/long-sequence.html, "Chunked Context"); so does vLLM v0
  /// without `--enable-chunked-prefill` (vllm/core/scheduler.py `_schedule_prefills`: the first
  /// prompt the token budget cannot take ends the pass). A prompt longer than the whole budget
  /// is prefilled alone rather than never.
  public var chunksPrefill: Bool
  /// Fixed time of one tensor-parallel all-reduce, µs: the engine's all-reduce kernel, its launch
  /// and the wait for the slowest accelerator (paid twice per layer per iteration; the bytes come
  /// on top, `Roofline.communicationSeconds`).
  public var allReduceLatencyMicroseconds: Double
  /// Whether the KV cache takes its fraction of the memory the weights leave free rather than of
  /// the whole memory. TensorRT-LLM sizes its pool as `free_gpu_memory_fraction` (0.9 by default)
  /// of the GPU memory free after loading the model ("TensorRT LLM will try to allocate 90% of
  /// free GPU memory for KV cache", nvidia.github.io/TensorRT-LLM/examples/kvcacheconfig.html;
  /// reference/memory.html), so it holds `f × (memory − weights)`; vLLM's
  /// `gpu_memory_utilization` and SGLang's `mem_fraction_static` bound weights and cache
  /// together, `f × memory − weights` (`false`). With f = the hardware's usable fraction, the
  /// first leaves `(1 − f) × weights` more for the cache: 7 GB of 70.6 GB of fp8 70B weights,
  /// about 10% more sequences of NIM's 5,500 tokens on 2 × H100.
  public var kvCacheOfFreeMemory: Bool
  /// Where the engine's facts come from (documents, papers, tables).
  public var source: String
  /// How the overheads were obtained: the rows they were fitted on, or their prior.
  public var calibration: String

  /// Creates an engine profile.
  ///
  /// - Parameters:
  ///   - name: Stable name.
  ///   - requestOverheadMilliseconds: Once-per-request work, ms.
  ///   - iterationOverheadMilliseconds: Fixed cost per iteration, ms.
  ///   - layerOverheadMilliseconds: Fixed cost per layer per iteration, ms.
  ///   - attentionEfficiency: Attention kernels' fraction of the GEMM rate, in (0, 1].
  ///   - quantizedComputePath: Path of int8 and q4 weights.
  ///   - defaultKVPrecision: Default KV-cache format.
  ///   - usesCUDAGraphs: Whether decode runs under CUDA graphs.
  ///   - eagerLayerOverheadMilliseconds: Per-layer cost of an iteration that prefills, ms; `nil`:
  ///     `layerOverheadMilliseconds`.
  ///   - graphTokenLimit: Tokens up to which such an iteration still runs under graphs.
  ///   - defaultBackend: Default compute unit.
  ///   - fp8WeightsKVPrecision: KV-cache format under fp8 weights, `nil` for the default.
  ///   - int8ReadOverhead: Extra time per int8 weight byte, in peak-bandwidth byte times.
  ///   - q4ReadOverhead: Extra time per q4 weight byte, in peak-bandwidth byte times.
  ///   - maxBatch: Default batch limit of a replica.
  ///   - prefillTokenBudget: Default prefill tokens per iteration.
  ///   - schedulerSteps: Decode iterations per scheduling pass.
  ///   - separatesPrefill: Whether prefill iterations run without decodes.
  ///   - chunksPrefill: Whether a prompt may be split over iterations.
  ///   - allReduceLatencyMicroseconds: Fixed time of one tensor-parallel all-reduce, µs.
  ///   - kvCacheOfFreeMemory: Whether the KV cache is a fraction of the memory weights leave.
  ///   - source: Provenance of the facts.
  ///   - calibration: Provenance of the overheads.
  public init(
    name: String, requestOverheadMilliseconds: Double, iterationOverheadMilliseconds: Double,
    layerOverheadMilliseconds: Double, attentionEfficiency: Double,
    quantizedComputePath: QuantizedComputePath, defaultKVPrecision: KVPrecision,
    usesCUDAGraphs: Bool, defaultBackend: ComputeBackend,
    eagerLayerOverheadMilliseconds: Double? = nil, graphTokenLimit: Int = 0,
    fp8WeightsKVPrecision: KVPrecision? = nil, int8ReadOverhead: Double = 0,
    q4ReadOverhead: Double = 0, maxBatch: Int = EngineProfile.defaultMaxBatch,
    prefillTokenBudget: Int = EngineProfile.defaultPrefillTokenBudget, schedulerSteps: Int = 1,
    separatesPrefill: Bool = false, chunksPrefill: Bool = true,
    allReduceLatencyMicroseconds: Double = EngineProfile.defaultAllReduceLatencyMicroseconds,
    kvCacheOfFreeMemory: Bool = false, source: String, calibration: String = "user-defined"
  ) {
    self.name = name
    self.requestOverheadMilliseconds = requestOverheadMilliseconds
    self.iterationOverheadMilliseconds = iterationOverheadMilliseconds
    self.layerOverheadMilliseconds = layerOverheadMilliseconds
    self.attentionEfficiency = attentionEfficiency
    self.quantizedComputePath = quantizedComputePath
    self.defaultKVPrecision = defaultKVPrecision
    self.usesCUDAGraphs = usesCUDAGraphs
    self.eagerLayerOverheadMilliseconds = eagerLayerOverheadMilliseconds
    self.graphTokenLimit = graphTokenLimit
    self.defaultBackend = defaultBackend
    self.fp8WeightsKVPrecision = fp8WeightsKVPrecision
    self.int8ReadOverhead = int8ReadOverhead
    self.q4ReadOverhead = q4ReadOverhead
    self.maxBatch = maxBatch
    self.prefillTokenBudget = prefillTokenBudget
    self.schedulerSteps = schedulerSteps
    self.separatesPrefill = separatesPrefill
    self.chunksPrefill = chunksPrefill
    self.allReduceLatencyMicroseconds = allReduceLatencyMicroseconds
    self.kvCacheOfFreeMemory = kvCacheOfFreeMemory
    self.source = source
    self.calibration = calibration
  }

  /// The built-in kind this profile describes, or `nil` for a user-defined engine.
  public var kind: EngineKind? { EngineKind(rawValue: name) }

  /// The batch limit of a user-defined engine that names none: 64 sequences.
  public static let defaultMaxBatch = 64
  /// The prefill budget of a user-defined engine that names none: 512 tokens per iteration.
  public static let defaultPrefillTokenBudget = 512
  /// The all-reduce latency of an engine that names none: 10 µs, about what all-reduce kernels
  /// take on small messages over NVLink (vLLM's custom all-reduce on H100 at 2–8 GPUs and
  /// 512 B–32 KB: 8.5–11.8 µs without CUDA graphs, github.com/sgl-project/sglang/pull/2904).
  public static let defaultAllReduceLatencyMicroseconds = 10.0

  /// The per-layer overhead of an iteration that processes prompt tokens and more tokens than
  /// `graphTokenLimit`, ms: the eager one where the engine runs such iterations without CUDA
  /// graphs, else the graph one.
  public var prefillLayerOverheadMilliseconds: Double {
    eagerLayerOverheadMilliseconds ?? layerOverheadMilliseconds
  }

  /// Whether an iteration over `work` runs eagerly: it holds a prompt token and more tokens
  /// than the largest captured graph, in an engine with an eager per-layer overhead.
  ///
  /// - Parameter work: The iteration's work.
  /// - Returns: `true` when it pays `eagerLayerOverheadMilliseconds` per layer.
  public func runsEagerly(_ work: IterationWork) -> Bool {
    eagerLayerOverheadMilliseconds != nil && work.prefillTokens > 0
      && work.tokens > graphTokenLimit
  }

  /// The KV-cache format the engine keeps for weights at `precision` unless told otherwise.
  ///
  /// - Parameter precision: The weight precision.
  /// - Returns: `fp8WeightsKVPrecision` for fp8 weights where set, else `defaultKVPrecision`.
  public func kvPrecision(forWeights precision: Precision) -> KVPrecision {
    precision == .fp8 ? fp8WeightsKVPrecision ?? defaultKVPrecision : defaultKVPrecision
  }

  /// The extra read time of a weight byte at `precision`, in peak-bandwidth byte times: 0 for
  /// 16-bit and fp8 weights (read by native kernels), the engine's overhead for int8 and q4.
  ///
  /// - Parameter precision: The weight precision.
  /// - Returns: The overhead, ≥ 0.
  public func readOverhead(for precision: Precision) -> Double {
    switch precision {
    case .bf16, .fp16, .fp8: return 0
    case .int8: return int8ReadOverhead
    case .q4: return q4ReadOverhead
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name
    case requestOverheadMilliseconds = "request_overhead_ms"
    case iterationOverheadMilliseconds = "iteration_overhead_ms"
    case layerOverheadMilliseconds = "layer_overhead_ms"
    case attentionEfficiency = "attention_efficiency"
    case quantizedComputePath = "quantized_compute_path"
    case defaultKVPrecision = "kv_precision"
    case usesCUDAGraphs = "cuda_graphs"
    case eagerLayerOverheadMilliseconds = "eager_layer_overhead_ms"
    case graphTokenLimit = "cuda_graph_max_tokens"
    case defaultBackend = "backend"
    case fp8WeightsKVPrecision = "fp8_weights_kv_precision"
    case int8ReadOverhead = "int8_read_overhead"
    case q4ReadOverhead = "q4_read_overhead"
    case maxBatch = "max_batch"
    case prefillTokenBudget = "chunk_tokens"
    case schedulerSteps = "scheduler_steps"
    case separatesPrefill = "separate_prefill"
    case chunksPrefill = "chunked_prefill"
    case asyncScheduling = "async_scheduling"
    case allReduceLatencyMicroseconds = "all_reduce_latency_us"
    case kvCacheOfFreeMemory = "kv_cache_of_free_memory"
    case source
    case calibration
  }

  /// Decodes a user-defined engine, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing or malformed value, `UnknownKeyError` for an unknown
  ///   key.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    requestOverheadMilliseconds = try container.decode(
      Double.self, forKey: .requestOverheadMilliseconds)
    iterationOverheadMilliseconds = try container.decode(
      Double.self, forKey: .iterationOverheadMilliseconds)
    layerOverheadMilliseconds = try container.decode(
      Double.self, forKey: .layerOverheadMilliseconds)
    attentionEfficiency =
      try container.decodeIfPresent(Double.self, forKey: .attentionEfficiency) ?? 1
    quantizedComputePath =
      try container.decodeIfPresent(QuantizedComputePath.self, forKey: .quantizedComputePath)
      ?? .sixteenBit
    defaultKVPrecision =
      try container.decodeIfPresent(KVPrecision.self, forKey: .defaultKVPrecision) ?? .fp16
    usesCUDAGraphs = try container.decodeIfPresent(Bool.self, forKey: .usesCUDAGraphs) ?? false
    eagerLayerOverheadMilliseconds = try container.decodeIfPresent(
      Double.self, forKey: .eagerLayerOverheadMilliseconds)
    graphTokenLimit = try container.decodeIfPresent(Int.self, forKey: .graphTokenLimit) ?? 0
    defaultBackend =
      try container.decodeIfPresent(ComputeBackend.self, forKey: .defaultBackend) ?? .gpu
    fp8WeightsKVPrecision = try container.decodeIfPresent(
      KVPrecision.self, forKey: .fp8WeightsKVPrecision)
    int8ReadOverhead =
      try container.decodeIfPresent(Double.self, forKey: .int8ReadOverhead) ?? 0
    q4ReadOverhead = try container.decodeIfPresent(Double.self, forKey: .q4ReadOverhead) ?? 0
    maxBatch = try container.decodeIfPresent(Int.self, forKey: .maxBatch) ?? Self.defaultMaxBatch
    prefillTokenBudget =
      try container.decodeIfPresent(Int.self, forKey: .prefillTokenBudget)
      ?? Self.defaultPrefillTokenBudget
    schedulerSteps = try container.decodeIfPresent(Int.self, forKey: .schedulerSteps) ?? 1
    separatesPrefill =
      try container.decodeIfPresent(Bool.self, forKey: .separatesPrefill) ?? false
    chunksPrefill = try container.decodeIfPresent(Bool.self, forKey: .chunksPrefill) ?? true
    asyncScheduling =
      try container.decodeIfPresent(Bool.self, forKey: .asyncScheduling) ?? false
    allReduceLatencyMicroseconds =
      try container.decodeIfPresent(Double.self, forKey: .allReduceLatencyMicroseconds)
      ?? Self.defaultAllReduceLatencyMicroseconds
    kvCacheOfFreeMemory =
      try container.decodeIfPresent(Bool.self, forKey: .kvCacheOfFreeMemory) ?? false
    source = try container.decode(String.self, forKey: .source)
    calibration = try container.decodeIfPresent(String.self, forKey: .calibration) ?? "user-defined"
  }

  /// Every problem with the profile's numbers.
  ///
  /// - Parameter path: The JSON path of the profile.
  /// - Returns: The problems, in field order; empty when the profile is valid.
  public func validationProblems(at path: String) -> [Diagnostic] {
    var check = NumberCheck(path: path)
    check.name(name)
    check.nonNegative(requestOverheadMilliseconds, "request_overhead_ms")
    check.nonNegative(iterationOverheadMilliseconds, "iteration_overhead_ms")
    check.nonNegative(layerOverheadMilliseconds, "layer_overhead_ms")
    check.fraction(attentionEfficiency, "attention_efficiency")
    // Ranges (issue 12): overheads enter every iteration's time; bounded so that it stays finite.
    check.within(requestOverheadMilliseconds, 0...60_000, "request_overhead_ms")
    check.within(iterationOverheadMilliseconds, 0...60_000, "iteration_overhead_ms")
    check.within(layerOverheadMilliseconds, 0...1_000, "layer_overhead_ms")
    if let eager = eagerLayerOverheadMilliseconds {
      check.within(eager, 0...1_000, "eager_layer_overhead_ms")
    }
    check.within(graphTokenLimit, 0...1_048_576, "cuda_graph_max_tokens")
    check.within(attentionEfficiency, 1e-3...1, "attention_efficiency")
    check.within(int8ReadOverhead, 0...100, "int8_read_overhead")
    check.within(q4ReadOverhead, 0...100, "q4_read_overhead")
    check.within(maxBatch, 1...65_536, "max_batch")
    check.within(prefillTokenBudget, 1...1_048_576, "chunk_tokens")
    check.within(schedulerSteps, 1...1_024, "scheduler_steps")
    check.within(allReduceLatencyMicroseconds, 0...10_000, "all_reduce_latency_us")
    check.text(source, "source")
    return check.problems
  }
}
