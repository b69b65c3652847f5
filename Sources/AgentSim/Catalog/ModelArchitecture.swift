/// A decoder-only transformer's shape, as published in its `config.json`: enough to count the
/// bytes and FLOPs of every step.
///
/// All MLPs are gated (SwiGLU/GeGLU: gate, up and down projections, `3 · hidden · intermediate`
/// parameters), which holds for every built-in model. Biases and norms are left out (under 0.1%
/// of parameters). In JSON the keys are snake_case and follow `config.json` names where one
/// exists; the mixture-of-experts keys and `latent_attention` may be left out for dense models.
public struct ModelArchitecture: Codable, Hashable, Sendable {
  /// Stable kebab-case name (`llama-3.1-8b`).
  public var name: String
  /// Transformer layers (`num_hidden_layers`).
  public var layers: Int
  /// Residual stream width (`hidden_size`).
  public var hiddenSize: Int
  /// Dense MLP width (`intermediate_size`); also the expert width unless `expertIntermediateSize`
  /// is set.
  public var intermediateSize: Int
  /// Query heads (`num_attention_heads`).
  public var attentionHeads: Int
  /// Key-value heads (`num_key_value_heads`; equal to `attentionHeads` without GQA).
  public var kvHeads: Int
  /// Per-head dimension (`head_dim`, or `hidden_size / num_attention_heads`).
  public var headDimension: Int
  /// Vocabulary size (`vocab_size`).
  public var vocabularySize: Int
  /// Whether the LM head shares the embedding matrix (`tie_word_embeddings`).
  public var tiedEmbeddings: Bool
  /// Routed experts per MoE layer (`num_local_experts`, `n_routed_experts`); 1 for dense models.
  public var experts: Int
  /// Routed experts each token uses (`num_experts_per_tok`); 1 for dense models.
  public var activeExperts: Int
  /// Always-active shared experts per MoE layer (`n_shared_experts`); 0 when none.
  public var sharedExperts: Int
  /// Expert MLP width when it differs from `intermediateSize` (`moe_intermediate_size`).
  public var expertIntermediateSize: Int?
  /// Leading layers with a dense MLP in an MoE model (`first_k_dense_replace`); 0 when none.
  public var denseLayers: Int
  /// Multi-head latent attention, when the model uses it instead of grouped-query attention.
  public var latentAttention: LatentAttention?
  /// Longest supported context, tokens (`max_position_embeddings`).
  public var maxContextTokens: Int
  /// Where the numbers come from (the model's `config.json` on Hugging Face).
  public var source: String

  /// Creates a model architecture.
  ///
  /// - Parameters:
  ///   - name: Stable kebab-case name.
  ///   - layers: `num_hidden_layers`.
  ///   - hiddenSize: `hidden_size`.
  ///   - intermediateSize: `intermediate_size`.
  ///   - attentionHeads: `num_attention_heads`.
  ///   - kvHeads: `num_key_value_heads`.
  ///   - headDimension: `head_dim`.
  ///   - vocabularySize: `vocab_size`.
  ///   - tiedEmbeddings: `tie_word_embeddings`.
  ///   - experts: Routed experts per MoE layer (1 for dense).
  ///   - activeExperts: Routed experts per token (1 for dense).
  ///   - sharedExperts: Shared experts per MoE layer.
  ///   - expertIntermediateSize: Expert MLP width, if different.
  ///   - denseLayers: Leading dense layers of an MoE model.
  ///   - latentAttention: Multi-head latent attention, if used.
  ///   - maxContextTokens: `max_position_embeddings`.
  ///   - source: Provenance.
  public init(
    name: String, layers: Int, hiddenSize: Int, intermediateSize: Int, attentionHeads: Int,
    kvHeads: Int, headDimension: Int, vocabularySize: Int, tiedEmbeddings: Bool,
    experts: Int = 1, activeExperts: Int = 1, sharedExperts: Int = 0,
    expertIntermediateSize: Int? = nil, denseLayers: Int = 0,
    latentAttention: LatentAttention? = nil, maxContextTokens: Int, source: String
  ) {
    self.name = name
    self.layers = layers
    self.hiddenSize = hiddenSize
    self.intermediateSize = intermediateSize
    self.attentionHeads = attentionHeads
    self.kvHeads = kvHeads
    self.headDimension = headDimension
    self.vocabularySize = vocabularySize
    self.tiedEmbeddings = tiedEmbeddings
    self.experts = experts
    self.activeExperts = activeExperts
    self.sharedExperts = sharedExperts
    self.expertIntermediateSize = expertIntermediateSize
    self.denseLayers = denseLayers
    self.latentAttention = latentAttention
    self.maxContextTokens = maxContextTokens
    self.source = source
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name
    case layers = "num_hidden_layers"
    case hiddenSize = "hidden_size"
    case intermediateSize = "intermediate_size"
    case attentionHeads = "num_attention_heads"
    case kvHeads = "num_key_value_heads"
    case headDimension = "head_dim"
    case vocabularySize = "vocab_size"
    case tiedEmbeddings = "tie_word_embeddings"
    case experts
    case activeExperts = "experts_per_token"
    case sharedExperts = "shared_experts"
    case expertIntermediateSize = "expert_intermediate_size"
    case denseLayers = "dense_layers"
    case latentAttention = "latent_attention"
    case maxContextTokens = "max_context_tokens"
    case source
  }

  /// Decodes a user-defined model, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing or malformed value, `UnknownKeyError` for an unknown
  ///   key.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    layers = try container.decode(Int.self, forKey: .layers)
    hiddenSize = try container.decode(Int.self, forKey: .hiddenSize)
    intermediateSize = try container.decode(Int.self, forKey: .intermediateSize)
    attentionHeads = try container.decode(Int.self, forKey: .attentionHeads)
    kvHeads = try container.decode(Int.self, forKey: .kvHeads)
    headDimension = try container.decode(Int.self, forKey: .headDimension)
    vocabularySize = try container.decode(Int.self, forKey: .vocabularySize)
    tiedEmbeddings = try container.decode(Bool.self, forKey: .tiedEmbeddings)
    experts = try container.decodeIfPresent(Int.self, forKey: .experts) ?? 1
    activeExperts = try container.decodeIfPresent(Int.self, forKey: .activeExperts) ?? 1
    sharedExperts = try container.decodeIfPresent(Int.self, forKey: .sharedExperts) ?? 0
    expertIntermediateSize = try container.decodeIfPresent(
      Int.self, forKey: .expertIntermediateSize)
    denseLayers = try container.decodeIfPresent(Int.self, forKey: .denseLayers) ?? 0
    latentAttention = try container.decodeIfPresent(
      LatentAttention.self, forKey: .latentAttention)
    maxContextTokens = try container.decode(Int.self, forKey: .maxContextTokens)
    source = try container.decode(String.self, forKey: .source)
  }

  /// Every problem with the model's numbers.
  ///
  /// - Parameter path: The JSON path of the model, prefixed to each problem's path.
  /// - Returns: The problems, in field order; empty when the model is valid.
  public func validationProblems(at path: String) -> [Diagnostic] {
    var check = NumberCheck(path: path)
    check.name(name)
    check.positive(layers, "num_hidden_layers")
    check.positive(hiddenSize, "hidden_size")
    check.positive(intermediateSize, "intermediate_size")
    check.positive(attentionHeads, "num_attention_heads")
    check.positive(kvHeads, "num_key_value_heads")
    check.positive(headDimension, "head_dim")
    check.positive(vocabularySize, "vocab_size")
    check.positive(experts, "experts")
    check.positive(activeExperts, "experts_per_token")
    check.positive(maxContextTokens, "max_context_tokens")
    if kvHeads > attentionHeads || attentionHeads % max(kvHeads, 1) != 0 {
      check.fail(
        "num_key_value_heads",
        "expected a divisor of num_attention_heads (\(attentionHeads)), found \(kvHeads)")
    }
    if activeExperts > experts {
      check.fail(
        "experts_per_token", "expected at most experts (\(experts)), found \(activeExperts)")
    }
    if sharedExperts < 0 { check.fail("shared_experts", "expected at least 0") }
    if denseLayers < 0 || denseLayers > layers {
      check.fail("dense_layers", "expected 0...\(layers), found \(denseLayers)")
    }
    if let expertIntermediateSize {
      check.positive(expertIntermediateSize, "expert_intermediate_size")
    }
    if let latentAttention {
      let latentPath = "latent_attention"
      check.positive(latentAttention.queryRank, "\(latentPath).q_lora_rank")
      check.positive(latentAttention.keyValueRank, "\(latentPath).kv_lora_rank")
      check.positive(latentAttention.nopeHeadDimension, "\(latentPath).qk_nope_head_dim")
      check.positive(latentAttention.ropeHeadDimension, "\(latentPath).qk_rope_head_dim")
      check.positive(latentAttention.valueHeadDimension, "\(latentPath).v_head_dim")
    }
    // Ranges (issue 12): beyond any published model, small enough that parameter and KV-cache
    // counts (products of these) stay exact in Int64 and Double.
    check.within(layers, 1...1_000, "num_hidden_layers")
    check.within(hiddenSize, 1...1_000_000, "hidden_size")
    check.within(intermediateSize, 1...10_000_000, "intermediate_size")
    check.within(attentionHeads, 1...10_000, "num_attention_heads")
    check.within(headDimension, 1...100_000, "head_dim")
    check.within(vocabularySize, 1...100_000_000, "vocab_size")
    check.within(experts, 1...100_000, "experts")
    check.within(sharedExperts, 0...100_000, "shared_experts")
    check.within(maxContextTokens, 1...Int(ValueLimits.maximumTokens) * 10, "max_context_tokens")
    if let expertIntermediateSize {
      check.within(expertIntermediateSize, 1...10_000_000, "expert_intermediate_size")
    }
    if let latentAttention {
      for (rank, key) in [
        (latentAttention.queryRank, "q_lora_rank"), (latentAttention.keyValueRank, "kv_lora_rank"),
        (latentAttention.nopeHeadDimension, "qk_nope_head_dim"),
        (latentAttention.ropeHeadDimension, "qk_rope_head_dim"),
        (latentAttention.valueHeadDimension, "v_head_dim"),
      ] {
        check.within(rank, 1...100_000, "latent_attention.\(key)")
      }
    }
    check.text(source, "source")
    return check.problems
  }
}
