import AgentSim
import Foundation
import SimulationKernel
import Testing

@Suite("Observation: per-session export and traces")
struct ObservationTests {
  static func scenario() throws -> Scenario {
    var scenario = try Scenarios.agentLoop(rate: 4, sessions: 400)
    scenario.load.warmupSessions = 50
    return scenario
  }

  @Test("an observer changes nothing in the report")
  func observerIsTransparent() throws {
    let scenario = try Self.scenario()
    var table = SessionTable()
    let observed = WorkflowSimulation.run(scenario, seed: 12, observer: &table)
    #expect(observed == WorkflowSimulation.run(scenario, seed: 12))
  }

  @Test("one row per measured session; its mean latency is the report's; components add up")
  func sessionTable() throws {
    var table = SessionTable()
    let report = WorkflowSimulation.run(try Self.scenario(), seed: 12, observer: &table)
    let lines = table.csv.split(separator: "\n").map(String.init)
    #expect(lines[0] == SessionTable.header)
    let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows.count == report.run.sessions)
    #expect(table.count == report.run.sessions)
    let header = lines[0].split(separator: ",").map(String.init)
    let latencyColumn = try #require(header.firstIndex(of: "latency_ms"))
    let callsColumn = try #require(header.firstIndex(of: "llm_calls"))
    let componentColumns = LatencyComponent.allCases.compactMap {
      header.firstIndex(of: "\($0.rawValue)_ms")
    }
    var total = 0.0
    for row in rows {
      let latency = try #require(Double(row[latencyColumn]))
      total += latency
      let parts = componentColumns.compactMap { Double(row[$0]) }.reduce(0, +)
      #expect(abs(parts - latency) < 1e-5, "\(row)")
      // plan, then code three times: four model calls.
      #expect(row[callsColumn] == "4")
    }
    let mean = total / Double(rows.count)
    #expect(
      abs(mean - report.latency.meanMilliseconds) < 1e-6 * report.latency.meanMilliseconds,
      "rows \(mean) ms vs report \(report.latency.meanMilliseconds) ms")
  }

  @Test("the trace has one track per traced session whose step slices add up to its latency")
  func trace() throws {
    let scenario = try Self.scenario()
    var recorder = TraceRecorder(scenario: scenario, sessions: 5)
    _ = WorkflowSimulation.run(scenario, seed: 12, observer: &recorder)
    let object = try JSONSerialization.jsonObject(with: Data(recorder.json.utf8))
    let events = try #require((object as? [String: Any])?["traceEvents"] as? [[String: Any]])
    let slices = events.filter { $0["ph"] as? String == "X" }
    let sessions = slices.filter { $0["cat"] as? String == "session" }
    #expect(sessions.count == 5)
    #expect(Set(sessions.compactMap { $0["tid"] as? Int }) == [1, 2, 3, 4, 5])
    for session in sessions {
      let track = session["tid"] as? Int
      let duration = try #require(session["dur"] as? Double)
      let start = try #require(session["ts"] as? Double)
      let steps = slices.filter { $0["cat"] as? String == "step" && $0["tid"] as? Int == track }
      #expect(steps.count == 7)
      let stepTotal = steps.compactMap { $0["dur"] as? Double }.reduce(0, +)
      #expect(
        abs(stepTotal - duration) < 1e-3 * Double(steps.count), "track \(String(describing: track))"
      )
      // Steps nest inside the session, components inside their step.
      for step in steps {
        let stepStart = try #require(step["ts"] as? Double)
        let stepEnd = stepStart + (try #require(step["dur"] as? Double))
        #expect(stepStart >= start - 1e-3 && stepEnd <= start + duration + 1e-3)
      }
      let components = slices.filter {
        $0["cat"] as? String == "component" && $0["tid"] as? Int == track
      }
      let componentTotal = components.compactMap { $0["dur"] as? Double }.reduce(0, +)
      #expect(abs(componentTotal - duration) < 1e-3 * Double(components.count))
      #expect(
        Set(components.compactMap { $0["name"] as? String }).isSubset(
          of: Set(LatencyComponent.allCases.map(\.rawValue))))
    }
    let counters = Set(
      events.filter { $0["ph"] as? String == "C" }.compactMap { $0["name"] as? String })
    #expect(counters == ["pool running batch", "pool queue length", "pool KV cache tokens"])
  }
}
