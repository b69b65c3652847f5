import Foundation
import Testing

@testable import AgentSim

/// `SiteLinks` decides every link check, with one rule (a chain of links, as the simulator
/// routes): the decoder's and the placement check's.
@Suite("Link checks in one place")
struct SiteLinksTests {
  static func link(_ a: String, _ b: String) -> LinkDefinition {
    LinkDefinition(between: a, and: b, rttMedianMilliseconds: 1)
  }

  @Test("one link or a chain connects; a site is connected to itself")
  func connects() {
    let links = SiteLinks([Self.link("phone", "edge"), Self.link("region", "edge")])
    #expect(links.connects("edge", "phone"))
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

  /// A laptop, a tool-only edge box and a region, linked laptop–edge and edge–region only: a
  /// transfer and a speculative step between the laptop and the region cross two links.
  static func chained(links: String = Self.chainLinks) -> String {
    """
    {
      "version": 1, "name": "chain",
      "models": {"draft": {"model": "llama-3.2-1b", "precision": "q4"},
                 "target": {"model": "llama-3.1-8b", "precision": "fp16"}},
      "sites": {
        "laptop": {"tier": "device", "hardware": "apple-m4-max", "serves": ["draft"]},
        "edge": {"tier": "edge", "hardware": "l40s"},
        "region": {"tier": "region", "hardware": "h100-sxm", "serves": ["target"]}
      },
      "links": [\(links)],
      "load": {"arrival": "closed", "concurrency": 1, "sessions": 20},
      "steps": [
        {"transfer": {"name": "upload", "from": "laptop", "to": "region", "bytes": 1000000}},
        {"speculative": {"name": "answer", "draft_model": "draft", "draft_site": "laptop",
                         "target_model": "target", "target_site": "region", "draft_tokens": 4,
                         "acceptance_rate": 0.7, "prompt_tokens": 100, "output_tokens": 50}}
      ]
    }
    """
  }

  static let chainLinks =
    #"{"between": ["laptop", "edge"], "rtt_median_ms": 8, "uplink_mbps": 100, "#
    + #""downlink_mbps": 100}, {"between": ["edge", "region"], "rtt_median_ms": 15, "#
    + #""uplink_mbps": 1000, "downlink_mbps": 1000}"#

  @Test("a transfer and a speculative step across a chain of links: decoded, checked, routed")
  func chainedTransferAndSpeculative() throws {
    let loaded = try WorkflowLoader.load(data: Data(Self.chained().utf8), file: "chain.json")
    #expect(loaded.placementProblems() == [])
    let scenario = try loaded.scenario()
    let laptop = try #require(scenario.sites.firstIndex { $0.name == "laptop" })
    let region = try #require(scenario.sites.firstIndex { $0.name == "region" })
    // The route the simulator sends the bytes and the tokens on: both links, in order.
    let route = scenario.routes.route(from: laptop, to: region)
    #expect(route == [RouteHop(link: 0, isUplink: true), RouteHop(link: 1, isUplink: true)])
  }

  @Test("sites no chain connects: the decoder's error, once per pair, with the chain's words")
  func unconnectedTransfer() throws {
    let links =
      #"{"between": ["laptop", "edge"], "rtt_median_ms": 8, "uplink_mbps": 100, "#
      + #""downlink_mbps": 100}"#
    let error = try #require(throws: DiagnosticError.self) {
      _ = try WorkflowLoader.load(data: Data(Self.chained(links: links).utf8), file: "chain.json")
    }
    #expect(
      error.diagnostics.map(\.description) == [
        "chain.json:13:61: error: $.steps[0].transfer.to: no chain of links joins the device "
          + "site 'laptop' to 'region'; add {\"between\": [\"laptop\", \"region\"], …} to $.links"
      ])
  }
}
