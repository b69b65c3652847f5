import Foundation

/// The cost model under load: published serving runs (Poisson arrivals or a closed loop of
/// concurrent users against one replica) simulated with the built-in catalog, their time to first
/// token and end-to-end latency against the published figures. What `agentsim catalog fidelity`
/// prints below the calibration table and the "Cost model" article shows.
///
/// No fit sees these runs: they check batched decode, chunked prefill, the batch and KV-cache
/// limits and tensor parallelism together, which single-request rows cannot.
public struct ServingFidelity: Codable, Hashable, Sendable {
  /// How a published run loaded the server.
  public enum Load: Codable, Hashable, Sendable {
    /// Open loop: Poisson arrivals at this rate, requests per second.
    case poisson(ratePerSecond: Double)
    /// Closed loop: this many users, each sending its next request when the last one ends.
    case concurrency(Int)
  }

  /// Which statistic of the requests' latencies the source reports.
  public enum Statistic: String, Codable, Hashable, Sendable {
    /// The median request.
    case median
    /// The mean over requests.
    case mean
  }

  /// One published run and its simulation.
  public struct Run: Codable, Hashable, Sendable {
    /// The group the table reports (`SGLang v0.3.0 vs vLLM v0.6.0`).
    public var source: String
    /// The primary document.
    public var url: String
    /// Catalog engine name.
    public var engine: String
    /// Catalog hardware name.
    public var hardware: String
    /// Tensor-parallel accelerators of the one replica.
    public var accelerators: Int
    /// Catalog model name.
    public var model: String
    /// Weight precision.
    public var precision: Precision
    /// The load.
    public var load: Load
    /// The requests' prompt and output tokens, as a workflow distribution (JSON text).
    public var promptTokens: String
    /// The requests' output tokens, as a workflow distribution (JSON text).
    public var outputTokens: String
    /// Which statistic `measured…` and `predicted…` are.
    public var statistic: Statistic
    /// Published time to first token, ms.
    public var measuredTTFTMilliseconds: Double
    /// Published end-to-end latency, ms (`nil` where only the inter-token latency is published).
    public var measuredEndToEndMilliseconds: Double?
    /// Published mean inter-token latency, ms (`nil` where the end-to-end latency is published).
    public var measuredInterTokenMilliseconds: Double?
    /// Simulated time to first token, ms.
    public var predictedTTFTMilliseconds: Double
    /// Simulated end-to-end latency, ms.
    public var predictedEndToEndMilliseconds: Double
    /// Simulated inter-token latency, ms: `(end-to-end − TTFT) / (mean output − 1)`.
    public var predictedInterTokenMilliseconds: Double
    /// Whether the simulated server could not keep up (the run stopped early as overloaded).
    public var isSaturated: Bool

    /// Relative error of the time to first token, `predicted / measured − 1`.
    public var ttftError: Double { predictedTTFTMilliseconds / measuredTTFTMilliseconds - 1 }

    /// Relative error of the end-to-end latency (or, where that is not published, of the
    /// inter-token latency).
    public var latencyError: Double {
      if let measured = measuredEndToEndMilliseconds {
        return predictedEndToEndMilliseconds / measured - 1
      }
      return predictedInterTokenMilliseconds / (measuredInterTokenMilliseconds ?? .nan) - 1
    }
  }

  /// The runs, in source order.
  public var runs: [Run]

  /// Median absolute error of the time to first token over the runs.
  public var medianTTFTError: Double { FidelityTable.Summary(runs.map(\.ttftError)).median }
  /// Median absolute error of the end-to-end (or inter-token) latency over the runs.
  public var medianLatencyError: Double {
    FidelityTable.Summary(runs.map(\.latencyError)).median
  }

  /// Simulates every published run with `catalog`.
  ///
  /// - Parameters:
  ///   - catalog: The catalog whose profiles serve the runs.
  ///   - sessions: Measured requests per run (after a tenth as many warm-up requests).
  /// - Throws: `DiagnosticError` when a run names something the catalog lacks.
  /// - Complexity: One simulation of `sessions` requests per run.
  public init(catalog: Catalog = .builtIn, sessions: Int = 2000) throws {
    runs = try ServingBenchmarks.all.map {
      try Self.simulate($0, catalog: catalog, sessions: sessions)
    }
  }

  /// The workflow text of one published run: one `visible` LLM call per session at a region site
  /// that runs the model on one replica with the engine's own batch and prefill limits.
  static func workflow(_ benchmark: ServingBenchmarks.Benchmark, sessions: Int) -> String {
    let load: String
    switch benchmark.load {
    case .poisson(let rate): load = #""arrival": "poisson", "rate_per_s": \#(rate)"#
    case .concurrency(let users): load = #""arrival": "closed", "concurrency": \#(users)"#
    }
    return """
      {"version": 1, "name": "serving-check",
       "models": {"m": {"model": "\(benchmark.model)",
         "precision": "\(benchmark.precision.rawValue)"}},
       "sites": {"server": {"tier": "region", "hardware": "\(benchmark.hardware)",
         "accelerators_per_replica": \(benchmark.accelerators), "engine": "\(benchmark.engine)",
         "serves": ["m"]}},
       "load": {\(load), "sessions": \(sessions), "warmup_sessions": \(max(1, sessions / 10))},
       "steps": [{"llm": {"name": "request", "model": "m", "site": "server", "context": "fresh",
         "visible": true, "prompt_tokens": \(benchmark.promptTokens),
         "output_tokens": \(benchmark.outputTokens)}}]}
      """
  }

  static func simulate(
    _ benchmark: ServingBenchmarks.Benchmark, catalog: Catalog, sessions: Int
  ) throws -> Run {
    let text = workflow(benchmark, sessions: sessions)
    let workflow = try Workflow.decode(
      from: Data(text.utf8), file: "serving-check", names: CatalogNames(catalog))
    let scenario = try ScenarioBuilder(catalog: catalog).build(workflow, file: "serving-check")
    let report = WorkflowSimulation.run(scenario, seed: 1)
    func pick(_ summary: PercentileSummary?) -> Double {
      guard let summary else { return .nan }
      return benchmark.statistic == .median ? summary.p50Milliseconds : summary.meanMilliseconds
    }
    let ttft = pick(report.timeToFirstToken)
    let endToEnd = pick(report.latency)
    let meanTTFT = report.timeToFirstToken?.meanMilliseconds ?? .nan
    return Run(
      source: benchmark.source, url: benchmark.url, engine: benchmark.engine,
      hardware: benchmark.hardware, accelerators: benchmark.accelerators, model: benchmark.model,
      precision: benchmark.precision, load: benchmark.load,
      promptTokens: benchmark.promptTokens, outputTokens: benchmark.outputTokens,
      statistic: benchmark.statistic, measuredTTFTMilliseconds: benchmark.ttftMilliseconds,
      measuredEndToEndMilliseconds: benchmark.endToEndMilliseconds,
      measuredInterTokenMilliseconds: benchmark.interTokenMilliseconds,
      predictedTTFTMilliseconds: ttft, predictedEndToEndMilliseconds: endToEnd,
      predictedInterTokenMilliseconds: (report.latency.meanMilliseconds - meanTTFT)
        / (benchmark.meanOutputTokens - 1),
      isSaturated: report.stoppedEarly != nil)
  }

  /// The runs as text (80 columns): per run the load, then measured and simulated TTFT and
  /// latency with their errors; then the medians.
  ///
  /// - Returns: The text, ending in a newline.
  public func rendered() -> String {
    func milliseconds(_ value: Double) -> String {
      value.isFinite ? String(format: "%.0f", value) : "-"
    }
    func percent(_ value: Double) -> String {
      value.isFinite ? String(format: "%+.0f%%", 100 * value) : "-"
    }
    func pad(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(1, width - text.count)) + text
    }
    var lines = [
      "SERVING UNDER LOAD (simulated one replica against published runs; no fit sees them)",
      "load" + String(repeating: " ", count: 16) + "TTFT ms: measured  simulated  error"
        + "   latency ms: measured  simulated  error",
    ]
    var source = ""
    for run in runs {
      if run.source != source {
        source = run.source
        lines.append("")
        lines.append("\(run.source): \(run.statistic.rawValue)s")
      }
      let accelerators = run.accelerators > 1 ? "\(run.accelerators)× " : ""
      lines.append(
        "\(run.engine) | \(accelerators)\(run.hardware) | \(run.model) \(run.precision.rawValue)")
      let load: String
      switch run.load {
      case .poisson(let rate): load = String(format: "  %g req/s", rate)
      case .concurrency(let users): load = "  \(users) users"
      }
      let latencyMeasured =
        run.measuredEndToEndMilliseconds.map(milliseconds)
        ?? run.measuredInterTokenMilliseconds.map { String(format: "%.1f/tok", $0) } ?? "-"
      let latencyPredicted =
        run.measuredEndToEndMilliseconds != nil
        ? milliseconds(run.predictedEndToEndMilliseconds)
        : String(format: "%.1f/tok", run.predictedInterTokenMilliseconds)
      lines.append(
        load + String(repeating: " ", count: max(1, 20 - load.count))
          + pad(milliseconds(run.measuredTTFTMilliseconds), 17)
          + pad(milliseconds(run.predictedTTFTMilliseconds), 11)
          + pad(percent(run.ttftError), 7) + pad(latencyMeasured, 23)
          + pad(latencyPredicted, 11) + pad(percent(run.latencyError), 7)
          + (run.isSaturated ? " saturated" : ""))
    }
    lines.append("")
    lines.append(
      "median |error|: TTFT \(String(format: "%.1f%%", 100 * medianTTFTError)), latency "
        + String(format: "%.1f%%", 100 * medianLatencyError) + " (\(runs.count) runs)")
    return lines.joined(separator: "\n") + "\n"
  }
}
