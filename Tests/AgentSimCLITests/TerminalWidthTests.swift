import AgentSim
import AgentSimCLI
import Foundation
import Testing

/// Terminal renderings follow `COLUMNS`, and narrowing never cuts a number.
@Suite("terminal width")
struct TerminalWidthTests {
  static func run(_ arguments: [String], columns: String?) -> (AgentSimCLI.ExitStatus, String) {
    let captured = CapturedOutput()
    let base = captured.context(in: RunCommandTests.root)
    var environment = ["LANG": "C.UTF-8"]
    environment["COLUMNS"] = columns
    let context = CommandContext(
      writeOutput: base.writeOutput, writeError: base.writeError, environment: environment,
      isOutputTerminal: false, isErrorTerminal: false, currentDirectory: RunCommandTests.root)
    return (AgentSimTool.main(arguments: arguments, context: context), captured.output)
  }

  @Test("explain at 52 columns narrows names to fit and keeps every digit")
  func explainNarrow() throws {
    let (status, narrow) = Self.run(
      ["explain", "workflows/multi-agent-research.json"], columns: "52")
    #expect(status == .success)
    let (_, standard) = Self.run(["explain", "workflows/multi-agent-research.json"], columns: nil)
    let lines = narrow.split(separator: "\n")
    #expect(lines.allSatisfy { TextLayoutProbe.width($0) <= 52 }, "\(narrow)")
    // The total keeps every digit; what did not fit is named.
    let total = { (text: String) in
      text.split(separator: "\n").first { $0.hasPrefix("total") }?.split(separator: " ").last
    }
    #expect(total(narrow) != nil && total(narrow) == total(standard))
    #expect(narrow.contains("note: 52 columns leave no room for runs"))
    // At 60 columns closing the gaps to one space is enough: no column is dropped.
    let (_, sixty) = Self.run(["explain", "workflows/multi-agent-research.json"], columns: "60")
    #expect(!sixty.contains("leave no room"), "\(sixty)")
    #expect(!standard.contains("leave no room"))
    #expect(standard.contains("write-report  lead-pool"))
  }

  @Test("COLUMNS wider than 80 lets long names through; without it, 80 columns")
  func detect() {
    #expect(TerminalWidth.detect(environment: ["COLUMNS": "132"], isTerminal: false) == 132)
    #expect(TerminalWidth.detect(environment: ["COLUMNS": "20"], isTerminal: false) == 40)
    #expect(TerminalWidth.detect(environment: [:], isTerminal: false) == 80)
    #expect(TerminalWidth.detect(environment: ["COLUMNS": "wide"], isTerminal: false) == 80)
  }
}

/// Display width as the renderers count it (one column per character here: the explain table
/// is ASCII apart from the ellipsis).
enum TextLayoutProbe {
  static func width(_ line: Substring) -> Int { line.count }
}
