import Foundation

/// A user's own measurements for `agentsim calibrate`: a CSV with the header
/// `model,precision,batch,context,prompt_tokens,metric,value`, vLLM's `benchmark_latency.py
/// --output-json` (or the `.pytorch.json` it writes beside it), or `llama-bench -o json`.
public enum MeasurementFile {
  /// The formats `points(in:file:hardware:engine:catalog:)` recognises.
  public enum Format: String, Sendable {
    /// `model,precision,batch,context,prompt_tokens,metric,value`.
    case csv
    /// vLLM `benchmark_latency.py --output-json` (`avg_latency`, plus the run's configuration).
    case vllmLatency = "vllm benchmark_latency"
    /// `llama-bench -o json`.
    case llamaBench = "llama-bench"
  }

  /// The CSV header, exactly.
  public static let csvHeader = "model,precision,batch,context,prompt_tokens,metric,value"

  /// The CSV metrics and what they mean (`CalibrationMetric` raw values).
  public static let csvMetrics: [CalibrationMetric] = [
    .prefillMilliseconds, .decodeStepMilliseconds, .ttftMilliseconds, .interTokenMilliseconds,
    .prefillTokensPerSecond, .decodeTokensPerSecond,
  ]

  /// Reads every measurement in `text`, collecting every problem before failing.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: Its name, for diagnostics.
  ///   - hardware: The hardware name the points are of.
  ///   - engine: The engine name the points are of.
  ///   - catalog: Where model names are checked.
  /// - Returns: The format and the points (in file order).
  /// - Throws: `DiagnosticError` with `file:line:col` diagnostics.
  public static func points(
    in text: String, file: String, hardware: String, engine: String, catalog: Catalog
  ) throws -> (format: Format, points: [CalibrationPoint]) {
    let start = text.first { !$0.isWhitespace }
    if start == "{" || start == "[" {
      let value = try JSONParser.parse(text, file: file)
      let collector = DiagnosticCollector(file: file)
      let reader = JSONReader(value: value, path: .root, collector: collector)
      let format: Format
      let points: [CalibrationPoint]
      if case .array(let elements) = value.kind, let first = elements.first,
        case .object(let members) = first.kind, members.contains(where: { $0.key == "avg_ts" })
      {
        format = .llamaBench
        points = llamaBench(reader, hardware: hardware, engine: engine, catalog: catalog)
      } else {
        format = .vllmLatency
        points = vllmLatency(reader, hardware: hardware, engine: engine, catalog: catalog)
      }
      if collector.hasErrors { throw DiagnosticError(collector.sortedDiagnostics) }
      return (format, points)
    }
    return (.csv, try csv(text, file: file, hardware: hardware, engine: engine, catalog: catalog))
  }

  // MARK: - CSV

  static func csv(
    _ text: String, file: String, hardware: String, engine: String, catalog: Catalog
  ) throws -> [CalibrationPoint] {
    var problems: [Diagnostic] = []
    var points: [CalibrationPoint] = []
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    guard let header = lines.first, header.trimmingCharacters(in: .whitespaces) == csvHeader
    else {
      throw DiagnosticError(
        Diagnostic(
          file: file, line: 1, column: 1,
          message: "expected the header '\(csvHeader)', found '\(lines.first ?? "")'",
          suggestion: "or give vLLM's benchmark_latency JSON or llama-bench -o json"))
    }
    for (offset, line) in lines.enumerated().dropFirst() {
      let lineNumber = offset + 1
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var columns: [Int] = []
      var column = 1
      for field in fields {
        columns.append(column)
        column += field.count + 1
      }
      func fail(_ index: Int, _ message: String, _ suggestion: String? = nil) {
        problems.append(
          Diagnostic(
            file: file, line: lineNumber, column: index < columns.count ? columns[index] : 1,
            message: message, suggestion: suggestion))
      }
      guard fields.count == 7 else {
        fail(0, "expected 7 fields (\(csvHeader)), found \(fields.count)")
        continue
      }
      let trimmed = fields.map { $0.trimmingCharacters(in: .whitespaces) }
      var isValid = true
      if (try? catalog.model(named: trimmed[0])) == nil {
        let names = catalog.models.map(\.name)
        fail(
          0, "unknown model '\(trimmed[0])'",
          NearestName.suggestion(for: trimmed[0], among: names).map { "did you mean '\($0)'?" }
            ?? "see 'agentsim catalog models'")
        isValid = false
      }
      let precision = Precision(rawValue: trimmed[1])
      if precision == nil {
        fail(
          1,
          "expected a precision (\(Precision.allCases.map(\.rawValue).joined(separator: ", "))),"
            + " found '\(trimmed[1])'")
        isValid = false
      }
      func integer(_ index: Int, minimum: Int) -> Int? {
        guard let value = Int(trimmed[index]), value >= minimum else {
          fail(index, "expected an integer of at least \(minimum), found '\(trimmed[index])'")
          isValid = false
          return nil
        }
        return value
      }
      let batch = integer(2, minimum: 1)
      let context = integer(3, minimum: 0)
      let prompt = integer(4, minimum: 0)
      let metric = CalibrationMetric(rawValue: trimmed[5]).flatMap {
        csvMetrics.contains($0) ? $0 : nil
      }
      if metric == nil {
        let names = csvMetrics.map(\.rawValue)
        fail(
          5, "expected a metric (\(names.joined(separator: ", "))), found '\(trimmed[5])'",
          NearestName.suggestion(for: trimmed[5], among: names).map { "did you mean '\($0)'?" })
        isValid = false
      }
      let value = Double(trimmed[6])
      if value == nil || !(value ?? 0).isFinite || (value ?? 0) <= 0 {
        fail(6, "expected a positive number, found '\(trimmed[6])'")
        isValid = false
      }
      if let metric, !metric.isDecode, let prompt, prompt == 0 {
        fail(4, "\(metric.rawValue) needs prompt_tokens of at least 1")
        isValid = false
      }
      guard isValid, let precision, let batch, let context, let prompt, let metric, let value
      else { continue }
      points.append(
        CalibrationPoint(
          hardware: hardware, accelerators: 1, engine: engine, model: trimmed[0],
          precision: precision, batch: metric.isDecode ? batch : 1, promptTokens: prompt,
          contextTokens: metric.isDecode ? context : nil, outputTokens: 0, metric: metric,
          value: value, source: file, reference: "\(file):\(lineNumber)"))
    }
    guard problems.isEmpty else { throw DiagnosticError(problems) }
    return points
  }

  // MARK: - llama-bench

  /// `llama-bench -o json`: an array of tests; `pp` tests (`n_prompt > 0`, `n_gen == 0`) are
  /// `prefill_tok_s`, `tg` tests (`n_prompt == 0`, `n_gen > 0`) `decode_tok_s`. The model is the
  /// catalog model whose parameter count is within 10% of `model_n_params`; the precision comes
  /// from `model_type` (`Q4_*` → q4, `Q8_0` → int8, `F16` → fp16, `BF16` → bf16), the KV format
  /// from `type_k`.
  static func llamaBench(
    _ reader: JSONReader, hardware: String, engine: String, catalog: Catalog
  ) -> [CalibrationPoint] {
    guard let tests = reader.array() else { return [] }
    var points: [CalibrationPoint] = []
    for test in tests {
      guard let fields = test.object() else { continue }
      let prompt = fields.required("n_prompt")?.integer(.range(0...100_000_000))
      let generated = fields.required("n_gen")?.integer(.range(0...100_000_000))
      let depth = fields.optional("n_depth")?.integer(.range(0...100_000_000)) ?? 0
      let rate = fields.required("avg_ts")?.number(.positive)
      let parameters = fields.required("model_n_params")?.number(.positive)
      let typeReader = fields.required("model_type")
      let type = typeReader?.string()
      let kvType = fields.optional("type_k")?.string() ?? "f16"
      guard let prompt, let generated, let rate, let parameters, let type, let typeReader else {
        continue
      }
      guard (prompt > 0) != (generated > 0) else {
        fields.reader.error(
          "a combined prompt-and-generation test (pg) mixes two phases",
          suggestion: "run llama-bench with separate -p and -n tests")
        continue
      }
      let model = catalog.models.min {
        abs($0.totalParameters - parameters) < abs($1.totalParameters - parameters)
      }
      guard let model, abs(model.totalParameters / parameters - 1) <= 0.1 else {
        fields.optional("model_n_params")?.error(
          "no catalog model has about \(Int(parameters)) parameters",
          suggestion: "define the model in a --catalog file")
        continue
      }
      guard let precision = Self.precision(llamaType: type) else {
        typeReader.error(
          "cannot tell the weight precision from '\(type)'",
          suggestion: "use Q4_*, Q8_0, F16 or BF16 weights")
        continue
      }
      let kv: KVPrecision? =
        switch kvType.lowercased() {
        case "f16": .fp16
        case "bf16": .bf16
        case "q8_0": .int8
        default: nil
        }
      if prompt > 0 {
        points.append(
          CalibrationPoint(
            hardware: hardware, accelerators: 1, engine: engine, model: model.name,
            precision: precision, kvPrecision: kv, promptTokens: prompt, outputTokens: 0,
            metric: .prefillTokensPerSecond, value: rate, source: "llama-bench",
            reference: "\(reader.collector.file ?? "llama-bench"):\(test.location.line)"))
      } else {
        points.append(
          CalibrationPoint(
            hardware: hardware, accelerators: 1, engine: engine, model: model.name,
            precision: precision, kvPrecision: kv, promptTokens: depth, outputTokens: generated,
            metric: .decodeTokensPerSecond, value: rate, source: "llama-bench",
            reference: "\(reader.collector.file ?? "llama-bench"):\(test.location.line)"))
      }
    }
    return points
  }

  /// The weight precision a llama.cpp `model_type` names (`"llama 7B Q4_0"`).
  static func precision(llamaType: String) -> Precision? {
    let upper = llamaType.uppercased()
    if upper.contains("BF16") { return .bf16 }
    if upper.contains("F16") { return .fp16 }
    if upper.contains("Q8_0") { return .int8 }
    if upper.contains("Q4_") { return .q4 }
    return nil
  }

  // MARK: - vLLM

  /// vLLM `benchmark_latency.py`: `--output-json` holds only the latencies, so the file must
  /// also carry the run's configuration — the `.pytorch.json` records do
  /// (`benchmark.extra_info.args`); for the plain file add `"model"` (a catalog name),
  /// `"precision"`, `"input_len"`, `"output_len"` and `"batch_size"` (and optionally
  /// `"tensor_parallel_size"`, `"kv_cache_dtype"`). Each file is one `latency_ms` row: the mean
  /// latency of the whole batched generation.
  static func vllmLatency(
    _ reader: JSONReader, hardware: String, engine: String, catalog: Catalog
  ) -> [CalibrationPoint] {
    var runs: [(JSONObjectReader, JSONObjectReader)] = []
    if let records = try? arrayValue(reader) {
      for record in records {
        guard let fields = record.object(),
          let args = fields.required("benchmark")?.object()?.required("extra_info")?.object()?
            .required("args")?.object(),
          let metric = fields.required("metric")?.object()?.required("extra_info")?.object()
        else { continue }
        runs.append((args, metric))
      }
    } else if let fields = reader.object() {
      runs.append((fields, fields))
    }
    var points: [CalibrationPoint] = []
    for (args, results) in runs {
      let latency = results.required("avg_latency")?.number(.positive)
      let modelReader = args.required(
        "model", what: "(a catalog model name: vLLM's --output-json does not record the model)")
      let model = modelReader?.string()
      let precisionReader = args.optional("precision") ?? args.optional("dtype")
      let input = args.required("input_len")?.integer(.range(1...100_000_000))
      let output = args.required("output_len")?.integer(.range(1...100_000_000))
      let batch = args.required("batch_size")?.integer(.range(1...1_000_000))
      let accelerators = args.optional("tensor_parallel_size")?.integer(.range(1...1024)) ?? 1
      var kv: KVPrecision?
      if let kvReader = args.optional("kv_cache_dtype"), let text = kvReader.string() {
        kv = text == "auto" ? nil : KVPrecision(rawValue: text == "fp8_e4m3" ? "fp8" : text)
      }
      var precision: Precision?
      if let precisionReader, let text = precisionReader.string() {
        precision =
          Precision(rawValue: text == "bfloat16" ? "bf16" : text == "float16" ? "fp16" : text)
        if precision == nil {
          precisionReader.error(
            "expected a precision (\(Precision.allCases.map(\.rawValue).joined(separator: ", "))),"
              + " found '\(text)'")
        }
      } else if precisionReader == nil {
        args.reader.error(
          "missing the weight precision", suggestion: "add \"precision\": \"bf16\" (or fp8, ...)")
      }
      var modelName: String?
      if let model, let modelReader {
        let candidates = [model, model.split(separator: "/").last.map(String.init) ?? model]
          .map { $0.lowercased().replacingOccurrences(of: "meta-", with: "") }
        modelName = candidates.first { (try? catalog.model(named: $0)) != nil }
        if modelName == nil {
          modelReader.error(
            "unknown model '\(model)'",
            suggestion: NearestName.suggestion(
              for: candidates.last ?? model, among: catalog.models.map(\.name)
            ).map { "did you mean '\($0)'?" } ?? "see 'agentsim catalog models'")
        }
      }
      guard let latency, let modelName, let precision, let input, let output, let batch else {
        continue
      }
      points.append(
        CalibrationPoint(
          hardware: hardware, accelerators: accelerators, engine: engine, model: modelName,
          precision: precision, kvPrecision: kv, batch: batch, promptTokens: input,
          outputTokens: output, metric: .latencyMilliseconds, value: latency * 1000,
          source: "vllm benchmark_latency",
          reference: "\(reader.collector.file ?? "vllm"):\(args.reader.location.line)"))
    }
    return points
  }

  /// The elements when `reader` holds an array (without recording a problem otherwise).
  static func arrayValue(_ reader: JSONReader) throws -> [JSONReader] {
    guard case .array = reader.value.kind, let elements = reader.array() else {
      throw DiagnosticError([])
    }
    return elements
  }
}
