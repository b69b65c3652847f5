import Foundation

/// The files a study writes, by path relative to the study folder: `README.md` (the template with
/// every `{{key}}` filled), `data/*.csv` and `figures/*.svg`. `data/` and `figures/` are wholly
/// generated; nothing else in the folder is touched.
public struct StudyOutput: Sendable {
  /// Relative path to contents, in path order.
  public private(set) var files: [(path: String, contents: String)]

  /// The folders whose every file the study generates.
  public static let generatedFolders = ["data", "figures"]

  /// Builds every file of `results` with `template`.
  ///
  /// - Parameters:
  ///   - results: What the simulations produced.
  ///   - template: The contents of `template.md`.
  ///   - templateFile: Its name, for diagnostics.
  /// - Throws: `DiagnosticError` for each `{{key}}` that names no value (with the nearest key).
  public init(_ results: StudyResults, template: String, templateFile: String)
    throws(DiagnosticError)
  {
    let values = StudyValues(results)
    var files: [String: String] = [:]
    files["README.md"] = try Self.fill(
      template, values: values.values, numbers: values.numbers, file: templateFile)
    files["data/runs.csv"] = Self.runsCSV(results)
    files["data/values.csv"] = Self.valuesCSV(values)
    for (index, series) in results.spec.series.enumerated() {
      files["data/series-\(series.id).csv"] = Self.seriesCSV(series, results.series[index])
      files["figures/series-\(series.id).svg"] =
        StudyCharts.lineChart(series, results.series[index]).render() + "\n"
    }
    for bars in results.spec.bars {
      files["figures/bars-\(bars.id).svg"] =
        StudyCharts.attributionBars(bars, results: results).render() + "\n"
    }
    for (front, report) in zip(results.spec.fronts, results.fronts) {
      files["data/front-\(front.id).csv"] = SweepRenderer.pointsCSV(report)
      files["figures/front-\(front.id).svg"] = SVGChart.pareto(for: report).render() + "\n"
    }
    self.files = files.sorted { $0.key < $1.key }.map { (path: $0.key, contents: $0.value) }
  }

  /// `template` with each `{{key}}` replaced by its value, `{{ratio A B}}` by A / B (`2.31×`) and
  /// `{{minus A B}}` by A − B as a duration, for keys A and B with numbers (`data/values.csv`).
  ///
  /// - Throws: `DiagnosticError` with one diagnostic per unknown key, at its line and column.
  static func fill(
    _ template: String, values: [String: String], numbers: [String: Double] = [:], file: String
  ) throws(DiagnosticError) -> String {
    func evaluate(_ expression: String) -> (text: String?, unknown: String) {
      let words = expression.split(separator: " ").map(String.init)
      guard words.count == 3, ["ratio", "minus"].contains(words[0]) else {
        return (values[expression], expression)
      }
      guard let a = numbers[words[1]] else { return (nil, words[1]) }
      guard let b = numbers[words[2]] else { return (nil, words[2]) }
      if words[0] == "minus" { return (DisplayFormat.duration(milliseconds: a - b), "") }
      return (b == 0 ? DisplayFormat.notANumber : DisplayFormat.significant(a / b, 3) + "×", "")
    }
    var output = ""
    var problems: [Diagnostic] = []
    let lines = template.split(separator: "\n", omittingEmptySubsequences: false)
    for (lineIndex, line) in lines.enumerated() {
      var rest = Substring(line)
      var column = 1
      while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
        output += rest[..<open.lowerBound]
        column += rest.distance(from: rest.startIndex, to: open.lowerBound)
        let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        let (value, unknown) = evaluate(key)
        if let value {
          output += value
        } else {
          problems.append(
            Diagnostic(
              file: file, line: lineIndex + 1, column: column, path: key,
              message: "no study value is called '\(unknown)'",
              suggestion: NearestName.suggestion(for: unknown, among: values.keys.sorted()).map {
                "did you mean '\($0)'?"
              } ?? "see data/values.csv for every key"))
        }
        column += rest.distance(from: open.lowerBound, to: close.upperBound)
        rest = rest[close.upperBound...]
      }
      output += rest
      if lineIndex + 1 < lines.count { output += "\n" }
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    return output
  }

  static func runsCSV(_ results: StudyResults) -> String {
    var rows = [
      ([
        "id", "group", "label", "workflow", "placement", "sessions", "mean_ms", "p50_ms", "p99_ms",
        "ttft_p99_ms", "cost_usd", "energy_j", "verdict",
      ]
        + LatencyComponent.allCases.map { "\($0.rawValue)_mean_ms" }).joined(separator: ",")
    ]
    for (run, report) in zip(results.spec.runs, results.runs) {
      let components = LatencyComponent.allCases.map { component in
        report.components.first { $0.component == component }?.meanMilliseconds ?? 0
      }
      let metrics = [StudyMetric.mean, .p50, .p99, .ttftP99].map { metric in
        metric.value(in: report).map { csvNumber($0) } ?? ""
      }
      let cells: [String] =
        [
          run.id, run.group, run.label, run.workflow,
          StudyValues.placementText(report.run.placement), String(report.run.sessions),
        ] + metrics + [
          csvNumber(report.costDollarsPerSession), csvNumber(report.deviceEnergyJoulesPerSession),
          StudyValues.verdict(report),
        ] + components.map { csvNumber($0) }
      rows.append(cells.map(CSVFormat.field).joined(separator: ","))
    }
    return rows.joined(separator: "\n") + "\n"
  }

  static func seriesCSV(_ series: StudySpec.Series, _ lines: [[LatencyReport]]) -> String {
    var rows = [(["x"] + series.lines.map(\.id)).joined(separator: ",")]
    for (index, x) in series.x.enumerated() {
      let cells = lines.map { line in
        series.metric.value(in: line[index]).map { csvNumber($0) } ?? ""
      }
      rows.append(([StudyValues.number(x)] + cells).joined(separator: ","))
    }
    return rows.joined(separator: "\n") + "\n"
  }

  static func valuesCSV(_ values: StudyValues) -> String {
    var rows = ["key,text,number"]
    for key in values.values.keys.sorted() where !key.hasPrefix("table.") {
      let text = values.values[key] ?? ""
      let number = values.numbers[key].map { csvNumber($0) } ?? ""
      rows.append([key, text, number].map(CSVFormat.field).joined(separator: ","))
    }
    return rows.joined(separator: "\n") + "\n"
  }

  /// Six significant digits, fixed notation.
  static func csvNumber(_ value: Double) -> String {
    DisplayFormat.significant(value, 6)
  }

  // MARK: Writing and checking

  /// Writes every file under `folder`, each atomically, and removes files in the generated folders
  /// that the study no longer produces.
  ///
  /// - Returns: The paths written.
  /// - Throws: The file system's error.
  public func write(to folder: URL) throws -> [String] {
    let manager = FileManager.default
    for generated in Self.generatedFolders {
      let directory = folder.appendingPathComponent(generated)
      try manager.createDirectory(at: directory, withIntermediateDirectories: true)
      for name in try manager.contentsOfDirectory(atPath: directory.path)
      where !files.contains(where: { $0.path == "\(generated)/\(name)" }) {
        try manager.removeItem(at: directory.appendingPathComponent(name))
      }
    }
    for file in files {
      try Data(file.contents.utf8).write(
        to: folder.appendingPathComponent(file.path), options: .atomic)
    }
    return files.map(\.path)
  }

  /// The paths under `folder` that differ from what the study produces: changed, missing, or left
  /// over in a generated folder. Empty when the committed study is up to date.
  public func differences(from folder: URL) -> [String] {
    var differing: [String] = []
    for file in files {
      let data = try? Data(contentsOf: folder.appendingPathComponent(file.path))
      if data != Data(file.contents.utf8) { differing.append(file.path) }
    }
    for generated in Self.generatedFolders {
      let names =
        (try? FileManager.default.contentsOfDirectory(
          atPath: folder.appendingPathComponent(generated).path)) ?? []
      for name in names.sorted() where !files.contains(where: { $0.path == "\(generated)/\(name)" })
      {
        differing.append("\(generated)/\(name)")
      }
    }
    return differing
  }
}
