import Foundation

/// The JSON document agentsim writes for a report (`summary.json`, `--format json`): the report's
/// fields at the top level, next to `"format_version"`.
///
/// ```json
/// { "components": [...], "format_version": 1, "histogram": [...], "latency": {...}, ... }
/// ```
///
/// The version sits beside the fields rather than wrapping them, so `jq .latency.p99_ms` works on
/// every file, and a plain `JSONDecoder().decode(LatencyReport.self, ...)` reads it too (the
/// decoder ignores the extra key). Decoding a `ReportDocument` instead also checks the version and
/// refuses files written by a newer agentsim with a clear message.
public struct ReportDocument: Codable, Hashable, Sendable {
  /// The format version of the JSON (`LatencyReport.formatVersion` when written by this agentsim).
  public var formatVersion: Int
  /// The report.
  public var report: LatencyReport

  /// Creates a document for `report` in the current format version.
  ///
  /// - Parameter report: The report.
  public init(report: LatencyReport) {
    self.formatVersion = LatencyReport.formatVersion
    self.report = report
  }

  /// Reads a document, checking its version.
  ///
  /// - Throws: `DecodingError.dataCorrupted` when `format_version` is missing, not positive, or
  ///   newer than `LatencyReport.formatVersion`; any decoding error of the report's fields.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let version = try container.decode(Int.self, forKey: .formatVersion)
    guard version >= 1, version <= LatencyReport.formatVersion else {
      throw DecodingError.dataCorruptedError(
        forKey: .formatVersion, in: container,
        debugDescription:
          "format_version \(version) is not supported: this agentsim reads format_version 1 to "
          + "\(LatencyReport.formatVersion); use the agentsim that wrote the file, or a newer one")
    }
    self.formatVersion = version
    self.report = try LatencyReport(from: decoder)
  }

  /// Writes the version and the report's fields into one JSON object.
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number in the report.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(formatVersion, forKey: .formatVersion)
    // Both containers share the encoder's one JSON object, so the fields land beside the version.
    try report.encode(to: encoder)
  }

  private enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version"
  }
}
