import AgentSim
import Foundation
import Testing

/// Engines that capture CUDA graphs for decode-only batches run every iteration with prompt
/// tokens eagerly: such an iteration pays the eager per-layer overhead, a decode-only one the
/// graph one (`EngineProfile.eagerLayerOverheadMilliseconds`).
@Suite("Eager prefill iterations")
struct EagerPrefillTests {
  /// The toy engine of the formula tests with an eager per-layer overhead of 2 ms against its
  /// graph one of 0.5 ms.
  static let eagerEngine: EngineProfile = {
    var engine = CostModelFormulaTests.toyEngine
    engine.eagerLayerOverheadMilliseconds = 2
    return engine
  }()

  static func engine(_ profile: EngineProfile) throws -> InferenceEngine {
    try InferenceEngine(
      hardware: CostModelFormulaTests.toyHardware, model: CostModelFormulaTests.toyModel,
      precision: .fp16, engine: profile)
  }

  @Test("a decode-only iteration pays the graph per-layer overhead, not the eager one")
  func decodeOnlyKeepsGraphOverhead() throws {
    let work = IterationWork(decodeSequences: 1, decodeContextTokens: 99)
    let eager = try Self.engine(Self.eagerEngine).iteration(work).seconds
    let graph = try Self.engine(CostModelFormulaTests.toyEngine).iteration(work).seconds
    #expect(eager == graph)
    // By hand (the formula test): 600.2 µs of bytes plus 1 ms + 2 layers · 0.5 ms.
    #expect(abs(eager - (600_200e-9 + 0.002)) < 1e-12)
  }

  @Test("an iteration with any prompt token pays the eager per-layer overhead on every layer")
  func mixedIterationPaysEagerOverhead() throws {
    var work = IterationWork(decodeSequences: 1, decodeContextTokens: 99)
    work.addPrefillChunk(tokens: 1, cachedTokens: 0)
    let eager = try Self.engine(Self.eagerEngine).iteration(work).seconds
    let graph = try Self.engine(CostModelFormulaTests.toyEngine).iteration(work).seconds
    // Two layers, each 2 − 0.5 ms dearer; the roofline terms are the same.
    #expect(abs(eager - graph - 2 * 0.0015) < 1e-12)
    // A prompt-only iteration too, and so the prefill of a single call.
    let alone = try Self.engine(Self.eagerEngine)
    let bare = try Self.engine(CostModelFormulaTests.toyEngine)
    let difference =
      alone.prefillSeconds(promptTokens: 10, cachedTokens: 0)
      - bare.prefillSeconds(promptTokens: 10, cachedTokens: 0)
    #expect(abs(difference - 0.003) < 1e-12)
  }

  @Test("an iteration within the graph token limit replays a graph; one token more runs eagerly")
  func graphTokenLimit() throws {
    var profile = Self.eagerEngine
    profile.graphTokenLimit = 8
    let engine = try Self.engine(profile)
    let graph = try Self.engine(CostModelFormulaTests.toyEngine)
    // Speculative verification of seven draft tokens plus one decode: eight tokens, graphed.
    var small = IterationWork(decodeSequences: 1, decodeContextTokens: 99)
    small.addPrefillChunk(tokens: 7, cachedTokens: 99)
    #expect(!profile.runsEagerly(small))
    #expect(engine.iteration(small).seconds == graph.iteration(small).seconds)
    var large = small
    large.addPrefillChunk(tokens: 1, cachedTokens: 0)
    #expect(profile.runsEagerly(large))
    #expect(abs(engine.iteration(large).seconds - graph.iteration(large).seconds - 0.003) < 1e-12)
    // vLLM V1 graphs up to 512 tokens: the 550-token sonnet prompts of the B200 runs run eagerly.
    #expect(Catalog.builtInEngine(.vllm).graphTokenLimit == 512)
    #expect(Catalog.builtInEngine(.sglang).graphTokenLimit == 0)
  }

  @Test("an engine without an eager overhead prices prefill iterations as before")
  func absentEagerOverheadChangesNothing() throws {
    let profile = CostModelFormulaTests.toyEngine
    #expect(profile.eagerLayerOverheadMilliseconds == nil)
    #expect(profile.prefillLayerOverheadMilliseconds == profile.layerOverheadMilliseconds)
    // TensorRT-LLM's compiled engines launch from C++: no eager overhead is claimed for it.
    #expect(Catalog.builtInEngine(.tensorrtLLM).eagerLayerOverheadMilliseconds == nil)
  }

  @Test("vLLM's and SGLang's eager overhead lies between the graph one and its physical bound")
  func builtInEagerOverheadIsBounded() throws {
    for kind in [EngineKind.vllm, .sglang] {
      let profile = Catalog.builtInEngine(kind)
      let eager = try #require(profile.eagerLayerOverheadMilliseconds, "\(kind)")
      #expect(eager > profile.layerOverheadMilliseconds, "\(kind)")
      #expect(eager <= Catalog.eagerLayerOverheadBoundMilliseconds, "\(kind)")
    }
  }

  @Test("a catalog engine reads and validates eager_layer_overhead_ms")
  func decodesEagerOverhead() throws {
    let json = """
      {"name": "mine", "request_overhead_ms": 1, "iteration_overhead_ms": 1,
       "layer_overhead_ms": 0.01, "eager_layer_overhead_ms": 0.2, "source": "test"}
      """
    let profile = try JSONDecoder().decode(EngineProfile.self, from: Data(json.utf8))
    #expect(profile.eagerLayerOverheadMilliseconds == 0.2)
    var bad = profile
    bad.eagerLayerOverheadMilliseconds = -1
    #expect(
      bad.validationProblems(at: "engines[0]").contains {
        "\($0)".contains("eager_layer_overhead_ms")
      })
  }
}
