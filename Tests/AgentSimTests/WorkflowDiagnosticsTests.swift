import AgentSim
import Foundation
import Testing

/// One row of the diagnostics table: a workflow text and every diagnostic it must produce.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
  var name: String
  var text: String
  var expected: [String]

  var testDescription: String { name }

  /// A case whose only step (on line 2) is `step`, in a world with a device `dev` and an edge
  /// site `edge` (both serving `small`; nothing serves `big`) joined by a link.
  static func step(_ name: String, _ step: String, _ expected: String...) -> DiagnosticCase {
    DiagnosticCase(name: name, text: header + "\n" + step + "\n]}\n", expected: expected)
  }

  static let header =
    #"{"version": 1, "name": "t", "models": {"small": {"model": "m"}, "big": {"model": "m"}}, "#
    + #""sites": {"dev": {"tier": "device", "hardware": "h", "serves": ["small"]}, "#
    + #""edge": {"tier": "edge", "hardware": "h", "serves": ["small"]}}, "#
    + #""links": [{"between": ["dev", "edge"], "rtt_median_ms": 10, "uplink_mbps": 10, "#
    + #""downlink_mbps": 10}], "load": {"arrival": "poisson", "rate_per_s": 1}, "steps": ["#

  /// An `llm` step named `a` at `edge`, with `extra` fields appended.
  static func llm(_ extra: String = "", name: String = "a") -> String {
    #"{"llm": {"name": ""# + name
      + #"", "model": "small", "site": "edge", "prompt_tokens": 1, "output_tokens": 5"# + extra
      + "}}"
  }
}

@Suite("Workflow diagnostics")
struct WorkflowDiagnosticsTests {
  static let cases: [DiagnosticCase] = [
    .step(
      "unknown key with a suggestion, and the missing key it was meant to be",
      #"{"llm": {"name": "a", "model": "small", "site": "edge", "prompt_tokens": 1, "output_token": 5}}"#,
      "t.json:2:9: error: $.steps[0].llm: missing required key 'output_tokens'",
      "t.json:2:77: error: $.steps[0].llm.output_token: unknown key 'output_token'; "
        + "did you mean 'output_tokens'?"),
    .step(
      "wrong type",
      #"{"llm": {"name": "a", "model": "small", "site": "edge", "prompt_tokens": "many", "output_tokens": 5}}"#,
      "t.json:2:74: error: $.steps[0].llm.prompt_tokens: expected an integer in 0...10000000 or a "
        + "distribution, found \"many\""),
    .step(
      "negative tokens",
      #"{"llm": {"name": "a", "model": "small", "site": "edge", "prompt_tokens": 1, "output_tokens": -3}}"#,
      "t.json:2:94: error: $.steps[0].llm.output_tokens: expected an integer in 1...10000000, "
        + "found -3"),
    .step(
      "probability above 1",
      #"{"branch": {"name": "b", "options": [{"probability": 1.5, "step": "# + DiagnosticCase.llm()
        + "}]}}",
      "t.json:2:54: error: $.steps[0].branch.options[0].probability: expected a probability in "
        + "[0, 1], found 1.5"),
    .step(
      "branch probabilities summing above 1",
      #"{"branch": {"name": "b", "options": [{"probability": 0.6, "step": "#
        + DiagnosticCase.llm() + #"}, {"probability": 0.6, "step": "#
        + DiagnosticCase.llm(name: "c") + "}]}}",
      "t.json:2:37: error: $.steps[0].branch.options: branch probabilities sum to 1.2, more than "
        + "1; the probabilities of a branch's options sum to at most 1; the remainder does nothing"),
    .step(
      "unknown site with a suggestion",
      #"{"llm": {"name": "a", "model": "small", "site": "edgee", "prompt_tokens": 1, "output_tokens": 5}}"#,
      "t.json:2:49: error: $.steps[0].llm.site: unknown site 'edgee'; did you mean 'edge'?"),
    .step(
      "unknown model alias with a suggestion",
      #"{"llm": {"name": "a", "model": "smal", "site": "edge", "prompt_tokens": 1, "output_tokens": 5}}"#,
      "t.json:2:32: error: $.steps[0].llm.model: unknown model alias 'smal'; did you mean 'small'?"),
    .step(
      "a candidate site that does not serve the model",
      #"{"llm": {"name": "a", "model": "big", "site": "edge", "prompt_tokens": 1, "output_tokens": 5}}"#,
      "t.json:2:47: error: $.steps[0].llm.site: site 'edge' does not serve model 'big'; "
        + "add 'big' to $.sites.edge.serves"),
    .step(
      "a pin inconsistent with a candidate's tier",
      #"{"llm": {"name": "a", "model": "small", "site": ["dev", "edge"], "pin": "device", "prompt_tokens": 1, "output_tokens": 5}}"#,
      "t.json:2:57: error: $.steps[0].llm.site[1]: site 'edge' is on the 'edge' tier, but the "
        + "step is pinned to 'device'; use 'dev', or remove 'pin' if the step may leave the "
        + "'device' tier"),
    .step(
      "duplicate step name, with the first definition's location",
      #"{"sequence": {"name": "a", "steps": ["# + DiagnosticCase.llm() + "]}}",
      "t.json:2:55: error: $.steps[0].sequence.steps[0].llm.name: duplicate step name 'a' (first "
        + "defined at line 2, column 23); step names are unique in a workflow"),
    .step(
      "unbounded loop",
      #"{"loop": {"name": "l", "repeat_probability": 0.5, "body": "# + DiagnosticCase.llm() + "}}",
      "t.json:2:10: error: $.steps[0].loop: unbounded loop: 'repeat_probability' needs "
        + "'max_iterations'; add \"max_iterations\": n with n at most 10000"),
    .step(
      "a loop with a distribution count and no bound",
      #"{"loop": {"name": "l", "count": {"exponential": {"mean": 5}}, "body": "#
        + DiagnosticCase.llm() + "}}",
      "t.json:2:10: error: $.steps[0].loop: unbounded loop: a distribution 'count' needs "
        + "'max_iterations'; add \"max_iterations\": n with n at most 10000"),
    .step(
      "a loop with both a count and a probability",
      #"{"loop": {"name": "l", "count": 2, "repeat_probability": 0.5, "max_iterations": 3, "body": "#
        + DiagnosticCase.llm() + "}}",
      "t.json:2:36: error: $.steps[0].loop.repeat_probability: a loop has either 'count', or "
        + "'repeat_probability' with 'max_iterations', not both"),
    .step(
      "nested loops that run too many steps per session",
      #"{"loop": {"name": "outer", "count": 10000, "body": {"loop": {"name": "inner", "count": 200, "body": "#
        + DiagnosticCase.llm() + "}}}}",
      "t.json:1:389: error: $.steps: one session can run up to 2,000,000 steps; at most 1,000,000 "
        + "are allowed; lower the loop counts or 'max_iterations'"),
    .step(
      "join.first larger than the number of parallel steps",
      #"{"parallel": {"name": "p", "join": {"first": 2}, "steps": ["# + DiagnosticCase.llm()
        + "]}}",
      "t.json:2:46: error: $.steps[0].parallel.join.first: join.first is 2, but the parallel step "
        + "has only 1 step; use \"first\": 1 (or \"join\": \"all\"), or add steps to wait for"),
    .step(
      "a transfer from a site to itself",
      #"{"transfer": {"name": "x", "from": "edge", "to": "edge", "bytes": 100}}"#,
      "t.json:2:50: error: $.steps[0].transfer.to: a transfer moves bytes between two different "
        + "sites, found 'edge' twice"),
    .step(
      "lognormal p99 below its median",
      #"{"tool": {"name": "t", "site": "dev", "duration_ms": {"lognormal": {"median": 50, "p99": 20}}}}"#,
      "t.json:2:90: error: $.steps[0].tool.duration_ms.lognormal.p99: expected 'p99' greater than "
        + "the median (50), found 20"),
    .step(
      "unknown distribution kind with a suggestion",
      #"{"tool": {"name": "t", "site": "dev", "duration_ms": {"lognormel": {"median": 50, "p99": 80}}}}"#,
      "t.json:2:55: error: $.steps[0].tool.duration_ms.lognormel: unknown key 'lognormel'; did "
        + "you mean 'lognormal'?"),
    .step(
      "a step with two kinds",
      #"{"llm": {}, "tool": {}}"#,
      "t.json:2:13: error: $.steps[0].tool: a step has exactly one kind, found both 'llm' and "
        + "'tool'; wrap them in a 'sequence' or 'parallel' step"),
    .step(
      "a Boolean of the wrong type",
      DiagnosticCase.llm(#", "visible": "yes""#),
      "t.json:2:108: error: $.steps[0].llm.visible: expected true or false, found \"yes\""),
    .step(
      "an unknown fallback site",
      DiagnosticCase.llm(#", "on_outage": {"fallback": "devv"}"#),
      "t.json:2:123: error: $.steps[0].llm.on_outage.fallback: unknown site 'devv'; did you mean "
        + "'dev'?"),
    .step(
      "syntax error with line and column",
      #"{"tool": {"name": "t", "site": "dev" "duration_ms": 5}}"#,
      "t.json:2:38: error: expected ',' or '}' after object member, found '\"'"),
    .step(
      "duplicate key",
      #"{"tool": {"name": "t", "site": "dev", "duration_ms": 5, "duration_ms": 6}}"#,
      "t.json:2:57: error: $.steps[0].tool.duration_ms: duplicate key 'duration_ms' (first "
        + "defined at line 2, column 39)"),
    .step(
      "NaN",
      #"{"tool": {"name": "t", "site": "dev", "duration_ms": NaN}}"#,
      "t.json:2:54: error: $.steps[0].tool.duration_ms: NaN is not allowed: numbers must be "
        + "finite; use a finite number in the field's range (the Ranges table of the workflow "
        + "format article)"),
    DiagnosticCase(
      name: "a newer format version, reported alone",
      text: #"{"version": 2, "name": "t", "future_key": true}"#,
      expected: [
        "t.json:1:13: error: $.version: this file uses workflow format version 2, but this "
          + "agentsim (\(AgentSimVersion.current)) reads only version 1; upgrade agentsim, or "
          + "rewrite the file for version 1"
      ]),
    DiagnosticCase(
      name: "replicas on a device-tier site",
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""serves": ["small"]}, "edge""#,
        with: #""serves": ["small"], "replicas": 2}, "edge""#) + "\n" + DiagnosticCase.llm()
        + "\n]}\n",
      expected: [
        "t.json:1:163: error: $.sites.dev.replicas: a device-tier site has no 'replicas': every "
          + "session has its own single device; remove 'replicas', or use tier 'edge' for a "
          + "shared pool"
      ]),
    DiagnosticCase(
      name: "a price on a device-tier site",
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""serves": ["small"]}, "edge""#,
        with: #""serves": ["small"], "price_per_hour": 1}, "edge""#) + "\n" + DiagnosticCase.llm()
        + "\n]}\n",
      expected: [
        "t.json:1:163: error: $.sites.dev.price_per_hour: a device-tier site is not rented: the "
          + "user's device costs battery energy, not money; remove 'price_per_hour', or use tier "
          + "'edge' for a rented pool"
      ]),
    DiagnosticCase(
      name: "a negative price",
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""hardware": "h", "serves": ["small"]}}"#,
        with: #""hardware": "h", "serves": ["small"], "price_per_hour": -2}}"#) + "\n"
        + DiagnosticCase.llm() + "\n]}\n",
      expected: [
        "t.json:1:245: error: $.sites.edge.price_per_hour: expected a number in [0, 1000000], found -2"
      ]),
    DiagnosticCase(
      name: "a remote site not linked to the device",
      text: DiagnosticCase.header.replacingOccurrences(
        of:
          #""links": [{"between": ["dev", "edge"], "rtt_median_ms": 10, "uplink_mbps": 10, "downlink_mbps": 10}], "#,
        with: "") + "\n" + DiagnosticCase.llm() + "\n]}\n",
      expected: [
        "t.json:2:49: error: $.steps[0].llm.site: no chain of links joins the device site 'dev' to "
          + "'edge'; add {\"between\": [\"dev\", \"edge\"], …} to $.links"
      ]),
    DiagnosticCase(
      name: "hardware on a hosted API site",
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""edge": {"tier": "edge", "hardware": "h", "serves": ["small"]}"#,
        with:
          #""edge": {"tier": "region", "hardware": "h", "hosted_api": {"ttft_ms": 300, "per_token_ms": 20}, "serves": ["small"]}"#
      ) + "\n" + DiagnosticCase.llm() + "\n]}\n",
      expected: [
        "t.json:1:191: error: $.sites.edge.hardware: a hosted API site has no 'hardware': the API "
          + "is a black box; remove 'hardware', or remove 'hosted_api' to model hardware"
      ]),
    // Issue 12: numbers that used to be accepted and then overflowed the simulation.
    .step(
      "a tool duration beyond 30 days",
      #"{"tool": {"name": "t", "site": "edge", "duration_ms": 1e13}}"#,
      "t.json:2:55: error: $.steps[0].tool.duration_ms: invalid distribution: its largest "
        + "possible draw, 10000000000000, exceeds the maximum of 30 days (2592000000 ms); lower "
        + "its mean, median or spread"),
    .step(
      "a uniform whose maximum is 2^63",
      #"{"tool": {"name": "t", "site": "edge", "duration_ms": {"uniform": {"min": 1, "max": 9223372036854775808}}}}"#,
      "t.json:2:55: error: $.steps[0].tool.duration_ms: invalid distribution: its largest "
        + "possible draw, 9.223372036854776e+18, exceeds the maximum of 30 days (2592000000 ms); "
        + "lower its mean, median or spread"),
    .step(
      "a lognormal of output tokens with mu 700 (the speculative hang)",
      #"{"llm": {"name": "a", "model": "small", "site": "edge", "prompt_tokens": 1, "output_tokens": {"lognormal": {"mu": 700, "sigma": 1}}}}"#,
      "t.json:2:94: error: $.steps[0].llm.output_tokens: invalid distribution: its largest "
        + "possible draw, 3.7281517535877046e+307, exceeds the maximum of 10000000 tokens; lower "
        + "its mean, median or spread"),
    .step(
      "a lognormal of output tokens whose largest draw exceeds 10 million",
      #"{"llm": {"name": "a", "model": "small", "site": "edge", "prompt_tokens": 1, "output_tokens": {"lognormal": {"mu": 20, "sigma": 1}}}}"#,
      "t.json:2:94: error: $.steps[0].llm.output_tokens: invalid distribution: its largest "
        + "possible draw, 1783388195632.776, exceeds the maximum of 10000000 tokens; lower its "
        + "mean, median or spread"),
    .step(
      "token counts of 2^31",
      #"{"llm": {"name": "a", "model": "small", "site": "edge", "prompt_tokens": 2147483648, "output_tokens": 5}}"#,
      "t.json:2:74: error: $.steps[0].llm.prompt_tokens: expected an integer in 0...10000000, "
        + "found 2147483648"),
    DiagnosticCase(
      name: "a rate of 1e-9 per second, a 5e-324 ms RTT and an MTBF of 1e12 s",
      text: DiagnosticCase.header.replacingOccurrences(
        of: #""rate_per_s": 1"#, with: #""rate_per_s": 1e-9"#
      )
      .replacingOccurrences(
        of: #""rtt_median_ms": 10,"#,
        with: #""rtt_median_ms": 5e-324, "outage": {"mtbf_s": 1e12, "mttr_s": 1},"#)
        + "\n" + DiagnosticCase.llm() + "\n]}\n",
      expected: [
        "t.json:1:285: error: $.links[0].rtt_median_ms: expected 0 or a number in [0.001, "
          + "2592000000], found 5e-324",
        "t.json:1:314: error: $.links[0].outage.mtbf_s: expected a number in [0.01, 2592000], "
          + "found 1000000000000",
        "t.json:1:421: error: $.load.rate_per_s: expected a number in [1e-06, 1000000], found 1e-09",
        // The link that failed is the only problem reported about it: the step that needs it
        // says nothing more.
      ]),
    DiagnosticCase(
      name: "every problem of a file in one pass, in file order",
      text: """
        {
          "version": 1,
          "name": "Bad Name",
          "modles": {},
          "models": {"small": {"model": "m"}},
          "sites": {"edge": {"tier": "edge", "hardware": "h", "serves": ["smal"], "replicas": 0}},
          "load": {"arrival": "poison"},
          "steps": []
        }
        """,
      expected: [
        "t.json:3:11: error: $.name: expected a name of 1 to 64 lower-case letters, digits and "
          + "'-', found \"Bad Name\"",
        "t.json:4:3: error: $.modles: unknown key 'modles'; did you mean 'models'?",
        "t.json:6:66: error: $.sites.edge.serves[0]: unknown model alias 'smal'; did you mean "
          + "'small'?",
        "t.json:6:87: error: $.sites.edge.replicas: expected an integer in 1...10000, found 0",
        "t.json:7:23: error: $.load.arrival: expected one of 'poisson', 'closed', found "
          + "\"poison\"; did you mean 'poisson'?",
        "t.json:8:12: error: $.steps: expected at least one step, found an empty array",
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

  @Test("the base of the table decodes cleanly")
  func baseIsValid() throws {
    let text = DiagnosticCase.header + "\n" + DiagnosticCase.llm() + "\n]}\n"
    let workflow = try Workflow.decode(from: Data(text.utf8), file: "t.json")
    #expect(workflow.steps.map(\.name) == ["a"])
  }

  @Test("a file over 16 MiB: its size in grouped digits, and what makes files that large")
  func oversizedFile() {
    let data = Data(repeating: UInt8(ascii: " "), count: Workflow.maximumFileSize + 1)
    do {
      _ = try WorkflowLoader.load(data: data, file: "big.json")
      Issue.record("expected the size diagnostic")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == [
          "big.json: error: the file is 16,777,217 bytes; workflow files are at most 16,777,216 "
            + "bytes (16 MiB); summarize long 'empirical' sample lists as 'percentiles', or split "
            + "the file"
        ])
    }
  }
}
