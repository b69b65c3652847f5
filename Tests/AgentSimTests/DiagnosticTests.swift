import AgentSim
import Testing

@Suite("Diagnostics")
struct DiagnosticTests {
  @Test("prints in the compiler's file:line:column format")
  func format() {
    let diagnostic = Diagnostic(
      file: "coding-agent.json", line: 14, column: 9, path: "$.steps[2].llm.output_tokens",
      message: "expected a positive number, found -3")
    #expect(
      diagnostic.description
        == "coding-agent.json:14:9: error: $.steps[2].llm.output_tokens: "
        + "expected a positive number, found -3")
  }

  @Test("omits unknown parts and appends the suggestion")
  func partial() {
    let diagnostic = Diagnostic(
      path: "$.lod", message: "unknown key 'lod'", suggestion: "did you mean 'load'?")
    #expect(diagnostic.description == "error: $.lod: unknown key 'lod'; did you mean 'load'?")
  }

  @Test(
    "suggests the nearest name only when it is a plausible typo",
    arguments: [
      ("sesions", "sessions"), ("SEED", "seed"), ("placment", "placement"), ("zzz", nil),
      ("format", "format"),
    ] as [(String, String?)])
  func nearest(name: String, expected: String?) {
    let known = ["sessions", "seed", "placement", "format", "set"]
    #expect(NearestName.suggestion(for: name, among: known) == expected)
  }
}
