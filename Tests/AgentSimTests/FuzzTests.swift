import AgentSim
import Dispatch
import Foundation
import Testing

/// The fuzz suite of issue 12: structure-aware mutants of every example, run in-process through
/// load → validate's checks → resolve → simulate a few sessions. Every mutant must end in a result
/// with finite numbers or a diagnostic, and `validate` and `run` must agree; a trap would kill
/// the test process, so a crash is a failure too.
///
/// Defaults: 2,000 mutants (seed 12). A longer campaign by hand:
/// `AGENTSIM_FUZZ_MUTANTS=20000 AGENTSIM_FUZZ_SEED=7 swift test --filter Fuzz`; with
/// `AGENTSIM_FUZZ_DIR=/tmp/mutants` the mutants are also written there, for
/// `.ci/fuzz-binary`, which runs the built binary on each in a subprocess (so a trap is
/// counted, not fatal) with a time limit (so a hang is counted too).
@Suite("Fuzzing")
struct FuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let mutantCount = environment["AGENTSIM_FUZZ_MUTANTS"].flatMap(Int.init) ?? 2_000
  static let seed = environment["AGENTSIM_FUZZ_SEED"].flatMap(UInt64.init) ?? 12

  @Test("mutants of every example end in a result or a diagnostic, never a trap or inf/nan")
  func campaign() throws {
    let files = try ExampleWorkflowTests.exampleFiles()
    let perFile = max(1, Self.mutantCount / files.count)
    let directory = Self.environment["AGENTSIM_FUZZ_DIR"].map { URL(fileURLWithPath: $0) }
    if let directory {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    // Mutants are generated in order (one stream per example) and classified on every core;
    // each classification is independent, so the counts do not depend on the number of cores.
    var mutants: [(name: String, text: String, edits: [WorkflowMutator.Edit])] = []
    for (index, file) in files.enumerated() {
      let root = try JSONParser.parse(Data(contentsOf: file), file: file.lastPathComponent)
      var mutator = WorkflowMutator(root, seed: Self.seed, stream: UInt64(index))
      for number in 0..<perFile {
        let (text, edits) = mutator.next()
        let name = file.deletingPathExtension().lastPathComponent + "-\(number).json"
        if let directory {
          try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        mutants.append((name, text, edits))
      }
    }
    let texts = mutants.map(\.text)
    let results = Outcomes(count: texts.count)
    DispatchQueue.concurrentPerform(iterations: texts.count) { index in
      results.store(FuzzOutcome.classify(texts[index]), at: index)
    }
    let outcomes = results.values
    var counts: [FuzzOutcome: Int] = [:]
    for (mutant, outcome) in zip(mutants, outcomes) {
      counts[outcome, default: 0] += 1
      #expect(
        outcome != .nonFinite && outcome != .disagreement,
        "\(mutant.name) (\(mutant.edits)): \(outcome.rawValue)\n\(mutant.text)")
    }
    let summary = FuzzOutcome.allCases.map { "\($0.rawValue) \(counts[$0, default: 0])" }
    print("fuzz campaign, seed \(Self.seed): " + summary.joined(separator: ", "))
    // A campaign that never gets past the decoder tests nothing downstream.
    #expect(counts[.accepted, default: 0] > perFile)
    #expect(counts[.diagnostic, default: 0] > perFile)
  }

  @Test("a huge array of an already huge element stays bounded (the seed-99 stall)")
  func hugeArrayIsBounded() throws {
    // One element of 5,001 values: repeating it 1,000–3,000 times, as `hugeArray` did, writes
    // 10–30 MB; the mutator caps an edit at `maximumNodes` values (about 4 MB of "0,").
    let inner = "[" + Array(repeating: "0", count: 5_000).joined(separator: ",") + "]"
    let root = try JSONParser.parse(Data("[\(inner)]".utf8), file: "huge.json")
    var mutator = WorkflowMutator(root, seed: 99)
    var sawHugeArray = false
    for _ in 0..<300 {
      let (text, edits) = mutator.next()
      sawHugeArray = sawHugeArray || edits.contains(.hugeArray)
      #expect(text.utf8.count <= 3 * WorkflowMutator.maximumNodes, "\(edits)")
    }
    #expect(sawHugeArray)
  }

  @Test("the reproducers of issue 12 are diagnostics, not traps", arguments: FuzzTests.reproducers)
  func reproducer(_ reproducer: Reproducer) throws {
    let file = ExampleWorkflowTests.workflows.appendingPathComponent(reproducer.example)
    var text = try String(contentsOf: file, encoding: .utf8)
    for (original, replacement) in reproducer.edits {
      #expect(text.contains(original))
      text = text.replacingOccurrences(of: original, with: replacement)
    }
    #expect(FuzzOutcome.classify(text) == reproducer.expected)
  }

  /// The outcomes of a campaign, filled in from several threads.
  final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [FuzzOutcome]

    init(count: Int) {
      slots = Array(repeating: .diagnostic, count: count)
    }

    func store(_ outcome: FuzzOutcome, at index: Int) {
      lock.withLock { slots[index] = outcome }
    }

    var values: [FuzzOutcome] { lock.withLock { slots } }
  }

  /// An edit of an example that once trapped, hung or printed nonsense.
  struct Reproducer: CustomTestStringConvertible, Sendable {
    var name: String
    var example: String
    var edits: [(String, String)]
    var expected: FuzzOutcome
    var testDescription: String { name }

    init(
      name: String, example: String, original: String, replacement: String,
      expected: FuzzOutcome, also more: [(String, String)] = []
    ) {
      self.name = name
      self.example = example
      edits = [(original, replacement)] + more
      self.expected = expected
    }
  }

  static let reproducers: [Reproducer] = [
    Reproducer(
      name: "tool duration 1e13 ms", example: "voice-assistant.json",
      original: #""duration_ms": {"uniform": {"min": 40, "max": 90}}"#,
      replacement: #""duration_ms": 1e13"#, expected: .diagnostic),
    Reproducer(
      name: "uniform max 2^63", example: "voice-assistant.json",
      original: #""max": 90"#, replacement: #""max": 9223372036854775808"#, expected: .diagnostic),
    Reproducer(
      name: "rate 1e-9 per second", example: "voice-assistant.json",
      original: #""rate_per_s": 10"#, replacement: #""rate_per_s": 1e-9"#, expected: .diagnostic),
    Reproducer(
      name: "RTT median 5e-324 ms", example: "voice-assistant.json",
      original: #""rtt_median_ms": 10"#, replacement: #""rtt_median_ms": 5e-324"#,
      expected: .diagnostic),
    Reproducer(
      name: "RTT p99 a billion times the median", example: "voice-assistant.json",
      original: #""rtt_p99_ms": 90"#, replacement: #""rtt_p99_ms": 1e9"#, expected: .diagnostic),
    Reproducer(
      name: "prompt tokens 2^31", example: "voice-assistant.json",
      original: #""prompt_tokens": 30"#, replacement: #""prompt_tokens": 2147483648"#,
      expected: .diagnostic),
    Reproducer(
      name: "50,000 prompt tokens within a 131,072-token window", example: "voice-assistant.json",
      original: #""prompt_tokens": 30, "output_tokens": {"lognormal": {"median": 35, "p99": 120}}"#,
      replacement: #""prompt_tokens": 50000, "output_tokens": 5"#, expected: .accepted),
    Reproducer(
      name: "50,000 prompt tokens to a 4,096-token model", example: "voice-assistant.json",
      original: #""prompt_tokens": 30"#, replacement: #""prompt_tokens": 50000"#,
      expected: .diagnostic, also: [(#""llama-3.2-3b""#, #""llama-2-7b""#)]),
    Reproducer(
      name: "price per hour 1e308", example: "voice-assistant.json",
      original: #""max_batch": 64"#, replacement: #""price_per_hour": 1e308, "max_batch": 64"#,
      expected: .diagnostic),
    Reproducer(
      name: "speculative output lognormal mu 700 (the hang)", example: "speculative-decoding.json",
      original: #""output_tokens": {"lognormal": {"median": 250, "p99": 900}}"#,
      replacement: #""output_tokens": {"lognormal": {"mu": 700, "sigma": 1}}"#,
      expected: .diagnostic),
  ]
}
