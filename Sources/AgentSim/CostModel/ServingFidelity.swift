import Foundation
import SimulationKernel

/// The cost model under load: published serving runs (Poisson arrivals or a closed loop of
/// concurrent users against one replica) simulated with the built-in catalog, their time to first
/// token, end-to-end and inter-token latency against the published figures. What
/// `agentsim catalog fidelity` prints below the calibration table and the "Cost model" article
/// shows.
///
/// They check batched decode, the engines' scheduling (prefill-decode interleaving, token
/// budgets, multi-step scheduling), the batch and KV-cache limits and tensor parallelism together,
/// which single-request rows cannot. One parameter is fitted on them, vLLM's and SGLang's
/// all-reduce latency (`EngineProfile.allReduceLatencyMicroseconds`), on the in-sample runs only:
/// a quarter of each source's runs is held out (`ServingBenchmarks.isHeldOut(index:count:)`) and
/// reported apart.
public struct ServingFidelity: Codable, Hashable, Sendable {
  /// How a published run loaded the server.
  public enum Load: Codable, Hashable, Sendable {
    /// Open loop: Poisson arrivals at this rate, requests per second.
    case poisson(ratePerSecond: Double)
    /// Closed loop: this many users, each sending its next request when the last one ends.
    case concurrency(Int)
  }

  /// Which statistic of the requests' latencies a figure is.
  public enum Statistic: String, Codable, Hashable, Sendable, CaseIterable {
    /// The mean over requests.
    case mean
    /// The median request.
    case median
    /// The 99th percentile.
    case p99
  }

  /// Which latency a figure measures.
  public enum Metric: String, Codable, Hashable, Sendable, CaseIterable {
    /// Time to first token.
    case ttft
    /// Arrival to the last token.
    case endToEnd = "end_to_end"
    /// Mean time between output tokens, `(end-to-end − TTFT) / (output − 1)` (mean only).
    case interToken = "inter_token"
    /// Time per output token of each request, its `(end-to-end − TTFT) / (output − 1)`, as a
    /// statistic over the requests of more than one output token (vLLM's and SGLang's TPOT).
    case timePerOutputToken = "tpot"
  }

  /// One published figure of a run and its simulated counterpart.
  public struct Figure: Codable, Hashable, Sendable {
    /// The metric.
    public var metric: Metric
    /// The statistic.
    public var statistic: Statistic
    /// Published value, ms.
    public var measuredMilliseconds: Double
    /// Simulated value, ms.
    public var predictedMilliseconds: Double

    /// Relative error, `predicted / measured − 1`.
    public var error: Double { predictedMilliseconds / measuredMilliseconds - 1 }
  }

  /// One published run and its simulation.
  public struct Run: Codable, Hashable, Sendable {
    /// The group the table reports (`SGLang v0.3.0 vs vLLM v0.6.0`).
    public var source: String
    /// The primary document.
    public var url: String
    /// Catalog engine name.
    public var engine: String
    /// Decode iterations per scheduling pass the run's engine used.
    public var schedulerSteps: Int
    /// Whether the run's engine ran prefill iterations alone.
    public var separatesPrefill: Bool
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
    /// The requests' prompt tokens, as a workflow distribution (JSON text).
    public var promptTokens: String
    /// The requests' output tokens, as a workflow distribution (JSON text).
    public var outputTokens: String
    /// Whether the run is held out (nothing was developed against it).
    public var isHeldOut: Bool
    /// The published figures with their simulated values.
    public var figures: [Figure]
    /// Whether the simulated server could not keep up (the run stopped early as overloaded).
    public var isSaturated: Bool

    /// The figure of `metric` and `statistic`, if published.
    ///
    /// - Parameters:
    ///   - metric: The metric.
    ///   - statistic: The statistic.
    /// - Returns: The figure, or `nil`.
    public func figure(_ metric: Metric, _ statistic: Statistic) -> Figure? {
      figures.first { $0.metric == metric && $0.statistic == statistic }
    }
  }

  /// The median absolute error of one metric and statistic over the runs that publish it, in
  /// sample and held out.
  public struct ErrorSummary: Codable, Hashable, Sendable {
    /// The metric.
    public var metric: Metric
    /// The statistic.
    public var statistic: Statistic
    /// Figures of runs not held out.
    public var inSampleCount: Int
    /// Their median absolute error (`nil` without figures).
    public var inSampleMedian: Double?
    /// Figures of held-out runs.
    public var heldOutCount: Int
    /// Their median absolute error (`nil` without figures).
    public var heldOutMedian: Double?
  }

  /// The runs, in source order.
  public var runs: [Run]
  /// Per metric and statistic that some run publishes, the in-sample and held-out medians.
  public var summaries: [ErrorSummary]

  /// Median absolute error of the time to first token over every figure of it.
  public var medianTTFTError: Double { Self.median(errors(of: .ttft)) }
  /// Median absolute error of the end-to-end and inter-token latencies over every figure of them.
  public var medianLatencyError: Double {
    Self.median(errors(of: .endToEnd) + errors(of: .interToken) + errors(of: .timePerOutputToken))
  }
  /// Median absolute error of the 99th-percentile figures of every metric (`nan` without any).
  public var medianTailError: Double {
    let tail = runs.flatMap { $0.figures.filter { $0.statistic == .p99 }.map(\.error) }
    return tail.isEmpty ? .nan : Self.median(tail)
  }

  /// Median absolute error of `statistic` of the end-to-end latency over every run that
  /// publishes it (`nan` without any): the mean and p99 tell the output lengths and the queueing
  /// behind them apart from the median request.
  ///
  /// - Parameter statistic: The statistic.
  /// - Returns: The median absolute error.
  public func medianEndToEndError(_ statistic: Statistic) -> Double {
    let errors = runs.compactMap { $0.figure(.endToEnd, statistic)?.error }
    return errors.isEmpty ? .nan : Self.median(errors)
  }

  /// Every figure's error of `metric`.
  func errors(of metric: Metric) -> [Double] {
    runs.flatMap { $0.figures.filter { $0.metric == metric }.map(\.error) }
  }

  static func median(_ errors: [Double]) -> Double {
    FidelityTable.Summary(errors).median
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
    var summaries: [ErrorSummary] = []
    for metric in Metric.allCases {
      for statistic in Statistic.allCases {
        var inSample: [Double] = []
        var heldOut: [Double] = []
        for run in runs {
          guard let figure = run.figure(metric, statistic) else { continue }
          if run.isHeldOut { heldOut.append(figure.error) } else { inSample.append(figure.error) }
        }
        guard !(inSample.isEmpty && heldOut.isEmpty) else { continue }
        summaries.append(
          ErrorSummary(
            metric: metric, statistic: statistic, inSampleCount: inSample.count,
            inSampleMedian: inSample.isEmpty ? nil : Self.median(inSample),
            heldOutCount: heldOut.count,
            heldOutMedian: heldOut.isEmpty ? nil : Self.median(heldOut)))
      }
    }
    self.summaries = summaries
  }

  /// The workflow text of one published run: one `visible` LLM call per session at a region site
  /// that runs the model on one replica with the engine's own batch and prefill limits.
  static func workflow(_ benchmark: ServingBenchmarks.Benchmark, sessions: Int) -> String {
    let load: String
    switch benchmark.load {
    case .poisson(let rate): load = #""arrival": "poisson", "rate_per_s": \#(rate)"#
    case .concurrency(let users): load = #""arrival": "closed", "concurrency": \#(users)"#
    }
    let kv = benchmark.kvPrecision.map { #""kv_precision": "\#($0.rawValue)", "# } ?? ""
    return """
      {"version": 1, "name": "serving-check",
       "models": {"m": {"model": "\(benchmark.model)",
         "precision": "\(benchmark.precision.rawValue)"}},
       "sites": {"server": {"tier": "region", "hardware": "\(benchmark.hardware)",
         "accelerators_per_replica": \(benchmark.accelerators), "engine": "\(benchmark.engine)",
         \(kv)"serves": ["m"]}},
       "load": {\(load), "sessions": \(sessions), "warmup_sessions": \(max(1, sessions / 10))},
       "steps": [{"llm": {"name": "request", "model": "m", "site": "server", "context": "fresh",
         "visible": true, "prompt_tokens": \(benchmark.promptTokens),
         "output_tokens": \(benchmark.outputTokens)}}]}
      """
  }

  /// The catalog a run is served from: `catalog` with the run's engine configured as the run
  /// configured it (`ServingBenchmarks.EngineSettings`).
  static func configuredEngine(
    _ benchmark: ServingBenchmarks.Benchmark, catalog: Catalog
  ) throws -> (catalog: Catalog, engine: EngineProfile) {
    var engine = try catalog.engine(named: benchmark.engine)
    let settings = benchmark.settings
    guard settings != ServingBenchmarks.EngineSettings() else { return (catalog, engine) }
    if let steps = settings.schedulerSteps { engine.schedulerSteps = steps }
    if let separates = settings.separatesPrefill { engine.separatesPrefill = separates }
    if let budget = settings.prefillTokenBudget { engine.prefillTokenBudget = budget }
    if let chunks = settings.chunksPrefill { engine.chunksPrefill = chunks }
    if let limit = settings.graphTokenLimit { engine.graphTokenLimit = limit }
    if let async = settings.asyncScheduling { engine.asyncScheduling = async }
    return (try catalog.adding(CatalogDefinitions(engines: [engine])), engine)
  }

  static func simulate(
    _ benchmark: ServingBenchmarks.Benchmark, catalog: Catalog, sessions: Int
  ) throws -> Run {
    let (catalog, engine) = try configuredEngine(benchmark, catalog: catalog)
    let text = workflow(benchmark, sessions: sessions)
    let workflow = try Workflow.decode(
      from: Data(text.utf8), file: "serving-check", names: CatalogNames(catalog))
    let scenario = try Scenario.resolving(workflow, catalog: catalog, file: "serving-check")
    // Only a per-request time per output token needs each session's decode; the observer leaves
    // the report as it is without one.
    var decodes = TimePerOutputTokens()
    let report = WorkflowSimulation.run(scenario, seed: 1, observer: &decodes)
    func pick(_ summary: PercentileSummary?, _ statistic: Statistic) -> Double {
      guard let summary else { return .nan }
      switch statistic {
      case .mean: return summary.meanMilliseconds
      case .median: return summary.p50Milliseconds
      case .p99: return summary.p99Milliseconds
      }
    }
    let meanTTFT = report.timeToFirstToken?.meanMilliseconds ?? .nan
    let figures = benchmark.measurements.map { measured in
      let predicted: Double
      switch measured.metric {
      case .ttft: predicted = pick(report.timeToFirstToken, measured.statistic)
      case .endToEnd: predicted = pick(report.latency, measured.statistic)
      case .interToken:
        predicted = (report.latency.meanMilliseconds - meanTTFT) / (benchmark.meanOutputTokens - 1)
      case .timePerOutputToken:
        predicted = pick(decodes.summary, measured.statistic)
      }
      return Figure(
        metric: measured.metric, statistic: measured.statistic,
        measuredMilliseconds: measured.milliseconds, predictedMilliseconds: predicted)
    }
    return Run(
      source: benchmark.source, url: benchmark.url, engine: benchmark.engine,
      schedulerSteps: engine.schedulerSteps, separatesPrefill: engine.separatesPrefill,
      hardware: benchmark.hardware, accelerators: benchmark.accelerators, model: benchmark.model,
      precision: benchmark.precision, load: benchmark.load,
      promptTokens: benchmark.promptTokens, outputTokens: benchmark.outputTokens,
      isHeldOut: benchmark.isHeldOut, figures: figures,
      isSaturated: report.stoppedEarly != nil)
  }
}

extension ServingFidelity {
  /// The observer behind the `tpot` figures: each measured session's time per output token after
  /// the first, of its first visible call (a serving run's session is one request), as vLLM's and
  /// SGLang's benchmarks compute it per request.
  public struct TimePerOutputTokens: SimulationObserver {
    /// The requests' times per output token, ms.
    public private(set) var histogram = LatencyHistogram()

    /// Creates an empty observer.
    public init() {}

    /// The requests' mean, median, p99 and so on, or `nil` before any request of more than one
    /// output token.
    public var summary: PercentileSummary? {
      histogram.isEmpty ? nil : ReportBuilder.summary(of: histogram)
    }

    /// Active: the simulator delivers sessions.
    public static var isActive: Bool { true }

    /// Ignores arrivals.
    public mutating func sessionStarted(ordinal: Int, at time: SimTime) {}

    /// Records a measured session's time per output token, if it had one.
    public mutating func sessionFinished(_ session: ObservedSession) {
      guard session.isMeasured,
        let perToken = session.firstVisibleCall?.timePerOutputTokenMilliseconds
      else { return }
      histogram.record(perToken)
    }

    /// Ignores counters.
    public mutating func replicaChanged(
      at time: SimTime, replica: Int, site: Int, running: Int, waiting: Int, kvTokens: Int
    ) {}
  }
}
