/// Why a results folder could not be written; nothing partial is left behind when it is thrown.
///
/// Printed as one sentence naming the path and the cause, for example
/// `cannot write results to 'results/coding-agent-20250101-120000': No space left on device`.
public struct ResultsWriterError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file or folder that could not be created or written.
  public var path: String
  /// What went wrong (the system's message, or a sentence of agentsim's own).
  public var reason: String

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - path: The file or folder concerned.
  ///   - reason: What went wrong.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `cannot write results to '<path>': <reason>`.
  public var description: String {
    "cannot write results to '\(path)': \(reason)"
  }
}
