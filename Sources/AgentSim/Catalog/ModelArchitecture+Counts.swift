import Foundation

extension ModelArchitecture {
  /// Whether the model routes tokens to experts.
  public var isMixtureOfExperts: Bool { experts > 1 }

  /// Layers whose MLP is a mixture of experts.
  public var expertLayers: Int { isMixtureOfExperts ? layers - denseLayers : 0 }

  /// Attention projection parameters of one layer.
  ///
  /// Grouped-query attention: `d·h·dₕ` (Q) + `2·d·h_kv·dₕ` (K, V) + `h·dₕ·d` (O). Latent
  /// attention: `d·r_q + r_q·h·(d_nope + d_rope) + d·(r_kv + d_rope) + r_kv·h·(d_nope + d_v) +
  /// h·d_v·d` (DeepSeek-V2 §2.1).
  public var attentionParametersPerLayer: Double {
    let d = Double(hiddenSize)
    let h = Double(attentionHeads)
    if let latent = latentAttention {
      let queryRank = Double(latent.queryRank)
      let kvRank = Double(latent.keyValueRank)
      let nope = Double(latent.nopeHeadDimension)
      let rope = Double(latent.ropeHeadDimension)
      let value = Double(latent.valueHeadDimension)
      return d * queryRank + queryRank * h * (nope + rope) + d * (kvRank + rope)
        + kvRank * h * (nope + value) + h * value * d
    }
    let headDimension = Double(headDimension)
    return 2 * d * h * headDimension + 2 * d * Double(kvHeads) * headDimension
  }

  /// Parameters of one dense gated MLP: `3 · hidden · intermediate`.
  public var denseMLPParameters: Double { 3 * Double(hiddenSize) * Double(intermediateSize) }

  /// Parameters of one expert's gated MLP: `3 · hidden · expert_intermediate`.
  public var parametersPerExpert: Double {
    3 * Double(hiddenSize) * Double(expertIntermediateSize ?? intermediateSize)
  }

  /// Router parameters of one MoE layer: `hidden · experts`.
  public var routerParametersPerLayer: Double {
    isMixtureOfExperts ? Double(hiddenSize) * Double(experts) : 0
  }

  /// Embedding-table parameters: `vocabulary · hidden`.
  public var embeddingParameters: Double { Double(vocabularySize) * Double(hiddenSize) }

  /// Parameters of the transformer layers (attention and MLPs, every expert), without embeddings
  /// and LM head.
  public var layerParameters: Double {
    Double(layers) * attentionParametersPerLayer
      + Double(layers - expertLayers) * denseMLPParameters
      + Double(expertLayers)
      * (Double(experts + sharedExperts) * parametersPerExpert + routerParametersPerLayer)
  }

  /// Every parameter, embeddings included once when tied.
  public var totalParameters: Double {
    layerParameters + embeddingParameters * (tiedEmbeddings ? 1 : 2)
  }

  /// Parameters of the matrix multiplications one token goes through, LM head excluded: the
  /// attention projections, dense MLPs, and the shared plus `activeExperts` routed experts and the
  /// router of each MoE layer. `2 ×` this is the linear-layer FLOPs per token.
  public var activeParametersPerToken: Double {
    Double(layers) * attentionParametersPerLayer
      + Double(layers - expertLayers) * denseMLPParameters
      + Double(expertLayers)
      * (Double(activeExperts + sharedExperts) * parametersPerExpert + routerParametersPerLayer)
  }

  /// Expected number of distinct routed experts a batch of `tokens` touches in one MoE layer,
  /// `E · (1 − (1 − k/E)^T)`.
  ///
  /// Assumes every token picks its `k` experts uniformly at random and independently of the
  /// others (real routers are skewed, which touches fewer experts; this is the upper estimate).
  ///
  /// - Parameter tokens: Tokens in the batch (all sequences, decode and prefill).
  /// - Returns: Between `k` and `E` for at least one token; 0 for none; 1 for a dense model.
  public func expectedExpertsTouched(tokens: Int) -> Double {
    guard isMixtureOfExperts, tokens > 0 else { return isMixtureOfExperts ? 0 : 1 }
    let e = Double(experts)
    let k = Double(activeExperts)
    return e * (1 - pow(1 - k / e, Double(tokens)))
  }

  /// Weight parameters one iteration over `tokens` tokens reads from memory: the layers (for MoE,
  /// the shared part and the experts the batch touches) and the LM head. Embedding lookups are
  /// not a full read and are counted separately (`tokens · hidden`).
  ///
  /// - Parameter tokens: Tokens in the iteration.
  /// - Returns: Parameters read.
  public func parametersRead(tokens: Int) -> Double {
    let routed = expectedExpertsTouched(tokens: tokens)
    let experts =
      Double(expertLayers)
      * ((routed + Double(sharedExperts)) * parametersPerExpert + routerParametersPerLayer)
    return Double(layers) * attentionParametersPerLayer
      + Double(layers - expertLayers) * denseMLPParameters + experts
      + embeddingParameters  // the LM head, vocabulary × hidden, read in full
  }

  /// KV-cache elements per token over all layers: `layers · 2 · kv_heads · head_dim`, or
  /// `layers · (kv_lora_rank + qk_rope_head_dim)` with latent attention.
  public var kvElementsPerToken: Double {
    if let latent = latentAttention {
      return Double(layers) * Double(latent.keyValueRank + latent.ropeHeadDimension)
    }
    return Double(layers) * 2 * Double(kvHeads) * Double(headDimension)
  }

  /// Attention FLOPs for one (query, cached key) pair over all layers: `QKᵀ` and `·V`, each
  /// `2 · heads · head_dim`, so `4 · layers · heads · head_dim` (with latent attention,
  /// `2 · layers · heads · (d_nope + d_rope + d_v)`).
  public var attentionFLOPsPerPair: Double {
    let h = Double(attentionHeads)
    if let latent = latentAttention {
      let perHead = Double(
        latent.nopeHeadDimension + latent.ropeHeadDimension + latent.valueHeadDimension)
      return 2 * Double(layers) * h * perHead
    }
    return 4 * Double(layers) * h * Double(headDimension)
  }
}
