import Foundation

/// `agentsim calibrate`: a new hardware profile and engine profile fitted to a user's own
/// measurements, starting from a catalog hardware profile's specifications and an engine's
/// overheads.
public struct UserCalibration: Sendable {
  /// One measurement with the fitted model's prediction and its leave-one-out error.
  public struct Residual: Sendable {
    /// The measurement.
    public var point: CalibrationPoint
    /// The fitted model's prediction, in the metric's unit.
    public var predicted: Double
    /// Signed relative error of the predicted time.
    public var error: Double
    /// Signed relative error of the time predicted by a fit without this row; `nil` when that
    /// fit fails.
    public var leaveOneOutError: Double?
  }

  /// The relative error one unit of the fit stands for: a user's own measurements, repeated on
  /// one machine, scatter by about 1%, so the rows outweigh BASE's values wherever they see a
  /// parameter.
  public static let rowScale = 0.01

  /// The fewest rows a calibration accepts.
  public static let minimumRows = 3

  /// The fitted parameters with uncertainty and notes.
  public let parameters: [Calibrator.Parameter]
  /// Every row, in file order.
  public let residuals: [Residual]
  /// The entries to write: the fitted hardware (named NEW) and engine (`NEW-ENGINE`).
  public let definitions: CatalogDefinitions
  /// The base hardware's name.
  public let base: String

  /// Fits `name` from `points` (their `hardware` and `engine` are replaced).
  ///
  /// - Parameters:
  ///   - points: The user's measurements (at least `minimumRows`).
  ///   - base: The hardware whose specifications the new profile starts from.
  ///   - engine: The engine whose overheads the fit starts from.
  ///   - name: The new hardware's name; the fitted engine is named `"\(name)-\(engine.name)"`.
  ///   - file: The measurements' file, for the profiles' `calibration` notes.
  ///   - catalog: Where models come from.
  /// - Throws: `Diagnostic` for fewer than `minimumRows` rows, or a row the catalog cannot
  ///   evaluate.
  /// - Complexity: O(rows) fits (leave-one-out).
  public init(
    points: [CalibrationPoint], base: HardwareProfile, engine: EngineProfile, name: String,
    file: String, catalog: Catalog
  ) throws {
    guard points.count >= Self.minimumRows else {
      throw Diagnostic(
        file: file,
        message: "found \(points.count) measurement\(points.count == 1 ? "" : "s"); a fit needs"
          + " at least \(Self.minimumRows)",
        suggestion: "measure more prompt lengths, contexts or models")
    }
    var hardware = base
    hardware.name = name
    // The user's rows measure their own engine, so the new profile's η_memory is what that
    // engine reaches; BASE's per-engine fractions (llama.cpp's on a100-80gb) were fitted
    // against BASE's other engines and would override the user's fit for that engine.
    hardware.engineMemoryEfficiency = [:]
    hardware.calibration =
      "fitted by agentsim calibrate on \(file) (\(points.count) rows)"
      + " starting from \(base.name)"
    var servingEngine = engine
    servingEngine.name = "\(name)-\(engine.name)"
    servingEngine.calibration =
      "fitted by agentsim calibrate on \(file) starting from \(engine.name)"
    let start = try catalog.adding(
      CatalogDefinitions(hardware: [hardware], engines: [servingEngine]))
    let mapped = points.map { point in
      var copy = point
      copy.hardware = name
      copy.engine = servingEngine.name
      copy.isFitted = true
      copy.isHeldOut = false
      return copy
    }
    let fit = try Calibrator.fit(
      mapped, catalog: start, prior: .startingValues, rowScale: Self.rowScale)
    self.base = base.name
    parameters = fit.parameters.map { parameter in
      var renamed = parameter
      renamed.note = parameter.note?.replacingOccurrences(
        of: "the starting", with: "\(base.name)'s")
      return renamed
    }
    var residuals: [Residual] = []
    for (index, point) in mapped.enumerated() {
      let deployment = try point.engine(in: fit.catalog)
      var others = mapped
      others.remove(at: index)
      let leaveOneOut = try? Calibrator.fit(
        others, catalog: start, prior: .startingValues, rowScale: Self.rowScale)
      let outError = try? leaveOneOut.map {
        try point.timeError(using: point.engine(in: $0.catalog))
      }
      residuals.append(
        Residual(
          point: point, predicted: point.predictedValue(using: deployment),
          error: point.timeError(using: deployment), leaveOneOutError: outError ?? nil))
    }
    self.residuals = residuals
    definitions = CatalogDefinitions(
      hardware: [try fit.catalog.hardware(named: name)],
      engines: [try fit.catalog.engine(named: servingEngine.name)])
  }

  /// The report: fitted parameters with uncertainty (and why any kept BASE's value), the
  /// residual per row, and the leave-one-out error.
  ///
  /// - Returns: Text, ending in a newline.
  public func rendered() -> String {
    var lines = ["FITTED PARAMETERS (± one standard error)"]
    for parameter in parameters {
      let isMilliseconds = parameter.kind.rawValue.hasSuffix("_ms")
      let value =
        isMilliseconds
        ? String(format: "%.4g ms", parameter.value) : String(format: "%.3f", parameter.value)
      let error = parameter.standardError.map {
        isMilliseconds ? String(format: " ± %.2g ms", $0) : String(format: " ± %.3f", $0)
      }
      lines.append(
        "  \(parameter.owner) \(parameter.kind.rawValue): \(value)\(error ?? "")")
      if let note = parameter.note { lines.append("    \(note)") }
    }
    lines.append("")
    lines.append("ROWS (measured, predicted, error, leave-one-out error)")
    for residual in residuals {
      let point = residual.point
      let unit = point.metric.rawValue
      let out = residual.leaveOneOutError.map { String(format: "%+.1f%%", 100 * $0) } ?? "-"
      lines.append(
        "  \(point.reference) \(point.model) \(point.precision.rawValue) batch \(point.batch)"
          + " \(unit)")
      lines.append(
        String(
          format: "      %.4g vs %.4g  %+.1f%%  LOO %@", point.value, residual.predicted,
          100 * residual.error, out))
    }
    let inSample = FidelityTable.Summary(residuals.map(\.error))
    let outOfSample = FidelityTable.Summary(residuals.compactMap(\.leaveOneOutError))
    lines.append("")
    lines.append(
      String(
        format: "in-sample |error|: median %.1f%%, worst %.1f%%; leave-one-out: median %.1f%%,"
          + " worst %.1f%%", 100 * inSample.median, 100 * inSample.worst,
        100 * outOfSample.median, 100 * outOfSample.worst))
    return lines.joined(separator: "\n") + "\n"
  }
}
