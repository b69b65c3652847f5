/// Multi-head latent attention (DeepSeek-V2/V3): keys and values are cached as one compressed
/// latent per token and layer instead of per-head keys and values.
///
/// Numbers come from the model's `config.json` (`q_lora_rank`, `kv_lora_rank`,
/// `qk_nope_head_dim`, `qk_rope_head_dim`, `v_head_dim`); DeepSeek-V2 paper, arXiv 2405.04434 §2.1.
public struct LatentAttention: Codable, Hashable, Sendable {
  /// Rank of the query down-projection (`q_lora_rank`).
  public var queryRank: Int
  /// Rank of the joint key-value latent (`kv_lora_rank`).
  public var keyValueRank: Int
  /// Per-head query/key dimension without rotary embedding (`qk_nope_head_dim`).
  public var nopeHeadDimension: Int
  /// Per-head decoupled rotary dimension, shared by all heads in the cache (`qk_rope_head_dim`).
  public var ropeHeadDimension: Int
  /// Per-head value dimension (`v_head_dim`).
  public var valueHeadDimension: Int

  /// Creates a latent-attention description.
  ///
  /// - Parameters:
  ///   - queryRank: `q_lora_rank`.
  ///   - keyValueRank: `kv_lora_rank`.
  ///   - nopeHeadDimension: `qk_nope_head_dim`.
  ///   - ropeHeadDimension: `qk_rope_head_dim`.
  ///   - valueHeadDimension: `v_head_dim`.
  public init(
    queryRank: Int, keyValueRank: Int, nopeHeadDimension: Int, ropeHeadDimension: Int,
    valueHeadDimension: Int
  ) {
    self.queryRank = queryRank
    self.keyValueRank = keyValueRank
    self.nopeHeadDimension = nopeHeadDimension
    self.ropeHeadDimension = ropeHeadDimension
    self.valueHeadDimension = valueHeadDimension
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case queryRank = "q_lora_rank"
    case keyValueRank = "kv_lora_rank"
    case nopeHeadDimension = "qk_nope_head_dim"
    case ropeHeadDimension = "qk_rope_head_dim"
    case valueHeadDimension = "v_head_dim"
  }

  /// Decodes from the `config.json` key names, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` or `UnknownKeyError`.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    queryRank = try container.decode(Int.self, forKey: .queryRank)
    keyValueRank = try container.decode(Int.self, forKey: .keyValueRank)
    nopeHeadDimension = try container.decode(Int.self, forKey: .nopeHeadDimension)
    ropeHeadDimension = try container.decode(Int.self, forKey: .ropeHeadDimension)
    valueHeadDimension = try container.decode(Int.self, forKey: .valueHeadDimension)
  }
}
