/// The zero-load timing of one LLM call on one engine: what `agentsim estimate` prints.
///
/// Times exclude network and queueing. JSON keys are snake_case.
public struct CallEstimate: Codable, Hashable, Sendable {
  /// The bound of each phase.
  public struct Bounds: Codable, Hashable, Sendable {
    /// The prefill's bound; `nil` without prompt tokens.
    public var prefill: Bound?
    /// The decode step's bound.
    public var decode: Bound
  }

  /// Hardware name.
  public var hardware: String
  /// Model name.
  public var model: String
  /// Weight precision.
  public var precision: Precision
  /// Serving engine name.
  public var engine: String
  /// Compute unit.
  public var backend: ComputeBackend
  /// KV-cache format.
  public var kvPrecision: KVPrecision
  /// Tensor-parallel accelerators.
  public var accelerators: Int
  /// Sequences decoding together.
  public var batch: Int
  /// Context of each sequence for `decodeStepMilliseconds`, tokens.
  public var contextTokens: Int
  /// Prompt tokens of the call.
  public var promptTokens: Int
  /// Output tokens of the call.
  public var outputTokens: Int
  /// Prefill of the prompt of one sequence from an empty cache, ms; 0 without prompt tokens.
  public var prefillMilliseconds: Double
  /// One decode step for `batch` sequences each holding `contextTokens` tokens, ms.
  public var decodeStepMilliseconds: Double
  /// Time to first token, ms: the engine's per-request overhead plus the prefill (which yields
  /// the first token), or one decode step without prompt tokens.
  public var ttftMilliseconds: Double
  /// Time to the last token, ms: TTFT plus a decode step at batch `batch` for every further
  /// output token, the context growing from the prompt by one token per step.
  public var totalMilliseconds: Double
  /// Generation throughput of the batch at `contextTokens`, tokens/s: `batch / decode step`.
  public var tokensPerSecond: Double
  /// The bound of each phase.
  public var bound: Bounds
  /// Whether weights plus the batch's KV cache fit in usable memory.
  public var fits: Bool
  /// Why not, when the call does not fit.
  public var fitProblem: String?
  /// Weights plus the KV of `batch` sequences at their longest context, GB.
  public var memoryRequiredGigabytes: Double
  /// Usable memory over the accelerators, GB.
  public var memoryAvailableGigabytes: Double
  /// KV-cache bytes per token.
  public var kvBytesPerToken: Double
  /// KV tokens that fit beside the weights.
  public var kvCapacityTokens: Int
  /// Energy per generated token at the decode step, J (the batch shares the power).
  public var joulesPerToken: Double
  /// Energy for the whole call, J (the batch shares the power).
  public var energyPerCallJoules: Double
  /// Rental cost of the call, USD (busy time × price, shared by the batch); `nil` without a price.
  public var costPerCallDollars: Double?

  enum CodingKeys: String, CodingKey {
    case hardware, model, precision, engine, backend, accelerators, batch
    case kvPrecision = "kv_precision"
    case contextTokens = "context_tokens"
    case promptTokens = "prompt_tokens"
    case outputTokens = "output_tokens"
    case prefillMilliseconds = "prefill_ms"
    case decodeStepMilliseconds = "decode_step_ms"
    case ttftMilliseconds = "ttft_ms"
    case totalMilliseconds = "total_ms"
    case tokensPerSecond = "tokens_per_second"
    case bound, fits
    case fitProblem = "fit_problem"
    case memoryRequiredGigabytes = "memory_required_gb"
    case memoryAvailableGigabytes = "memory_available_gb"
    case kvBytesPerToken = "kv_bytes_per_token"
    case kvCapacityTokens = "kv_capacity_tokens"
    case joulesPerToken = "joules_per_token"
    case energyPerCallJoules = "energy_per_call_j"
    case costPerCallDollars = "cost_per_call_usd"
  }
}

extension InferenceEngine {
  /// The zero-load timing, memory fit, energy and cost of one call.
  ///
  /// - Parameters:
  ///   - promptTokens: Prompt tokens, prefilled from an empty cache.
  ///   - outputTokens: Tokens generated.
  ///   - batchSize: Sequences decoding together (at least 1).
  ///   - contextTokens: Context of each sequence for the reported decode step, tokens.
  /// - Returns: The estimate.
  /// - Complexity: O(`outputTokens`).
  public func estimate(
    promptTokens: Int, outputTokens: Int, batchSize: Int, contextTokens: Int
  ) -> CallEstimate {
    let batch = max(1, batchSize)
    let prefill = prefillCost(promptTokens: promptTokens, cachedTokens: 0)
    let decode = decodeStepCost(batchSize: batch, contextTokens: contextTokens)
    let start = promptTokens > 0 ? promptTokens : contextTokens
    let firstStep =
      promptTokens > 0 ? prefill.seconds : decodeStepSeconds(batchSize: batch, contextTokens: start)
    let first = requestOverheadSeconds + firstStep
    // Busy accelerator time excludes the request overhead (host-side work).
    var busy = outputTokens > 0 || promptTokens > 0 ? firstStep : 0
    if outputTokens > 1 {
      for step in 1..<outputTokens {
        busy += decodeStepSeconds(batchSize: batch, contextTokens: start + step)
      }
    }
    let total = busy > 0 ? busy + requestOverheadSeconds : 0
    let longest = max(contextTokens, promptTokens + outputTokens)
    let required = memoryRequiredBytes(sequences: batch, tokensPerSequence: longest)
    var problem = fitProblem
    if problem == nil && required > usableMemoryBytes {
      problem =
        "weights (\(Self.gigabytes(weightBytes)) GB) plus the KV cache of \(batch) sequences × "
        + "\(longest) tokens (\(Self.gigabytes(required - weightBytes)) GB) exceed the "
        + "\(Self.gigabytes(usableMemoryBytes)) GB usable"
    }
    if problem == nil && longest > model.maxContextTokens {
      problem =
        "\(longest) tokens of context exceed \(model.name)'s maximum of \(model.maxContextTokens)"
    }
    return CallEstimate(
      hardware: hardware.name, model: model.name, precision: precision, engine: engine.name,
      backend: backend, kvPrecision: kvPrecision, accelerators: acceleratorCount, batch: batch,
      contextTokens: contextTokens,
      promptTokens: promptTokens, outputTokens: outputTokens,
      prefillMilliseconds: prefill.seconds * 1000, decodeStepMilliseconds: decode.seconds * 1000,
      ttftMilliseconds: first * 1000, totalMilliseconds: total * 1000,
      tokensPerSecond: Double(batch) / decode.seconds,
      bound: CallEstimate.Bounds(
        prefill: promptTokens > 0 ? prefill.bound : nil, decode: decode.bound),
      fits: problem == nil, fitProblem: problem, memoryRequiredGigabytes: required / 1e9,
      memoryAvailableGigabytes: usableMemoryBytes / 1e9, kvBytesPerToken: kvBytesPerToken,
      kvCapacityTokens: kvCapacityTokens,
      joulesPerToken: energyJoules(busySeconds: decode.seconds) / Double(batch),
      energyPerCallJoules: energyJoules(busySeconds: busy) / Double(batch),
      costPerCallDollars: cost(busySeconds: busy).map { $0 / Double(batch) })
  }
}
