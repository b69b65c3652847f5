import AgentSim
import Foundation
import Testing

/// Diagnostics of `prefix_cache`, `routing` and the hosted prompt-cache prices, in the table format
/// of `WorkflowDiagnosticsTests`.
@Suite("Prefix cache diagnostics")
struct PrefixCacheDiagnosticsTests {
  /// The base workflow with the edge site's object ending in `extra` fields.
  static func edge(_ name: String, _ extra: String, _ expected: String...) -> DiagnosticCase {
    DiagnosticCase(
      name: name,
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""edge": {"tier": "edge", "hardware": "h", "serves": ["small"]}"#,
        with: #""edge": {"tier": "edge", "hardware": "h", "serves": ["small"]"# + extra + "}")
        + "\n" + DiagnosticCase.llm() + "\n]}\n",
      expected: expected)
  }

  static let cases: [DiagnosticCase] = [
    edge(
      "unknown prefix cache key: the known keys",
      #", "prefix_cache": {"ttl": 30}"#,
      "t.json:1:244: error: $.sites.edge.prefix_cache.ttl: unknown key 'ttl'; expected one of "
        + "'capacity_gb', 'policy', 'ttl_s', 'host_gb', 'host_link_gb_per_s'"),
    edge(
      "a negative capacity",
      #", "prefix_cache": {"capacity_gb": -1}"#,
      "t.json:1:259: error: $.sites.edge.prefix_cache.capacity_gb: expected a number in "
        + "[1e-06, 100000], found -1"),
    edge(
      "an unknown eviction policy",
      #", "prefix_cache": {"policy": "lfu"}"#,
      "t.json:1:254: error: $.sites.edge.prefix_cache.policy: expected one of 'lru', found "
        + "\"lfu\"; did you mean 'lru'?"),
    edge(
      "an unknown routing",
      #", "routing": "round-robin""#,
      "t.json:1:238: error: $.sites.edge.routing: expected one of 'least-loaded', "
        + "'prefix-affinity', found \"round-robin\""),
    edge(
      "an affinity bound without affinity routing",
      #", "affinity_queue_limit": 4"#,
      "t.json:1:227: error: $.sites.edge.affinity_queue_limit: 'affinity_queue_limit' bounds "
        + "prefix-affinity routing, but the site routes least-loaded; add \"routing\": "
        + "\"prefix-affinity\", or remove 'affinity_queue_limit'"),
    edge(
      "a host link without a host tier",
      #", "prefix_cache": {"host_link_gb_per_s": 25}"#,
      "t.json:1:244: error: $.sites.edge.prefix_cache.host_link_gb_per_s: 'host_link_gb_per_s' "
        + "is the bandwidth of the host-memory tier, but there is no 'host_gb'; add "
        + "\"host_gb\", or remove 'host_link_gb_per_s'"),
    DiagnosticCase(
      name: "a prefix cache on the device",
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""dev": {"tier": "device", "hardware": "h", "serves": ["small"]}"#,
        with:
          #""dev": {"tier": "device", "hardware": "h", "serves": ["small"], "prefix_cache": {}}"#
      ) + "\n" + DiagnosticCase.llm() + "\n]}\n",
      expected: [
        "t.json:1:163: error: $.sites.dev.prefix_cache: a device-tier site has no "
          + "'prefix_cache': every session has its own device, which keeps its conversation; "
          + "remove 'prefix_cache', or use tier 'edge' for a shared pool"
      ]),
    DiagnosticCase(
      name: "a capacity on a hosted API's prompt cache, and a negative cached price",
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""edge": {"tier": "edge", "hardware": "h", "serves": ["small"]}"#,
        with:
          #""edge": {"tier": "region", "hosted_api": {"ttft_ms": 300, "per_token_ms": 20, "cached_input_price_per_million": -1}, "serves": ["small"], "prefix_cache": {"capacity_gb": 10}}"#
      ) + "\n" + DiagnosticCase.llm() + "\n]}\n",
      expected: [
        "t.json:1:276: error: $.sites.edge.hosted_api.cached_input_price_per_million: expected a "
          + "number in [0, 1000000], found -1",
        "t.json:1:319: error: $.sites.edge.prefix_cache.capacity_gb: a hosted API's prompt cache "
          + "has no 'capacity_gb': the API is a black box; keep only 'ttl_s' (and 'policy')",
      ]),
  ]

  @Test("prints the exact diagnostics", arguments: cases)
  func diagnostics(_ testCase: DiagnosticCase) {
    do {
      _ = try Workflow.decode(from: Data(testCase.text.utf8), file: "t.json")
      Issue.record("expected diagnostics, but the workflow decoded")
    } catch {
      #expect(error.diagnostics.map(\.description) == testCase.expected)
    }
  }

  @Test("a full prefix cache, affinity routing and hosted cache prices decode")
  func decodes() throws {
    let text =
      DiagnosticCase.header.replacingOccurrences(
        of: #""edge": {"tier": "edge", "hardware": "h", "serves": ["small"]}"#,
        with:
          #""edge": {"tier": "edge", "hardware": "h", "serves": ["small"], "prefix_cache": {"capacity_gb": 20, "policy": "lru", "ttl_s": 600, "host_gb": 100, "host_link_gb_per_s": 50}, "routing": "prefix-affinity", "affinity_queue_limit": 3}, "api": {"tier": "region", "hosted_api": {"ttft_ms": 300, "per_token_ms": 20, "cached_input_price_per_million": 0.3, "cache_write_price_per_million": 3.75, "cached_ttft_ms": 100}, "serves": ["small"]}"#
      ) + "\n" + DiagnosticCase.llm() + "\n]}\n"
    let workflow = try Workflow.decode(from: Data(text.utf8), file: "t.json")
    let edge = try #require(workflow.sites.first { $0.name == "edge" })
    #expect(
      edge.prefixCache
        == PrefixCacheDefinition(
          capacityGigabytes: 20, policy: .lru, ttlSeconds: 600, hostGigabytes: 100,
          hostLinkGigabytesPerSecond: 50))
    #expect(edge.routing == .prefixAffinity && edge.affinityQueueLimit == 3)
    let api = try #require(workflow.sites.first { $0.name == "api" })
    guard case .hostedAPI(let hosted) = api.backend else {
      Issue.record("api is not a hosted API")
      return
    }
    #expect(hosted.cachedInputPricePerMillion == 0.3 && hosted.cacheWritePricePerMillion == 3.75)
    #expect(hosted.describesPromptCache)
  }
}
