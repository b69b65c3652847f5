/// The serving engines agentsim ships a profile for. User-defined engines in a `--catalog` file
/// carry their own names; these are the built-in ones.
public enum EngineKind: String, CaseIterable, Codable, Hashable, Sendable {
  /// vLLM (v0.6 or later: CUDA graphs, multi-step scheduling).
  case vllm
  /// SGLang as it runs today (v0.4 and later, and v0.2–v0.3 with `--enable-torch-compile`): CUDA
  /// graphs with the small layer kernels fused and the host's per-step work off the GPU's path.
  case sglang
  /// SGLang v0.2–v0.3 (2024) in its default configuration: CUDA graphs without torch.compile, the
  /// scheduler not yet overlapped with the GPU (v0.4, December 2024, overlapped it).
  case sglangV03 = "sglang-v0.3"
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
