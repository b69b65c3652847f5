import AgentSim
import Foundation
import Testing

/// "did you mean" that knows model and hardware families, the YAML hint, and number formats.
@Suite("names and messages")
struct NameSuggestionTests {
  @Test("a family name suggests its members; a typo still gets its nearest name")
  func families() throws {
    let hardware = Catalog.builtIn.hardware.map(\.name)
    let h100 = NearestName.suggestions(for: "h100", among: hardware)
    #expect(h100.contains("h100-sxm") && h100.contains("h100-pcie"), "\(h100)")
    let models = Catalog.builtIn.models.map(\.name)
    #expect(NearestName.suggestions(for: "llama-3-70b", among: models).contains("llama-3.1-70b"))
    #expect(NearestName.suggestions(for: "h100-sxn", among: hardware) == ["h100-sxm"])
    #expect(NearestName.suggestions(for: "zzz-unknown", among: hardware).isEmpty)
    #expect(NearestName.didYouMean(["a", "b", "c"]) == "did you mean 'a', 'b' or 'c'?")
    let error = #expect(throws: Diagnostic.self) { try Catalog.builtIn.hardware(named: "h100") }
    #expect(error?.suggestion?.contains("'h100-sxm'") == true)
  }

  @Test("a workflow with an unknown model family member is told the family")
  func workflowReference() throws {
    let text = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("workflows/voice-assistant.json"), encoding: .utf8
    ).replacingOccurrences(of: "\"hardware\": \"l40s\"", with: "\"hardware\": \"h100\"")
    let error = #expect(throws: DiagnosticError.self) {
      try Workflow.decode(
        from: Data(text.utf8), file: "w.json", names: CatalogNames(Catalog.builtIn))
    }
    let message = error?.diagnostics.map(\.description).joined(separator: "\n") ?? ""
    #expect(message.contains("did you mean 'h100-pcie'") || message.contains("'h100-sxm'"))
  }

  @Test("a YAML file gets a hint that agentsim reads JSON; a JSON typo does not")
  func yamlHint() {
    let yaml = #expect(throws: DiagnosticError.self) {
      try JSONParser.parse("# a workflow\nversion: 1\nname: x\n", file: "w.yaml")
    }
    #expect(yaml?.diagnostics.first?.suggestion?.contains("looks like YAML") == true)
    let json = #expect(throws: DiagnosticError.self) {
      try JSONParser.parse("{\"version\": 1,, }", file: "w.json")
    }
    #expect(json?.diagnostics.first?.suggestion == nil)
  }

  @Test("joules: three significant digits, grouped from a thousand")
  func joules() {
    #expect(DisplayFormat.joules(0) == "0 J")
    #expect(DisplayFormat.joules(1.5432) == "1.54 J")
    #expect(DisplayFormat.joules(1_356.4) == "1,356 J")
  }
}
