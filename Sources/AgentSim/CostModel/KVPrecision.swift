/// The numeric format of the KV cache, chosen apart from the weights' precision: fp8 weights with
/// a 16-bit cache is the common serving setup, and llama.cpp can keep an 8-bit cache under 16-bit
/// weights.
public enum KVPrecision: String, CaseIterable, Codable, Hashable, Sendable {
  /// bfloat16: 2 bytes per element.
  case bf16
  /// IEEE half precision: 2 bytes per element.
  case fp16
  /// 8-bit floating point (E4M3, per-tensor scale): 1 byte per element (vLLM and TensorRT-LLM
  /// `kv_cache_dtype fp8`).
  case fp8
  /// 8-bit integers with a 16-bit scale per block of 32 (llama.cpp `-ctk q8_0 -ctv q8_0`):
  /// 34 bytes per 32 elements.
  case int8

  /// Bytes one KV-cache element occupies, scales included (`block_q8_0` in llama.cpp's
  /// `ggml-common.h` for `int8`).
  public var bytesPerElement: Double {
    switch self {
    case .bf16, .fp16: return 2
    case .fp8: return 1
    case .int8: return 34.0 / 32.0
    }
  }
}
