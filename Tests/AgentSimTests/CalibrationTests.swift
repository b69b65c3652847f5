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
    for (source, phase, median, worst, count) in try Self.summary() {
      print(
        String(
          format: "SUMMARY %@ | %@ | n=%d | median %.1f%% | worst %.1f%%", source, phase, count,
          100 * median, 100 * worst))
    }
  }

  /// The median and worst absolute error of the time per token (decode) or to first token
  /// (prefill) reached per source, as fractions, with a margin of about one percentage point:
  /// a change to the model or the catalog that makes any of them worse fails here.
  static let heldErrors: [String: (median: Double, worst: Double)] = [
    "llama.cpp #4167|prefill": (0.035, 0.215),
    "llama.cpp #4167|decode": (0.075, 0.25),
    "XiongjieDai llama.cpp|decode": (0.055, 0.335),
    "XiongjieDai llama.cpp|prefill": (0.10, 0.36),
    "XiongjieDai llama.cpp (datacenter GPUs)|decode": (0.18, 0.44),
    "XiongjieDai llama.cpp (datacenter GPUs)|prefill": (0.67, 0.79),
    "Qualcomm AI Hub|decode": (0.02, 0.025),
    "Qualcomm AI Hub|prefill": (0.015, 0.015),
    "TensorRT-LLM|prefill": (0.035, 0.30),
    "NVIDIA NIM|prefill": (0.06, 0.08),
    "NVIDIA NIM|decode": (0.235, 0.25),
  ]

  @Test("every covered row is recomputed; per-source median and worst errors hold")
  func residualsHold() throws {
    let summary = try Self.summary()
    #expect(summary.count == Self.heldErrors.count)
    for (source, phase, median, worst, count) in summary {
      let held = try #require(Self.heldErrors["\(source)|\(phase)"], "\(source) \(phase)")
      #expect(count > 0)
      #expect(median <= held.median, "\(source) \(phase): median \(median)")
      #expect(worst <= held.worst, "\(source) \(phase): worst \(worst)")
    }
  }

  @Test("over the fitted rows, median error is within 10% on decode and 15% on prefill")
  func targets() throws {
    let residuals = try CalibrationFixture.residuals().filter(\.point.isFitted)
    let decode = residuals.filter(\.point.metric.isDecode).map(\.timeError)
    let prefill = residuals.filter { !$0.point.metric.isDecode }.map(\.timeError)
    #expect(decode.count + prefill.count == residuals.count)
    #expect(CalibrationFixture.medianAbsolute(decode) <= 0.10)
    #expect(CalibrationFixture.medianAbsolute(prefill) <= 0.15)
  }

  @Test("the catalog's efficiencies sit at the calibrator's optimum")
  func catalogIsFitted() throws {
    let catalog = Catalog.builtIn
    let points = try CalibrationFixture.points()
    var names: [String] = []
    for point in points where point.isFitted && !names.contains(point.hardware) {
      names.append(point.hardware)
    }
    #expect(names.count == 11)
    for name in names {
      let profile = try catalog.hardware(named: name)
      let fitted = try Calibrator.fit(profile, to: points, catalog: catalog)
      let current = try Calibrator.objective(of: profile, points: points, catalog: catalog)
      let best = try Calibrator.objective(of: fitted, points: points, catalog: catalog)
      #expect(best <= current)
      #expect(current <= best * 1.02 + 0.05, "\(name): \(current) vs optimum \(best)")
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
