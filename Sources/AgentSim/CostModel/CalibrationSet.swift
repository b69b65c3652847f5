import Foundation

/// The built-in calibration rows as points, with the deterministic held-out split.
public enum CalibrationSet {
  /// Every row of the built-in calibration data, in file order, with `isHeldOut` set by
  /// `heldOut(position:of:)` within each source.
  ///
  /// - Returns: The points.
  /// - Throws: `DiagnosticError` when the embedded data is malformed (a defect the tests catch).
  public static func points() throws -> [CalibrationPoint] {
    split(
      try parse(CalibrationData.csv, file: "calibration-rows.csv")
        + parsePublic(CalibrationData.publicRows, file: "public-rows.csv"))
  }

  /// The text of the built-in calibration rows taken from the team's measurement table (the
  /// fixture file's exact contents).
  public static var text: String { CalibrationData.csv }

  /// The text of the project's own calibration rows, each with its URL, date and what was
  /// measured (`Tests/AgentSimTests/Fixtures/public-rows.csv`'s exact contents).
  public static var publicRowsText: String { CalibrationData.publicRows }

  /// The primary document of each source of the team's measurement table, by source name: every
  /// row of `calibration-rows.csv` cites its source's (the project's own rows carry their URL).
  public static let primaryDocuments: [String: String] = [
    "llama.cpp #4167": "https://github.com/ggml-org/llama.cpp/discussions/4167",
    "XiongjieDai llama.cpp":
      "https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference/blob/00dd2bde/README.md",
    "XiongjieDai llama.cpp (datacenter GPUs)":
      "https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference/blob/00dd2bde/README.md",
    "Qualcomm AI Hub":
      "https://github.com/quic/ai-hub-models/blob/1c5de3b9/qai_hub_models/models/"
      + "llama_v3_8b_chat_quantized/perf.yaml",
    "TensorRT-LLM":
      "https://github.com/NVIDIA/TensorRT-LLM/blob/138f96d4/docs/source/performance.md",
    "NVIDIA NIM": "https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance",
  ]

  /// Whether the row at `position` (0-based, in file order) among `count` rows of one source is
  /// held out: ⌈count / 5⌉ rows spread evenly over the source (at least 20% of every source, at
  /// least one row), chosen by position alone so the split never depends on values.
  ///
  /// - Parameters:
  ///   - position: The row's index within its source.
  ///   - count: Rows of the source.
  /// - Returns: `true` for a held-out row.
  public static func isHeldOut(position: Int, of count: Int) -> Bool {
    let held = (count + 4) / 5
    return (position + 1) * held / count > position * held / count
  }

  /// Marks each source's held-out rows among its fitted ones (reference-only rows are neither).
  static func split(_ points: [CalibrationPoint]) -> [CalibrationPoint] {
    var counts: [String: Int] = [:]
    for point in points where point.isFitted { counts[point.source, default: 0] += 1 }
    var seen: [String: Int] = [:]
    return points.map { point in
      var marked = point
      guard point.isFitted else { return marked }
      let position = seen[point.source, default: 0]
      seen[point.source] = position + 1
      marked.isHeldOut = isHeldOut(position: position, of: counts[point.source] ?? 1)
      return marked
    }
  }

  /// Parses the project's own rows: `source,url,date,fitted,hardware,accelerators,engine,model,
  /// precision,batch,prompt_tokens,output_tokens,metric,value,measured,weight_format[,backend]`
  /// (no field holds a comma; `weight_format` is empty unless the measured file's bytes per
  /// weight differ from the precision's, as for llama.cpp's `Q4_K_M`; `backend`, where present,
  /// names the compute unit the row ran on, else the engine's default unit).
  static func parsePublic(_ text: String, file: String) throws -> [CalibrationPoint] {
    var points: [CalibrationPoint] = []
    var problems: [Diagnostic] = []
    for (offset, line) in text.split(separator: "\n").enumerated().dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 16 || fields.count == 17, fields[1].hasPrefix("https://"),
        let accelerators = Int(fields[5]),
        let precision = Precision(rawValue: fields[8]), let batch = Int(fields[9]), batch >= 1,
        let prompt = Int(fields[10]), let output = Int(fields[11]),
        let metric = CalibrationMetric(rawValue: fields[12]), let value = Double(fields[13]),
        value > 0
      else {
        problems.append(Diagnostic(file: file, line: offset + 1, message: "malformed row"))
        continue
      }
      var point = CalibrationPoint(
        hardware: fields[4], accelerators: accelerators, engine: fields[6], model: fields[7],
        precision: precision, batch: batch, promptTokens: prompt, outputTokens: output,
        metric: metric, value: value, source: fields[0], isFitted: fields[3] == "yes",
        reference: "\(fields[1]) (\(fields[2]))")
      if !fields[15].isEmpty {
        guard let format = WeightFormat(rawValue: fields[15]) else {
          problems.append(Diagnostic(file: file, line: offset + 1, message: "unknown format"))
          continue
        }
        point.weightFormat = format
      }
      if fields.count == 17, !fields[16].isEmpty {
        guard let backend = ComputeBackend(rawValue: fields[16]) else {
          problems.append(Diagnostic(file: file, line: offset + 1, message: "unknown backend"))
          continue
        }
        point.backend = backend
      }
      points.append(point)
    }
    guard problems.isEmpty else { throw DiagnosticError(problems) }
    return points
  }

  /// Parses the fixture format: `csv_line,source,fitted,hardware,accelerators,engine,model,
  /// precision,prompt_tokens,output_tokens,metric,value,assumption,weight_format`.
  static func parse(_ text: String, file: String) throws -> [CalibrationPoint] {
    var points: [CalibrationPoint] = []
    var problems: [Diagnostic] = []
    for (offset, line) in text.split(separator: "\n").enumerated().dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 12, let accelerators = Int(fields[4]),
        let precision = Precision(rawValue: fields[7]), let prompt = Int(fields[8]),
        let output = Int(fields[9]), let metric = CalibrationMetric(rawValue: fields[10]),
        let value = Double(fields[11])
      else {
        problems.append(Diagnostic(file: file, line: offset + 1, message: "malformed row"))
        continue
      }
      guard let document = primaryDocuments[fields[1]] else {
        problems.append(
          Diagnostic(file: file, line: offset + 1, message: "no primary document for the source"))
        continue
      }
      var point = CalibrationPoint(
        hardware: fields[3], accelerators: accelerators, engine: fields[5], model: fields[6],
        precision: precision, promptTokens: prompt, outputTokens: output, metric: metric,
        value: value, source: fields[1], isFitted: fields[2] == "yes",
        reference: "\(document) (public-measurements.csv line \(fields[0]))")
      if fields.count >= 14, !fields[13].isEmpty {
        guard let format = WeightFormat(rawValue: fields[13]) else {
          problems.append(Diagnostic(file: file, line: offset + 1, message: "unknown format"))
          continue
        }
        point.weightFormat = format
      }
      points.append(point)
    }
    guard problems.isEmpty else { throw DiagnosticError(problems) }
    return points
  }
}
