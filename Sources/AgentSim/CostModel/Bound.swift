/// Which side of the roofline set an iteration's duration.
public enum Bound: String, Codable, Hashable, Sendable, CaseIterable {
  /// Streaming weights and KV cache from memory took longer than the arithmetic (decode).
  case memory
  /// The arithmetic took longer than the memory traffic (long prefills, large batches).
  case compute
}
