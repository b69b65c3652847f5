extension JSONValue {
  /// The value at a diagnostic's JSON path (`$.steps[2].llm.model`, `$.sites.edge`), or `nil`
  /// when the path does not lead to one: used to give line:column to problems found after
  /// decoding (when the workflow is resolved against the catalog and a placement).
  ///
  /// - Parameter path: A path as diagnostics print it: `$`, then `.key` or `[index]` parts.
  /// - Returns: The value, or `nil`.
  /// - Complexity: O(path length × members per object).
  public func value(atPath path: String) -> JSONValue? {
    guard path.hasPrefix("$") else { return nil }
    var current = self
    var rest = Substring(path.dropFirst())
    while let first = rest.first {
      if first == "." {
        rest = rest.dropFirst()
        let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
        let key = String(rest[..<end])
        rest = rest[end...]
        guard case .object(let members) = current.kind,
          let member = members.first(where: { $0.key == key })
        else { return nil }
        current = member.value
      } else if first == "[" {
        guard let close = rest.firstIndex(of: "]"),
          let index = Int(rest[rest.index(after: rest.startIndex)..<close])
        else { return nil }
        rest = rest[rest.index(after: close)...]
        guard case .array(let elements) = current.kind, elements.indices.contains(index) else {
          return nil
        }
        current = elements[index]
      } else {
        return nil
      }
    }
    return current
  }

  /// The value at `path`, or at the nearest path above it that leads to a value: where to
  /// locate a problem inside a value the document lacks (a missing key is placed at the object
  /// that should hold it).
  ///
  /// - Parameter path: A path as diagnostics print it.
  /// - Returns: The value, or `nil` when not even `$` leads to one.
  /// - Complexity: O(path length² × members per object).
  public func nearestValue(atPath path: String) -> JSONValue? {
    var path = Substring(path)
    while !path.isEmpty {
      if let value = value(atPath: String(path)) { return value }
      guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
      path = path[..<cut]
    }
    return nil
  }
}
