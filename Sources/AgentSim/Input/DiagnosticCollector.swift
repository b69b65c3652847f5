/// Collects every problem found while reading one file, so that all of them are reported at
/// once (lint-style) rather than only the first.
public final class DiagnosticCollector {
  /// The file name put in every diagnostic, as the user named it.
  public let file: String?
  /// The problems found so far, in the order they were found.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Creates an empty collector for `file`.
  public init(file: String?) {
    self.file = file
  }

  /// Whether any error has been recorded.
  public var hasErrors: Bool {
    diagnostics.contains { $0.severity == .error }
  }

  /// Records an error at a location and JSON path.
  public func error(
    _ message: String, at location: SourceLocation?, path: JSONPath, suggestion: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        file: file, line: location?.line, column: location?.column, path: path.description,
        message: message, suggestion: suggestion))
  }

  /// Records a warning at a location and JSON path: the input can be used, but probably does
  /// not mean what its author intended. Warnings never fail a load.
  public func warning(
    _ message: String, at location: SourceLocation?, path: JSONPath, suggestion: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        file: file, line: location?.line, column: location?.column, path: path.description,
        message: message, suggestion: suggestion, severity: .warning))
  }

  /// The diagnostics in file order (by line, then column; those without a location last),
  /// keeping the order they were found in among equal locations.
  ///
  /// - Complexity: O(*n* log *n*).
  public var sortedDiagnostics: [Diagnostic] {
    Self.inFileOrder(diagnostics)
  }

  /// `diagnostics` by line, then column (those without a location last), keeping their order
  /// among equal locations.
  ///
  /// - Complexity: O(*n* log *n*).
  public static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { lhs, rhs in
      let left = (lhs.element.line ?? Int.max, lhs.element.column ?? Int.max, lhs.offset)
      let right = (rhs.element.line ?? Int.max, rhs.element.column ?? Int.max, rhs.offset)
      return left < right
    }.map(\.element)
  }
}
