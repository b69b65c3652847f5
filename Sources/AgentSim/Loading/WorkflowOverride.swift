import Foundation

/// One `--set key=value` override of a workflow field, applied to the parsed JSON before decoding,
/// so every field is reachable and the decoder checks the result like the rest of the file.
///
/// Keys are paths into the workflow's JSON: `load.rate_per_s`, `sites.region.replicas`,
/// `links[0].rtt_median_ms`, `models.large.precision`. A path may start with `steps.NAME` to reach
/// the step named `NAME` wherever it is nested (`steps.plan.output_tokens`). Values are JSON
/// (`5`, `{"exponential": {"mean": 30}}`, `"q4"`); a value that is not JSON is taken as a string
/// (`models.large.precision=q4`).
///
/// One key is a switch rather than a field: `steps[1].speculative=off` (or
/// `steps.answer.speculative=off`) turns a speculative step into a plain model call of its target
/// model at its target site, with the same name, tokens, context and visibility;
/// `speculative=on` leaves it as written. So `--vary steps[1].speculative=on,off` searches
/// speculative drafting on and off like any other setting.
public struct WorkflowOverride: Hashable, Sendable {
  /// The path as written.
  public var key: String
  /// The value as written.
  public var value: String

  /// Parses `key=value`.
  ///
  /// - Throws: `Diagnostic` when there is no `=` or the key is empty.
  public init(parsing text: String) throws {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw Diagnostic(
        path: "--set", message: "expected key=value, found '\(text)'",
        suggestion: "for example --set load.rate_per_s=4")
    }
    key = String(text[..<equals])
    value = String(text[text.index(after: equals)...])
  }

  /// One segment of a key path.
  enum Segment: Hashable {
    case key(String)
    case index(Int)
  }

  /// The key split into segments: `links[0].rtt_median_ms` → key links, index 0, key rtt_median_ms.
  func segments() throws -> [Segment] {
    var segments: [Segment] = []
    for part in key.split(separator: ".", omittingEmptySubsequences: false) {
      var name = Substring(part)
      var indices: [Int] = []
      while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
        guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]),
          index >= 0
        else { throw problem("'\(part)' has a bad index") }
        indices.insert(index, at: 0)
        name = name[..<open]
      }
      if name.isEmpty && indices.isEmpty { throw problem("the path has an empty segment") }
      if !name.isEmpty { segments.append(.key(String(name))) }
      segments += indices.map(Segment.index)
    }
    return segments
  }

  func problem(_ message: String, suggestion: String? = nil) -> Diagnostic {
    Diagnostic(path: "--set \(key)", message: message, suggestion: suggestion)
  }

  /// The new value as JSON, or as a string when it is not JSON.
  func parsedValue(at location: SourceLocation) -> JSONValue {
    if let parsed = try? JSONParser.parse(value, file: nil) {
      return Self.relocated(parsed, to: location)
    }
    return JSONValue(.string(value), at: location)
  }

  /// The value with every location replaced, so diagnostics about it point at the field it
  /// overrides rather than at line 1 of the command line.
  static func relocated(_ value: JSONValue, to location: SourceLocation) -> JSONValue {
    switch value.kind {
    case .array(let items):
      return JSONValue(.array(items.map { relocated($0, to: location) }), at: location)
    case .object(let members):
      return JSONValue(
        .object(
          members.map {
            JSONMember(key: $0.key, keyLocation: location, value: relocated($0.value, to: location))
          }), at: location)
    default:
      return JSONValue(value.kind, at: location)
    }
  }

  /// Applies the override to `root`.
  ///
  /// - Returns: The JSON path of the field it set (`$.steps[1].llm.output_tokens` for
  ///   `steps.reply.output_tokens`), so that diagnostics about that field can name the override.
  /// - Throws: `Diagnostic` when the path does not lead to a field (an index out of range, a
  ///   step that does not exist, a value that is not an object or array).
  @discardableResult
  public func apply(to root: inout JSONValue) throws -> String {
    var segments = try segments()
    if segments.last == .key(Self.speculativeKey), let switchOn = try speculativeSwitch() {
      return try applySpeculative(switchOn, segments: Array(segments.dropLast()), to: &root)
    }
    if segments.count >= 2, segments[0] == .key("steps"), case .key(let name) = segments[1] {
      segments.removeFirst(2)
      guard
        let path = try Self.applyToStep(
          named: name, in: &root, at: "$", rest: segments, override: self)
      else {
        throw problem("no step named '\(name)'")
      }
      return path
    }
    return try set(&root, segments: segments[...], path: "$")
  }

  /// Finds the step object (`{"llm": {"name": NAME, …}}`'s inner object) and applies the rest.
  ///
  /// - Returns: The path of the field set, or `nil` when no step has that name.
  static func applyToStep(
    named name: String, in value: inout JSONValue, at path: String, rest: [Segment],
    override: WorkflowOverride
  ) throws -> String? {
    try applyToFirst(
      in: &value, at: path,
      where: { members in
        members.contains { $0.key == "name" && $0.value.kind == .string(name) }
      },
      apply: { step, path in
        guard !rest.isEmpty else { throw override.problem("name a field of step '\(name)'") }
        return try override.set(&step, segments: rest[...], path: path)
      })
  }

  /// Walks `value` depth first, in file order, to the first object whose members `matches`
  /// accepts, and applies `body` to it (with its path): the one search behind `steps.NAME.…`
  /// overrides and the speculative switch.
  ///
  /// - Returns: What `body` returned, or `nil` when no object matches.
  static func applyToFirst(
    in value: inout JSONValue, at path: String, where matches: ([JSONMember]) -> Bool,
    apply body: (inout JSONValue, String) throws -> String
  ) throws -> String? {
    switch value.kind {
    case .object(var members):
      if matches(members) { return try body(&value, path) }
      for index in members.indices {
        if let found = try applyToFirst(
          in: &members[index].value,
          at: path + JSONPath.root.appending(members[index].key).description.dropFirst(),
          where: matches, apply: body)
        {
          value.kind = .object(members)
          return found
        }
      }
      return nil
    case .array(var items):
      for index in items.indices {
        if let found = try applyToFirst(
          in: &items[index], at: "\(path)[\(index)]", where: matches, apply: body)
        {
          value.kind = .array(items)
          return found
        }
      }
      return nil
    default:
      return nil
    }
  }

  /// Sets the field at `segments` under `value` to the override's value, adding a missing last
  /// key (a new optional field; the decoder rejects it, with a suggestion, if it is unknown).
  ///
  /// - Returns: The JSON path of the field set.
  @discardableResult
  func set(_ value: inout JSONValue, segments: ArraySlice<Segment>, path: String) throws -> String {
    try descend(&value, segments: segments, path: path, addsMissingLastKey: true) { field, path in
      field = parsedValue(at: field.location)
      return path
    }
  }

  /// Follows `segments` from `value` and applies `atEnd` to the value they lead to, with its
  /// path: the one descent behind `set` and the speculative switch, so that both report a
  /// missing key, an index out of range or a value of the wrong kind in the same words.
  ///
  /// - Parameters:
  ///   - addsMissingLastKey: Whether a last key the object lacks is added (`null`, at the
  ///     object's location, then handed to `atEnd`) rather than reported.
  ///   - atEnd: What to do with the value reached; returns the path to report.
  /// - Returns: What `atEnd` returned.
  /// - Complexity: O(`segments.count` + the members of each object crossed).
  func descend(
    _ value: inout JSONValue, segments: ArraySlice<Segment>, path: String,
    addsMissingLastKey: Bool, atEnd: (inout JSONValue, String) throws -> String
  ) throws -> String {
    guard let segment = segments.first else { return try atEnd(&value, path) }
    let rest = segments.dropFirst()
    switch (segment, value.kind) {
    case (.key(let key), .object(var members)):
      var found = members.firstIndex { $0.key == key }
      if found == nil, rest.isEmpty, addsMissingLastKey {
        members.append(
          JSONMember(
            key: key, keyLocation: value.location, value: JSONValue(.null, at: value.location)))
        found = members.count - 1
      }
      guard let index = found else {
        throw problem(
          "\(path) has no '\(key)'",
          suggestion: NearestName.suggestion(for: key, among: members.map(\.key)).map {
            "did you mean '\($0)'?"
          })
      }
      let resolved = try descend(
        &members[index].value, segments: rest, path: "\(path).\(key)",
        addsMissingLastKey: addsMissingLastKey, atEnd: atEnd)
      value.kind = .object(members)
      return resolved
    case (.index(let index), .array(var items)):
      guard index < items.count else {
        throw problem("\(path) has \(items.count) elements; index \(index) is out of range")
      }
      let resolved = try descend(
        &items[index], segments: rest, path: "\(path)[\(index)]",
        addsMissingLastKey: addsMissingLastKey, atEnd: atEnd)
      value.kind = .array(items)
      return resolved
    case (.key(let key), _):
      throw problem("\(path) is not an object, so it has no '\(key)'")
    case (.index(let index), _):
      throw problem("\(path) is not an array, so it has no element \(index)")
    }
  }

  // MARK: - Speculative drafting on and off

  /// The key whose `on`/`off` value switches a step's speculative drafting.
  static let speculativeKey = "speculative"

  /// `true` for `on`, `false` for `off`, nil for a JSON object (an ordinary override of the
  /// step's fields).
  ///
  /// - Throws: `Diagnostic` for any other value.
  func speculativeSwitch() throws -> Bool? {
    let text = value.trimmingCharacters(in: .whitespaces)
    switch text {
    case "on", "\"on\"", "true": return true
    case "off", "\"off\"", "false": return false
    default:
      if case .object = (try? JSONParser.parse(text, file: nil))?.kind { return nil }
      throw problem(
        "expected on or off, found '\(value)'",
        suggestion: "on keeps the draft model; off makes the step a plain call of its target "
          + "(vary both with --vary \(key)=on,off)")
    }
  }

  /// Applies `speculative=on|off` to the step at `segments` (`steps[1]` or `steps.NAME`).
  func applySpeculative(_ isOn: Bool, segments: [Segment], to root: inout JSONValue) throws
    -> String
  {
    if segments.count == 2, segments[0] == .key("steps"), case .key(let name) = segments[1] {
      guard
        let path = try Self.switchStep(named: name, isOn: isOn, in: &root, at: "$", override: self)
      else {
        throw problem("no step named '\(name)'")
      }
      return path
    }
    // Follows `segments` to a step object (`{"speculative": {…}}`); nothing is added on the way.
    return try descend(
      &root, segments: segments[...], path: "$", addsMissingLastKey: false, atEnd: switching(isOn))
  }

  /// What the switch does to the step object it reaches (by path or by name): switches it, and
  /// reports the switch's path.
  func switching(_ isOn: Bool) -> (inout JSONValue, String) throws -> String {
    { step, path in
      try switchStep(&step, isOn: isOn, path: path)
      return "\(path).\(Self.speculativeKey)"
    }
  }

  /// Finds the step named `name` (its wrapper object, `{"speculative": {"name": NAME, …}}`) and
  /// switches it.
  ///
  /// - Returns: The path of the switch, or `nil` when no step has that name.
  static func switchStep(
    named name: String, isOn: Bool, in value: inout JSONValue, at path: String,
    override: WorkflowOverride
  ) throws -> String? {
    try applyToFirst(
      in: &value, at: path,
      where: { members in
        guard members.count == 1, case .object(let inner) = members[0].value.kind else {
          return false
        }
        return inner.contains { $0.key == "name" && $0.value.kind == .string(name) }
      },
      apply: override.switching(isOn))
  }

  /// The fields a speculative step hands to the plain call of its target, renamed where the call
  /// names them differently.
  static let speculativeToCall: [(from: String, to: String)] = [
    ("name", "name"), ("target_model", "model"), ("target_site", "site"),
    ("prompt_tokens", "prompt_tokens"), ("output_tokens", "output_tokens"),
    ("context", "context"), ("visible", "visible"),
  ]

  /// Switches one step object: `off` makes a speculative step an `llm` step of its target;
  /// `on` keeps it.
  ///
  /// - Throws: `Diagnostic` when the object is not a speculative step.
  func switchStep(_ step: inout JSONValue, isOn: Bool, path: String) throws {
    guard case .object(let members) = step.kind, members.count == 1,
      members[0].key == Self.speculativeKey, case .object(let fields) = members[0].value.kind
    else {
      let kind: String
      if case .object(let members) = step.kind, members.count == 1 {
        kind = "a '\(members[0].key)' step"
      } else {
        kind = "not a step"
      }
      throw problem(
        "\(path) is \(kind), not a speculative one: only a speculative step's drafting switches "
          + "on and off",
        suggestion: "name a step written {\"speculative\": {…}}")
    }
    guard !isOn else { return }
    var call: [JSONMember] = []
    for (from, to) in Self.speculativeToCall {
      guard let field = fields.first(where: { $0.key == from }) else { continue }
      call.append(JSONMember(key: to, keyLocation: field.keyLocation, value: field.value))
    }
    step.kind = .object([
      JSONMember(
        key: "llm", keyLocation: members[0].keyLocation,
        value: JSONValue(.object(call), at: members[0].value.location))
    ])
  }
}
