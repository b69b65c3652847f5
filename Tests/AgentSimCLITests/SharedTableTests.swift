import AgentSim
import AgentSimCLI
import Foundation
import Testing

/// `catalog`, `estimate` and `bench` render through the shared table code, like `run` and
/// `explain`: they follow `COLUMNS`, fall back to ASCII, and use the reports' number formats.
@Suite("catalog, estimate and bench tables")
struct SharedTableTests {
  static func run(_ arguments: [String], environment: [String: String]) -> (
    AgentSimCLI.ExitStatus, String
  ) {
    let captured = CapturedOutput()
    let base = captured.context(in: RunCommandTests.root)
    let context = CommandContext(
      writeOutput: base.writeOutput, writeError: base.writeError, environment: environment,
      isOutputTerminal: false, isErrorTerminal: false, currentDirectory: RunCommandTests.root)
    return (AgentSimTool.main(arguments: arguments, context: context), captured.output)
  }

  static let commands: [[String]] = [
    ["catalog"],
    [
      "estimate", "--hardware", "h100-sxm", "--model", "llama-3.1-405b", "--accelerators", "2",
      "--prompt-tokens", "1000", "--output-tokens", "300",
    ],
    ["bench", "--smoke", "--only", "hold-1000"],
  ]

  @Test("without a UTF-8 locale every line is ASCII", arguments: SharedTableTests.commands)
  func asciiFallback(_ arguments: [String]) {
    let (status, output) = Self.run(arguments, environment: [:])
    #expect(status == .success)
    let isASCII = output.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(isASCII, "\(arguments[0]): \(output.prefix(400))")
    let (_, unicode) = Self.run(arguments, environment: ["LANG": "C.UTF-8"])
    if arguments[0] == "catalog" { #expect(unicode.contains("η_mem")) }
  }

  @Test("every line fits COLUMNS=60", arguments: SharedTableTests.commands)
  func narrowTerminal(_ arguments: [String]) {
    let (status, output) = Self.run(arguments, environment: ["LANG": "C.UTF-8", "COLUMNS": "60"])
    #expect(status == .success)
    let long = output.split(separator: "\n").filter { $0.count > 60 }
    #expect(long.isEmpty, "\(arguments[0]): \(long.prefix(3))")
  }

  @Test("estimate uses the reports' formats and totals nothing without tokens")
  func estimateFormats() {
    let (_, call) = Self.run(
      [
        "estimate", "--hardware", "h100-sxm", "--model", "llama-3.1-8b", "--prompt-tokens", "500",
        "--output-tokens", "200",
      ], environment: ["LANG": "C.UTF-8"])
    // A total past a second is said in seconds with three significant digits ("1.57 s"), never
    // as four-digit milliseconds ("1574 ms").
    let total = call.split(separator: "\n").first { $0.contains("  total ") }.map(String.init) ?? ""
    #expect(
      total.range(of: #"total +[0-9]\.[0-9]{2} s$"#, options: .regularExpression) != nil, "\(call)")
    #expect(call.range(of: #"[0-9]{4} ms"#, options: .regularExpression) == nil)
    #expect(call.contains("131,072 B"))
    let (_, empty) = Self.run(
      ["estimate", "--hardware", "h100-sxm", "--model", "llama-3.1-8b"],
      environment: ["LANG": "C.UTF-8"])
    #expect(!empty.contains("  total "), "\(empty)")
    #expect(!empty.contains("0.00 ms"))
    #expect(empty.contains("no call to total"))
  }

  @Test("estimate's default precision is the workflows' (bf16), even where the hardware lists fp16")
  func estimateDefaultPrecision() throws {
    let arguments = [
      "estimate", "--hardware", "apple-a17-pro", "--model", "llama-3.2-1b", "--output-tokens", "10",
      "--format", "json",
    ]
    let (_, implicit) = Self.run(arguments, environment: [:])
    let (_, explicit) = Self.run(
      arguments + ["--precision", ModelBinding.defaultPrecision.rawValue], environment: [:])
    #expect(implicit == explicit)
    let object = try JSONSerialization.jsonObject(with: Data(implicit.utf8)) as? [String: Any]
    #expect(object?["precision"] as? String == "bf16")
  }
}
