import Foundation

extension ResultsWriter {
  /// The files of a sweep's results folder, in the order they are written.
  public static let sweepFileNames = ["summary.json", "points.csv", "report.html"]

  /// Writes a sweep's results folder, `results/<workflow>-sweep-<yyyyMMdd-HHmmss>/`, holding
  /// `summary.json` (the report, with every point in its `points` array), `points.csv` and a
  /// self-contained `report.html` with the Pareto chart; atomically and never overwriting, like
  /// `write(_:workflowName:to:at:)`.
  ///
  /// - Parameters:
  ///   - report: The sweep's report.
  ///   - resultsDirectory: The folder that holds results folders; created when missing.
  ///   - date: The sweep's time; its UTC timestamp names the folder.
  /// - Returns: The new folder.
  /// - Throws: `ResultsWriterError` naming the path and the cause.
  /// - Complexity: O(size of the report) plus the file system's work.
  public func write(_ report: SweepReport, to resultsDirectory: URL, at date: Date) throws -> URL {
    let json: Data
    do {
      json = try SweepRenderer.renderJSON(report)
    } catch {
      throw ResultsWriterError(path: "summary.json", reason: "\(error)")
    }
    let files = [
      ("summary.json", json),
      ("points.csv", Data(SweepRenderer.pointsCSV(report).utf8)),
      ("report.html", Data(SweepRenderer.renderHTML(report).utf8)),
    ]
    let baseName =
      Self.sanitizedName(report.sweep.workflow) + "-sweep-" + Self.timestamp(for: date)
    return try writeFolder(files, baseName: baseName, to: resultsDirectory)
  }
}
