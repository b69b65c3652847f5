/// The first line of a shard file: which sweep, and which shard of it.
public struct SweepShardHeader: Codable, Hashable, Sendable {
  /// The shard file format's version.
  public static let formatVersion = 1

  /// The format version of the file.
  public var formatVersion: Int
  /// The sweep the shard belongs to.
  public var sweep: SweepIdentity
  /// Which shard.
  public var shard: SweepShard

  /// Creates a header in the current format.
  public init(sweep: SweepIdentity, shard: SweepShard) {
    formatVersion = Self.formatVersion
    self.sweep = sweep
    self.shard = shard
  }

  enum CodingKeys: String, CodingKey {
    case sweep, shard
    case formatVersion = "format_version"
  }
}
