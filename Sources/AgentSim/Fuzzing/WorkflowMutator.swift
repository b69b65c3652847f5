import SimulationKernel

/// Structure-aware mutations of a parsed workflow, for the fuzz suite: each mutant is the
/// original tree with one to three edits at random places (seeded, so a campaign is
/// reproducible), written back as JSON text.
///
/// The edits are the ones that found crashes in practice: a key deleted or duplicated, a value
/// of another type, an extreme or rescaled number, an emptied container, a reference renamed to
/// another name in the file or a near miss, a step nested hundreds deep, and a huge array.
public struct WorkflowMutator: Sendable {
  /// One kind of edit.
  public enum Edit: CaseIterable, Sendable {
    /// Remove one member of an object.
    case deleteKey
    /// Repeat one member of an object.
    case duplicateKey
    /// Replace a value with one of another JSON type.
    case changeType
    /// Replace a number with an extreme one (0, −1, 5e-324, 2^31, 2^63, 1e308, …).
    case extremeNumber
    /// Multiply a number by a power of ten between 10^-12 and 10^12.
    case scaleNumber
    /// Replace an array or object with an empty one.
    case emptyContainer
    /// Replace a string with another string of the file, or a near miss of itself.
    case renameReference
    /// Wrap a value in hundreds of arrays, or a step in nested sequences and loops.
    case deepNesting
    /// Repeat an array's first element 1,000 to 3,000 times.
    case hugeArray
  }

  /// The numbers `extremeNumber` picks from.
  static let extremeNumbers: [Double] = [
    0, -1, 0.5, 1e-9, 5e-324, 1e-300, 4096, 50_000, 1e6, 1e12, 1e13, 2_147_483_648,
    9_007_199_254_740_993, 9_223_372_036_854_775_808, 1e308, -1e308,
  ]

  private let original: JSONValue
  private var generator: Xoshiro256StarStar

  /// Creates a mutator of `original` drawing from stream `stream` of `seed`.
  public init(_ original: JSONValue, seed: UInt64, stream: UInt64 = 0) {
    self.original = original
    generator = Xoshiro256StarStar(seed: seed, stream: stream)
  }

  /// The next mutant: one to three edits of the original, as JSON text.
  ///
  /// - Returns: The mutant's text and the edits applied, in order.
  /// - Complexity: O(size of the tree) per edit.
  public mutating func next() -> (text: String, edits: [Edit]) {
    var tree = original
    var edits: [Edit] = []
    for _ in 0...Int(generator.next() % 3) {
      let edit = Edit.allCases[Int(generator.next() % UInt64(Edit.allCases.count))]
      edits.append(edit)
      let path = randomPath(in: tree)
      tree = Self.replacing(at: path[...], in: tree) { apply(edit, to: $0, root: tree) }
    }
    return (tree.jsonText, edits)
  }

  private mutating func apply(_ edit: Edit, to value: JSONValue, root: JSONValue) -> JSONValue {
    var value = value
    let location = value.location
    switch edit {
    case .deleteKey:
      if case .object(var members) = value.kind, !members.isEmpty {
        members.remove(at: Int(generator.next() % UInt64(members.count)))
        value.kind = .object(members)
      }
    case .duplicateKey:
      if case .object(var members) = value.kind, !members.isEmpty {
        members.append(members[Int(generator.next() % UInt64(members.count))])
        value.kind = .object(members)
      }
    case .changeType:
      let kinds: [JSONValue.Kind] = [
        .null, .bool(true), .number(3), .string("x"), .array([]), .object([]),
      ]
      value.kind = kinds[Int(generator.next() % UInt64(kinds.count))]
    case .extremeNumber:
      let number = Self.extremeNumbers[Int(generator.next() % UInt64(Self.extremeNumbers.count))]
      value.kind = .number(number)
    case .scaleNumber:
      if case .number(let number) = value.kind {
        let exponent = Double(Int(generator.next() % 25) - 12)
        value.kind = .number(number * pow10(exponent))
      }
    case .emptyContainer:
      if case .array = value.kind { value.kind = .array([]) }
      if case .object = value.kind { value.kind = .object([]) }
    case .renameReference:
      if case .string(let text) = value.kind {
        let strings = Self.strings(in: root)
        if generator.next() % 2 == 0, !strings.isEmpty {
          value.kind = .string(strings[Int(generator.next() % UInt64(strings.count))])
        } else {
          value.kind = .string(text + "x")
        }
      }
    case .deepNesting:
      let depth = 2 + Int(generator.next() % 600)
      if case .object(let members) = value.kind,
        members.contains(where: { ["llm", "tool", "transfer"].contains($0.key) })
      {
        // A step inside `depth` sequences (the decoder's limits, not the parser's, apply).
        for level in 0..<min(depth, 60) {
          let steps = JSONMember(
            key: "steps", keyLocation: location, value: JSONValue(.array([value]), at: location))
          let name = JSONMember(
            key: "name", keyLocation: location,
            value: JSONValue(.string("nest-\(level)"), at: location))
          let body = JSONValue(.object([name, steps]), at: location)
          value = JSONValue(
            .object([JSONMember(key: "sequence", keyLocation: location, value: body)]),
            at: location)
        }
      } else {
        for _ in 0..<depth { value = JSONValue(.array([value]), at: location) }
      }
    case .hugeArray:
      if case .array(let elements) = value.kind, let first = elements.first {
        // At most `maximumNodes` values in all: repeating an element that an earlier edit already
        // made huge would multiply (3,000 × 3,000 copies), and writing that mutant out as text
        // takes gigabytes and minutes (seed 99, document-extraction mutant 32).
        let wanted = 1000 + Int(generator.next() % 2000)
        let size = Self.nodeCount(first, limit: Self.maximumNodes)
        value.kind = .array(
          Array(repeating: first, count: min(wanted, max(1, Self.maximumNodes / size))))
      }
    }
    return value
  }

  /// The most values a `hugeArray` edit may produce: large enough for the decoder's own limits
  /// to be what rejects it, small enough to write out in well under a second.
  public static let maximumNodes = 2_000_000

  /// The values in `value`'s tree, counting stops past `limit`.
  static func nodeCount(_ value: JSONValue, limit: Int) -> Int {
    var count = 0
    var pending = [value]
    while let next = pending.popLast(), count <= limit {
      count += 1
      switch next.kind {
      case .object(let members): pending.append(contentsOf: members.lazy.map(\.value))
      case .array(let elements): pending.append(contentsOf: elements)
      default: break
      }
    }
    return count
  }

  private func pow10(_ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(abs(exponent)) { result *= 10 }
    return exponent < 0 ? 1 / result : result
  }

  /// A random value's path (offsets into containers): a walk from the root that descends into a
  /// random child three times in four. O(depth), where listing every path of a mutant that
  /// already holds a huge, deep array would take gigabytes.
  mutating func randomPath(in value: JSONValue) -> [Int] {
    var path: [Int] = []
    var current = value
    while generator.next() % 4 != 0 {
      switch current.kind {
      case .object(let members) where !members.isEmpty:
        let index = Int(generator.next() % UInt64(members.count))
        path.append(index)
        current = members[index].value
      case .array(let elements) where !elements.isEmpty:
        let index = Int(generator.next() % UInt64(elements.count))
        path.append(index)
        current = elements[index]
      default:
        return path
      }
    }
    return path
  }

  /// Every string value and key in the tree, in order.
  static func strings(in value: JSONValue) -> [String] {
    switch value.kind {
    case .string(let text): return [text]
    case .object(let members): return members.flatMap { [$0.key] + strings(in: $0.value) }
    case .array(let elements): return elements.flatMap(strings(in:))
    default: return []
    }
  }

  static func replacing(
    at path: ArraySlice<Int>, in value: JSONValue, with transform: (JSONValue) -> JSONValue
  ) -> JSONValue {
    guard let first = path.first else { return transform(value) }
    var value = value
    switch value.kind {
    case .object(var members):
      members[first].value = replacing(
        at: path.dropFirst(), in: members[first].value, with: transform)
      value.kind = .object(members)
    case .array(var elements):
      elements[first] = replacing(at: path.dropFirst(), in: elements[first], with: transform)
      value.kind = .array(elements)
    default:
      break
    }
    return value
  }
}

extension JSONValue {
  /// The value as compact JSON text (numbers as `JSONText.format` writes them).
  ///
  /// - Complexity: O(size of the tree).
  public var jsonText: String {
    switch kind {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return JSONText.format(number)
    case .string(let text): return "\"" + JSONText.escaped(text) + "\""
    case .array(let elements): return "[" + elements.map(\.jsonText).joined(separator: ",") + "]"
    case .object(let members):
      return "{"
        + members.map { "\"" + JSONText.escaped($0.key) + "\":" + $0.value.jsonText }
        .joined(separator: ",") + "}"
    }
  }
}
