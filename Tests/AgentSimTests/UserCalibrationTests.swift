import AgentSim
import Foundation
import Testing

@Suite("agentsim calibrate: fitting a user's measurements")
struct UserCalibrationTests {
  /// vLLM's profile without its eager per-layer overhead: every iteration, prefill or decode,
  /// pays the one per-layer overhead the fit recovers (with an eager one, a time to first token
  /// holds the eager overhead fixed and says nothing about the graph one, and the decode rows'
  /// three depths alone leave it and η_memory confounded within the rows' precision).
  static let graphEngine: EngineProfile = {
    var engine = Catalog.builtInEngine(.vllm)
    engine.eagerLayerOverheadMilliseconds = nil
    return engine
  }()

  /// The truth: an H100 whose memory streams at 70% and 16-bit GEMMs at 55%, served by an engine
  /// with 3 ms per request, 0.4 ms per iteration and 0.03 ms per layer.
  static func truth() throws -> (Catalog, HardwareProfile, EngineProfile) {
    var hardware = try Catalog.builtIn.hardware(named: "h100-sxm")
    hardware.name = "true-gpu"
    hardware.memoryEfficiency = 0.7
    hardware.computeEfficiency = 0.55
    var engine = Self.graphEngine
    engine.name = "true-engine"
    engine.requestOverheadMilliseconds = 3
    engine.iterationOverheadMilliseconds = 0.4
    engine.layerOverheadMilliseconds = 0.03
    let catalog = try Catalog.builtIn.adding(
      CatalogDefinitions(hardware: [hardware], engines: [engine]))
    return (catalog, hardware, engine)
  }

  /// Rows generated from the truth: decode steps and times to first token of three model depths.
  static func syntheticRows() throws -> [CalibrationPoint] {
    let (catalog, _, _) = try truth()
    var rows: [CalibrationPoint] = []
    for model in ["llama-3.2-1b", "llama-3.1-8b", "qwen2.5-14b"] {
      for (batch, context) in [(1, 256), (1, 2048), (8, 1024)] {
        rows.append(
          CalibrationPoint(
            hardware: "true-gpu", accelerators: 1, engine: "true-engine", model: model,
            precision: .bf16, batch: batch, promptTokens: 0, contextTokens: context,
            outputTokens: 0, metric: .decodeStepMilliseconds, value: 1, source: "synthetic",
            reference: "synthetic"))
      }
      for prompt in [256, 2048] {
        rows.append(
          CalibrationPoint(
            hardware: "true-gpu", accelerators: 1, engine: "true-engine", model: model,
            precision: .bf16, promptTokens: prompt, outputTokens: 1, metric: .ttftMilliseconds,
            value: 1, source: "synthetic", reference: "synthetic"))
      }
    }
    return try rows.map { row in
      var measured = row
      measured.value = row.predictedValue(using: try row.engine(in: catalog))
      return measured
    }
  }

  @Test("rows generated from known parameters give those parameters back")
  func recoversKnownParameters() throws {
    let rows = try Self.syntheticRows()
    let base = try Catalog.builtIn.hardware(named: "h100-sxm")
    let calibration = try UserCalibration(
      points: rows, base: base, engine: Self.graphEngine, name: "fitted-gpu",
      file: "synthetic.csv", catalog: .builtIn)
    func value(_ kind: Calibrator.Kind) throws -> Double {
      try #require(calibration.parameters.first { $0.kind == kind }).value
    }
    #expect(abs(try value(.memoryEfficiency) / 0.7 - 1) < 0.02)
    #expect(abs(try value(.computeEfficiency) / 0.55 - 1) < 0.02)
    #expect(abs(try value(.requestOverhead) / 3 - 1) < 0.05)
    #expect(abs(try value(.layerOverhead) / 0.03 - 1) < 0.05)
    #expect(abs(try value(.iterationOverhead) - 0.4) < 0.05)
    #expect(calibration.parameters.allSatisfy { $0.note == nil })
    #expect(calibration.residuals.allSatisfy { abs($0.error) < 0.02 })
    #expect(calibration.residuals.allSatisfy { abs($0.leaveOneOutError ?? 1) < 0.05 })
    // The written catalog loads back and predicts the rows.
    let written = try Catalog.builtIn.adding(calibration.definitions)
    let engine = try written.engine(named: "fitted-gpu-vllm")
    #expect(try written.hardware(named: "fitted-gpu").memoryBandwidthGigabytesPerSecond == 3350)
    #expect(abs(engine.layerOverheadMilliseconds / 0.03 - 1) < 0.05)
  }

  @Test("one model depth cannot separate per-layer overhead from bandwidth, and says so")
  func saysWhatItCannotIdentify() throws {
    let rows = try Self.syntheticRows().filter { $0.model == "llama-3.1-8b" }
    let calibration = try UserCalibration(
      points: rows, base: Catalog.builtIn.hardware(named: "h100-sxm"),
      engine: Catalog.builtInEngine(.vllm), name: "one-depth", file: "m.csv", catalog: .builtIn)
    let layer = try #require(calibration.parameters.first { $0.kind == .layerOverhead })
    #expect(
      layer.note
        == "one model depth only: per-layer overhead and bandwidth are confounded; kept"
        + " h100-sxm's per-layer overhead")
    #expect(layer.value == Catalog.builtInEngine(.vllm).layerOverheadMilliseconds)
    #expect(layer.standardError == nil)
  }

  @Test("fewer than three rows is bad input")
  func tooFewRows() throws {
    let rows = Array(try Self.syntheticRows().prefix(2))
    #expect(throws: Diagnostic.self) {
      try UserCalibration(
        points: rows, base: Catalog.builtIn.hardware(named: "h100-sxm"),
        engine: Catalog.builtInEngine(.vllm), name: "x", file: "m.csv", catalog: .builtIn)
    }
  }
}

@Suite("agentsim calibrate: measurement files")
struct MeasurementFileTests {
  static func read(_ text: String) throws -> (MeasurementFile.Format, [CalibrationPoint]) {
    let result = try MeasurementFile.points(
      in: text, file: "m", hardware: "h100-sxm", engine: "vllm", catalog: .builtIn)
    return (result.format, result.points)
  }

  @Test("the CSV's six metrics read as their calibration metrics")
  func csv() throws {
    let (format, points) = try Self.read(
      MeasurementFile.csvHeader + "\n"
        + "llama-3.1-8b,bf16,1,0,512,prefill_ms,30\n"
        + "llama-3.1-8b,bf16,4,1024,0,decode_step_ms,8\n"
        + "llama-3.1-8b,fp8,1,0,128,ttft_ms,12\n"
        + "llama-3.1-8b,fp8,1,700,0,itl_ms,5\n"
        + "llama-3.2-1b,bf16,1,0,512,prefill_tok_s,40000\n"
        + "llama-3.2-1b,bf16,2,64,0,decode_tok_s,900\n")
    #expect(format == .csv)
    #expect(
      points.map(\.metric) == [
        .prefillMilliseconds, .decodeStepMilliseconds, .ttftMilliseconds,
        .interTokenMilliseconds, .prefillTokensPerSecond, .decodeTokensPerSecond,
      ])
    #expect(points[1].batch == 4 && points[1].decodeContextTokens == 1024)
    #expect(points[5].measuredSeconds == 2.0 / 900)
    #expect(points[0].reference == "m:2")
  }

  @Test("bad CSV rows get file:line:column diagnostics, all of them")
  func csvDiagnostics() {
    do {
      _ = try Self.read(
        MeasurementFile.csvHeader + "\n" + "llama-3.1-8x,bf16,1,512,0,decode_step,7\n"
          + "llama-3.1-8b,bf17,0,512,0,itl_ms,-1\n")
      Issue.record("expected diagnostics")
    } catch let error as DiagnosticError {
      let text = error.diagnostics.map(\.description)
      #expect(
        text.contains("m:2:1: error: unknown model 'llama-3.1-8x'; did you mean 'llama-3.1-8b'?"))
      #expect(text.contains { $0.hasPrefix("m:2:27: error: expected a metric") })
      #expect(text.contains { $0.hasPrefix("m:3:14: error: expected a precision") })
      #expect(text.contains { $0.hasPrefix("m:3:19: error: expected an integer of at least 1") })
      #expect(text.contains { $0.hasPrefix("m:3:34: error: expected a positive number") })
    } catch {
      Issue.record("unexpected \(error)")
    }
    #expect(throws: DiagnosticError.self) { try Self.read("model,value\nx,1\n") }
  }

  @Test("llama-bench -o json: pp and tg tests, model by parameter count, precision by type")
  func llamaBench() throws {
    // The shape llama-bench's README documents for -o json (fields abridged).
    let test = #"""
      {"model_type": "llama 8B Q4_K - Medium", "model_n_params": 8030261248, "type_k": "f16",
       "n_prompt": %P, "n_gen": %G, "n_depth": 0, "avg_ns": 1, "avg_ts": %T}
      """#
    func make(_ prompt: Int, _ generated: Int, _ rate: Double) -> String {
      test.replacingOccurrences(of: "%P", with: "\(prompt)")
        .replacingOccurrences(of: "%G", with: "\(generated)")
        .replacingOccurrences(of: "%T", with: "\(rate)")
    }
    let text =
      "["
      + [make(512, 0, 7000), make(0, 128, 130), make(1024, 0, 6500)].joined(
        separator: ",\n") + "]"
    let (format, points) = try Self.read(text)
    #expect(format == .llamaBench)
    #expect(points.count == 3)
    #expect(points.allSatisfy { $0.model == "llama-3.1-8b" && $0.precision == .q4 })
    #expect(points[0].metric == .prefillTokensPerSecond && points[0].promptTokens == 512)
    #expect(points[1].metric == .decodeTokensPerSecond && points[1].outputTokens == 128)
    #expect(points[1].reference == "m:3")
    #expect(throws: DiagnosticError.self) {
      try Self.read("[" + make(512, 128, 100).replacingOccurrences(of: "Q4_K", with: "IQ2") + "]")
    }
  }

  @Test("vLLM benchmark_latency: the plain --output-json with its configuration, and .pytorch.json")
  func vllm() throws {
    let plain = #"""
      {"avg_latency": 1.25, "std_latency": 0.01, "latencies": [1.24, 1.26],
       "percentiles": {"50": 1.25}, "model": "meta-llama/Llama-3.1-8B", "precision": "bf16",
       "input_len": 32, "output_len": 128, "batch_size": 8}
      """#
    let (format, points) = try Self.read(plain)
    #expect(format == .vllmLatency)
    #expect(points.count == 1)
    #expect(points[0].metric == .latencyMilliseconds && points[0].value == 1250)
    #expect(points[0].model == "llama-3.1-8b" && points[0].batch == 8)
    #expect(points[0].segments.map(\.count) == [1, 127])
    let pytorch = #"""
      [{"benchmark": {"name": "vLLM benchmark", "extra_info": {"args": {"model":
        "Qwen/Qwen2.5-7B", "dtype": "bfloat16", "input_len": 512, "output_len": 64,
        "batch_size": 1, "tensor_parallel_size": 1, "kv_cache_dtype": "auto"}}},
        "model": {"name": "Qwen/Qwen2.5-7B"},
        "metric": {"name": "latency", "benchmark_values": [0.5],
                   "extra_info": {"avg_latency": 0.5, "std_latency": 0.0, "percentiles": {}}}}]
      """#
    let (pytorchFormat, pytorchPoints) = try Self.read(pytorch)
    #expect(pytorchFormat == .vllmLatency)
    #expect(pytorchPoints.first?.model == "qwen2.5-7b")
    #expect(pytorchPoints.first?.precision == .bf16)
    // Without its configuration the plain file cannot be placed, and says what to add.
    do {
      _ = try Self.read(#"{"avg_latency": 1.0}"#)
      Issue.record("expected diagnostics")
    } catch let error as DiagnosticError {
      #expect(error.diagnostics.contains { $0.message.contains("'model'") })
      #expect(error.diagnostics.contains { $0.message.contains("'input_len'") })
    }
  }
}
