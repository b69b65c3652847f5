/// One `--vary key=v1,v2,…`: a workflow field (any path `--set` accepts) and the values to try.
public struct ParameterAxis: Codable, Hashable, Sendable {
  /// The field's path, as `--set` spells it (`links[0].rtt_median_ms`, `load.rate_per_s`).
  public var key: String
  /// The values, as written (JSON, or a bare string such as `q4`), in the order they are tried.
  public var values: [String]

  /// Creates an axis.
  ///
  /// - Parameters:
  ///   - key: The field's path.
  ///   - values: At least one value.
  public init(key: String, values: [String]) {
    self.key = key
    self.values = values
  }

  /// Parses `key=v1,v2,…`.
  ///
  /// Values are split at commas outside brackets, braces and quotes, so a JSON value may hold
  /// commas: `--vary 'steps.plan.output_tokens={"lognormal": {"median": 80, "p99": 400}},120'`.
  ///
  /// - Parameter text: The option's value.
  /// - Throws: `Diagnostic` (path `--vary`) for a missing `=`, an empty key, or an empty value.
  public init(parsing text: String) throws {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw Diagnostic(
        path: "--vary", message: "expected key=v1,v2,…, found '\(text)'",
        suggestion: "for example --vary links[0].rtt_median_ms=10,20,40")
    }
    key = String(text[..<equals])
    values = Self.splitValues(String(text[text.index(after: equals)...]))
    if values.isEmpty || values.contains(where: \.isEmpty) {
      throw Diagnostic(
        path: "--vary \(key)", message: "has an empty value in '\(text)'",
        suggestion: "separate values with single commas: \(key)=1,2,3")
    }
  }

  /// Splits at commas outside `[]`, `{}` and double quotes.
  static func splitValues(_ text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var values: [String] = []
    var current = ""
    var depth = 0
    var isQuoted = false
    var isEscaped = false
    for character in text {
      if isQuoted {
        current.append(character)
        if isEscaped {
          isEscaped = false
        } else if character == "\\" {
          isEscaped = true
        } else if character == "\"" {
          isQuoted = false
        }
        continue
      }
      switch character {
      case "\"": isQuoted = true
      case "[", "{": depth += 1
      case "]", "}": depth -= 1
      case "," where depth == 0:
        values.append(current.trimmingSpaces())
        current = ""
        continue
      default: break
      }
      current.append(character)
    }
    values.append(current.trimmingSpaces())
    return values
  }

  /// The override that sets this axis to value number `index`, as `key=value`.
  public func setting(at index: Int) -> String {
    "\(key)=\(values[index])"
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var text = Substring(self)
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
