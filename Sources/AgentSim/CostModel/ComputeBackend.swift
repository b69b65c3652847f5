/// The compute unit of a device that runs the model: its CPU cores, its GPU or its NPU.
///
/// On phones and laptops the same silicon offers all three, with prefill throughput differing by
/// 5–25×; llama.cpp and ExecuTorch mostly run on the CPU, LiteRT on the GPU, QNN and Core ML on the
/// NPU. Datacenter accelerators have one unit, `gpu`.
public enum ComputeBackend: String, CaseIterable, Codable, Hashable, Sendable {
  /// CPU cores (NEON / AVX matrix kernels).
  case cpu
  /// The GPU (CUDA, Metal, OpenCL, Vulkan).
  case gpu
  /// The neural processing unit (Hexagon NPU, Apple Neural Engine).
  case npu
}
