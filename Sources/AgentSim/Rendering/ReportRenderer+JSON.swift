import Foundation

extension ReportRenderer {
  /// The report as versioned JSON (`ReportDocument`): keys sorted, pretty-printed with a trailing
  /// newline, slashes unescaped.
  ///
  /// Byte-identical for equal reports: sorted keys make dictionary order irrelevant, and Swift
  /// prints every `Double` as the shortest text that reads back to the same value, whatever the
  /// locale.
  ///
  /// - Parameter report: The report.
  /// - Returns: UTF-8 JSON.
  /// - Throws: `EncodingError.invalidValue` when the report contains a non-finite number (JSON has
  ///   no NaN or infinity); the error's coding path names the field.
  /// - Complexity: O(size of the report).
  public static func renderJSON(_ report: LatencyReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(ReportDocument(report: report))
    data.append(0x0A)
    return data
  }

  /// Reads JSON written by `renderJSON`, checking its `format_version`.
  ///
  /// - Parameter data: UTF-8 JSON.
  /// - Returns: The report.
  /// - Throws: `DecodingError` for malformed JSON, a missing field, or a newer format version.
  public static func decodeJSON(_ data: Data) throws -> LatencyReport {
    try JSONDecoder().decode(ReportDocument.self, from: data).report
  }
}
