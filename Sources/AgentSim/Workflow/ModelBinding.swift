/// A model alias used by the steps of a workflow: a catalog model at a precision.
public struct ModelBinding: Hashable, Sendable {
  /// The alias steps use (`"small"`).
  public var alias: String
  /// The catalog model name (`"llama-3.2-3b"`).
  public var model: String
  /// The catalog precision name (`"q4"`, `"fp8"`, `"bf16"`); `"bf16"` when the file omits it.
  public var precision: String

  /// The precision of a binding that names none, and of `agentsim estimate` without
  /// `--precision`: 16-bit weights, which run at the 16-bit peak the hardware lists (bf16, or fp16
  /// where it lists no bf16).
  public static let defaultPrecision = "bf16"

  /// Creates a binding.
  public init(alias: String, model: String, precision: String = defaultPrecision) {
    self.alias = alias
    self.model = model
    self.precision = precision
  }
}
