import Foundation

extension ComparedResult {
  /// Reads what `agentsim compare` was given: a results folder (its `summary.json`), a run's
  /// `summary.json`, or a sweep's `summary.json` (told apart by its `points` array).
  ///
  /// - Parameters:
  ///   - url: The folder or file.
  ///   - label: What the user typed, for messages and the table's header.
  /// - Returns: The comparable result.
  /// - Throws: `Diagnostic` naming the file: missing, not JSON, not an agentsim summary, or a
  ///   sweep with no simulated point.
  public static func load(contentsOf url: URL, label: String) throws -> ComparedResult {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw Diagnostic(
        file: label, message: "no such file or folder",
        suggestion: "name a results folder (results/<run>/) or its summary.json")
    }
    let file = isDirectory.boolValue ? url.appendingPathComponent("summary.json") : url
    let name = isDirectory.boolValue ? label + "/summary.json" : label
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw Diagnostic(
        file: name, message: "cannot read the file",
        suggestion: isDirectory.boolValue
          ? "this folder holds no summary.json; name a folder that 'agentsim run' or 'sweep' wrote"
          : nil)
    }
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    guard let object else {
      throw Diagnostic(
        file: name, message: "not a JSON object",
        suggestion: "name the summary.json that 'agentsim run' or 'agentsim sweep' wrote")
    }
    do {
      if object["points"] != nil {
        let sweep = try JSONDecoder().decode(SweepReport.self, from: data)
        guard let result = ComparedResult(sweep: sweep, label: label) else {
          throw Diagnostic(
            file: name, path: "$.points", message: "the sweep has no simulated point to compare",
            suggestion: "compare a sweep in which at least one point ran")
        }
        return result
      }
      return ComparedResult(report: try ReportRenderer.decodeJSON(data), label: label)
    } catch let diagnostic as Diagnostic {
      throw diagnostic
    } catch let error as DecodingError {
      throw Diagnostic(
        file: name, path: Self.path(of: error), message: Self.message(of: error),
        suggestion: "name the summary.json that 'agentsim run' or 'agentsim sweep' wrote")
    }
  }

  private static func context(of error: DecodingError) -> DecodingError.Context? {
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context),
      .keyNotFound(_, let context), .dataCorrupted(let context):
      return context
    @unknown default:
      return nil
    }
  }

  private static func path(of error: DecodingError) -> String {
    var path = context(of: error)?.codingPath ?? []
    if case .keyNotFound(let key, _) = error { path.append(key) }
    return Catalog.jsonPath(path)
  }

  private static func message(of error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
    default: return context(of: error)?.debugDescription ?? "not an agentsim summary"
    }
  }
}
