/// A model alias used by the steps of a workflow: a catalog model at a precision.
public struct ModelBinding: Hashable, Sendable {
  /// The alias steps use (`"small"`).
  public var alias: String
  /// The catalog model name (`"llama-3.2-3b"`).
  public var model: String
  /// The weights' precision (`q4`, `fp8`, `bf16`); ``defaultPrecision`` when the file omits it.
  /// A closed set, so the decoder checks it whether or not it is given catalog names.
  public var precision: Precision

  /// The precision of a binding that names none, and of `agentsim estimate` without
  /// `--precision`: 16-bit weights, which run at the 16-bit peak the hardware lists (bf16, or fp16
  /// where it lists no bf16).
  public static let defaultPrecision = Precision.bf16

  /// Creates a binding.
  public init(alias: String, model: String, precision: Precision = defaultPrecision) {
    self.alias = alias
    self.model = model
    self.precision = precision
  }
}
