import Foundation
import SimulationKernel
import Testing

@testable import AgentSim

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
      for figure in run.figures {
        #expect(figure.predictedMilliseconds.isFinite, "\(run.engine) \(run.load)")
      }
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
  /// worse fails here. Latency 6.6% since DigitalOcean's end-to-end means, medians and p99s joined
  /// (7.8% while their output lengths were SGLang's lognormal, see `endToEndMeanAndTail`).
  static let latencyLimit = 0.09
  /// 4.4% with vLLM's and SGLang's eager prefill iterations, 22.9% without them; 3.9% with
  /// DigitalOcean's runs, 4.3% with their own output lengths (21.3% without their async
  /// scheduling).
  static let ttftLimit = 0.08

  @Test("99th percentiles: DigitalOcean's runs publish TTFT and TPOT p99, simulated as p99s")
  func tailFigures() throws {
    let fidelity = try Self.fidelity.get()
    let tailed = fidelity.runs.filter { $0.figure(.ttft, .p99) != nil }
    #expect(tailed.count == 8)
    for run in tailed {
      let ttft = try #require(run.figure(.ttft, .p99))
      let ttftMedian = try #require(run.figure(.ttft, .median))
      let tpot = try #require(run.figure(.timePerOutputToken, .p99))
      let tpotMedian = try #require(run.figure(.timePerOutputToken, .median))
      // A percentile above the median, as the published ones are.
      #expect(ttft.predictedMilliseconds > ttftMedian.predictedMilliseconds, "\(run.load)")
      #expect(tpot.predictedMilliseconds >= tpotMedian.predictedMilliseconds, "\(run.load)")
    }
    // The first rate saw cold prompts: its tail is the long prompts' prefill, about three times the
    // median (published 181 against 66.5 ms); a mean in its place would be a third of it.
    let cold = try #require(tailed.first)
    let coldTail = try #require(cold.figure(.ttft, .p99))
    let coldMedian = try #require(cold.figure(.ttft, .median))
    #expect(coldTail.predictedMilliseconds > 2.5 * coldMedian.predictedMilliseconds)
    #expect(abs(coldTail.error) < 0.15, "\(coldTail.error)")
    // Both p99 metrics are summarised in sample and held out.
    for metric in [ServingFidelity.Metric.ttft, .timePerOutputToken] {
      let summary = try #require(
        fidelity.summaries.first { $0.metric == metric && $0.statistic == .p99 })
      #expect(summary.inSampleCount == 6 && summary.heldOutCount == 2, "\(metric)")
    }
    // The medians this catalog reaches (TTFT p99 4.5% over all eight runs, 4.8% over every p99
    // figure before the end-to-end p99s joined, 8.6% with them, 6.8% with the sample's own output
    // lengths), with a few points of margin. Without async scheduling the warm runs' TTFT was one
    // decode iteration short (TTFT p99 33.5%); p99 taken as the mean puts it near 17%.
    let ttftTail = tailed.compactMap { $0.figure(.ttft, .p99)?.error }
    let ttftTailMedian = FidelityTable.Summary(ttftTail).median
    #expect(ttftTailMedian <= 0.10, "\(ttftTailMedian)")
    #expect(fidelity.medianTailError <= 0.09, "\(fidelity.medianTailError)")
  }

  @Test("end-to-end mean and p99: DigitalOcean's runs publish both, simulated per request")
  func endToEndMeanAndTail() throws {
    let fidelity = try Self.fidelity.get()
    let published = fidelity.runs.filter {
      $0.figure(.endToEnd, .mean) != nil || $0.figure(.endToEnd, .p99) != nil
    }
    #expect(published.count == 8)
    var meanErrors: [Double] = []
    var tailErrors: [Double] = []
    var tailAsMeanErrors: [Double] = []
    for run in published {
      let mean = try #require(run.figure(.endToEnd, .mean))
      let median = try #require(run.figure(.endToEnd, .median))
      let tail = try #require(run.figure(.endToEnd, .p99))
      // ShareGPT's long outputs skew every run: the mean above the median request, the tail
      // several times the mean, simulated as published.
      #expect(mean.measuredMilliseconds > median.measuredMilliseconds, "\(run.load)")
      #expect(mean.predictedMilliseconds > median.predictedMilliseconds, "\(run.load)")
      #expect(tail.predictedMilliseconds > 2.5 * mean.predictedMilliseconds, "\(run.load)")
      meanErrors.append(mean.error)
      tailErrors.append(tail.error)
      // What the tail's error would be with the simulated mean in its place.
      tailAsMeanErrors.append(mean.predictedMilliseconds / tail.measuredMilliseconds - 1)
    }
    let meanMedian = FidelityTable.Summary(meanErrors).median
    let tailMedian = FidelityTable.Summary(tailErrors).median
    #expect(meanMedian <= Self.endToEndMeanLimit, "\(meanMedian)")
    #expect(tailMedian <= Self.endToEndTailLimit, "\(tailMedian)")
    #expect(abs(fidelity.medianEndToEndError(.mean) - meanMedian) < 1e-12)
    #expect(abs(fidelity.medianEndToEndError(.p99) - tailMedian) < 1e-12)
    // A p99 taken as the mean misses by about three quarters: outside the bound.
    #expect(FidelityTable.Summary(tailAsMeanErrors).median > Self.endToEndTailLimit + 0.1)
    // Both statistics are summarised in sample and held out, and rendered.
    for statistic in [ServingFidelity.Statistic.mean, .p99] {
      let summary = try #require(
        fidelity.summaries.first { $0.metric == .endToEnd && $0.statistic == statistic })
      #expect(summary.inSampleCount == 6 && summary.heldOutCount == 2, "\(statistic)")
    }
    let text = fidelity.rendered()
    #expect(text.contains("  end-to-end mean ") && text.contains("  end-to-end p99 "))
    #expect(text.contains("end-to-end: mean "))
  }

  /// The medians of the end-to-end mean and p99 this catalog reaches over DigitalOcean's eight
  /// runs, with a few points of margin: the mean 6.1%, the p99 8.8% (44.9% while the output
  /// lengths were SGLang's lognormal, whose 99th percentile the 1,024-token cut set, where the
  /// runs imply about 770 tokens); most of what is left is the decode step, 8% slow at light load.
  /// A p99 taken as the mean still fails the bound (73% short).
  static let endToEndMeanLimit = 0.10
  static let endToEndTailLimit = 0.12

  @Test("DigitalOcean's output lengths, recovered from its lightest run, match what it generated")
  func recoveredOutputLengths() throws {
    let json = try JSONSerialization.jsonObject(
      with: Data(ServingBenchmarks.digitalOceanOutputLengths.utf8))
    let table = try #require(
      ((json as? [String: Any])?["empirical"] as? [String: Any])?["percentiles"]
        as? [String: Double])
    let points = table.map { (percentile: Double($0.key.dropFirst())!, value: $0.value) }
      .sorted { $0.percentile < $1.percentile }
    func value(_ percentile: Double) throws -> Double {
      try #require(points.first { $0.percentile == percentile }).value
    }
    // The two points the fit goes through, (E2E − TTFT) / TPOT + 1 of the 0.5 req/s run.
    #expect(abs(try value(50) - 147.1) < 0.1)
    #expect(abs(try value(99) - 766.7) < 0.1)
    // Two figures the fit did not use: the 95th percentile the run's p95 implies (592 tokens)
    // and the mean output the run generated (59,478 tokens over 300 requests).
    #expect(abs(try value(95) / 592.4 - 1) < 0.15)
    var mean = 0.0
    for (lower, upper) in zip(points, points.dropFirst()) {
      mean += (upper.percentile - lower.percentile) / 100 * (lower.value + upper.value) / 2
    }
    #expect(abs(mean / (59_478.0 / 300) - 1) < 0.05, "\(mean)")
    // Within the sampler's limits.
    #expect(try value(0) == 4 && value(100) == 1024)
  }

  @Test("TPOT per request: each measured session's decode over its output tokens after the first")
  func timePerOutputTokens() throws {
    // Sessions whose visible call decodes 10 output tokens after the first in 10, 20, …, 2000 ms:
    // TPOT 1 to 200 ms. A one-token request has no TPOT and warm-up sessions do not count.
    var observer = ServingFidelity.TimePerOutputTokens()
    #expect(observer.summary == nil)
    for index in 0..<203 {
      let decode = SimDuration.milliseconds(Double(10 * (index + 1)))
      observer.sessionFinished(
        ObservedSession(
          ordinal: index, isMeasured: index < 200, arrival: .zero, latency: decode,
          firstVisible: .zero, times: ComponentTimes(), steps: [], modelCalls: 1,
          firstVisibleCall: .init(decode: decode, outputTokens: index == 49 ? 1 : 11)))
    }
    let summary = try #require(observer.summary)
    // 199 requests, 1…200 ms without 50: nearest-rank percentiles of the sorted values.
    let values = (1...200).filter { $0 != 50 }.map(Double.init)
    func rank(_ q: Double) -> Double { values[Int((q * Double(values.count)).rounded(.up)) - 1] }
    #expect(abs(summary.meanMilliseconds - values.reduce(0, +) / Double(values.count)) < 1e-6)
    #expect(abs(summary.p99Milliseconds / rank(0.99) - 1) < 0.005, "\(summary.p99Milliseconds)")
    #expect(abs(summary.p50Milliseconds / rank(0.5) - 1) < 0.005, "\(summary.p50Milliseconds)")
    #expect(summary.maxMilliseconds == 200)
  }

  @Test("a quarter of every source's runs, at least one, is held out and reported apart")
  func heldOutSplit() throws {
    let fidelity = try Self.fidelity.get()
    var bySource: [String: (runs: Int, heldOut: Int)] = [:]
    for run in fidelity.runs {
      bySource[run.source, default: (0, 0)].runs += 1
      if run.isHeldOut { bySource[run.source, default: (0, 0)].heldOut += 1 }
    }
    #expect(bySource.count >= 3)
    for (source, counts) in bySource {
      #expect(Double(counts.heldOut) >= 0.2 * Double(counts.runs), "\(source)")
      #expect(counts.heldOut < counts.runs, "\(source)")
    }
    // The split is fixed: the same positions of a table of eight, five and three runs.
    #expect((0..<8).filter { ServingBenchmarks.isHeldOut(index: $0, count: 8) } == [3, 7])
    #expect((0..<5).filter { ServingBenchmarks.isHeldOut(index: $0, count: 5) } == [2, 4])
    #expect((0..<3).filter { ServingBenchmarks.isHeldOut(index: $0, count: 3) } == [2])
    // Every published metric and statistic has its in-sample and held-out medians.
    for summary in fidelity.summaries {
      let figures = fidelity.runs.compactMap { $0.figure(summary.metric, summary.statistic) }
      #expect(summary.inSampleCount + summary.heldOutCount == figures.count)
    }
    let ttftMean = try #require(
      fidelity.summaries.first { $0.metric == .ttft && $0.statistic == .mean })
    #expect(ttftMean.heldOutCount > 0 && ttftMean.inSampleCount > 0)
  }

  @Test("vLLM v0.6's ten scheduler steps put its TTFT near the published one, not a third of it")
  func multiStepTTFT() throws {
    let fidelity = try Self.fidelity.get()
    let vllm = fidelity.runs.filter { $0.engine == "vllm" && $0.schedulerSteps == 10 }
    #expect(vllm.count == 4)
    for run in vllm {
      let ttft = try #require(run.figure(.ttft, .median))
      #expect(abs(ttft.error) < 0.45, "\(run.hardware) \(run.load): \(ttft.error)")
    }
  }

  @Test("TensorRT-LLM prefills contexts whole: NIM's TTFT at 25 and 50 users within 25%")
  func wholeContexts() throws {
    let fidelity = try Self.fidelity.get()
    var checked = 0
    for run in fidelity.runs where run.engine == "tensorrt-llm" {
      guard case .concurrency(let users) = run.load, users == 25 || users == 50 else { continue }
      // Chunked, two identical users shared a first-token iteration every round: +28% and +43%.
      let ttft = try #require(run.figure(.ttft, .mean))
      #expect(abs(ttft.error) < 0.25, "\(users) users: \(ttft.error)")
      checked += 1
    }
    #expect(checked == 2)
  }

  @Test("TensorRT-LLM's cache of the free memory: NIM's KV-limited 100 users' TTFT within 25%")
  func kvCacheOfFreeMemory() throws {
    let fidelity = try Self.fidelity.get()
    let run = try #require(
      fidelity.runs.first { $0.engine == "tensorrt-llm" && $0.load == .concurrency(100) })
    // With vLLM's rule (0.9 of the memory less the weights), 81 requests fit instead of 89, and
    // the 19 that wait make the first token 50% late (12.0 s against 8.0 s).
    let ttft = try #require(run.figure(.ttft, .mean))
    #expect(abs(ttft.error) < 0.25, "\(ttft.error)")
  }

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
