/// A parsed JSON value with the location where it starts in its file.
///
/// Produced by ``JSONParser``; read with ``JSONReader`` and ``JSONObjectReader``.
public struct JSONValue: Hashable, Sendable {
  /// What a JSON value is.
  public enum Kind: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A finite number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array, in document order.
    case array([JSONValue])
    /// An object's members, in document order (keys are unique).
    case object([JSONMember])
  }

  /// The value.
  public var kind: Kind
  /// Where the value starts (its first character).
  public var location: SourceLocation

  /// Creates a value.
  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// A short description of the value for messages: numbers and short strings verbatim (strings
  /// in JSON quotes), containers by kind (`an object`, `an array`).
  public var quoted: String {
    switch kind {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .number(let value): return JSONText.format(value)
    case .string(let value):
      let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
      return "\"\(JSONText.escaped(shown))\""
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// One member of a JSON object: its key, where the key is, and its value.
public struct JSONMember: Hashable, Sendable {
  /// The key.
  public var key: String
  /// Where the key starts (its opening quote).
  public var keyLocation: SourceLocation
  /// The value.
  public var value: JSONValue

  /// Creates a member.
  public init(key: String, keyLocation: SourceLocation, value: JSONValue) {
    self.key = key
    self.keyLocation = keyLocation
    self.value = value
  }
}
