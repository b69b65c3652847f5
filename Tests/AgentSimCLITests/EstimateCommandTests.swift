import AgentSim
import AgentSimCLI
import Foundation
import Testing

/// Runs `agentsim` in-process and captures what it writes.
private final class Capture: @unchecked Sendable {
  var output = ""
  var error = ""

  func run(_ arguments: [String]) -> AgentSimCLI.ExitStatus {
    let context = CommandContext(
      writeOutput: { self.output += $0 }, writeError: { self.error += $0 }, environment: [:],
      isOutputTerminal: false, isErrorTerminal: false,
      currentDirectory: FileManager.default.temporaryDirectory)
    return AgentSimTool.main(arguments: arguments, context: context)
  }
}

@Suite("agentsim estimate")
struct EstimateCommandTests {
  static func json(_ arguments: [String]) throws -> [String: Any] {
    let capture = Capture()
    let status = capture.run(["estimate"] + arguments + ["--format", "json"])
    #expect(status == .success, "\(capture.error)")
    let object = try JSONSerialization.jsonObject(with: Data(capture.output.utf8))
    return try #require(object as? [String: Any])
  }

  @Test("prints the JSON fields scripts depend on")
  func jsonFields() throws {
    let result = try Self.json([
      "--hardware", "h100-sxm", "--model", "llama-2-7b", "--precision", "fp8",
      "--prompt-tokens", "2048", "--output-tokens", "3", "--batch", "4", "--context", "1000",
      "--engine", "tensorrt-llm",
    ])
    for key in [
      "prefill_ms", "decode_step_ms", "ttft_ms", "total_ms", "tokens_per_second", "bound", "fits",
      "memory_required_gb",
    ] {
      #expect(result[key] != nil, "missing \(key)")
    }
    // TensorRT-LLM's published time to first token for this prompt on H100 is 36 ms (a TTFT:
    // the request overhead included, so it is compared with ttft_ms, not prefill_ms). It is
    // TensorRT-LLM's, so TensorRT-LLM estimates it: vLLM, the default on H100, runs a prefill
    // eagerly and takes about 5 ms longer.
    let ttft = try #require(result["ttft_ms"] as? Double)
    #expect(abs(ttft / 36 - 1) < 0.1)
    let bound = try #require(result["bound"] as? [String: String])
    #expect(bound == ["prefill": "compute", "decode": "memory"])
    #expect(result["fits"] as? Bool == true)
    let step = try #require(result["decode_step_ms"] as? Double)
    let rate = try #require(result["tokens_per_second"] as? Double)
    #expect(abs(rate - 4000 / step) < 1e-6)
  }

  @Test("matches the library's estimate exactly")
  func matchesLibrary() throws {
    let result = try Self.json([
      "--hardware", "apple-m2-ultra", "--model", "llama-3.1-8b", "--precision", "q4",
      "--context", "256",
    ])
    let engine = try InferenceEngine(
      hardware: Catalog.builtIn.hardware(named: "apple-m2-ultra"),
      model: Catalog.builtIn.model(named: "llama-3.1-8b"), precision: .q4)
    // JSONSerialization's number parsing is not always correctly rounded: compare to 1e-12.
    let step = try #require(result["decode_step_ms"] as? Double)
    let expected = 1000 * engine.decodeStepSeconds(batchSize: 1, contextTokens: 256)
    #expect(abs(step / expected - 1) < 1e-12)
    #expect(result["prefill_ms"] as? Double == 0)
    #expect(result["total_ms"] as? Double == 0)
  }

  @Test("a model that does not fit says why")
  func doesNotFit() throws {
    let capture = Capture()
    #expect(
      capture.run(["estimate", "--hardware", "h100-sxm", "--model", "llama-3.1-405b"]) == .success)
    #expect(
      capture.output.contains("does not fit: llama-3.1-405b at bf16 needs 811.7 GB of weights"))
    let result = try Self.json(["--hardware", "h100-sxm", "--model", "llama-3.1-405b"])
    #expect(result["fits"] as? Bool == false)
    #expect((result["fit_problem"] as? String)?.contains("72.0 GB usable") == true)
  }

  @Test("--engine, --backend and --kv-precision choose the deployment")
  func engineFlags() throws {
    let base = ["--hardware", "h100-sxm", "--model", "llama-3.1-8b", "--precision", "fp8"]
    let vllm = try Self.json(base + ["--prompt-tokens", "128", "--output-tokens", "2"])
    #expect(vllm["engine"] as? String == "vllm")
    #expect(vllm["kv_precision"] as? String == "bf16")
    let trt = try Self.json(
      base + ["--engine", "tensorrt-llm", "--kv-precision", "fp8", "--prompt-tokens", "128"])
    #expect(trt["engine"] as? String == "tensorrt-llm")
    #expect(trt["kv_precision"] as? String == "fp8")
    let vllmKV = try #require(vllm["kv_bytes_per_token"] as? Double)
    let trtKV = try #require(trt["kv_bytes_per_token"] as? Double)
    #expect(trtKV * 2 == vllmKV)
    let phone = try Self.json([
      "--hardware", "apple-a17-pro", "--model", "llama-3.2-1b", "--precision", "q4",
      "--engine", "coreml", "--backend", "npu", "--prompt-tokens", "128",
    ])
    #expect(phone["backend"] as? String == "npu")
    let gpu = try Self.json([
      "--hardware", "apple-a17-pro", "--model", "llama-3.2-1b", "--precision", "q4",
      "--engine", "llama.cpp", "--prompt-tokens", "128",
    ])
    #expect(gpu["backend"] as? String == "gpu")
    // The Neural Engine's int8 peak is 16× the GPU's fp16 peak: its prefill is faster.
    let npuPrefill = try #require(phone["prefill_ms"] as? Double)
    let gpuPrefill = try #require(gpu["prefill_ms"] as? Double)
    #expect(npuPrefill < gpuPrefill)
  }

  @Test("the table fits in 80 columns")
  func table() {
    let capture = Capture()
    let status = capture.run([
      "estimate", "--hardware", "l40s", "--model", "qwen2.5-7b", "--precision", "fp8",
      "--prompt-tokens", "1000", "--output-tokens", "100",
    ])
    #expect(status == .success)
    #expect(capture.output.contains("compute-bound"))
    #expect(capture.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test(
    "bad input exits 2 with a did-you-mean",
    arguments: [
      (["--hardware", "h100-smx", "--model", "llama-3.1-8b"], "did you mean 'h100-sxm'?"),
      (["--hardware", "h100-sxm", "--model", "lama-3.1-8b"], "did you mean 'llama-3.1-8b'?"),
      (
        ["--hardware", "h100-sxm", "--model", "llama-3.1-8b", "--precision", "bf6"],
        "did you mean 'bf16'?"
      ),
      (["--model", "llama-3.1-8b"], "missing option '--hardware <name>'"),
      (
        ["--hardware", "a100-80gb", "--model", "llama-3.1-8b", "--precision", "fp8"],
        "use one of bf16, fp16, int8, q4"
      ),
      (["--hardware", "h100-sxm", "--model", "llama-3.1-8b", "--batch", "0"], "--batch"),
      (["--hardwre", "h100-sxm"], "did you mean '--hardware'?"),
      (
        ["--hardware", "h100-sxm", "--model", "llama-3.1-8b", "--engine", "vlm"],
        "did you mean 'vllm'?"
      ),
      (
        ["--hardware", "h100-sxm", "--model", "llama-3.1-8b", "--backend", "npu"],
        "h100-sxm lists no npu throughput"
      ),
      (
        ["--hardware", "h100-sxm", "--model", "llama-3.1-8b", "--kv-precision", "fp4"],
        "option '--kv-precision' expects one of bf16, fp16, fp8, int8"
      ),
    ])
  func badInput(arguments: [String], message: String) {
    let capture = Capture()
    #expect(capture.run(["estimate"] + arguments) == .badInput)
    #expect(capture.error.contains(message), "\(capture.error)")
    #expect(capture.output.isEmpty)
  }
}

@Suite("agentsim catalog")
struct CatalogCommandTests {
  @Test("lists every kind with sources, in 80 columns")
  func table() {
    let capture = Capture()
    #expect(capture.run(["catalog"]) == .success)
    for name in ["h100-sxm", "apple-a17-pro", "deepseek-v3", "wifi-edge", "source:"] {
      #expect(capture.output.contains(name), "\(name)")
    }
    #expect(capture.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test("fidelity prints the error table, and its JSON decodes to the library's table")
  func fidelity() throws {
    let capture = Capture()
    #expect(capture.run(["catalog", "fidelity"]) == .success)
    var expected = try FidelityTable()
    expected.serving = try ServingFidelity()
    #expect(capture.output == expected.rendered())
    let json = Capture()
    #expect(json.run(["catalog", "fidelity", "--format", "json"]) == .success)
    let table = try JSONDecoder().decode(FidelityTable.self, from: Data(json.output.utf8))
    #expect(table == expected)
  }

  @Test("engines list every built-in with its source, and load back from JSON")
  func engines() throws {
    let capture = Capture()
    #expect(capture.run(["catalog", "engines"]) == .success)
    for kind in EngineKind.allCases { #expect(capture.output.contains(kind.rawValue)) }
    let json = Capture()
    #expect(json.run(["catalog", "engines", "--format", "json"]) == .success)
    let definitions = try JSONDecoder().decode(
      CatalogDefinitions.self, from: Data(json.output.utf8))
    #expect(definitions.engines == Catalog.builtIn.engines)
  }

  @Test("prints JSON in the user-definition shape, which loads back")
  func json() throws {
    let capture = Capture()
    #expect(capture.run(["catalog", "links", "--format", "json"]) == .success)
    let definitions = try JSONDecoder().decode(
      CatalogDefinitions.self, from: Data(capture.output.utf8))
    #expect(definitions.links == Catalog.builtIn.links)
    #expect(definitions.hardware == nil)
  }

  @Test("reads user definitions from --catalog")
  func userFile() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("agentsim-cli-\(UUID().uuidString).json")
    try Data(
      #"{"links": [{"name": "lab-wifi", "rtt_median_ms": 2, "rtt_p99_ms": 20, "uplink_mbps": 100, "downlink_mbps": 100, "source": "measured in the lab"}]}"#
        .utf8
    ).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let capture = Capture()
    #expect(capture.run(["catalog", "links", "--catalog", url.path]) == .success)
    #expect(capture.output.contains("lab-wifi"))
    let bad = Capture()
    #expect(bad.run(["catalog", "--catalog", url.path + ".missing"]) == .badInput)
    #expect(bad.error.contains("cannot read the file"))
  }

  @Test("an unknown kind exits 2 with a did-you-mean")
  func unknownKind() {
    let capture = Capture()
    #expect(capture.run(["catalog", "modls"]) == .badInput)
    #expect(capture.error.contains("did you mean 'models'?"))
  }
}

@Suite("agentsim calibrate")
struct CalibrateCommandTests {
  @Test("fits a CSV, prints parameters, residuals and leave-one-out, writes a loadable catalog")
  func csv() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-calibrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let csv = directory.appendingPathComponent("m.csv")
    try Data(
      (MeasurementFile.csvHeader + "\n" + "llama-3.2-1b,bf16,1,512,0,decode_step_ms,2.1\n"
        + "llama-3.1-8b,bf16,1,512,0,decode_step_ms,7.4\n"
        + "llama-3.1-8b,bf16,1,0,512,ttft_ms,28\n" + "llama-3.1-8b,bf16,1,0,2048,ttft_ms,95\n")
        .utf8
    ).write(to: csv)
    let out = directory.appendingPathComponent("mine.json")
    let capture = Capture()
    #expect(
      capture.run([
        "calibrate", csv.path, "--hardware", "h100-sxm", "--name", "my-h100", "--out", out.path,
      ]) == .success, "\(capture.error)")
    for text in ["memory_efficiency", "request_overhead_ms", "leave-one-out", "m.csv:5"] {
      #expect(capture.output.contains(text), "\(text)")
    }
    let estimate = Capture()
    #expect(
      estimate.run([
        "estimate", "--catalog", out.path, "--hardware", "my-h100", "--engine", "my-h100-vllm",
        "--model", "llama-3.1-8b", "--context", "512",
      ]) == .success, "\(estimate.error)")
    // Bad files and too few rows are bad input (status 2) with file:line diagnostics.
    try Data((MeasurementFile.csvHeader + "\nllama-3.1-8b,bf16,1,0,64,tft_ms,3\n").utf8).write(
      to: csv)
    let bad = Capture()
    #expect(
      bad.run(["calibrate", csv.path, "--hardware", "h100-sxm", "--name", "x"]) == .badInput)
    #expect(bad.error.contains("m.csv:2:26: error: expected a metric"), "\(bad.error)")
    try Data((MeasurementFile.csvHeader + "\nllama-3.1-8b,bf16,1,0,64,ttft_ms,3\n").utf8).write(
      to: csv)
    let few = Capture()
    #expect(
      few.run(["calibrate", csv.path, "--hardware", "h100-sxm", "--name", "x"]) == .badInput)
    #expect(few.error.contains("a fit needs at least 3"), "\(few.error)")
  }
}
