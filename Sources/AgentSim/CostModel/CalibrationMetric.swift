/// What a published measurement reports, as named in `public-measurements.csv`'s `metric`
/// column.
public enum CalibrationMetric: String, CaseIterable, Codable, Hashable, Sendable {
  /// Generation speed at batch 1, tokens/s (llama-bench `tg`): output tokens over the time of
  /// their decode steps, the context growing from the prompt.
  case decodeTokensPerSecond = "decode_tok_s"
  /// One decode step at batch 1, ms per token.
  case decodeMillisecondsPerToken = "decode_ms_per_token"
  /// Prompt processing speed, tokens/s (llama-bench `pp`): prompt tokens over their prefill time.
  case prefillTokensPerSecond = "prefill_tok_s"
  /// Time to first token at batch 1, ms: the prefill of the prompt.
  case ttftMilliseconds = "ttft_ms"
  /// Inter-token latency, ms: a decode step at the middle of the generation (or at the stated
  /// context).
  case interTokenMilliseconds = "itl_ms"
  /// One prefill iteration of the prompt, ms, without the per-request overhead.
  case prefillMilliseconds = "prefill_ms"
  /// One decode step of the batch at the stated context, ms.
  case decodeStepMilliseconds = "decode_step_ms"
  /// A whole batched generation, ms: the per-request overhead, the prefill of every sequence's
  /// prompt, then `output − 1` decode steps (vLLM's `benchmark_latency.py` `avg_latency`).
  case latencyMilliseconds = "latency_ms"

  /// Whether the metric measures decoding (memory-bound at small batches) rather than prefill; a
  /// whole generation counts as decoding, which dominates it.
  public var isDecode: Bool {
    switch self {
    case .decodeTokensPerSecond, .decodeMillisecondsPerToken, .interTokenMilliseconds,
      .decodeStepMilliseconds, .latencyMilliseconds:
      return true
    case .prefillTokensPerSecond, .ttftMilliseconds, .prefillMilliseconds: return false
    }
  }
}
