/// CSV records as RFC 4180 defines them: comma-separated fields, a field quoted when it contains a
/// comma, a double quote, CR or LF, and a quote inside a quoted field doubled.
///
/// Records end in LF rather than RFC 4180's CRLF: every CSV reader accepts LF, and Unix tools
/// (`diff`, `wc -l`, `cut`) and committed reference results stay clean.
enum CSVFormat {
  /// One field, quoted if it needs to be.
  static func field(_ text: String) -> String {
    let needsQuotes =
      text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One record and its line ending.
  static func record(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\n"
  }

  /// A header record and data records.
  static func table(header: [String], rows: [[String]]) -> String {
    record(header) + rows.map(record).joined()
  }

  /// Milliseconds in CSV: three decimals (microsecond resolution), no grouping.
  static func milliseconds(_ value: Double) -> String {
    DisplayFormat.fixed(value, fractionDigits: 3)
  }
}
