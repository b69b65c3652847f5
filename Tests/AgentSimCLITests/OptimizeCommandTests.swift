import AgentSim
import Foundation
import Testing

@testable import AgentSimCLI

@Suite("agentsim optimize")
struct OptimizeCommandTests {
  static func run(_ arguments: [String]) -> (AgentSimCLI.ExitStatus, CapturedOutput) {
    SweepCommandTests.run(arguments)
  }

  static let workflow = "Tests/AgentSimTests/Fixtures/sweep-small.json"

  @Test("--format json has the promised keys, and the best is the run of its placement")
  func jsonKeys() throws {
    let (status, captured) = Self.run([
      "optimize", Self.workflow, "--sessions", "150", "--format", "json", "--jobs", "2",
    ])
    #expect(status == .success, "\(captured.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
    for key in ["best", "front", "simulated_points", "space_size", "lower_bound"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    let best = try #require(object["best"] as? [String: Any])
    for key in ["placement", "p99_ms", "cost_per_session_usd", "meets_budget"] {
      #expect(best[key] != nil, "best lacks \(key)")
    }
    #expect(object["space_size"] as? Double == 12)
    let placement = try #require(best["placement"] as? [String: String])

    // The best's figures are exactly what `run` prints for its placement and seed.
    let pairs = placement.keys.sorted().map { "\($0)=\(placement[$0] ?? "")" }
    let (runStatus, runOutput) = Self.run([
      "run", Self.workflow, "--sessions", "150", "--format", "json", "--no-write",
      "--placement", pairs.joined(separator: ","),
    ])
    #expect(runStatus == .success, "\(runOutput.error)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(runOutput.output.utf8)) as? [String: Any])
    let latency = try #require(report["latency"] as? [String: Any])
    #expect(latency["p99_ms"] as? Double == best["p99_ms"] as? Double)
    #expect(
      report["cost_dollars_per_session"] as? Double == best["cost_per_session_usd"] as? Double)
  }

  @Test("--vary searches every setting with the placement, and the best names its setting")
  func vary() throws {
    let (status, captured) = Self.run([
      "optimize", Self.workflow, "--sessions", "150", "--format", "json", "--jobs", "2",
      "--vary", "sites.edge.replicas=1,2",
    ])
    #expect(status == .success, "\(captured.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
    #expect(object["space_size"] as? Double == 24)
    #expect(object["variants"] as? Int == 2)
    let best = try #require(object["best"] as? [String: Any])
    let parameters = try #require(best["parameters"] as? [String: String])
    #expect(["1", "2"].contains(parameters["sites.edge.replicas"] ?? ""))
  }

  @Test("--objective p99 picks the fastest placement it simulated")
  func fastest() throws {
    let (status, captured) = Self.run([
      "optimize", Self.workflow, "--sessions", "150", "--format", "json", "--objective", "p99",
    ])
    #expect(status == .success, "\(captured.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
    let best = try #require(object["best"] as? [String: Any])
    let front = try #require(object["front"] as? [[String: Any]])
    let fastest = front.compactMap { $0["p99_ms"] as? Double }.min()
    #expect(best["p99_ms"] as? Double == fastest)
  }

  @Test(
    "a budget every placement's lower bound misses gives the placement nearest it, marked as missing"
  )
  func nothingWithinBudget() throws {
    let impossible = ["--set", "budget.p99_ms=1"]
    let (status, captured) = Self.run(
      ["optimize", Self.workflow, "--sessions", "100", "--format", "json"] + impossible)
    #expect(status == .success, "\(captured.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
    #expect(object["budget_unreachable"] as? Bool == true)
    let best = try #require(object["best"] as? [String: Any])
    #expect(best["meets_budget"] as? Bool == false)
    let settings = try #require(object["settings"] as? [String: Any])
    #expect(settings["objective"] as? String == "p99")
    // Nearest: the lowest p99 among the placements it simulated.
    let front = try #require(object["front"] as? [[String: Any]])
    let fastest = front.compactMap { $0["p99_ms"] as? Double }.min()
    #expect(best["p99_ms"] as? Double == fastest)
    // The lower bound is the proof: no placement's p99 can reach the 1 ms target.
    let bound = try #require(object["lower_bound"] as? Double)
    #expect(bound > 1)
    let (_, table) = Self.run(["optimize", Self.workflow, "--sessions", "100"] + impossible)
    #expect(table.output.contains("no placement can meet the budget (p99 1 ms)"), "\(table.output)")
    #expect(table.output.contains("MISSES the budget"), "\(table.output)")

    // With a cost limit as well, the nearest stays within it, and the header says so.
    let broke = ["--max-cost", "0.000000000001"]
    let (_, limited) = Self.run(["optimize", Self.workflow, "--sessions", "100"] + broke)
    #expect(
      limited.output.contains("no placement can meet the budget (p99 900 ms) at most"),
      "\(limited.output)")
    let (_, json) = Self.run(
      ["optimize", Self.workflow, "--sessions", "100", "--format", "json"] + broke)
    let cheap = try #require(
      try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    #expect(cheap["budget_unreachable"] as? Bool == true)
    let nearest = try #require(cheap["best"] as? [String: Any])
    #expect((nearest["cost_per_session_usd"] as? Double ?? 1) <= 0.000000000001)
  }

  @Test("every line of the table fits 88 columns; long front placements wrap under themselves")
  func tableWidth() {
    let (status, captured) = Self.run([
      "optimize", "workflows/placement-sweep.json", "--sessions", "100", "--session-budget",
      "2000",
    ])
    #expect(status == .success, "\(captured.error)")
    let lines = captured.output.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines {
      #expect(line.count <= 88, "\(line.count) columns: \(line)")
    }
    // Eight steps over three sites do not fit beside the figures: some row continues, indented
    // past the figures' columns (a test that wrapped nothing would prove nothing).
    let front = lines.drop { !$0.hasPrefix("Front found") }.dropFirst()
    #expect(front.contains { $0.hasPrefix(String(repeating: " ", count: 30)) }, "\(front)")
  }

  @Test("the table names the best, the space, the lower bound and why the search stopped")
  func table() {
    let (status, captured) = Self.run(["optimize", Self.workflow, "--sessions", "150"])
    #expect(status == .success, "\(captured.error)")
    for phrase in ["Best: ", "Searched 12 placements", "Lower bound: ", "Stopped after "] {
      #expect(captured.output.contains(phrase), "no '\(phrase)' in \(captured.output)")
    }
  }

  @Test(
    "bad options exit 2 with the bad value and a way out",
    arguments: [
      (["--objective", "speed"], "speed"),
      (["--candidates", "classify"], "step=site"),
      (["--candidates", "nosuch=edge"], "nosuch"),
      (["--seconds", "0"], "seconds"),
      (["--race", "0"], "race"),
      (["--vary", "steps[3].llm.model=large,huge"], "--vary steps[3].llm.model"),
      (["--vary", "sites.edge.replicas"], "key=v1,v2"),
    ])
  func badOptions(extra: [String], quoted: String) {
    let (status, captured) = Self.run(["optimize", Self.workflow, "--sessions", "50"] + extra)
    #expect(status == .badInput)
    #expect(captured.error.contains(quoted), "\(captured.error)")
  }

  @Test("--help lists every option")
  func help() {
    let (status, captured) = Self.run(["optimize", "--help"])
    #expect(status == .success)
    for option in [
      "--objective", "--candidates", "--max-cost", "--jobs", "--format", "--seconds", "--race",
      "--session-budget", "--sessions", "--seed", "--placement", "--set", "--vary",
    ] {
      #expect(captured.output.contains(option), "help lacks \(option)")
    }
  }
}
