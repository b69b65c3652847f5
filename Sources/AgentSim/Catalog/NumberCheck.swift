import Foundation

/// Collects range problems in a decoded catalog entry, one `Diagnostic` per bad field.
struct NumberCheck {
  /// The JSON path of the entry.
  var path: String
  /// The problems found so far.
  var problems: [Diagnostic] = []

  init(path: String) {
    self.path = path
  }

  mutating func positive(_ value: Double, _ key: String) {
    if !value.isFinite || value <= 0 {
      fail(key, "expected a positive finite number, found \(value)")
    }
  }

  mutating func nonNegative(_ value: Double, _ key: String) {
    if !value.isFinite || value < 0 {
      fail(key, "expected a finite number at least 0, found \(value)")
    }
  }

  mutating func fraction(_ value: Double, _ key: String) {
    if !value.isFinite || value <= 0 || value > 1 {
      fail(key, "expected a number in (0, 1], found \(value)")
    }
  }

  mutating func positive(_ value: Int, _ key: String) {
    if value <= 0 { fail(key, "expected a positive integer, found \(value)") }
  }

  /// A number within its documented range (issue 12: ranges chosen so that no estimate or
  /// simulation built from the entry can overflow).
  /// A field an earlier check already rejected gets no second message.
  mutating func within(_ value: Double, _ range: ClosedRange<Double>, _ key: String) {
    if value.isFinite, !range.contains(value), !hasProblem(key) {
      fail(
        key,
        "expected a number in [\(JSONText.format(range.lowerBound)), "
          + "\(JSONText.format(range.upperBound))], found \(JSONText.format(value))")
    }
  }

  /// An integer within its documented range.
  mutating func within(_ value: Int, _ range: ClosedRange<Int>, _ key: String) {
    if !range.contains(value), !hasProblem(key) {
      fail(key, "expected an integer in \(range.lowerBound)...\(range.upperBound), found \(value)")
    }
  }

  mutating func name(_ value: String) {
    let allowed = value.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "."
    }
    if value.isEmpty || !allowed {
      fail("name", "expected a kebab-case name (a-z, 0-9, '-', '.'), found '\(value)'")
    }
  }

  mutating func text(_ value: String, _ key: String) {
    if value.trimmingCharacters(in: .whitespaces).isEmpty {
      fail(key, "expected a non-empty string")
    }
  }

  func hasProblem(_ key: String) -> Bool {
    problems.contains { $0.path == "\(path).\(key)" }
  }

  mutating func fail(_ key: String, _ message: String) {
    problems.append(Diagnostic(path: "\(path).\(key)", message: message))
  }
}
