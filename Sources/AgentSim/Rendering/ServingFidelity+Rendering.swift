import Foundation

extension ServingFidelity {
  /// The runs as text (80 columns): per source, per run its configuration and load, then each
  /// published figure measured and simulated with its error; then, per metric and statistic, the
  /// median absolute error in sample and held out, over every figure, over the 99th
  /// percentiles, and per statistic of the end-to-end latency.
  ///
  /// - Returns: The text, ending in a newline.
  public func rendered() -> String {
    func milliseconds(_ value: Double) -> String {
      guard value.isFinite else { return "-" }
      return value < 100 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }
    func percent(_ value: Double) -> String {
      value.isFinite ? String(format: "%+.0f%%", 100 * value) : "-"
    }
    func pad(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(1, width - text.count)) + text
    }
    func label(_ metric: Metric, _ statistic: Statistic) -> String {
      let name: String
      switch metric {
      case .ttft: name = "TTFT"
      case .endToEnd: name = "end-to-end"
      case .interToken: name = "inter-token"
      case .timePerOutputToken: name = "TPOT"
      }
      return "\(name) \(statistic.rawValue)"
    }
    var lines = [
      "SERVING UNDER LOAD (one replica simulated against published runs)",
      "the in-sample runs fit vLLM's and SGLang's all-reduce latency; 'held out' ones no fit saw",
      String(repeating: " ", count: 34) + "measured ms  simulated ms   error",
    ]
    var source = ""
    for run in runs {
      if run.source != source {
        source = run.source
        lines.append("")
        lines.append(run.source)
      }
      let accelerators = run.accelerators > 1 ? "\(run.accelerators)× " : ""
      var engine = run.engine
      if run.schedulerSteps > 1 { engine += " (\(run.schedulerSteps)-step)" }
      let load: String
      switch run.load {
      case .poisson(let rate): load = String(format: "%g req/s", rate)
      case .concurrency(let users): load = "\(users) users"
      }
      lines.append(
        "\(engine) | \(accelerators)\(run.hardware) | \(run.model) \(run.precision.rawValue)"
          + " | \(load)" + (run.isHeldOut ? " | held out" : "")
          + (run.isSaturated ? " | saturated" : ""))
      for figure in run.figures {
        let name = "  " + label(figure.metric, figure.statistic)
        lines.append(
          name + pad(milliseconds(figure.measuredMilliseconds), 45 - name.count)
            + pad(milliseconds(figure.predictedMilliseconds), 14)
            + pad(percent(figure.error), 8))
      }
    }
    lines.append("")
    lines.append("median |error|" + pad("in-sample", 26) + pad("held-out", 20))
    func cell(_ median: Double?, _ count: Int) -> String {
      guard let median else { return "-" }
      return String(format: "%.1f%%", 100 * median) + " (\(count))"
    }
    for summary in summaries {
      let name = "  " + label(summary.metric, summary.statistic)
      lines.append(
        name + pad(cell(summary.inSampleMedian, summary.inSampleCount), 40 - name.count)
          + pad(cell(summary.heldOutMedian, summary.heldOutCount), 20))
    }
    lines.append(
      "all figures: TTFT \(String(format: "%.1f%%", 100 * medianTTFTError)), latency "
        + String(format: "%.1f%%", 100 * medianLatencyError) + " (\(runs.count) runs)")
    let tail = runs.reduce(0) { $0 + $1.figures.filter { $0.statistic == .p99 }.count }
    if tail > 0 {
      lines.append(
        "99th percentiles: "
          + String(format: "%.1f%%", 100 * medianTailError) + " (\(tail) figures)")
    }
    // The end-to-end statistics apart: the median request alone says nothing of the long
    // outputs and the queueing that the mean and the tail carry.
    let endToEnd = Statistic.allCases.compactMap { statistic -> String? in
      let count = runs.filter { $0.figure(.endToEnd, statistic) != nil }.count
      guard count > 0 else { return nil }
      return "\(statistic.rawValue) "
        + String(format: "%.1f%%", 100 * medianEndToEndError(statistic)) + " (\(count))"
    }
    if endToEnd.count > 1 { lines.append("end-to-end: " + endToEnd.joined(separator: ", ")) }
    return lines.joined(separator: "\n") + "\n"
  }
}
