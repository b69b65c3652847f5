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
  /// Inter-token latency at batch 1, ms: a decode step at the middle of the generation.
  case interTokenMilliseconds = "itl_ms"

  /// Whether the metric measures decoding (memory-bound at batch 1) rather than prefill.
  public var isDecode: Bool {
    switch self {
    case .decodeTokensPerSecond, .decodeMillisecondsPerToken, .interTokenMilliseconds: return true
    case .prefillTokensPerSecond, .ttftMilliseconds: return false
    }
  }
}
