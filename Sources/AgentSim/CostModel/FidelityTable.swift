import Foundation

/// The cost model's error on its calibration rows, per source, hardware and engine, in-sample
/// (rows the fit used) and held out (rows no fit has seen): what `agentsim catalog fidelity`
/// prints and the "Cost model" article shows.
///
/// Errors are of the time per token or to first token, `|predicted / measured − 1|`.
public struct FidelityTable: Codable, Hashable, Sendable {
  /// One (source, hardware, engine) group.
  public struct Group: Codable, Hashable, Sendable {
    /// The source (`TensorRT-LLM`).
    public var source: String
    /// Catalog hardware name.
    public var hardware: String
    /// Catalog engine name, followed by ` on cpu` (`gpu`, `npu`) where the rows name their
    /// compute unit.
    public var engine: String
    /// Error over the rows the fit used.
    public var inSample: Summary
    /// Error over the held-out rows.
    public var heldOut: Summary
    /// Error over rows kept for reference only (neither fitted nor scored, for the reason the
    /// fixture's `assumption` column gives).
    public var reference: Summary

    enum CodingKeys: String, CodingKey {
      case source, hardware, engine, reference
      case inSample = "in_sample"
      case heldOut = "held_out"
    }
  }

  /// Rows, median and worst absolute error of a set of rows.
  public struct Summary: Codable, Hashable, Sendable {
    /// Rows.
    public var rows: Int
    /// Median absolute error, as a fraction; 0 without rows.
    public var median: Double
    /// 90th-percentile absolute error (nearest rank), as a fraction; 0 without rows.
    public var p90: Double
    /// Largest absolute error, as a fraction; 0 without rows.
    public var worst: Double

    /// The summary of `errors` (signed or not).
    ///
    /// - Parameter errors: Relative errors.
    public init(_ errors: [Double]) {
      let sorted = errors.map(abs).sorted()
      rows = sorted.count
      if sorted.isEmpty {
        median = 0
        p90 = 0
        worst = 0
      } else {
        let middle = sorted.count / 2
        median =
          sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        p90 = sorted[max(0, Int((0.9 * Double(sorted.count)).rounded(.up)) - 1)]
        worst = sorted[sorted.count - 1]
      }
    }
  }

  /// A parameter the in-sample rows cannot identify, so the catalog keeps its sourced prior (the
  /// engine's or hardware's `calibration` field names the source).
  public struct Prior: Codable, Hashable, Sendable {
    /// `engine sglang`, `hardware h100-pcie`.
    public var owner: String
    /// The parameter's key (`layer_overhead_ms`).
    public var parameter: String
    /// The value kept, in the parameter's unit.
    public var value: Double
    /// Why the rows cannot identify it.
    public var reason: String
  }

  /// Groups, in first-appearance order of the rows.
  public var groups: [Group]
  /// Per source (all its hardware and engines), in first-appearance order.
  public var sources: [Group]
  /// Datacenter GPUs (hardware whose default engine is vLLM), all sources.
  public var datacenter: Group
  /// Parameters kept at their priors because no in-sample row identifies them, in the fit's
  /// parameter order; then the engines no in-sample row measures and the engine versions one
  /// profile stands for (`unmeasuredEnginePriors`).
  public var priors: [Prior]
  /// The published serving runs under load, when simulated (`catalog fidelity` does; `nil`
  /// otherwise, as simulating them takes seconds).
  public var serving: ServingFidelity?

  /// The table for `catalog` on the built-in calibration rows.
  ///
  /// - Parameter catalog: The catalog whose profiles predict the rows.
  /// - Throws: `Diagnostic` when a row names something the catalog lacks.
  public init(catalog: Catalog = .builtIn) throws {
    let points = try CalibrationSet.points()
    var errors: [(point: CalibrationPoint, error: Double, isDatacenter: Bool)] = []
    for point in points {
      let engine = try point.engine(in: catalog)
      let isDatacenter =
        Catalog.defaultEngineKind(for: try catalog.hardware(named: point.hardware)) == .vllm
      errors.append((point, point.timeError(using: engine), isDatacenter))
    }
    func group(_ source: String, _ hardware: String, _ engine: String, _ members: [Int]) -> Group {
      let chosen = members.map { errors[$0] }
      return Group(
        source: source, hardware: hardware, engine: engine,
        inSample: Summary(
          chosen.filter { $0.point.isFitted && !$0.point.isHeldOut }.map(\.error)),
        heldOut: Summary(chosen.filter { $0.point.isFitted && $0.point.isHeldOut }.map(\.error)),
        reference: Summary(chosen.filter { !$0.point.isFitted }.map(\.error)))
    }
    var groupKeys: [[String]] = []
    var groupMembers: [[String]: [Int]] = [:]
    var sourceKeys: [String] = []
    var sourceMembers: [String: [Int]] = [:]
    for (index, entry) in errors.enumerated() {
      // Rows that name their unit are grouped by it too: `llama.cpp on gpu`.
      let engine = entry.point.backend.map { "\(entry.point.engine) on \($0.rawValue)" }
      let key = [entry.point.source, entry.point.hardware, engine ?? entry.point.engine]
      if groupMembers[key] == nil { groupKeys.append(key) }
      groupMembers[key, default: []].append(index)
      if sourceMembers[entry.point.source] == nil { sourceKeys.append(entry.point.source) }
      sourceMembers[entry.point.source, default: []].append(index)
    }
    groups = groupKeys.map { group($0[0], $0[1], $0[2], groupMembers[$0] ?? []) }
    sources = sourceKeys.map { group($0, "all", "all", sourceMembers[$0] ?? []) }
    datacenter = group(
      "all", "datacenter GPUs", "all", errors.indices.filter { errors[$0].isDatacenter })
    priors = try Calibrator.fit(points, catalog: catalog).parameters.compactMap { parameter in
      parameter.note.map {
        Prior(
          owner: parameter.owner, parameter: parameter.kind.rawValue, value: parameter.value,
          reason: $0)
      }
    }
    priors += Self.unmeasuredEnginePriors(points: points, catalog: catalog)
  }

  /// The engines no in-sample row measures (their overheads are a family's: the profile's
  /// `calibration` says whose), then the engine versions one profile stands for although a row of
  /// another version disagrees (`Catalog.engineVersionNotes`).
  static func unmeasuredEnginePriors(points: [CalibrationPoint], catalog: Catalog) -> [Prior] {
    let measured = Set(points.filter { $0.isFitted && !$0.isHeldOut }.map(\.engine))
    var notes = catalog.engines.filter { !measured.contains($0.name) }.map { engine in
      Prior(
        owner: "engine \(engine.name)", parameter: "iteration_overhead_ms",
        value: engine.iterationOverheadMilliseconds,
        reason: "no calibration row measures this engine: " + engine.calibration)
    }
    for (name, reason) in Catalog.engineVersionNotes.sorted(by: { $0.key < $1.key }) {
      guard let engine = catalog.engines.first(where: { $0.name == name }) else { continue }
      notes.append(
        Prior(
          owner: "engine \(name)", parameter: "iteration_overhead_ms",
          value: engine.iterationOverheadMilliseconds, reason: reason))
    }
    return notes
  }

  /// The table as text (80 columns): one line per group, then per source, then datacenter GPUs,
  /// then the parameters kept at their priors, then the serving runs when `serving` is set.
  ///
  /// - Returns: The text, ending in a newline.
  public func rendered() -> String {
    func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
    func line(_ group: Group) -> String {
      let label = "\(group.source) | \(group.hardware) | \(group.engine)"
      func cells(_ summary: Summary) -> String {
        summary.rows == 0
          ? "   0       -       -"
          : String(format: "%4d", summary.rows)
            + String(repeating: " ", count: max(1, 8 - percent(summary.median).count))
            + percent(summary.median)
            + String(repeating: " ", count: max(1, 8 - percent(summary.worst).count))
            + percent(summary.worst)
      }
      var text =
        label + "\n" + String(repeating: " ", count: 26) + cells(group.inSample) + "   "
        + cells(group.heldOut)
      if group.reference.rows > 0 {
        text +=
          "\n" + String(repeating: " ", count: 10) + "reference only" + "  "
          + cells(group.reference)
      }
      return text
    }
    var lines = [
      "COST MODEL FIDELITY (|time error| on the calibration rows)",
      String(repeating: " ", count: 26) + "  in-sample rows/median/worst"
        + "  held-out rows/median/worst",
    ]
    lines.append("")
    lines.append("by source, hardware and engine")
    lines += groups.map(line)
    lines.append("")
    lines.append("by source")
    lines += sources.map(line)
    lines.append("")
    lines.append(line(datacenter))
    lines.append(
      "  held-out p90 on datacenter GPUs: \(percent(datacenter.heldOut.p90))")
    if !priors.isEmpty {
      lines.append("")
      lines.append("kept at their sourced priors (no in-sample row identifies them)")
      for prior in priors {
        lines.append(
          "\(prior.owner) \(prior.parameter) " + String(format: "%.4g", prior.value))
        lines += Self.wrapped(prior.reason, width: 76).map { "    " + $0 }
      }
    }
    let table = lines.joined(separator: "\n") + "\n"
    return serving.map { table + "\n" + $0.rendered() } ?? table
  }

  /// `text` broken at spaces into lines of at most `width` characters (a longer word stands
  /// alone).
  static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
