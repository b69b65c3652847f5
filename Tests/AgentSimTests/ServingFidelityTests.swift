import AgentSim
import Foundation
import Testing

/// The simulator against published serving runs under load (`ServingFidelity`): one computation
/// shared by the tests, as each run simulates a few thousand requests.
@Suite("Serving under load")
struct ServingFidelityTests {
  static let fidelity = Result { try ServingFidelity() }

  @Test("the Cost model article shows exactly the serving table 'catalog fidelity' prints")
  func articleIsInStep() throws {
    let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/AgentSim/AgentSim.docc/CostModel.md")
    let text = try String(contentsOf: article, encoding: .utf8)
    let begin = try #require(text.range(of: "<!-- serving:begin -->\n```\n"))
    let end = try #require(text.range(of: "```\n<!-- serving:end -->"))
    #expect(String(text[begin.upperBound..<end.lowerBound]) == (try Self.fidelity.get().rendered()))
  }

  @Test("every published run is simulated, and no server the sources ran saturates")
  func everyRunServes() throws {
    let fidelity = try Self.fidelity.get()
    #expect(fidelity.runs.count == ServingBenchmarks.all.count)
    for run in fidelity.runs {
      #expect(run.predictedTTFTMilliseconds.isFinite, "\(run.engine) \(run.load)")
      #expect(run.predictedEndToEndMilliseconds.isFinite, "\(run.engine) \(run.load)")
      #expect(!run.isSaturated, "\(run.engine) \(run.hardware) \(run.load)")
    }
  }

  @Test("median errors under load stay within the recorded figures")
  func errorsHold() throws {
    let fidelity = try Self.fidelity.get()
    #expect(fidelity.medianLatencyError <= Self.latencyLimit, "\(fidelity.medianLatencyError)")
    #expect(fidelity.medianTTFTError <= Self.ttftLimit, "\(fidelity.medianTTFTError)")
  }

  /// The medians this catalog reaches, with a few points of margin: a change that makes either
  /// worse fails here.
  static let latencyLimit = 0.11
  static let ttftLimit = 0.45

  @Test("the ShareGPT workload reproduces the benchmark's mean lengths within 5%")
  func shareGPTWorkload() throws {
    let run = try #require(ServingBenchmarks.all.first)
    for (text, mean) in [(run.promptTokens, 229.7), (run.outputTokens, run.meanOutputTokens)] {
      let data = Data(text.utf8)
      let object = try #require(
        try JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Double]]])
      let percentiles = try #require(object["empirical"]?["percentiles"])
      // Piecewise-linear between the listed percentiles: integrate the quantile function.
      let points = percentiles.map { (Double($0.key.dropFirst()) ?? 0, $0.value) }
        .sorted { $0.0 < $1.0 }
      var integral = 0.0
      for (low, high) in zip(points, points.dropFirst()) {
        integral += (high.0 - low.0) / 100 * (low.1 + high.1) / 2
      }
      #expect(abs(integral / mean - 1) <= 0.05, "\(integral) vs \(mean)")
    }
  }
}
