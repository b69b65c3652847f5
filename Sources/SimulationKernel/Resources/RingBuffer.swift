/// A first-in, first-out queue in one growable circular buffer.
///
/// Used for the waiting lines of resources: appending and removing at the ends is O(1) and does not
/// allocate once the buffer has grown to the longest line seen.
public struct RingBuffer<Element> {
  @usableFromInline var slots: ContiguousArray<Element?>
  @usableFromInline var head: Int
  /// The number of elements in the queue.
  @inlinable public var count: Int { storedCount }
  @usableFromInline var storedCount: Int

  /// Creates an empty queue with room for `capacity` elements.
  @inlinable
  public init(capacity: Int = 16) {
    var size = 1
    while size < max(capacity, 1) { size <<= 1 }
    slots = ContiguousArray(repeating: nil, count: size)
    head = 0
    storedCount = 0
  }

  /// Whether the queue is empty.
  @inlinable
  public var isEmpty: Bool { count == 0 }

  /// The element that `popFirst()` would return.
  @inlinable
  public var first: Element? { count == 0 ? nil : slots[head] }

  /// Appends `element` at the back.
  ///
  /// - Complexity: O(1) amortized.
  @inlinable
  public mutating func append(_ element: Element) {
    if count == slots.count { grow() }
    slots[(head &+ count) & (slots.count &- 1)] = element
    storedCount &+= 1
  }

  /// Removes and returns the element at the front, or `nil` when empty.
  ///
  /// - Complexity: O(1).
  @inlinable
  public mutating func popFirst() -> Element? {
    guard count > 0 else { return nil }
    let element = slots[head]
    slots[head] = nil
    head = (head &+ 1) & (slots.count &- 1)
    storedCount &-= 1
    return element
  }

  @usableFromInline
  mutating func grow() {
    var larger = ContiguousArray<Element?>(repeating: nil, count: slots.count * 2)
    for offset in 0..<count {
      larger[offset] = slots[(head + offset) & (slots.count - 1)]
    }
    slots = larger
    head = 0
  }
}

extension RingBuffer: Sendable where Element: Sendable {}
