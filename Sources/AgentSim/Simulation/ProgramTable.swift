/// One table of a `CompiledProgram` (its entries, child lists, leaf payloads): an array that the
/// hot loop reads by index without a bounds check in release builds.
///
/// Every index the simulator reads with comes from the program itself (a node's payload index,
/// its first child and count), which `CompiledProgram.init` writes for the table it builds, so a
/// release build reads the element in place; a debug build asserts the index in range. These
/// bounds checks were 2.2% of the agent loop's instructions (callgrind: 24,632 → 24,086 per
/// session), a fifth of what every release-build check together cost (`-Ounchecked`: 21,760).
struct ProgramTable<Element>: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
  /// The elements, index 0 first.
  private(set) var elements: ContiguousArray<Element>

  /// An empty table.
  init() { elements = [] }

  /// A table of `elements`.
  init(arrayLiteral elements: Element...) { self.elements = ContiguousArray(elements) }

  /// Always 0.
  var startIndex: Int { 0 }

  /// The number of elements.
  var endIndex: Int { elements.count }

  /// The element at `position`, which must be in range: asserted in debug builds, read without a
  /// check in release builds (see the type's note).
  subscript(position: Int) -> Element {
    @inline(__always) get {
      assert(
        position >= 0 && position < elements.count, "index \(position) of 0..<\(elements.count)")
      return elements.withUnsafeBufferPointer { $0[position] }
    }
    set { elements[position] = newValue }
  }

  /// Adds `element` at the end (while the program is compiled).
  mutating func append(_ element: Element) { elements.append(element) }

  /// Adds `newElements` at the end (while the program is compiled).
  static func += <S: Sequence>(table: inout ProgramTable, newElements: S)
  where S.Element == Element {
    table.elements.append(contentsOf: newElements)
  }
}
