import Foundation
import Testing

@testable import AgentSim

/// `SiteLinks` decides every link check: the decoder's (one link, or a chain from the device) and
/// the placement check's (a chain from the orchestrator).
@Suite("Link checks in one place")
struct SiteLinksTests {
  static func link(_ a: String, _ b: String) -> LinkDefinition {
    LinkDefinition(between: a, and: b, rttMedianMilliseconds: 1)
  }

  @Test("one link joins; a chain connects; a site is connected to itself")
  func joinsAndConnects() {
    let links = SiteLinks([Self.link("phone", "edge"), Self.link("region", "edge")])
    #expect(links.joins("edge", "phone"))
    #expect(!links.joins("phone", "region"))
    #expect(links.connects("region", "phone"))
    #expect(!links.connects("phone", "island"))
    #expect(links.connects("island", "island"))
    #expect(!SiteLinks([]).connects("phone", "edge"))
  }

  @Test("the placement check asks it: a --placement at an unlinked site, with the check's words")
  func placementAtUnlinkedSite() throws {
    let text = WorkflowResolutionTests.text(
      edge: #"}, "island": {"tier": "region", "hardware": "h100-sxm", "serves": ["small"]"#)
    let resolved = try WorkflowResolutionTests.resolve(text)
    _ = try resolved.check()
    let error = try #require(throws: DiagnosticError.self) {
      _ = try resolved.check(placement: ["plan": "island"])
    }
    #expect(
      error.diagnostics.map(\.description) == [
        "resolve.json: error: $.steps[1].llm: step 'plan' runs at 'island', but no chain of "
          + "links connects 'phone' and 'island'; add {\"between\": [\"phone\", \"island\"], "
          + "\"rtt_median_ms\": …} to \"links\""
      ])
  }
}
