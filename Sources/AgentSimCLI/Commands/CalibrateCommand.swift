import AgentSim
import Foundation

/// `agentsim calibrate MEASUREMENTS --hardware BASE --name NEW [--engine E] [--out FILE]`: fits a
/// hardware and engine profile to a user's own measurements and writes a catalog file.
enum CalibrateCommand: CLICommand {
  static let spec = CommandSpec(
    name: "calibrate",
    abstract: "Fit a hardware and engine profile to your own measurements.",
    discussion: """
      MEASUREMENTS is a CSV with the header model,precision,batch,context,prompt_tokens,metric,\\
      value (metric: prefill_ms, decode_step_ms, ttft_ms, itl_ms, prefill_tok_s or \\
      decode_tok_s; context is each sequence's context at a decode step), the JSON of vLLM's \\
      benchmark_latency.py --output-json (with "model", "precision", "input_len", "output_len" \\
      and "batch_size" added, or its .pytorch.json), or llama-bench -o json. At least 3 rows. \\
      The fit starts from BASE's specifications and the engine's overheads, fits each \\
      parameter from the rows that observe it, and says which it cannot identify. It prints \\
      the parameters with their uncertainty, each row's residual and its leave-one-out error, \\
      and writes a catalog file with hardware NEW and engine NEW-ENGINE for --catalog: \\
      'agentsim estimate --catalog FILE --hardware NEW --engine NEW-ENGINE ...'.
      """,
    positionals: [
      PositionalSpec("measurements", help: "CSV, vLLM latency JSON or llama-bench JSON.")
    ],
    options: [
      .value("hardware", "base", help: "Catalog hardware to start from (its specifications)."),
      .value("name", "new", help: "Name of the fitted hardware profile."),
      .value(
        "engine", "name", help: "Engine that produced the measurements.",
        default: "the default engine for BASE"),
      .value("out", "file", help: "Catalog file to write.", default: "NEW.json"),
      .value("catalog", "file", help: "JSON file of user-defined hardware, models and engines."),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    guard let path = arguments.positionals.first else {
      throw UsageError("missing MEASUREMENTS", commandName: spec.name)
    }
    let catalog = try CatalogCommand.catalog(arguments, context: context)
    let base = try catalog.hardware(named: EstimateCommand.required("hardware", arguments))
    let name = try EstimateCommand.required("name", arguments)
    guard name.range(of: "^[a-z0-9][a-z0-9.-]*$", options: .regularExpression) != nil else {
      throw UsageError(
        "option '--name' expects a kebab-case name (a-z, 0-9, '-', '.'), found '\(name)'",
        commandName: spec.name)
    }
    let engine =
      try arguments.string("engine").map { try catalog.engine(named: $0) }
      ?? catalog.defaultEngine(for: base)
    let url = context.url(forPath: path)
    guard let data = try? Data(contentsOf: url) else {
      throw DiagnosticError(Diagnostic(file: path, message: "cannot read the file"))
    }
    let text = String(decoding: data, as: UTF8.self)
    let measurements = try MeasurementFile.points(
      in: text, file: path, hardware: name, engine: engine.name, catalog: catalog)
    let calibration = try UserCalibration(
      points: measurements.points, base: base, engine: engine, name: name, file: path,
      catalog: catalog)
    let outPath = arguments.string("out") ?? "\(name).json"
    let json = try CatalogCommand.json(calibration.definitions) + "\n"
    do {
      try Data(json.utf8).write(to: context.url(forPath: outPath), options: .atomic)
    } catch {
      throw CommandFailure("cannot write \(outPath): \(error.localizedDescription)")
    }
    context.print(
      "\(measurements.points.count) rows (\(measurements.format.rawValue)) from \(path);"
        + " starting from \(base.name) and \(engine.name)")
    context.print()
    context.writeOutput(calibration.rendered())
    context.print()
    let engineName = calibration.definitions.engines?.first?.name ?? engine.name
    context.print(
      "wrote \(outPath): use it with --catalog \(outPath) --hardware \(name) --engine \(engineName)"
    )
    return .success
  }
}
