/// The path of a value inside a JSON document, printed as `$.steps[2].llm.output_tokens`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
  /// One step of a path: an object key or an array index.
  public enum Component: Hashable, Sendable {
    /// A member of an object.
    case key(String)
    /// An element of an array (0-based).
    case index(Int)
  }

  /// The steps from the document's root, outermost first.
  public var components: [Component]

  /// The root of the document (`$`).
  public static let root = JSONPath(components: [])

  /// Creates a path from its components.
  public init(components: [Component]) {
    self.components = components
  }

  /// This path extended by an object key.
  public func appending(_ key: String) -> JSONPath {
    JSONPath(components: components + [.key(key)])
  }

  /// This path extended by an array index.
  public func appending(index: Int) -> JSONPath {
    JSONPath(components: components + [.index(index)])
  }

  /// `$.steps[2].llm.output_tokens`; keys that are not plain names are quoted (`$["a b"]`).
  public var description: String {
    var text = "$"
    for component in components {
      switch component {
      case .key(let key):
        if !key.isEmpty && key.unicodeScalars.allSatisfy(Self.isPlain) {
          text += ".\(key)"
        } else {
          text += "[\"\(JSONText.escaped(key))\"]"
        }
      case .index(let index):
        text += "[\(index)]"
      }
    }
    return text
  }

  private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "$": return true
    default: return false
    }
  }
}
