/// One of `count` shares of a sweep (`--shard index/count`): the points whose number leaves
/// `index` when divided by `count`, round robin, so every shard gets a like mix of cheap and
/// expensive points. Shards are numbered from 0, as Slurm array tasks and Kubernetes indexed jobs
/// are.
public struct SweepShard: Codable, Hashable, Sendable {
  /// This shard's number, `0..<count`.
  public var index: Int
  /// How many shards the sweep is split into.
  public var count: Int

  /// Creates a shard.
  ///
  /// - Precondition: `0 <= index < count`.
  public init(index: Int, count: Int) {
    precondition(count > 0 && index >= 0 && index < count, "shard \(index)/\(count)")
    self.index = index
    self.count = count
  }

  /// Parses `i/n`.
  ///
  /// - Throws: `Diagnostic` (path `--shard`) unless `i` and `n` are integers with `0 <= i < n`.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
      throw Diagnostic(
        path: "--shard", message: "expected i/n, found '\(text)'",
        suggestion: "for example --shard 0/16 (shards are numbered from 0)")
    }
    guard count >= 1, count <= 1_000_000 else {
      throw Diagnostic(
        path: "--shard", message: "the shard count must be 1 to 1,000,000, found \(count)")
    }
    guard index >= 0, index < count else {
      throw Diagnostic(
        path: "--shard", message: "shard \(index) does not exist in \(count) shards",
        suggestion: "shards are numbered 0 to \(count - 1)")
    }
    self.init(index: index, count: count)
  }

  /// Whether point `point` belongs to this shard.
  public func owns(_ point: Int) -> Bool {
    point % count == index
  }

  /// The shard's file name: `points-3-of-16.jsonl`.
  public var fileName: String {
    "points-\(index)-of-\(count).jsonl"
  }
}
