/// One problem found in user input (a workflow, a catalog file, a `--set` override), located as
/// precisely as the input allows.
///
/// Printed in the compiler's format so editors can jump to it:
/// `coding-agent.json:14:9: error: $.steps[2].llm.output_tokens: expected a positive number, found -3`.
public struct Diagnostic: Error, Hashable, Sendable {
  /// How serious the problem is.
  public enum Severity: String, Sendable {
    /// The input cannot be used.
    case error
    /// The input can be used, but probably does not mean what its author intended.
    case warning
  }

  /// The file the problem is in, as the user named it; `nil` for input that is not a file.
  public var file: String?
  /// The 1-based line, where known.
  public var line: Int?
  /// The 1-based column, where known.
  public var column: Int?
  /// The JSON path of the offending value (`$.steps[2].llm.output_tokens`); empty for the whole
  /// input.
  public var path: String
  /// What is wrong, quoting the bad value.
  public var message: String
  /// What to do instead, if there is a useful hint ("did you mean 'output_tokens'?").
  public var suggestion: String?
  /// How serious the problem is.
  public var severity: Severity

  /// Creates a diagnostic.
  public init(
    file: String? = nil, line: Int? = nil, column: Int? = nil, path: String = "",
    message: String, suggestion: String? = nil, severity: Severity = .error
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.path = path
    self.message = message
    self.suggestion = suggestion
    self.severity = severity
  }
}

extension Diagnostic: CustomStringConvertible {
  /// `file:line:column: error: path: message (suggestion)`, omitting the parts that are unknown.
  public var description: String {
    var location = ""
    if let file {
      location = file
      if let line {
        location += ":\(line)"
        if let column { location += ":\(column)" }
      }
      location += ": "
    }
    let pathPrefix = path.isEmpty ? "" : "\(path): "
    let hint = suggestion.map { "; \($0)" } ?? ""
    return "\(location)\(severity.rawValue): \(pathPrefix)\(message)\(hint)"
  }
}

/// A failure made of one or more diagnostics: every problem found in one pass, so a user can fix a
/// file at once.
public struct DiagnosticError: Error, Sendable {
  /// The problems, in input order.
  public var diagnostics: [Diagnostic]

  /// Creates an error from at least one diagnostic.
  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  /// Creates an error from a single diagnostic.
  public init(_ diagnostic: Diagnostic) {
    diagnostics = [diagnostic]
  }
}

extension DiagnosticError: CustomStringConvertible {
  /// Every diagnostic, one per line.
  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}
