import AgentSim
import Foundation
import Testing

@Suite("Calibration against public measurements")
struct CalibrationTests {
  /// Prints, per hardware, the fitted parameters and, per source and phase, the residuals. Run
  /// with `AGENTSIM_CALIBRATE=1 swift test --filter CalibrationTests` after changing the model,
  /// then copy the parameters into `Catalog+Hardware.swift`.
  @Test(
    "report the fit", .enabled(if: ProcessInfo.processInfo.environment["AGENTSIM_CALIBRATE"] != nil)
  )
  func report() throws {
    let catalog = Catalog.builtIn
    let points = try CalibrationFixture.points()
    var seen: [String] = []
    var fittedProfiles: [HardwareProfile] = []
    for point in points where point.isFitted && !seen.contains(point.hardware) {
      seen.append(point.hardware)
      let fitted = try Calibrator.fit(
        catalog.hardware(named: point.hardware), to: points, catalog: catalog)
      fittedProfiles.append(fitted)
      print(
        String(
          format: "FIT %@ eta_m=%.3f eta_c=%.3f step=%.3f ms layer=%.4f ms", fitted.name,
          fitted.memoryEfficiency, fitted.computeEfficiency, fitted.stepOverheadMilliseconds,
          fitted.layerOverheadMilliseconds))
    }
    let fittedCatalog = try catalog.adding(CatalogDefinitions(hardware: fittedProfiles))
    for residual in try CalibrationFixture.residuals(catalog: fittedCatalog) {
      print(
        String(
          format: "ROW %@ | %@ | %@ %@ %@ | %@ %.2f vs %.2f | %+.1f%%", residual.point.reference,
          residual.point.source, residual.point.hardware, residual.point.model,
          residual.point.precision.rawValue, residual.point.metric.rawValue, residual.predicted,
          residual.point.value, 100 * residual.timeError))
    }
    for (source, phase, median, worst, count) in try Self.summary(catalog: fittedCatalog) {
      print(
        String(
          format: "SUMMARY %@ | %@ | n=%d | median %.1f%% | worst %.1f%%", source, phase, count,
          100 * median, 100 * worst))
    }
  }

  /// (source, phase, median |error|, worst |error|, rows), in first-appearance order.
  static func summary(catalog: Catalog = .builtIn) throws
    -> [(String, String, Double, Double, Int)]
  {
    let residuals = try CalibrationFixture.residuals(catalog: catalog)
    var keys: [String] = []
    var groups: [String: [Double]] = [:]
    for residual in residuals {
      let phase = residual.point.metric.isDecode ? "decode" : "prefill"
      let key = "\(residual.point.source)|\(phase)"
      if groups[key] == nil { keys.append(key) }
      groups[key, default: []].append(residual.timeError)
    }
    return keys.map { key in
      let parts = key.split(separator: "|").map(String.init)
      let errors = groups[key] ?? []
      return (
        parts[0], parts[1], CalibrationFixture.medianAbsolute(errors),
        errors.map(abs).max() ?? 0, errors.count
      )
    }
  }
}
