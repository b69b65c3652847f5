import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a report's results folder, `results/<workflow>-<yyyyMMdd-HHmmss>/`, holding
/// `summary.json`, `histogram.csv`, `steps.csv`, `sites.csv` and a self-contained `report.html`.
///
/// The promises of the design (§9):
/// - **Atomic.** Everything is rendered first, then written and flushed to disk (`fsync`) in a
///   hidden sibling folder `.tmp-…`, which is renamed into place only when complete. A crash or a
///   full disk leaves either the whole folder or no folder (at worst a hidden `.tmp-…` one, which
///   the next write in the same place removes once its process is gone); SIGINT and SIGTERM
///   remove it (`removeTemporaryFilesOnInterrupt()`).
/// - **Never overwrites.** When the folder exists, `-2`, `-3`, … is appended; a folder that
///   appears between the check and the rename is detected by `rename(2)` refusing to replace a
///   non-empty directory, and the next suffix is tried.
/// - **Sanitized names** (`sanitizedName(_:)`).
public struct ResultsWriter: Sendable {
  /// The files every results folder holds, in the order they are written.
  public static let fileNames = [
    "summary.json", "histogram.csv", "steps.csv", "sites.csv", "report.html",
  ]

  /// Creates a writer.
  public init() {}

  /// Writes the results folder for `report` and returns its URL.
  ///
  /// - Parameters:
  ///   - report: The report.
  ///   - workflowName: The workflow's name; sanitized for the file system.
  ///   - resultsDirectory: The folder that holds results folders (`results/`); created with its
  ///     parents when missing.
  ///   - date: The run's time; its UTC timestamp names the folder.
  /// - Returns: The new folder, for example `results/coding-agent-20250314-092653-2/`.
  /// - Throws: `ResultsWriterError` naming the path and the cause (an unwritable or missing parent,
  ///   a full disk, a report with a non-finite number); nothing is left at the final path.
  /// - Complexity: O(size of the report) plus the file system's work.
  public func write(
    _ report: LatencyReport, workflowName: String, to resultsDirectory: URL, at date: Date
  ) throws -> URL {
    // Render everything before touching the disk: a rendering failure then leaves nothing behind.
    let files = try renderFiles(report)
    return try writeFolder(
      files, baseName: Self.sanitizedName(workflowName) + "-" + Self.timestamp(for: date),
      to: resultsDirectory)
  }

  /// Writes `files` into a new folder `baseName` (or `baseName-2`, …) under `resultsDirectory`,
  /// atomically: the promises of the type's documentation, for any set of rendered files.
  ///
  /// - Parameters:
  ///   - files: File names and contents, written in order.
  ///   - baseName: The folder's name, already sanitized.
  ///   - resultsDirectory: The parent folder; created with its parents when missing.
  /// - Returns: The new folder.
  /// - Throws: `ResultsWriterError` naming the path and the cause; nothing is left at the final
  ///   path.
  func writeFolder(_ files: [(String, Data)], baseName: String, to resultsDirectory: URL) throws
    -> URL
  {
    let directory = resultsDirectory.standardizedFileURL
    try Self.makeDirectories(atPath: directory.path)
    // What runs killed before their rename left behind (their process is gone).
    Self.removeStaleTemporaryFiles(in: directory)
    let temporary = directory.appendingPathComponent(
      ".tmp-\(baseName)-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))",
      isDirectory: true)
    Self.inProgress.insert(temporary.path)
    defer { Self.inProgress.remove(temporary.path) }
    guard mkdir(temporary.path, 0o755) == 0 else {
      throw ResultsWriterError(path: temporary.path, reason: Self.systemReason())
    }
    do {
      for (name, data) in files {
        try Self.writeDurably(data, to: temporary.appendingPathComponent(name).path)
      }
      try Self.synchronize(directoryAt: temporary.path)
      let destination = try Self.moveIntoPlace(temporary, in: directory, baseName: baseName)
      // Make the rename itself durable.
      try? Self.synchronize(directoryAt: directory.path)
      return destination
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// Writes one file atomically (`--trace`, `--sessions-out`), replacing any file of that name.
  ///
  /// - Parameters:
  ///   - data: The contents.
  ///   - url: The destination; its folder is created with its parents when missing.
  /// - Throws: `ResultsWriterError` naming the path and the cause.
  public static func writeFile(_ data: Data, to url: URL) throws {
    try writeFileAtomically(data, to: url)
  }

  /// Writes one file atomically, replacing any file of that name: the data goes to a hidden
  /// temporary file in the same folder, is flushed, and is renamed over the destination.
  ///
  /// - Parameters:
  ///   - data: The contents.
  ///   - url: The destination; its folder is created with its parents when missing.
  /// - Throws: `ResultsWriterError` naming the path and the cause.
  static func writeFileAtomically(_ data: Data, to url: URL) throws {
    let destination = url.standardizedFileURL
    let directory = destination.deletingLastPathComponent()
    try makeDirectories(atPath: directory.path)
    let temporary = directory.appendingPathComponent(
      ".tmp-\(destination.lastPathComponent)-\(getpid())-"
        + String(UInt32.random(in: 0...UInt32.max), radix: 16))
    inProgress.insert(temporary.path)
    defer { inProgress.remove(temporary.path) }
    do {
      try writeDurably(data, to: temporary.path)
      guard rename(temporary.path, destination.path) == 0 else {
        throw ResultsWriterError(path: destination.path, reason: systemReason())
      }
      try? synchronize(directoryAt: directory.path)
    } catch {
      unlink(temporary.path)
      throw error
    }
  }

  /// The folder's files, rendered.
  private func renderFiles(_ report: LatencyReport) throws -> [(String, Data)] {
    let json: Data
    do {
      json = try ReportRenderer.renderJSON(report)
    } catch let EncodingError.invalidValue(value, context) {
      let path =
        "$"
        + context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
        .joined()
      throw ResultsWriterError(
        path: "summary.json",
        reason: "the report holds \(value) at \(path), which JSON cannot represent")
    }
    return [
      ("summary.json", json),
      ("histogram.csv", Data(ReportRenderer.histogramCSV(report).utf8)),
      ("steps.csv", Data(ReportRenderer.stepsCSV(report).utf8)),
      ("sites.csv", Data(ReportRenderer.sitesCSV(report).utf8)),
      ("report.html", Data(ReportRenderer.renderHTML(report).utf8)),
    ]
  }

  /// Renames the finished temporary folder to the first free name `base`, `base-2`, `base-3`, ….
  private static func moveIntoPlace(_ temporary: URL, in directory: URL, baseName: String) throws
    -> URL
  {
    let maximumSuffix = 10_000
    for suffix in 1...maximumSuffix {
      let name = suffix == 1 ? baseName : "\(baseName)-\(suffix)"
      let destination = directory.appendingPathComponent(name, isDirectory: true)
      var status = stat()
      // Anything at the name (a folder, a file, a dangling link) is taken: skip it. rename(2)
      // would silently replace an empty folder or refuse a file; neither is what we want.
      if lstat(destination.path, &status) == 0 { continue }
      if rename(temporary.path, destination.path) == 0 { return destination }
      let code = errno
      // Someone created the name after the check: try the next one.
      if code == EEXIST || code == ENOTEMPTY || code == ENOTDIR || code == EISDIR { continue }
      throw ResultsWriterError(path: destination.path, reason: String(cString: strerror(code)))
    }
    throw ResultsWriterError(
      path: directory.appendingPathComponent(baseName).path,
      reason: "\(maximumSuffix) results folders with this name already exist")
  }

  /// Creates `path` (it must not exist), writes `data` and flushes it to the disk.
  private static func writeDurably(_ data: Data, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw ResultsWriterError(path: path, reason: systemReason()) }
    var failure: Int32?
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count, let base = buffer.baseAddress {
        let written = systemWrite(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = errno }
    if close(descriptor) != 0, failure == nil { failure = errno }
    if let failure {
      throw ResultsWriterError(path: path, reason: String(cString: strerror(failure)))
    }
  }

  /// Flushes a folder's entries (new files, a rename) to the disk.
  private static func synchronize(directoryAt path: String) throws {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ResultsWriterError(path: path, reason: systemReason()) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else {
      throw ResultsWriterError(path: path, reason: systemReason())
    }
  }

  /// `write(2)`, which the writer's own `write` method hides inside this type.
  private static func systemWrite(
    _ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int
  ) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, bytes, count)
    #else
      Darwin.write(descriptor, bytes, count)
    #endif
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno))
  }

  /// `mkdir -p`, with the system's own words when it fails ("Permission denied", "Not a
  /// directory"), which Foundation's `createDirectory` reports only as a numbered Cocoa error.
  private static func makeDirectories(atPath path: String) throws {
    var status = stat()
    if stat(path, &status) == 0 {
      guard (status.st_mode & S_IFMT) == S_IFDIR else {
        throw ResultsWriterError(path: path, reason: "it exists and is not a folder")
      }
      return
    }
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty, parent != path { try makeDirectories(atPath: parent) }
    // Another process may create the folder at the same moment: that is fine.
    guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
      throw ResultsWriterError(path: path, reason: systemReason())
    }
  }

}
