/// A quantized file format whose bytes per weight differ from its catalog precision's, because
/// it mixes block types across tensors. Calibration rows measured on such files read the
/// format's bytes; a workflow's `q4` stays `Q4_0`'s 4.5 bits.
public enum WeightFormat: String, CaseIterable, Codable, Hashable, Sendable {
  /// llama.cpp `Q4_K_M` (at precision `q4`): `Q4_K` blocks (144 bytes per 256 weights, 4.5 bits)
  /// for most tensors; `Q6_K` (210 bytes per 256, 6.56 bits) for the output matrix (the embedding
  /// table when tied) and for `attn_v` and `ffn_down` in the layers `use_more_bits` picks: the
  /// first and last eighth, and every third layer between (ggml-common.h `block_q4_K`,
  /// `block_q6_K`; src/llama-quant.cpp `llama_tensor_get_type`).
  case q4KM = "Q4_K_M"
  /// llama.cpp `Q4_1` (at precision `q4`): 32 weights in 16 bytes plus an fp16 scale and an fp16
  /// minimum, 20 bytes per 32 weights (5 bits) for every tensor (ggml-common.h `block_q4_1`).
  case q41 = "Q4_1"

  /// Bytes per weight a step reads from a file of `model` in this format: the layers and the
  /// output matrix (the embedding table, read one row per token, is left out, as the cost model
  /// leaves it out of a step's bytes). Expert MLPs count at the base block type.
  ///
  /// - Parameter model: The model.
  /// - Returns: Bytes per parameter, scales included.
  /// - Complexity: O(layers).
  public func bytesPerParameter(of model: ModelArchitecture) -> Double {
    switch self {
    case .q41:
      return 20.0 / 32
    case .q4KM:
      let base = 144.0 / 256
      let more = 210.0 / 256
      let layers = model.layers
      var upgradedLayers = 0
      for layer in 0..<layers
      where layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2 {
        upgradedLayers += 1
      }
      let value = Double(model.hiddenSize) * Double(model.kvHeads) * Double(model.headDimension)
      let down = model.isMixtureOfExperts ? 0 : model.denseMLPParameters / 3
      let upgraded = Double(upgradedLayers) * (value + down)
      let head = model.embeddingParameters
      let bytes = (model.layerParameters - upgraded) * base + (upgraded + head) * more
      return bytes / (model.layerParameters + head)
    }
  }
}
