import Foundation

/// A strict, location-aware JSON parser with the two JSON5 conveniences the workflow format
/// allows: `//` and `/* */` comments, and trailing commas.
///
/// Unlike `JSONDecoder`, it records the 1-based line and column of every value and key, rejects
/// duplicate keys, and reports syntax errors as a ``Diagnostic`` with a location and a plain
/// message (`expected ',' or '}' after object member, found ']'`). It never crashes on any input:
/// nesting deeper than ``maximumDepth`` is an error, and `NaN` / `Infinity` are rejected because
/// numbers must be finite.
public enum JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  public static let maximumDepth = 512

  /// Parses a whole document.
  ///
  /// - Parameters:
  ///   - data: The document, UTF-8 (a leading byte-order mark is skipped).
  ///   - file: The file name to put in diagnostics, as the user named it.
  /// - Returns: The top-level value.
  /// - Throws: `DiagnosticError` with the syntax error, or with every duplicate key.
  /// - Complexity: O(*n*) in the length of the document.
  public static func parse(_ data: Data, file: String?) throws(DiagnosticError) -> JSONValue {
    try parse(bytes: [UInt8](data), file: file)
  }

  /// Parses a whole document given as text.
  ///
  /// - Throws: `DiagnosticError`, as ``parse(_:file:)``.
  /// - Complexity: O(*n*) in the length of the text.
  public static func parse(_ text: String, file: String?) throws(DiagnosticError) -> JSONValue {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Parses a whole document given as UTF-8 bytes.
  ///
  /// - Throws: `DiagnosticError`, as ``parse(_:file:)``.
  /// - Complexity: O(*n*) in the number of bytes.
  public static func parse(bytes: [UInt8], file: String?) throws(DiagnosticError) -> JSONValue {
    var scanner = JSONScanner(bytes: bytes)
    do {
      let value = try scanner.parseDocument()
      if !scanner.duplicates.isEmpty {
        throw DiagnosticError(
          scanner.duplicates.map { duplicate in
            Diagnostic(
              file: file, line: duplicate.location.line, column: duplicate.location.column,
              path: duplicate.path.description,
              message:
                "duplicate key '\(JSONText.escaped(duplicate.key))' (first defined at line "
                + "\(duplicate.first.line), column \(duplicate.first.column))")
          })
      }
      return value
    } catch let error as JSONSyntaxError {
      throw DiagnosticError(
        Diagnostic(
          file: file, line: error.location.line, column: error.location.column,
          path: error.path ?? "", message: error.message,
          suggestion: error.suggestion
            ?? (looksLikeYAML(bytes)
              ? "this looks like YAML; agentsim reads JSON (comments and trailing commas "
                + "allowed), as in workflows/*.json"
              : error.message.hasSuffix("end of input")
                ? "the file ends early: is it truncated, or is a bracket, brace or string left "
                  + "open?"
                : nil)))
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(Diagnostic(file: file, message: "\(error)"))
    }
  }
}

extension JSONParser {
  /// Whether a document that failed to parse as JSON reads like YAML: its first line that is not
  /// blank or a comment is `---`, or a `key: value` / `- item` line rather than JSON punctuation.
  static func looksLikeYAML(_ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes.prefix(4_096), as: UTF8.self)
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
      if trimmed == "---" || trimmed.hasPrefix("- ") { return true }
      guard let first = trimmed.first, first.isLetter || first == "_" else { return false }
      return trimmed.contains(":")
    }
    return false
  }
}

/// A syntax error at a location; turned into a ``Diagnostic`` by ``JSONParser``. Errors inside a
/// value (a number out of range) carry the value's JSON path and what to do, as the decoder's do.
struct JSONSyntaxError: Error {
  var message: String
  var location: SourceLocation
  var path: String? = nil
  var suggestion: String? = nil
}

/// The state of one parse: the bytes, the position, and the line and column of the position.
struct JSONScanner {
  /// A key defined twice in one object.
  struct Duplicate {
    var key: String
    var path: JSONPath
    var location: SourceLocation
    var first: SourceLocation
  }

  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var column = 1
  private var depth = 0
  private var path: [JSONPath.Component] = []
  private(set) var duplicates: [Duplicate] = []

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
  }

  private var location: SourceLocation { SourceLocation(line: line, column: column) }

  private func peek(_ offset: Int = 0) -> UInt8? {
    let position = index + offset
    return position < bytes.count ? bytes[position] : nil
  }

  private mutating func advance() {
    guard index < bytes.count else { return }
    let byte = bytes[index]
    index += 1
    switch byte {
    case UInt8(ascii: "\n"):
      line += 1
      column = 1
    case UInt8(ascii: "\r"):
      if peek() != UInt8(ascii: "\n") {
        line += 1
        column = 1
      }
    default:
      // Continuation bytes of a multi-byte UTF-8 sequence do not start a new column.
      if byte & 0xC0 != 0x80 { column += 1 }
    }
  }

  private func error(_ message: String, at location: SourceLocation? = nil) -> JSONSyntaxError {
    JSONSyntaxError(message: message, location: location ?? self.location)
  }

  /// A number that is not finite, at the JSON path of the value being read.
  private func nonFinite(_ message: String, at location: SourceLocation) -> JSONSyntaxError {
    JSONSyntaxError(
      message: message, location: location, path: JSONPath(components: path).description,
      suggestion: "use a finite number in the field's range (the Ranges table of the workflow "
        + "format article)")
  }

  /// The character at the position, for "found …" in messages.
  private func found() -> String {
    guard let byte = peek() else { return "end of input" }
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    switch byte {
    case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return "end of line"
    case UInt8(ascii: "\t"): return "a tab"
    default: break
    }
    if byte < 0x80 { return "U+\(JSONText.hex(UInt32(byte), width: 4))" }
    // Decode one scalar, if the bytes are valid UTF-8.
    let length: Int
    switch byte {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return "byte 0x\(JSONText.hex(UInt32(byte), width: 2))"
    }
    let end = min(bytes.count, index + length)
    if let text = String(validating: bytes[index..<end], as: UTF8.self), text.count == 1 {
      return "'\(text)'"
    }
    return "byte 0x\(JSONText.hex(UInt32(byte), width: 2))"
  }

  mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
    try skipTrivia()
    if peek() == nil { throw error("expected a JSON value, found an empty document") }
    let value = try parseValue()
    try skipTrivia()
    if peek() != nil {
      throw error("expected end of input after the top-level value, found \(found())")
    }
    return value
  }

  private mutating func skipTrivia() throws(JSONSyntaxError) {
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        advance()
      case UInt8(ascii: "/"):
        let start = location
        if peek(1) == UInt8(ascii: "/") {
          while let next = peek(), next != UInt8(ascii: "\n"), next != UInt8(ascii: "\r") {
            advance()
          }
        } else if peek(1) == UInt8(ascii: "*") {
          advance()
          advance()
          while true {
            guard let next = peek() else {
              throw error("unterminated block comment: '/*' has no matching '*/'", at: start)
            }
            if next == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
              advance()
              advance()
              break
            }
            advance()
          }
        } else {
          throw error("unexpected '/': comments start with '//' or '/*'")
        }
      default:
        return
      }
    }
  }

  private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
    try skipTrivia()
    let start = location
    guard let byte = peek() else { throw error("expected a value, found end of input") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return JSONValue(.string(try parseString()), at: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONValue(.number(try parseNumber()), at: start)
    case UInt8(ascii: "'"):
      throw error("strings must be in double quotes, found \(found())")
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
      let word = readWord()
      switch word {
      case "true": return JSONValue(.bool(true), at: start)
      case "false": return JSONValue(.bool(false), at: start)
      case "null": return JSONValue(.null, at: start)
      case "NaN", "Infinity":
        throw nonFinite("\(word) is not allowed: numbers must be finite", at: start)
      default:
        throw error(
          "expected a value, found '\(word)' (strings must be in double quotes)", at: start)
      }
    default:
      throw error("expected a value, found \(found())")
    }
  }

  private mutating func readWord() -> String {
    var word = ""
    while let byte = peek(), word.count < 40,
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    {
      word.unicodeScalars.append(Unicode.Scalar(byte))
      advance()
    }
    return word
  }

  private mutating func enterContainer(at start: SourceLocation) throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maximumDepth {
      var nesting = error(
        "arrays and objects are nested more than \(JSONParser.maximumDepth) levels deep",
        at: start)
      nesting.suggestion =
        "each nested step takes about three levels (its list, its object, its kind's object): "
        + "merge a 'sequence' into the list that holds it"
      throw nesting
    }
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
    let start = location
    try enterContainer(at: start)
    advance()  // {
    var members: [JSONMember] = []
    var firstLocations: [String: SourceLocation] = [:]
    try skipTrivia()
    if peek() == UInt8(ascii: "}") {
      advance()
      depth -= 1
      return JSONValue(.object(members), at: start)
    }
    while true {
      try skipTrivia()
      if peek() == UInt8(ascii: "}") && !members.isEmpty {
        advance()  // a trailing comma before '}'
        break
      }
      guard peek() == UInt8(ascii: "\"") else {
        let expected = members.isEmpty ? "a key in double quotes or '}'" : "a key in double quotes"
        throw error("expected \(expected), found \(found())")
      }
      let keyLocation = location
      let key = try parseString()
      try skipTrivia()
      guard peek() == UInt8(ascii: ":") else {
        throw error("expected ':' after key '\(JSONText.escaped(key))', found \(found())")
      }
      advance()
      path.append(.key(key))
      let value = try parseValue()
      if let first = firstLocations[key] {
        duplicates.append(
          Duplicate(
            key: key, path: JSONPath(components: path), location: keyLocation, first: first))
      } else {
        firstLocations[key] = keyLocation
        members.append(JSONMember(key: key, keyLocation: keyLocation, value: value))
      }
      path.removeLast()
      try skipTrivia()
      if peek() == UInt8(ascii: ",") {
        advance()
        continue
      }
      if peek() == UInt8(ascii: "}") {
        advance()
        break
      }
      throw error("expected ',' or '}' after object member, found \(found())")
    }
    depth -= 1
    return JSONValue(.object(members), at: start)
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
    let start = location
    try enterContainer(at: start)
    advance()  // [
    var elements: [JSONValue] = []
    try skipTrivia()
    if peek() == UInt8(ascii: "]") {
      advance()
      depth -= 1
      return JSONValue(.array(elements), at: start)
    }
    while true {
      try skipTrivia()
      if peek() == UInt8(ascii: "]") && !elements.isEmpty {
        advance()  // a trailing comma before ']'
        break
      }
      path.append(.index(elements.count))
      elements.append(try parseValue())
      path.removeLast()
      try skipTrivia()
      if peek() == UInt8(ascii: ",") {
        advance()
        continue
      }
      if peek() == UInt8(ascii: "]") {
        advance()
        break
      }
      throw error("expected ',' or ']' after array element, found \(found())")
    }
    depth -= 1
    return JSONValue(.array(elements), at: start)
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    let start = location
    advance()  // "
    var buffer: [UInt8] = []
    while true {
      guard let byte = peek() else {
        throw error("unterminated string: expected '\"' before end of input", at: start)
      }
      switch byte {
      case UInt8(ascii: "\""):
        advance()
        guard let text = String(validating: buffer, as: UTF8.self) else {
          throw error("string is not valid UTF-8", at: start)
        }
        return text
      case UInt8(ascii: "\\"):
        let escapeLocation = location
        advance()
        guard let escaped = peek() else {
          throw error("unterminated string: expected '\"' before end of input", at: start)
        }
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escaped)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
          advance()
          let scalar = try parseUnicodeEscape(at: escapeLocation)
          buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
          continue
        default:
          throw error("invalid escape '\\' followed by \(found()) in string", at: escapeLocation)
        }
        advance()
      case 0x00..<0x20:
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
          throw error("unterminated string: a line break before the closing '\"'", at: start)
        }
        throw error("control character \(found()) in string: escape it")
      default:
        buffer.append(byte)
        advance()
      }
    }
  }

  /// Reads the four hex digits after `\u` (and a low surrogate's escape after a high one).
  private mutating func parseUnicodeEscape(at start: SourceLocation) throws(JSONSyntaxError)
    -> Unicode.Scalar
  {
    let high = try readHexQuad(escapeStart: start)
    if (0xD800...0xDBFF).contains(high) {
      guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
        throw error("invalid \\u escape: high surrogate without a low surrogate", at: start)
      }
      advance()
      advance()
      let low = try readHexQuad(escapeStart: start)
      guard (0xDC00...0xDFFF).contains(low) else {
        throw error("invalid \\u escape: high surrogate without a low surrogate", at: start)
      }
      let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
      guard let scalar = Unicode.Scalar(value) else {
        throw error("invalid \\u escape", at: start)
      }
      return scalar
    }
    guard let scalar = Unicode.Scalar(high) else {
      throw error("invalid \\u escape: lone low surrogate", at: start)
    }
    return scalar
  }

  private mutating func readHexQuad(escapeStart: SourceLocation) throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek() else {
        throw error("invalid \\u escape: expected 4 hex digits", at: escapeStart)
      }
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid \\u escape: expected 4 hex digits", at: escapeStart)
      }
      value = value * 16 + digit
      advance()
    }
    return value
  }

  private func isDigit(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
    let start = location
    let startIndex = index
    if peek() == UInt8(ascii: "-") {
      advance()
      if peek() == UInt8(ascii: "I") {
        throw nonFinite("-Infinity is not allowed: numbers must be finite", at: start)
      }
      guard isDigit(peek()) else { throw error("expected a digit after '-', found \(found())") }
    }
    if peek() == UInt8(ascii: "0") {
      advance()
      if isDigit(peek()) {
        throw error("numbers must not have leading zeros", at: start)
      }
    } else {
      while isDigit(peek()) { advance() }
    }
    if peek() == UInt8(ascii: ".") {
      advance()
      guard isDigit(peek()) else {
        throw error("expected a digit after the decimal point, found \(found())")
      }
      while isDigit(peek()) { advance() }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      advance()
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { advance() }
      guard isDigit(peek()) else {
        throw error("expected a digit in the exponent, found \(found())")
      }
      while isDigit(peek()) { advance() }
    }
    let text = String(decoding: bytes[startIndex..<index], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw nonFinite("number \(text) is out of range: numbers must be finite", at: start)
    }
    return value
  }
}
