import AgentSimCLI
import Testing

@Suite("Argument parsing")
struct ArgumentParsingTests {
  static let spec = CommandSpec(
    name: "run", abstract: "Run.",
    positionals: [PositionalSpec("workflow", help: "The workflow.")],
    options: [
      .value("sessions", "n", help: "Sessions.", default: "10000"),
      .value("set", "key=value", help: "Override.", repeatable: true),
      .flag("no-write", help: "Do not write."),
    ])

  @Test("reads positionals, values, repeated options and flags")
  func parses() throws {
    let parsed = try ParsedArguments(
      ["a.json", "--sessions", "1_000", "--set=x=1", "--set", "y=2", "--no-write"],
      spec: Self.spec)
    #expect(parsed.positionals == ["a.json"])
    #expect(try parsed.integer("sessions", default: 5) == 1000)
    #expect(parsed.strings("set") == ["x=1", "y=2"])
    #expect(parsed.flag("no-write"))
  }

  @Test(
    "rejects bad command lines with a precise message",
    arguments: [
      (["a.json", "--sesions", "3"], "unknown option '--sesions' for 'run'"),
      (["a.json", "--sessions"], "option '--sessions' needs a value <n>"),
      ([], "missing argument <workflow>"),
      (["a.json", "b.json"], "unexpected argument 'b.json'"),
      (
        ["a.json", "--sessions", "1", "--sessions", "2"],
        "option '--sessions' was given more than once"
      ),
      (["a.json", "--no-write=yes"], "flag '--no-write' takes no value, found 'yes'"),
    ])
  func rejects(arguments: [String], message: String) {
    #expect(throws: UsageError.self) { try ParsedArguments(arguments, spec: Self.spec) }
    do {
      _ = try ParsedArguments(arguments, spec: Self.spec)
    } catch let error as UsageError {
      #expect(error.message == message)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("suggests the nearest option")
  func suggestion() throws {
    do {
      _ = try ParsedArguments(["a.json", "--sesions", "3"], spec: Self.spec)
      Issue.record("expected a usage error")
    } catch let error as UsageError {
      #expect(error.suggestion == "did you mean '--sessions'?")
    }
  }

  @Test("rejects out-of-range integers")
  func range() throws {
    let parsed = try ParsedArguments(["a.json", "--sessions", "-4"], spec: Self.spec)
    #expect(throws: UsageError.self) { try parsed.integer("sessions", default: 1, in: 1...Int.max) }
  }

  @Test("help lists every option with its default")
  func help() {
    let help = HelpFormatter.help(for: Self.spec)
    #expect(help.contains("--sessions <n>"))
    #expect(help.contains("(default: 10000)"))
    #expect(help.contains("<workflow>"))
  }
}
