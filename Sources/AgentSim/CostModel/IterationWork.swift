/// What one iteration of an inference engine processes under continuous batching with chunked
/// prefill: some sequences each generating one token, and some prompt chunks.
///
/// Build it field by field, or with `addDecode(contextTokens:)` and
/// `addPrefillChunk(tokens:cachedTokens:)`, which keep the fields consistent.
public struct IterationWork: Hashable, Sendable {
  /// Sequences generating one token each this iteration.
  public var decodeSequences: Int
  /// Sum over the decoding sequences of their context length before this iteration (tokens
  /// already in their KV cache).
  public var decodeContextTokens: Int
  /// Prompt tokens processed this iteration, over all prefill chunks.
  public var prefillTokens: Int
  /// The (query, key) pairs the prefill chunks attend over, which sizes their attention FLOPs:
  /// for a chunk of `P` new tokens after `c` tokens of the same sequence already cached,
  /// `c · P + P · (P + 1) / 2` (every new token sees the cached prefix and, causally, the new
  /// tokens up to itself); summed over chunks. See `attentionPairs(chunkTokens:cachedTokens:)`.
  public var prefillContextTokens: Int
  /// Sum over the prefill chunks of the tokens already cached before each chunk (`c`): the KV the
  /// chunks read from memory. Zero for prompts prefilled from an empty cache.
  public var prefillCachedTokens: Int

  /// Creates the work of one iteration.
  ///
  /// - Parameters:
  ///   - decodeSequences: Sequences generating one token.
  ///   - decodeContextTokens: Sum of their context lengths, tokens.
  ///   - prefillTokens: New prompt tokens over all chunks.
  ///   - prefillContextTokens: Attention pairs of the chunks (see the property).
  ///   - prefillCachedTokens: Sum of the cached prefix lengths of the chunks, tokens.
  public init(
    decodeSequences: Int = 0, decodeContextTokens: Int = 0, prefillTokens: Int = 0,
    prefillContextTokens: Int = 0, prefillCachedTokens: Int = 0
  ) {
    self.decodeSequences = decodeSequences
    self.decodeContextTokens = decodeContextTokens
    self.prefillTokens = prefillTokens
    self.prefillContextTokens = prefillContextTokens
    self.prefillCachedTokens = prefillCachedTokens
  }

  /// Adds one sequence that generates a token this iteration.
  ///
  /// - Parameter contextTokens: Its tokens already cached.
  public mutating func addDecode(contextTokens: Int) {
    decodeSequences += 1
    decodeContextTokens += contextTokens
  }

  /// Adds one prefill chunk.
  ///
  /// - Parameters:
  ///   - tokens: New prompt tokens in the chunk.
  ///   - cachedTokens: Tokens of the same sequence already cached (earlier chunks, a reused
  ///     prefix).
  public mutating func addPrefillChunk(tokens: Int, cachedTokens: Int) {
    prefillTokens += tokens
    prefillContextTokens += Self.attentionPairs(chunkTokens: tokens, cachedTokens: cachedTokens)
    prefillCachedTokens += cachedTokens
  }

  /// The (query, key) pairs of a prefill chunk: `c · P + P · (P + 1) / 2`.
  ///
  /// - Parameters:
  ///   - chunkTokens: New tokens `P`.
  ///   - cachedTokens: Cached tokens `c` before the chunk.
  /// - Returns: The number of pairs.
  public static func attentionPairs(chunkTokens: Int, cachedTokens: Int) -> Int {
    cachedTokens * chunkTokens + chunkTokens * (chunkTokens + 1) / 2
  }

  /// Tokens that pass through the layers this iteration: one per decoding sequence plus the
  /// prompt tokens.
  public var tokens: Int { decodeSequences + prefillTokens }
}
