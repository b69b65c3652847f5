import AgentSim
import Foundation

/// `agentsim estimate`: the zero-load timing, memory fit, energy and cost of one LLM call on one
/// piece of hardware.
enum EstimateCommand: CLICommand {
  static let spec = CommandSpec(
    name: "estimate",
    abstract:
      "Estimate one LLM call's prefill, decode, memory, energy and cost on one accelerator.",
    discussion: """
      Times exclude network and queueing. prefill_ms is the prompt of one sequence from an empty \
      cache; decode_step_ms is one step for --batch sequences each holding --context tokens; \
      ttft_ms is the prefill (or one decode step without a prompt); total_ms adds a decode step \
      at --batch for every further output token, the context growing from the prompt; \
      tokens_per_second is batch / decode step. A model that does not fit says why (exit \
      status 0, "fits": false).
      """,
    options: [
      .value("hardware", "name", help: "Hardware profile (see 'agentsim catalog hardware')."),
      .value("model", "name", help: "Model architecture (see 'agentsim catalog models')."),
      .value(
        "precision", "p",
        help: "Weight precision: bf16, fp16, fp8, int8 or q4 (16-bit weights run at the 16-bit"
          + " peak the hardware lists, as in workflows).", default: "bf16, as in workflows"),
      .value("batch", "b", help: "Sequences decoding together.", default: "1"),
      .value(
        "context", "c", help: "Context tokens of each sequence for the decode step.",
        default: "the prompt tokens"),
      .value("prompt-tokens", "n", help: "Prompt tokens of the call.", default: "0"),
      .value("output-tokens", "n", help: "Output tokens of the call.", default: "0"),
      .value(
        "accelerators", "n", help: "Accelerators for tensor parallelism.", default: "1"),
      .value(
        "engine", "name",
        help: "Serving engine (see 'agentsim catalog engines'): vllm, sglang, sglang-v0.3,"
          + " tensorrt-llm, llama.cpp, mlx, mlc, qnn, coreml, executorch, litert, or one from"
          + " --catalog.",
        default: "by hardware: vllm on datacenter GPUs, llama.cpp on Apple and desktop GPUs,"
          + " qnn on Snapdragon"),
      .value(
        "backend", "unit", help: "Compute unit: cpu, gpu or npu.",
        default: "the engine's, where the hardware has it"),
      .value(
        "kv-precision", "p", help: "KV-cache format: bf16, fp16, fp8 or int8.",
        default: "the engine's"),
      .value("catalog", "file", help: "JSON file of user-defined hardware, models and links."),
      .value("format", "f", help: "Output format: table or json.", default: "table"),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let catalog = try CatalogCommand.catalog(arguments, context: context)
    let hardware = try catalog.hardware(named: required("hardware", arguments))
    let model = try catalog.model(named: required("model", arguments))
    // The workflow format's default (a model binding without "precision"), so an estimate and a
    // workflow that leave it out describe the same call.
    let precisionName = try arguments.choice(
      "precision", from: Precision.allCases.map(\.rawValue),
      default: ModelBinding.defaultPrecision.rawValue)
    let precision = Precision(rawValue: precisionName) ?? ModelBinding.defaultPrecision
    let batch = try arguments.integer("batch", default: 1, in: 1...1_000_000)
    let promptTokens = try arguments.integer("prompt-tokens", default: 0, in: 0...100_000_000)
    let outputTokens = try arguments.integer("output-tokens", default: 0, in: 0...10_000_000)
    let contextTokens = try arguments.integer(
      "context", default: promptTokens, in: 0...100_000_000)
    let accelerators = try arguments.integer("accelerators", default: 1, in: 1...1024)
    let format = try arguments.choice("format", from: ["table", "json"], default: "table")
    let servingEngine =
      try arguments.string("engine").map { try catalog.engine(named: $0) }
      ?? catalog.defaultEngine(for: hardware)
    let backend = try arguments.string("backend").map { _ in
      try ComputeBackend(
        rawValue: arguments.choice(
          "backend", from: ComputeBackend.allCases.map(\.rawValue), default: "gpu")) ?? .gpu
    }
    let kvPrecision = try arguments.string("kv-precision").map { _ in
      try KVPrecision(
        rawValue: arguments.choice(
          "kv-precision", from: KVPrecision.allCases.map(\.rawValue), default: "fp16")) ?? .fp16
    }
    let engine = try InferenceEngine(
      hardware: hardware, model: model, precision: precision, acceleratorCount: accelerators,
      engine: servingEngine, kvPrecision: kvPrecision, backend: backend)
    let estimate = engine.estimate(
      promptTokens: promptTokens, outputTokens: outputTokens, batchSize: batch,
      contextTokens: contextTokens)
    if format == "json" {
      context.print(try CatalogCommand.json(estimate))
    } else {
      let style = TerminalStyle.detect(
        environment: context.environment, isTerminal: context.isOutputTerminal)
      context.writeOutput(EstimateRenderer.renderTable(estimate, style: style))
    }
    return .success
  }

  static func required(_ name: String, _ arguments: ParsedArguments) throws -> String {
    guard let value = arguments.string(name) else {
      throw UsageError("missing option '--\(name) <name>'", commandName: spec.name)
    }
    return value
  }
}
