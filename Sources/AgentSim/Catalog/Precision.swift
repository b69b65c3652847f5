/// The numeric format of a model's weights. The KV cache has its own format (`KVPrecision`).
///
/// Bytes per parameter include the scales that quantized formats carry, because those are read
/// from memory on every step too.
public enum Precision: String, CaseIterable, Codable, Hashable, Sendable {
  /// bfloat16 weights: 2 bytes per parameter.
  case bf16
  /// IEEE half-precision weights: 2 bytes per parameter.
  case fp16
  /// 8-bit floating point (E4M3) weights, with per-tensor scales: 1 byte per
  /// parameter. Needs FP8 tensor cores (Ada, Hopper, Blackwell, MI300).
  case fp8
  /// 8-bit integer weights with a 16-bit scale per block of 32 (llama.cpp `Q8_0`): 8.5 bits per
  /// parameter.
  case int8
  /// 4-bit integer weights with a 16-bit scale per block of 32 (llama.cpp `Q4_0`; GPTQ/AWQ with
  /// group size 128 and MXFP4 are close at 4.25 bits): 4.5 bits per parameter.
  case q4

  /// Bytes one weight occupies in memory, scales included.
  ///
  /// `Q8_0` stores 32 int8 weights and one fp16 scale in 34 bytes; `Q4_0` stores 32 4-bit weights
  /// and one fp16 scale in 18 bytes (llama.cpp `ggml-common.h`, `block_q8_0` and `block_q4_0`).
  public var bytesPerParameter: Double {
    switch self {
    case .bf16, .fp16: return 2
    case .fp8: return 1
    case .int8: return 34.0 / 32.0
    case .q4: return 18.0 / 32.0
    }
  }
}
