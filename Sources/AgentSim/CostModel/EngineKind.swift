/// The serving engines agentsim ships a profile for. User-defined engines in a `--catalog` file
/// carry their own names; these are the built-in ones.
public enum EngineKind: String, CaseIterable, Codable, Hashable, Sendable {
  /// vLLM (v0.6 or later: CUDA graphs, multi-step scheduling).
  case vllm
  /// SGLang.
  case sglang
  /// NVIDIA TensorRT-LLM (and NIM, which serves through it).
  case tensorrtLLM = "tensorrt-llm"
  /// llama.cpp (CUDA, Metal, CPU backends).
  case llamaCpp = "llama.cpp"
  /// Apple MLX (`mlx-lm`).
  case mlx
  /// MLC LLM (TVM-compiled kernels).
  case mlc
  /// Qualcomm AI Engine Direct (QNN) on the Hexagon NPU.
  case qnn
  /// Apple Core ML on the Neural Engine.
  case coreml
  /// PyTorch ExecuTorch (XNNPACK CPU delegate by default).
  case executorch
  /// Google LiteRT / MediaPipe LLM inference (GPU delegate by default).
  case litert
}
