import AgentSim
import Foundation
import Testing

@Suite("JSON parser")
struct JSONParserTests {
  /// What a non-finite number's diagnostic suggests.
  static let finiteHint =
    "; use a finite number in the field's range (the Ranges table of the workflow format article)"
  /// What a diagnostic at the end of a file cut short suggests.
  static let endHint =
    "; the file ends early: is it truncated, or is a bracket, brace or string left open?"
  private func parse(_ text: String) throws(DiagnosticError) -> JSONValue {
    try JSONParser.parse(text, file: "x.json")
  }

  private func syntaxError(_ text: String) -> String? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error.diagnostics.map(\.description).joined(separator: "\n")
    }
  }

  @Test("parses every kind of value")
  func values() throws {
    let value = try parse(
      #"{"n": null, "t": true, "f": false, "i": -12, "d": 2.5e3, "s": "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "a": [1, [2]], "o": {}}"#
    )
    guard case .object(let members) = value.kind else {
      Issue.record("expected an object")
      return
    }
    #expect(members.map(\.key) == ["n", "t", "f", "i", "d", "s", "a", "o"])
    #expect(members[0].value.kind == .null)
    #expect(members[1].value.kind == .bool(true))
    #expect(members[2].value.kind == .bool(false))
    #expect(members[3].value.kind == .number(-12))
    #expect(members[4].value.kind == .number(2500))
    #expect(members[5].value.kind == .string("a\"\\/\u{8}\u{c}\n\r\té😀"))
    guard case .array(let elements) = members[6].value.kind else {
      Issue.record("expected an array")
      return
    }
    #expect(elements.count == 2)
    #expect(members[7].value.kind == .object([]))
  }

  @Test("records the line and column of every value and key")
  func locations() throws {
    let value = try parse("{\n  \"a\": [1,\n    \"é\", true],\n\t\"b\": 2\n}")
    #expect(value.location == SourceLocation(line: 1, column: 1))
    guard case .object(let members) = value.kind, case .array(let elements) = members[0].value.kind
    else {
      Issue.record("expected an object with an array")
      return
    }
    #expect(members[0].keyLocation == SourceLocation(line: 2, column: 3))
    #expect(members[0].value.location == SourceLocation(line: 2, column: 8))
    #expect(
      elements.map(\.location) == [
        SourceLocation(line: 2, column: 9), SourceLocation(line: 3, column: 5),
        SourceLocation(line: 3, column: 10),
      ])
    #expect(members[1].keyLocation == SourceLocation(line: 4, column: 2))
    #expect(members[1].value.location == SourceLocation(line: 4, column: 7))
  }

  @Test("counts columns in Unicode scalars and treats CRLF as one line break")
  func columnsAndLineBreaks() throws {
    let value = try parse("{\"ééé\": 1,\r\n\"b\": 2}")
    guard case .object(let members) = value.kind else {
      Issue.record("expected an object")
      return
    }
    #expect(members[0].value.location == SourceLocation(line: 1, column: 9))
    #expect(members[1].keyLocation == SourceLocation(line: 2, column: 1))
  }

  @Test("accepts comments, trailing commas and a byte-order mark")
  func json5Conveniences() throws {
    let text = """
      // a leading comment
      {
        "a": [1, 2, /* inline */ 3,],  // trailing comma in an array
        /* a block
           comment */
        "b": {"c": "//not a comment",},
      }
      """
    let value = try JSONParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), file: nil)
    guard case .object(let members) = value.kind else {
      Issue.record("expected an object")
      return
    }
    #expect(members.map(\.key) == ["a", "b"])
    #expect(value.location == SourceLocation(line: 2, column: 1))
  }

  @Test(
    "reports syntax errors with line, column and a plain message",
    arguments: [
      ("{\"a\": 1]", "x.json:1:8: error: expected ',' or '}' after object member, found ']'"),
      ("[1 2]", "x.json:1:4: error: expected ',' or ']' after array element, found '2'"),
      ("{\n  \"a\" 1}", "x.json:2:7: error: expected ':' after key 'a', found '1'"),
      ("{a: 1}", "x.json:1:2: error: expected a key in double quotes or '}', found 'a'"),
      ("['a']", "x.json:1:2: error: strings must be in double quotes, found '''"),
      (
        "[tru]",
        "x.json:1:2: error: expected a value, found 'tru' (strings must be in double quotes)"
      ),
      ("[1,,2]", "x.json:1:4: error: expected a value, found ','"),
      ("{,}", "x.json:1:2: error: expected a key in double quotes or '}', found ','"),
      (
        "[Infinity]",
        "x.json:1:2: error: $[0]: Infinity is not allowed: numbers must be finite"
          + JSONParserTests.finiteHint
      ),
      (
        "[-Infinity]",
        "x.json:1:2: error: $[0]: -Infinity is not allowed: numbers must be finite"
          + JSONParserTests.finiteHint
      ),
      (
        "{\"a\": {\"b\": 1e999}}",
        "x.json:1:13: error: $.a.b: number 1e999 is out of range: numbers must be finite"
          + JSONParserTests.finiteHint
      ),
      ("[01]", "x.json:1:2: error: numbers must not have leading zeros"),
      ("[1.]", "x.json:1:4: error: expected a digit after the decimal point, found ']'"),
      (
        "[\"abc",
        "x.json:1:2: error: unterminated string: expected '\"' before end of input"
          + JSONParserTests.endHint
      ),
      (
        "[\"a\nb\"]", "x.json:1:2: error: unterminated string: a line break before the closing '\"'"
      ),
      ("[\"\\x\"]", "x.json:1:3: error: invalid escape '\\' followed by 'x' in string"),
      (
        "[\"\\ud800\"]",
        "x.json:1:3: error: invalid \\u escape: high surrogate without a low surrogate"
      ),
      ("/* open", "x.json:1:1: error: unterminated block comment: '/*' has no matching '*/'"),
      ("", "x.json:1:1: error: expected a JSON value, found an empty document"),
      ("{} {}", "x.json:1:4: error: expected end of input after the top-level value, found '{'"),
      (
        "[1, 2",
        "x.json:1:6: error: expected ',' or ']' after array element, found end of input"
          + JSONParserTests.endHint
      ),
    ])
  func syntaxErrors(text: String, expected: String) {
    #expect(syntaxError(text) == expected)
  }

  @Test("rejects duplicate keys, reporting every one with the first definition")
  func duplicateKeys() {
    #expect(
      syntaxError("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}")
        == """
        x.json:2:16: error: $.b.c: duplicate key 'c' (first defined at line 2, column 8)
        x.json:3:2: error: $.a: duplicate key 'a' (first defined at line 1, column 2)
        """)
  }

  @Test("rejects nesting deeper than the limit without crashing")
  func depthLimit() throws {
    let allowed =
      String(repeating: "[", count: JSONParser.maximumDepth)
      + String(repeating: "]", count: JSONParser.maximumDepth)
    _ = try parse(allowed)
    let tooDeep = String(repeating: "[", count: JSONParser.maximumDepth + 1)
    #expect(
      syntaxError(tooDeep)
        == "x.json:1:513: error: arrays and objects are nested more than 512 levels deep; each "
        + "nested step takes about three levels (its list, its object, its kind's object): "
        + "merge a 'sequence' into the list that holds it")
    #expect(syntaxError(String(repeating: "{\"a\":", count: 100_000)) != nil)
  }

  @Test("never crashes on random bytes, truncated prefixes or single-byte corruptions")
  func garbage() throws {
    // A fixed-seed SplitMix64, so a failure reproduces.
    var state: UInt64 = 0x5EED
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let alphabet = Array("{}[]:,\"\\/*-+.0123456789eEtrufalsnNI \n\tü".utf8) + [0xFF, 0xC3, 0x00]
    for _ in 0..<2_000 {
      let length = Int(next() % 64)
      let bytes = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
      _ = try? JSONParser.parse(bytes: bytes, file: nil)
      let raw = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
      _ = try? JSONParser.parse(bytes: raw, file: nil)
    }
    let example =
      Array(DiagnosticCase.header.utf8) + Array(DiagnosticCase.llm().utf8) + Array("]}".utf8)
    _ = try JSONParser.parse(bytes: example, file: nil)
    for end in 0..<example.count {
      #expect(throws: DiagnosticError.self) {
        try JSONParser.parse(bytes: Array(example[..<end]), file: nil)
      }
      var corrupted = example
      corrupted[end] = alphabet[Int(next() % UInt64(alphabet.count))]
      _ = try? JSONParser.parse(bytes: corrupted, file: nil)
      _ = try? Workflow.decode(from: Data(corrupted), file: "x.json")
    }
  }

  @Test("builds JSON paths with dots, indices and quoted keys")
  func paths() {
    let path = JSONPath.root.appending("steps").appending(index: 2).appending("llm")
      .appending("a b")
    #expect(path.description == #"$.steps[2].llm["a b"]"#)
    #expect(JSONPath.root.description == "$")
  }
}
