import AgentSim
import Foundation
import Testing

@testable import AgentSimCLI

@Suite("agentsim sweep and merge")
struct SweepCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let workflow = "Tests/AgentSimTests/Fixtures/sweep-small.json"

  static func run(_ arguments: [String], in directory: URL = root) -> (
    AgentSimCLI.ExitStatus, CapturedOutput
  ) {
    let captured = CapturedOutput()
    let status = AgentSimTool.main(arguments: arguments, context: captured.context(in: directory))
    return (status, captured)
  }

  /// The sweep of the README: placement-sweep.json with five steps free (3^5 placements).
  static let goldenSweep = [
    "sweep", "workflows/placement-sweep.json", "--sessions", "200", "--candidates",
    "transcribe=laptop", "--candidates", "retrieve=edge", "--candidates", "lookup=edge",
    "--no-write",
  ]

  @Test("the README's sweep table matches its golden file")
  func golden() throws {
    let captured = CapturedOutput()
    let base = captured.context(in: Self.root)
    let context = CommandContext(
      writeOutput: base.writeOutput, writeError: base.writeError,
      environment: ["LANG": "C.UTF-8"], isOutputTerminal: false, isErrorTerminal: false,
      currentDirectory: Self.root)
    let status = AgentSimTool.main(arguments: Self.goldenSweep, context: context)
    #expect(status == .success, "\(captured.error)")
    let file = Self.root.appendingPathComponent(
      "Tests/AgentSimCLITests/Golden/placement-sweep-sweep.txt")
    if ProcessInfo.processInfo.environment["AGENTSIM_RECORD"] == "1" {
      try captured.output.write(to: file, atomically: true, encoding: .utf8)
      Issue.record("recorded \(file.lastPathComponent); review it and run again")
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(captured.output == expected, "run AGENTSIM_RECORD=1 swift test to re-record")
    let readme = try String(
      contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains(expected), "the README's sweep example is out of date")
  }

  @Test("--objective cost ranks the points that meet the budget first")
  func costRanksMeetingFirst() throws {
    let (status, captured) = Self.run([
      "sweep", Self.workflow, "--sessions", "100", "--objective", "cost", "--format", "json",
      "--no-write",
    ])
    #expect(status == .success, "\(captured.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
    let ranking = try #require(object["ranking"] as? [Int])
    let points = try #require(object["points"] as? [[String: Any]])
    var meets: [Int: Bool] = [:]
    for point in points {
      if let index = point["index"] as? Int,
        let metrics = point["metrics"] as? [String: Any],
        let met = metrics["meets_budget"] as? Bool
      {
        meets[index] = met
      }
    }
    let marks = ranking.compactMap { meets[$0] }
    #expect(marks.count == ranking.count)
    // Both kinds are present (the free, all-device points miss), and no miss comes before a meet.
    #expect(marks.contains(true) && marks.contains(false), "\(marks)")
    #expect(marks == marks.sorted { $0 && !$1 }, "\(marks)")
  }

  @Test("a sweep names the sites it cannot price; a site's price_per_hour prices them")
  func unpricedSites() throws {
    let arguments = ["sweep", "workflows/embedded-fallback.json", "--sessions", "50", "--no-write"]
    let (status, unpriced) = Self.run(arguments)
    #expect(status == .success, "\(unpriced.error)")
    #expect(unpriced.output.contains("Note: cost leaves out edge"))
    #expect(unpriced.output.contains("plan on edge, has p99") && unpriced.output.contains("at $0 "))
    let (pricedStatus, priced) = Self.run(
      arguments + ["--set", "sites.edge.price_per_hour=2", "--format", "json"])
    #expect(pricedStatus == .success, "\(priced.error)")
    let json = try JSONSerialization.jsonObject(with: Data(priced.output.utf8)) as? [String: Any]
    let sweep = json?["sweep"] as? [String: Any]
    #expect((sweep?["unpriced_sites"] as? [String]) == [])
    let points = json?["points"] as? [[String: Any]] ?? []
    let edgeCosts = points.compactMap { point -> Double? in
      guard (point["placement"] as? [String: String])?["plan"] == "edge" else { return nil }
      return (point["metrics"] as? [String: Any])?["cost_dollars"] as? Double
    }
    #expect(edgeCosts.count == 1 && edgeCosts.allSatisfy { $0 > 0 }, "\(edgeCosts)")
  }

  @Test("a bad --vary key is exit status 2 naming the key")
  func badVary() {
    let (status, captured) = Self.run([
      "sweep", Self.workflow, "--vary", "load.rate=1,2", "--no-write", "--sessions", "50",
    ])
    #expect(status == .badInput)
    #expect(captured.error.contains("--vary load.rate"))
    #expect(captured.output == "")
  }

  @Test("--shard 3/2 is exit status 2")
  func badShard() {
    let (status, captured) = Self.run(["sweep", Self.workflow, "--shard", "3/2"])
    #expect(status == .badInput)
    #expect(captured.error.contains("shard 3 does not exist in 2 shards"))
    let (other, _) = Self.run(["sweep", Self.workflow, "--shard", "three"])
    #expect(other == .badInput)
  }

  @Test("an unknown objective is exit status 2 with the choices")
  func badObjective() {
    let (status, captured) = Self.run(["sweep", Self.workflow, "--objective", "p95"])
    #expect(status == .badInput)
    #expect(captured.error.contains("expects one of mean, p50, p99, ttft, cost, energy"))
  }

  @Test("--help describes sweep and merge")
  func help() {
    let (status, captured) = Self.run(["sweep", "--help"])
    #expect(status == .success)
    #expect(captured.output.contains("--vary"))
    #expect(captured.output.contains("--shard"))
    let (mergeStatus, mergeHelp) = Self.run(["merge", "--help"])
    #expect(mergeStatus == .success)
    #expect(mergeHelp.output.contains("Kubernetes"))
  }

  @Test("sharded runs merged by 'agentsim merge' print exactly the unsharded JSON")
  func shardsThroughTheCLI() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-sweep-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = Self.root.appendingPathComponent(Self.workflow).path
    let common = [path, "--sessions", "100", "--candidates", "classify=edge,region"]
    let (status, whole) = Self.run(
      ["sweep"] + common + ["--format", "json", "--no-write", "--jobs", "2"], in: directory)
    #expect(status == .success)
    #expect(whole.output.contains("\"points\" : ["))
    for index in 0..<2 {
      let (shardStatus, shard) = Self.run(
        ["sweep"] + common + ["--shard", "\(index)/2", "--out", "shards", "--jobs", "1"],
        in: directory)
      #expect(shardStatus == .success)
      #expect(shard.error.contains("points-\(index)-of-2.jsonl"))
    }
    let (mergeStatus, merged) = Self.run(
      ["merge", "shards/sweep-small-sweep-shards", "--format", "json", "--no-write"],
      in: directory)
    #expect(mergeStatus == .success)
    #expect(merged.output == whole.output)
    let (tableStatus, table) = Self.run(["sweep"] + common + ["--out", "out"], in: directory)
    #expect(tableStatus == .success)
    #expect(table.output.contains("Recommendation: "))
    #expect(table.error.hasPrefix("wrote out/sweep-small-sweep-"))
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: directory.appendingPathComponent("out").path)
    #expect(folders.count == 1)
    let files = try FileManager.default.contentsOfDirectory(
      atPath: directory.appendingPathComponent("out/\(folders[0])").path)
    #expect(files.sorted() == ["points.csv", "report.html", "summary.json"])
  }

  @Test(
    "the progress bar draws on a terminal's standard error, is cleared, and changes nothing else")
  func progressBar() {
    let arguments = ["sweep", Self.workflow, "--sessions", "50", "--no-write"]
    var outputs: [String] = []
    for isTerminal in [false, true] {
      let captured = CapturedOutput()
      let base = captured.context(in: Self.root)
      let context = CommandContext(
        writeOutput: base.writeOutput, writeError: base.writeError, environment: [:],
        isOutputTerminal: false, isErrorTerminal: isTerminal, currentDirectory: Self.root)
      #expect(AgentSimTool.main(arguments: arguments, context: context) == .success)
      outputs.append(captured.output)
      if isTerminal {
        // The last redraw is always made: a full bar with every point done, then a clear.
        #expect(captured.error.contains("\r[########################] 12/12 points"))
        #expect(captured.error.hasSuffix("\r\u{1B}[K"))
      } else {
        #expect(captured.error == "")
      }
    }
    #expect(outputs[0] == outputs[1])
  }

  @Test("the progress line shows points, rate and time left")
  func progressLine() {
    let line = ProgressBar.line(SweepProgress(done: 1_234, total: 6_561), elapsed: 3)
    #expect(line == "[####....................] 1,234/6,561 points  411/s  0:13 left")
    let start = ProgressBar.line(SweepProgress(done: 0, total: 10), elapsed: 0)
    #expect(start == "[........................] 0/10 points")
  }

  @Test("merge of an incomplete set is exit status 2")
  func incompleteMerge() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-merge-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = Self.root.appendingPathComponent(Self.workflow).path
    let (status, _) = Self.run(
      ["sweep", path, "--sessions", "50", "--shard", "1/3", "--out", "s"], in: directory)
    #expect(status == .success)
    let (mergeStatus, merged) = Self.run(["merge", "s/sweep-small-sweep-shards"], in: directory)
    #expect(mergeStatus == .badInput)
    #expect(merged.error.contains("2 of 3 shards are missing: 0, 2"))
  }
}
