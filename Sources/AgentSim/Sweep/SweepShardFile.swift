import Foundation

/// Shard files: JSON lines, a `SweepShardHeader` on the first line and one `SweepPointResult` per
/// line after it, in point order, every object with sorted keys. `merge` reads a set of them back
/// and builds the sweep's report.
public enum SweepShardFile {
  /// The shard's JSON lines.
  ///
  /// - Throws: `EncodingError` for a non-finite number.
  /// - Complexity: O(points).
  public static func encode(
    identity: SweepIdentity, shard: SweepShard, results: [SweepPointResult]
  ) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(SweepShardHeader(sweep: identity, shard: shard))
    data.append(0x0A)
    for result in results {
      data.append(try encoder.encode(result))
      data.append(0x0A)
    }
    return data
  }

  /// Writes `directory/points-i-of-n.jsonl` atomically (replacing a previous attempt of the same
  /// shard, as a retried array task would).
  ///
  /// - Returns: The file.
  /// - Throws: `ResultsWriterError` or `EncodingError`.
  public static func write(
    identity: SweepIdentity, shard: SweepShard, results: [SweepPointResult], to directory: URL
  ) throws -> URL {
    let data = try encode(identity: identity, shard: shard, results: results)
    let url = directory.appendingPathComponent(shard.fileName)
    try ResultsWriter.writeFileAtomically(data, to: url)
    return url
  }

  /// Reads one shard file.
  ///
  /// - Parameters:
  ///   - data: The file's bytes.
  ///   - file: Its name, for diagnostics.
  /// - Returns: The header and the points.
  /// - Throws: `DiagnosticError` naming the file and line of anything unreadable.
  public static func decode(_ data: Data, file: String) throws(DiagnosticError) -> (
    header: SweepShardHeader, results: [SweepPointResult]
  ) {
    let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
    guard let first = lines.first else {
      throw DiagnosticError(Diagnostic(file: file, message: "is empty, not a shard file"))
    }
    let decoder = JSONDecoder()
    let header: SweepShardHeader
    do {
      header = try decoder.decode(SweepShardHeader.self, from: Data(first))
    } catch {
      throw DiagnosticError(
        Diagnostic(
          file: file, line: 1, message: "is not a shard file of 'agentsim sweep --shard'",
          suggestion: "merge the points-I-of-N.jsonl files a sharded sweep writes"))
    }
    guard (1...SweepShardHeader.formatVersion).contains(header.formatVersion) else {
      throw DiagnosticError(
        Diagnostic(
          file: file, line: 1,
          message: "was written in shard format \(header.formatVersion); this agentsim reads "
            + "formats 1 to \(SweepShardHeader.formatVersion)",
          suggestion: header.formatVersion < 1
            ? "the header is damaged: run this shard again"
            : "merge with the agentsim that ran the shards"))
    }
    var results: [SweepPointResult] = []
    for (offset, line) in lines.dropFirst().enumerated() {
      do {
        results.append(try decoder.decode(SweepPointResult.self, from: Data(line)))
      } catch {
        throw DiagnosticError(
          Diagnostic(
            file: file, line: offset + 2,
            message: "is not a point of a sweep (the file is "
              + "damaged or cut short)", suggestion: "run this shard again"))
      }
    }
    return (header, results)
  }

  /// The shard files among `urls`: files as given, and every `points-*-of-*.jsonl` in folders.
  ///
  /// - Throws: `DiagnosticError` for a path that does not exist or a folder without shard files.
  static func shardFiles(_ urls: [URL]) throws(DiagnosticError) -> [URL] {
    var files: [URL] = []
    for url in urls {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        throw DiagnosticError(Diagnostic(file: url.path, message: "no such file or folder"))
      }
      guard isDirectory.boolValue else {
        files.append(url)
        continue
      }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      let shards = names.filter { $0.hasPrefix("points-") && $0.hasSuffix(".jsonl") }.sorted()
      guard !shards.isEmpty else {
        throw DiagnosticError(
          Diagnostic(
            file: url.path, message: "holds no points-I-of-N.jsonl shard files",
            suggestion: "run 'agentsim sweep … --shard I/N' first"))
      }
      files += shards.map { url.appendingPathComponent($0) }
    }
    return files
  }

  /// Reads shard files (or folders of them) and builds the sweep's report: byte for byte the
  /// report of the same sweep run unsharded.
  ///
  /// - Parameter urls: Shard files, or folders holding them.
  /// - Returns: The report.
  /// - Throws: `DiagnosticError` when the files are unreadable, belong to different sweeps (any
  ///   difference in workflow digest, seed, sessions, grid, candidates, options or version), do
  ///   not make a complete set (a shard missing or given twice), or do not hold exactly their
  ///   shard's points.
  /// - Complexity: O(total points · log points).
  public static func merge(contentsOf urls: [URL]) throws(DiagnosticError) -> SweepReport {
    var shards: [(file: String, header: SweepShardHeader, results: [SweepPointResult])] = []
    for url in try shardFiles(urls) {
      let data: Data
      do {
        data = try Data(contentsOf: url)
      } catch {
        throw DiagnosticError(
          Diagnostic(file: url.path, message: "cannot be read (\(error.localizedDescription))"))
      }
      let (header, results) = try decode(data, file: url.path)
      shards.append((url.path, header, results))
    }
    guard let first = shards.first else {
      throw DiagnosticError(Diagnostic(path: "merge", message: "no shard files given"))
    }
    var problems: [Diagnostic] = []
    for shard in shards.dropFirst() where shard.header.sweep != first.header.sweep {
      problems.append(
        Diagnostic(
          file: shard.file,
          message: "belongs to a different sweep than \(first.file) ("
            + differences(first.header.sweep, shard.header.sweep) + ")",
          suggestion: "merge only the shards of one 'agentsim sweep' command"))
    }
    let count = first.header.shard.count
    for shard in shards where shard.header.shard.count != count {
      problems.append(
        Diagnostic(
          file: shard.file,
          message: "is shard \(shard.header.shard.index) of \(shard.header.shard.count), but "
            + "\(first.file) is one of \(count)"))
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    var seen: [Int: String] = [:]
    for shard in shards {
      if let other = seen[shard.header.shard.index] {
        problems.append(
          Diagnostic(
            file: shard.file,
            message: "repeats shard \(shard.header.shard.index) of \(count), already in \(other)"))
      }
      seen[shard.header.shard.index] = shard.file
      let expected = Array(
        stride(from: shard.header.shard.index, to: first.header.sweep.pointCount, by: count))
      if shard.results.map(\.index) != expected {
        problems.append(
          Diagnostic(
            file: shard.file,
            message: "holds \(points(shard.results.count)), not the \(points(expected.count)) "
              + "of shard \(shard.header.shard.index) of \(count)",
            suggestion: "run this shard again"))
      }
    }
    let missing = (0..<count).filter { seen[$0] == nil }
    if !missing.isEmpty {
      let list = missing.prefix(10).map(String.init).joined(separator: ", ")
      problems.append(
        Diagnostic(
          path: "merge",
          message: "\(missing.count) of \(count) shards are missing: \(list)"
            + (missing.count > 10 ? ", …" : ""),
          suggestion: "run them (--shard I/\(count)) and merge again"))
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    return SweepReport(sweep: first.header.sweep, results: shards.flatMap(\.results))
  }

  /// "1 point", "3 points".
  static func points(_ count: Int) -> String {
    count == 1 ? "1 point" : "\(count) points"
  }

  /// Which identity fields differ, in words.
  static func differences(_ a: SweepIdentity, _ b: SweepIdentity) -> String {
    var fields: [String] = []
    if a.workflow != b.workflow || a.workflowDigest != b.workflowDigest || a.file != b.file {
      fields.append("workflow or --set")
    }
    if a.settings.seed != b.settings.seed { fields.append("seed") }
    if a.settings != b.settings && a.settings.seed == b.settings.seed {
      fields.append("sessions, objective or limits")
    }
    if a.grid != b.grid { fields.append("--vary") }
    if a.steps != b.steps { fields.append("candidates") }
    if a.toolVersion != b.toolVersion { fields.append("agentsim version") }
    return fields.isEmpty ? "the sweep differs" : "different " + fields.joined(separator: ", ")
  }
}
