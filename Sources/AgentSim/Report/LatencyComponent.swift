/// Where a millisecond of a session went.
///
/// The components partition each session's end-to-end latency along its critical path: they add up
/// to the session's latency exactly.
public enum LatencyComponent: String, CaseIterable, Codable, CodingKeyRepresentable, Hashable,
  Sendable
{
  /// Messages crossing links: one-way latency, serialization at the link's bandwidth, connection
  /// setup, and waiting out link outages.
  case network
  /// Waiting at a site for a server, a batch slot, KV-cache memory, a tool worker or the device.
  case queueing
  /// Processing prompt tokens, up to and including the first output token.
  case prefill
  /// Generating the remaining output tokens.
  case decode
  /// Running tools.
  case tool
  /// Explicit data transfers and moving a conversation's context to another site.
  case transfer
}
