import Dispatch
import Foundation

/// Runs independent work on several threads and returns the results in index order, whatever
/// order they finish in.
enum ParallelMap {
  /// `body(0) … body(count − 1)`, on up to `jobs` threads that take indices from a shared counter.
  ///
  /// - Complexity: `count` calls of `body`, plus a lock per call.
  static func map<Value: Sendable>(
    count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> Value
  ) -> [Value] {
    guard count > 0 else { return [] }
    let workers = max(1, min(jobs, count))
    if workers == 1 { return (0..<count).map(body) }
    let storage = IndexedResults<Value>(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = storage.claim() {
        storage.store(body(index), at: index)
      }
    }
    return storage.values()
  }
}

/// The shared counter and the result slots of `ParallelMap`.
private final class IndexedResults<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private var slots: [Value?]

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func claim() -> Int? {
    lock.withLock {
      guard next < slots.count else { return nil }
      next += 1
      return next - 1
    }
  }

  func store(_ value: Value, at index: Int) {
    lock.withLock { slots[index] = value }
  }

  func values() -> [Value] {
    lock.withLock { slots.compactMap { $0 } }
  }
}
