import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary folders and files being written right now, so that an interrupt can remove
/// them before the process ends.
final class TemporaryPaths: @unchecked Sendable {
  private let lock = NSLock()
  private var paths: Set<String> = []

  func insert(_ path: String) { lock.withLock { _ = paths.insert(path) } }

  func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }

  /// Removes every registered path from the disk and forgets it.
  func removeAll() {
    let current = lock.withLock { () -> Set<String> in
      defer { paths.removeAll() }
      return paths
    }
    for path in current { try? FileManager.default.removeItem(atPath: path) }
  }
}

extension ResultsWriter {
  /// The temporary paths of writes in progress in this process.
  static let inProgress = TemporaryPaths()

  /// Signal sources kept alive for the process's lifetime.
  nonisolated(unsafe) private static var interruptSources: [DispatchSourceSignal] = []

  /// Makes SIGINT and SIGTERM remove any temporary results folder or file being written, then
  /// end the process with the usual status (128 + the signal number), so an interrupted run
  /// leaves no `.tmp-…` folder behind. Call once, early, from the command-line tool.
  ///
  /// The signals are handled on a dispatch queue (not in a signal handler), where removing files
  /// is safe; a write that finishes first leaves a complete folder, which is kept.
  public static func removeTemporaryFilesOnInterrupt() {
    guard interruptSources.isEmpty else { return }
    // Blocked first (this thread, and every thread started after it, inherit the mask): a
    // blocked signal stays pending instead of being discarded by SIG_IGN before the dispatch
    // source is listening, so a SIGTERM that lands during set-up is handled, not lost.
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGINT)
    sigaddset(&blocked, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &blocked, nil)
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        inProgress.removeAll()
        exit(128 + number)
      }
      source.resume()
      interruptSources.append(source)
    }
  }

  /// Removes the `.tmp-…` folders and files that killed runs left in `directory`: those named
  /// with the id of a process that no longer exists (names are `.tmp-NAME-PID-RANDOM`). Entries
  /// of live processes, and anything else, are left alone.
  ///
  /// - Parameter directory: A results folder.
  /// - Returns: The names removed, sorted.
  /// - Complexity: O(entries in `directory`).
  @discardableResult
  public static func removeStaleTemporaryFiles(in directory: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var removed: [String] = []
    for name in names.sorted() where name.hasPrefix(".tmp-") {
      let parts = name.split(separator: "-")
      guard parts.count >= 4, let pid = pid_t(parts[parts.count - 2]), pid > 0,
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil {
        removed.append(name)
      }
    }
    return removed
  }
}
