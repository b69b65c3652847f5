/// Reads the members of one JSON object: required and optional fields, and unknown keys
/// (reported with "did you mean").
///
/// Every problem is recorded in the reader's ``DiagnosticCollector``; nothing throws, so one
/// pass over a document finds every problem.
public struct JSONObjectReader {
  /// The object itself.
  public let reader: JSONReader
  /// The members, in document order.
  public let members: [JSONMember]

  /// Creates a reader of an object's members; use ``JSONReader/object()``.
  init(reader: JSONReader, members: [JSONMember]) {
    self.reader = reader
    self.members = members
  }

  /// The keys present, in document order.
  public var keys: [String] { members.map(\.key) }

  /// Whether `key` is present.
  public func contains(_ key: String) -> Bool {
    members.contains { $0.key == key }
  }

  /// The member named `key`, if present.
  public func member(_ key: String) -> JSONMember? {
    members.first { $0.key == key }
  }

  /// A reader of the value of `key`, or `nil` if absent (not an error).
  ///
  /// - Complexity: O(*n*) in the number of members.
  public func optional(_ key: String) -> JSONReader? {
    guard let member = member(key) else { return nil }
    return JSONReader(
      value: member.value, path: reader.path.appending(key), collector: reader.collector)
  }

  /// A reader of the value of `key`, or `nil` if absent, recording "missing required key".
  ///
  /// - Complexity: O(*n*) in the number of members.
  public func required(_ key: String, what: String? = nil) -> JSONReader? {
    guard let value = optional(key) else {
      reader.error("missing required key '\(key)'" + (what.map { " (\($0))" } ?? ""))
      return nil
    }
    return value
  }

  /// Records an error at a key's location (for a key that is present but not allowed here).
  public func error(atKey key: String, _ message: String, suggestion: String? = nil) {
    let location = member(key)?.keyLocation ?? reader.location
    reader.collector.error(
      message, at: location, path: reader.path.appending(key), suggestion: suggestion)
  }

  /// Records "unknown key" for every key not in `known`, at the key's location, suggesting the
  /// nearest known key or listing them all.
  ///
  /// - Complexity: O(*n* · *k*) for *n* members and *k* known keys.
  public func rejectUnknownKeys(_ known: [String]) {
    for member in members where !known.contains(member.key) {
      let suggestion =
        NearestName.suggestion(for: member.key, among: known).map(JSONReader.didYouMean)
        ?? "expected one of " + known.map { "'\($0)'" }.joined(separator: ", ")
      reader.collector.error(
        "unknown key '\(JSONText.escaped(member.key))'", at: member.keyLocation,
        path: reader.path.appending(member.key), suggestion: suggestion)
    }
  }
}
