import AgentSim
import Foundation
import Testing

@Suite("JSON and CSV")
struct MachineFormatTests {
  static func records(_ csv: String) -> [String] {
    csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  @Test("JSON round-trips to an equal report and is byte-identical on two renders")
  func jsonRoundTrip() throws {
    let report = ReportFixture.codingAgent()
    let first = try ReportRenderer.renderJSON(report)
    let second = try ReportRenderer.renderJSON(report)
    #expect(first == second)
    #expect(try ReportRenderer.decodeJSON(first) == report)
    #expect(try JSONDecoder().decode(LatencyReport.self, from: first) == report)
    // A report rebuilt from decoded JSON renders to the same bytes: dictionary order never leaks.
    #expect(try ReportRenderer.renderJSON(ReportRenderer.decodeJSON(first)) == first)
  }

  @Test("JSON carries format_version at the top level, sorted keys, unescaped slashes")
  func jsonShape() throws {
    var report = ReportFixture.codingAgent()
    report.run.workflow = "team/coding-agent"
    let data = try ReportRenderer.renderJSON(report)
    let text = try #require(String(data: data, encoding: .utf8))
    #expect(text.hasPrefix("{\n  \"components\" : ["))
    #expect(text.contains("\n  \"format_version\" : 1,\n"))
    #expect(text.contains("\"team/coding-agent\""))
    #expect(text.hasSuffix("}\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["format_version"] as? Int == LatencyReport.formatVersion)
    #expect(object["latency"] != nil)
  }

  @Test("JSON from a newer agentsim is refused with a clear message")
  func newerVersion() throws {
    let data = try ReportRenderer.renderJSON(ReportFixture.codingAgent())
    let text = try #require(String(data: data, encoding: .utf8))
    let newer = Data(
      text.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 2").utf8)
    #expect {
      try ReportRenderer.decodeJSON(newer)
    } throws: { error in
      "\(error)".contains("format_version 2 is not supported")
    }
  }

  @Test("a non-finite number is an encoding error, not a crash")
  func nonFinite() {
    var report = ReportFixture.codingAgent()
    report.latency.meanMilliseconds = .nan
    #expect(throws: EncodingError.self) { try ReportRenderer.renderJSON(report) }
  }

  @Test("summary.csv: one header and one row of headline metrics")
  func summaryCSV() throws {
    let records = Self.records(ReportRenderer.summaryCSV(ReportFixture.codingAgent()))
    #expect(records.count == 2)
    #expect(
      records[0]
        == "workflow,workflow_digest,tool_version,seed,sessions,warmup_sessions,events,"
        + "simulated_seconds,placement,mean_ms,p50_ms,p90_ms,p95_ms,p99_ms,p999_ms,max_ms,"
        + "ttft_mean_ms,ttft_p50_ms,ttft_p90_ms,ttft_p95_ms,ttft_p99_ms,ttft_p999_ms,ttft_max_ms,"
        + "throughput_sessions_per_second,device_energy_joules_per_session,"
        + "cost_dollars_per_session,budget_met,verdict")
    #expect(
      records[1].hasPrefix(
        "coding-agent,9f3a1c2e4b5d6e7f,0.1.0,42,10000,500,48213554,2113.400,"
          + "plan=edge-a10;retrieve=device;code=region-h100;run-tests=tools;review=region-h100;"
          + "fix=region-h100;summarize=edge-a10;escalate=region-h100,3033.000,2784.960,"))
    #expect(records[1].contains(",4.731712,3.184000,0.000312700,false,"))
    #expect(
      records[1].hasSuffix(
        ",\"p99 6.83 s misses the 6 s budget by 831 ms; 40% of the tail is queueing, mostly at region-h100 (utilization 0.87)\""
      ))
  }

  @Test("histogram.csv: every bin with its cumulative fraction")
  func histogramCSV() throws {
    let report = ReportFixture.codingAgent()
    let records = Self.records(ReportRenderer.histogramCSV(report))
    #expect(records[0] == "lower_ms,upper_ms,count,cumulative_fraction")
    #expect(records.count == report.histogram.count + 1)
    #expect(records[1] == "100.000,125.893,0,0.000000")
    #expect(records[15] == "2511.886,3162.278,2642,0.644500")
    #expect(records.last?.hasSuffix(",0,1.000000") == true)
  }

  @Test("steps.csv: one row per step and component")
  func stepsCSV() {
    let report = ReportFixture.codingAgent()
    let records = Self.records(ReportRenderer.stepsCSV(report))
    #expect(records[0] == "step,site,executions_per_session,component,mean_ms,tail_ms")
    #expect(records.count == report.steps.count * LatencyComponent.allCases.count + 1)
    #expect(records[1] == "plan,edge-a10,1.0000,network,38.000,114.000")
    #expect(records.contains("code,region-h100,2.6000,queueing,260.000,1664.000"))
  }

  @Test("sites.csv: one row per site")
  func sitesCSV() {
    let records = Self.records(ReportRenderer.sitesCSV(ReportFixture.codingAgent()))
    #expect(
      records == [
        "site,tier,utilization,mean_batch_size,mean_queue_ms,tokens_per_second,overloaded,"
          + "capacity_in_use,condition,mean_tool_wait_ms,prefix_cache_hits,prefix_cache_misses,"
          + "prefix_cache_hit_rate,prefix_cache_evicted_tokens,prefix_cache_reprefilled_tokens",
        "edge-a10,edge,0.4600,6.200,16.400,2140.500,false,0.4600,normal,,,,,,",
        "region-h100,region,0.8700,31.500,118.200,18402.900,false,0.8700,busy,,,,,,",
        "tools,region,0.5800,0.000,0.000,0.000,false,0.5800,normal,12.500,,,,,",
      ])
  }

  @Test("fields with commas, quotes or newlines are quoted per RFC 4180")
  func quoting() {
    var report = ReportFixture.codingAgent()
    report.steps[0].step = "plan, then \"think\""
    report.steps[0].site = "edge\nsite"
    let csv = ReportRenderer.stepsCSV(report)
    #expect(csv.contains("\n\"plan, then \"\"think\"\"\",\"edge\nsite\",1.0000,network,"))
  }
}
