/// How an engine multiplies weight-only quantized formats (`int8`, `q4`) during prefill.
public enum QuantizedComputePath: String, CaseIterable, Codable, Hashable, Sendable {
  /// Dequantize to 16-bit and multiply at the 16-bit peak (vLLM's Marlin and Machete W4A16
  /// kernels, MLX, ExecuTorch's XNNPACK 4-bit kernels).
  case sixteenBit = "16bit"
  /// Quantize activations to 8 bits and multiply on the int8 path (llama.cpp's MMQ kernels on
  /// int8 tensor cores / `dp4a`, QNN's w4a16 → int8 HMX), where the hardware lists an int8 peak.
  case int8
}
