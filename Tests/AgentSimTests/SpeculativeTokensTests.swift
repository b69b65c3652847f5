import AgentSim
import Foundation
import Testing

/// A speculative step's target produces its answer in verifying passes, which are prefills of the
/// drafts: the site table's tokens/s must count the tokens those passes accept.
@Suite struct SpeculativeTokensTests {
  /// The shipped example with a fixed answer length, drafting `on` or `off` (a plain call of the
  /// target), simulated with a seed.
  static func report(speculative: String) throws -> LatencyReport {
    let loaded = try WorkflowLoader.load(
      contentsOf: OptimizeSearchTests.root.appendingPathComponent(
        "workflows/speculative-decoding.json"), file: "speculative-decoding.json",
      overrides: [
        "steps.answer.speculative=\(speculative)", "steps.answer.output_tokens=200",
        "load.sessions=300", "load.warmup_sessions=0",
      ])
    return WorkflowSimulation.run(try loaded.scenario(), seed: 5)
  }

  @Test(
    "the target site's tokens/s counts accepted drafts: as many tokens per session as a plain call")
  func verifiedTokensCount() throws {
    let on = try Self.report(speculative: "on")
    let off = try Self.report(speculative: "off")
    let region = { (report: LatencyReport) throws -> Double in
      try #require(report.sites.first { $0.site == "region" }).tokensPerSecond
    }
    // Tokens per session at the target, in both runs: its tokens/s over the sessions/s.
    let perSessionOn = try region(on) / on.throughputSessionsPerSecond
    let perSessionOff = try region(off) / off.throughputSessionsPerSecond
    #expect(abs(perSessionOff / 200 - 1) < 0.1, "\(perSessionOff)")
    #expect(abs(perSessionOn / perSessionOff - 1) < 0.1, "on \(perSessionOn), off \(perSessionOff)")
  }
}
