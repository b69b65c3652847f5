/// A coding key for any string, used to list the keys an object actually has.
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    intValue = nil
  }

  init(intValue: Int) {
    stringValue = String(intValue)
    self.intValue = intValue
  }
}

/// An object key that the type does not know: `JSONDecoder` would silently ignore it.
struct UnknownKeyError: Error {
  /// The path of the object holding the key.
  var codingPath: [any CodingKey]
  /// The unknown key.
  var key: String
  /// The nearest known key, if plausible.
  var suggestion: String?
}

extension Decoder {
  /// Rejects a key outside `keys` in the object being decoded: records every one in the
  /// decoder's ``DecodingProblemLog`` when it has one (so decoding goes on and finds the
  /// object's other problems), else throws `UnknownKeyError` for the first.
  func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
    let container = try container(keyedBy: AnyCodingKey.self)
    let known = Keys.allCases.map(\.stringValue)
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
    where !known.contains(key.stringValue) {
      let error = UnknownKeyError(
        codingPath: codingPath, key: key.stringValue,
        suggestion: NearestName.suggestion(for: key.stringValue, among: known))
      guard let log = problemLog else { throw error }
      log.record(error)
    }
  }

  /// The log that collects this decoding's problems, if the caller set one.
  var problemLog: DecodingProblemLog? {
    DecodingProblemLog.key.flatMap { userInfo[$0] as? DecodingProblemLog }
  }
}
