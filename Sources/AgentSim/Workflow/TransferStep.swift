/// Explicit bytes moved from one site to another (an image upload, a file download).
public struct TransferStep: Hashable, Sendable {
  /// The sending site.
  public var from: String
  /// The receiving site (different from `from`, and linked to it).
  public var to: String
  /// How many bytes.
  public var bytes: CountSpec

  /// Creates a transfer.
  public init(from: String, to: String, bytes: CountSpec) {
    self.from = from
    self.to = to
    self.bytes = bytes
  }
}
