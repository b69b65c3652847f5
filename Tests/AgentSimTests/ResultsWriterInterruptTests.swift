import Foundation
import Testing

@testable import AgentSim

/// Issue 12: interrupted and killed writes leave no `.tmp-…` folders behind for long.
@Suite("Results writer: interrupts and stale temporary folders")
struct ResultsWriterInterruptTests {
  static func makeDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-interrupt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test("a write removes temporary folders of dead processes and keeps everything else")
  func staleFolders() throws {
    let directory = try Self.makeDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // Process ids above the kernel's pid_max (4,194,304 at most on Linux) never exist.
    let dead = ".tmp-run-20260101-000000-99999999-1f2e"
    let live = ".tmp-run-20260101-000000-\(getpid())-abcd"
    let other = ".tmp-notes"
    for name in [dead, live, other] {
      try FileManager.default.createDirectory(
        at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
      try Data("partial".utf8).write(
        to: directory.appendingPathComponent(name).appendingPathComponent("summary.json"))
    }
    let folder = try ResultsWriter().writeFolder(
      [("a.txt", Data("x".utf8))], baseName: "run", to: directory)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(names == [live, other, "run"].sorted())
    #expect(folder.lastPathComponent == "run")
  }

  @Test("what an interrupt removes: the temporary paths of writes in progress, and only those")
  func inProgressPaths() throws {
    let directory = try Self.makeDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let temporary = directory.appendingPathComponent(".tmp-run-\(getpid())-1")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    try Data("partial".utf8).write(to: temporary.appendingPathComponent("summary.json"))
    let kept = directory.appendingPathComponent("done")
    try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
    let paths = TemporaryPaths()
    paths.insert(temporary.path)
    paths.removeAll()
    #expect(!FileManager.default.fileExists(atPath: temporary.path))
    #expect(FileManager.default.fileExists(atPath: kept.path))
    // A finished write unregisters its path: nothing is left to remove.
    _ = try ResultsWriter().writeFolder(
      [("a.txt", Data("x".utf8))], baseName: "run", to: directory)
    ResultsWriter.inProgress.removeAll()
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("run").path))
  }

  @Test("SIGTERM ends the built binary with status 143 and leaves no temporary folder")
  func terminate() throws {
    guard let binary = RunBinary.path() else { return }
    let directory = try Self.makeDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = binary
    process.arguments = [
      "run", RunBinary.root.appendingPathComponent("workflows/coding-agent.json").path,
      "--sessions", "100000000", "--out", directory.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Whether the signal lands while simulating or while writing, the outcome is the same; one
    // second lets a loaded machine load the binary and install its handlers first.
    usleep(1_000_000)
    // Signal again every second rather than wait for ever on one that was lost; a run that
    // ignores 30 of them is a failure, not a hang.
    var signals = 0
    while process.isRunning && signals < 30 {
      process.terminate()
      signals += 1
      for _ in 0..<100 where process.isRunning { usleep(10_000) }
    }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(signals == 1, "the first SIGTERM was not acted on")
    #expect(process.terminationStatus == 143)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    #expect(!names.contains { $0.hasPrefix(".tmp-") })
  }
}

/// The built `agentsim` binary, if a build left one beside the tests.
enum RunBinary {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func path() -> URL? {
    for configuration in ["debug", "release"] {
      let url = root.appendingPathComponent(".build/\(configuration)/agentsim")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }
}
