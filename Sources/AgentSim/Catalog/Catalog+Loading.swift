import Foundation

extension Catalog {
  /// A copy of the catalog extended with the user definitions in a JSON file
  /// `{"hardware": [...], "models": [...], "links": [...]}`.
  ///
  /// JSON5 comments and trailing commas are accepted. Every problem in the file is reported in
  /// one pass, as for a workflow: each entry is decoded on its own (an entry that cannot be
  /// decoded hides neither the entries after it nor their checks), every unknown key is
  /// reported, and the entries that decode have their numbers and names checked.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - file: The name to show in diagnostics, as the user named the file; defaults to the
  ///     URL's path.
  /// - Returns: The extended catalog.
  /// - Throws: `DiagnosticError` naming the file, the JSON path and line:column and what is
  ///   wrong, for every problem in file order: an unreadable file or bad JSON (alone), a missing
  ///   or mistyped key (the first of each entry), every unknown key (with "did you mean"), every
  ///   invalid number and every duplicate name.
  public func loadingUserDefinitions(from url: URL, file: String? = nil) throws -> Catalog {
    let file = file ?? url.path
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw DiagnosticError(Diagnostic(file: file, message: "cannot read the file"))
    }
    // The workflow parser first: it reads the same dialect (comments, trailing commas) and
    // locates every syntax error with line, column and what was expected, where JSONDecoder
    // names no position for a document that ends early.
    let root = try JSONParser.parse(data, file: file)
    let decoder = JSONDecoder()
    decoder.allowsJSON5 = true
    let log = DecodingProblemLog()
    if let key = DecodingProblemLog.key { decoder.userInfo[key] = log }
    var collected: CollectedCatalogDefinitions?
    do {
      collected = try decoder.decode(CollectedCatalogDefinitions.self, from: data)
    } catch {
      // Only what stops the whole document (it is not an object) reaches here.
      log.record(error)
    }
    var problems = log.errors.map { Self.diagnostic(for: $0, file: file, data: data) }
    if let collected {
      if problems.isEmpty {
        do {
          return try adding(collected.definitions, file: file)
        } catch let error as DiagnosticError {
          problems = error.diagnostics
        }
      } else {
        // Checked at their indices in the file, which the decoded definitions have lost.
        problems += collected.validationProblems(at: "$").map { problem in
          var problem = problem
          problem.file = file
          return problem
        }
      }
    }
    throw DiagnosticError(DiagnosticCollector.inFileOrder(Self.located(problems, in: root)))
  }

  /// The diagnostics with the line and column of their JSON path in the document, or of the
  /// nearest value above it (a missing key is placed at its object): range problems and
  /// duplicates are found after decoding, which loses locations.
  static func located(_ diagnostics: [Diagnostic], in root: JSONValue) -> [Diagnostic] {
    diagnostics.map { diagnostic in
      guard diagnostic.line == nil, let value = root.nearestValue(atPath: diagnostic.path) else {
        return diagnostic
      }
      var located = diagnostic
      located.line = value.location.line
      located.column = value.location.column
      return located
    }
  }

  /// Turns a decoding failure into a diagnostic with the JSON path (and line:column for syntax
  /// errors, which `JSONDecoder` does not locate).
  ///
  /// - Parameters:
  ///   - error: The error `JSONDecoder` threw.
  ///   - file: The file name for the diagnostic.
  ///   - data: The document, to locate syntax errors.
  /// - Returns: One diagnostic.
  public static func diagnostic(for error: any Error, file: String?, data: Data) -> Diagnostic {
    switch error {
    case let error as UnknownKeyError:
      return Diagnostic(
        file: file, path: jsonPath(error.codingPath + [AnyCodingKey(stringValue: error.key)]),
        message: "unknown key '\(error.key)'",
        suggestion: error.suggestion.map { "did you mean '\($0)'?" })
    case DecodingError.keyNotFound(let key, let context):
      return Diagnostic(
        file: file, path: jsonPath(context.codingPath + [key]),
        message: "missing required key '\(key.stringValue)'",
        suggestion: "add it ('agentsim catalog --format json' prints complete entries to copy)")
    case DecodingError.typeMismatch(let type, let context):
      return Diagnostic(
        file: file, path: jsonPath(context.codingPath), message: "expected \(describe(type))")
    case DecodingError.valueNotFound(let type, let context):
      return Diagnostic(
        file: file, path: jsonPath(context.codingPath),
        message: "expected \(describe(type)), found null")
    case DecodingError.dataCorrupted(let context):
      if context.codingPath.isEmpty {
        let syntax = syntaxError(in: data)
        return Diagnostic(
          file: file, line: syntax?.line, column: syntax?.column,
          message: "invalid JSON: \(syntax?.message ?? context.debugDescription)")
      }
      return Diagnostic(
        file: file, path: jsonPath(context.codingPath), message: context.debugDescription)
    default:
      return Diagnostic(file: file, message: "\(error)")
    }
  }

  /// `$.hardware[2].memory_gb` from a coding path.
  static func jsonPath(_ codingPath: [any CodingKey]) -> String {
    var path = "$"
    for key in codingPath {
      if let index = key.intValue {
        path += "[\(index)]"
      } else {
        path += ".\(key.stringValue)"
      }
    }
    return path
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Int.Type: return "a number"
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    default:
      let name = String(describing: type)
      if name.hasPrefix("Array") { return "an array" }
      if name.hasPrefix("Dictionary") { return "an object" }
      return "a value of type \(name)"
    }
  }

  /// The 1-based line and column of a JSON syntax error and `JSONSerialization`'s description,
  /// from the character offset it reports ("… around character 23.", or the
  /// `NSJSONSerializationErrorIndex` key on Darwin).
  private static func syntaxError(in data: Data) -> (line: Int, column: Int, message: String)? {
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [])
      return nil
    } catch {
      let info = (error as NSError).userInfo
      let message = info[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
      var offset = info["NSJSONSerializationErrorIndex"] as? Int
      if offset == nil, let range = message.range(of: "character ") {
        offset = Int(message[range.upperBound...].prefix { $0.isNumber })
      }
      guard let offset else { return nil }
      let prefix = data.prefix(offset)
      let line = prefix.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
      let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? prefix.startIndex
      return (line, offset - (lineStart - prefix.startIndex) + 1, message)
    }
  }

}
