import AgentSim
import Foundation

/// The calibration rows committed under `Fixtures/`, and their residuals against the catalog.
enum CalibrationFixture {
  /// `Fixtures/calibration-rows.csv`, next to this file, so a fresh clone needs nothing else.
  static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/calibration-rows.csv")

  /// Every row as a calibration point.
  static func points() throws -> [CalibrationPoint] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var points: [CalibrationPoint] = []
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 11, let accelerators = Int(fields[4]),
        let precision = Precision(rawValue: fields[6]), let prompt = Int(fields[7]),
        let output = Int(fields[8]), let metric = CalibrationMetric(rawValue: fields[9]),
        let value = Double(fields[10])
      else {
        throw FixtureError(line: String(line))
      }
      points.append(
        CalibrationPoint(
          hardware: fields[3], accelerators: accelerators, model: fields[5],
          precision: precision, promptTokens: prompt, outputTokens: output, metric: metric,
          value: value, source: fields[1], isFitted: fields[2] == "yes",
          reference: "public-measurements.csv line \(fields[0])"))
    }
    return points
  }

  /// A row the fixture parser cannot read.
  struct FixtureError: Error {
    var line: String
  }

  /// One recomputed row.
  struct Residual {
    var point: CalibrationPoint
    var predicted: Double
    /// Signed relative error of the time per token or to first token:
    /// `time_predicted / time_measured − 1`.
    var timeError: Double
  }

  /// Every row recomputed with the catalog's own profiles.
  static func residuals(catalog: Catalog = .builtIn) throws -> [Residual] {
    try points().map { point in
      let engine = try point.engine(
        hardware: catalog.hardware(named: point.hardware), catalog: catalog)
      let predicted = point.predictedValue(using: engine)
      let isRate =
        point.metric == .decodeTokensPerSecond || point.metric == .prefillTokensPerSecond
      let timeRatio = isRate ? point.value / predicted : predicted / point.value
      return Residual(point: point, predicted: predicted, timeError: timeRatio - 1)
    }
  }

  /// The median of absolute values.
  static func medianAbsolute(_ values: [Double]) -> Double {
    let sorted = values.map(abs).sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
