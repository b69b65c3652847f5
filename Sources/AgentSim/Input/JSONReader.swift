/// Reads one JSON value as a typed field, recording a ``Diagnostic`` (with the value's JSON path
/// and line:column, quoting the bad value) in a ``DiagnosticCollector`` when it is not what is
/// expected, and returning `nil` so that reading can go on and find further problems.
public struct JSONReader {
  /// The value being read.
  public let value: JSONValue
  /// Its path in the document.
  public let path: JSONPath
  /// Where problems are recorded.
  public let collector: DiagnosticCollector

  /// Creates a reader of `value` at `path`.
  public init(value: JSONValue, path: JSONPath, collector: DiagnosticCollector) {
    self.value = value
    self.path = path
    self.collector = collector
  }

  /// Where the value starts.
  public var location: SourceLocation { value.location }

  /// Records an error about this value.
  public func error(_ message: String, suggestion: String? = nil) {
    collector.error(message, at: value.location, path: path, suggestion: suggestion)
  }

  /// Records a warning about this value: usable, but probably not what the author meant.
  public func warning(_ message: String, suggestion: String? = nil) {
    collector.warning(message, at: value.location, path: path, suggestion: suggestion)
  }

  /// Records "expected \(phrase), found \(value)".
  public func expected(_ phrase: String, suggestion: String? = nil) {
    error("expected \(phrase), found \(value.quoted)", suggestion: suggestion)
  }

  /// The value as a string, or `nil` (recorded) if it is not one.
  public func string() -> String? {
    guard case .string(let text) = value.kind else {
      expected("a string")
      return nil
    }
    return text
  }

  /// The value as a Boolean, or `nil` (recorded) if it is not one.
  public func bool() -> Bool? {
    guard case .bool(let flag) = value.kind else {
      expected("true or false")
      return nil
    }
    return flag
  }

  /// The value as a number the constraint accepts, or `nil` (recorded).
  public func number(_ constraint: NumberConstraint = .any) -> Double? {
    guard case .number(let number) = value.kind, constraint.accepts(number) else {
      expected(constraint.phrase)
      return nil
    }
    return number
  }

  /// The value as an integer the constraint accepts, or `nil` (recorded). `3.0` is an integer;
  /// `2.5` is not.
  public func integer(_ constraint: IntegerConstraint) -> Int? {
    guard case .number(let number) = value.kind, let integer = Self.exactInteger(number),
      constraint.accepts(integer)
    else {
      expected(constraint.phrase)
      return nil
    }
    return integer
  }

  /// The integer `number` is exactly, if it is one that a `Double` represents exactly.
  static func exactInteger(_ number: Double) -> Int? {
    guard number.isFinite, number == number.rounded(), abs(number) <= 9_007_199_254_740_992
    else { return nil }
    return Int(number)
  }

  /// The value as one of a closed set of names, or `nil` (recorded, with "did you mean").
  public func choice<Choice: CaseIterable & RawRepresentable>(_ type: Choice.Type) -> Choice?
  where Choice.RawValue == String {
    let names = Choice.allCases.map(\.rawValue)
    let phrase = "one of " + names.map { "'\($0)'" }.joined(separator: ", ")
    guard case .string(let text) = value.kind else {
      expected(phrase)
      return nil
    }
    guard let choice = Choice(rawValue: text) else {
      expected(
        phrase, suggestion: NearestName.suggestion(for: text, among: names).map(Self.didYouMean))
      return nil
    }
    return choice
  }

  /// The value as an object, or `nil` (recorded) if it is not one.
  public func object() -> JSONObjectReader? {
    guard case .object(let members) = value.kind else {
      expected("an object")
      return nil
    }
    return JSONObjectReader(reader: self, members: members)
  }

  /// The value's elements, each with its path, or `nil` (recorded) if it is not an array.
  public func array() -> [JSONReader]? {
    guard case .array(let elements) = value.kind else {
      expected("an array")
      return nil
    }
    return elements.enumerated().map { index, element in
      JSONReader(value: element, path: path.appending(index: index), collector: collector)
    }
  }

  /// "did you mean 'name'?"
  public static func didYouMean(_ name: String) -> String {
    "did you mean '\(name)'?"
  }
}
