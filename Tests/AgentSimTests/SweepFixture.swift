import AgentSim
import Foundation

/// The small sweep workflow of `Fixtures/sweep-small.json`, loaded into plans.
enum SweepFixture {
  static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/sweep-small.json")

  static func plan(
    overrides: [String] = [], axes: [ParameterAxis] = [], candidates: [String: [String]] = [:],
    settings: SweepSettings = SweepSettings(sessions: 150)
  ) throws(DiagnosticError) -> SweepPlan {
    try SweepPlan.load(
      contentsOf: url, file: "sweep-small.json", overrides: overrides, axes: axes,
      candidates: candidates, settings: settings)
  }

  static func json(_ report: SweepReport) throws -> String {
    String(decoding: try SweepRenderer.renderJSON(report), as: UTF8.self)
  }
}
