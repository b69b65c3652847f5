/// One measurement the cost model is calibrated against: a (hardware, engine, model, precision)
/// at a batch size, its prompt and output lengths, and the measured value.
public struct CalibrationPoint: Hashable, Sendable {
  /// Catalog hardware name.
  public var hardware: String
  /// Tensor-parallel accelerators.
  public var accelerators: Int
  /// Catalog engine name (`llama.cpp`, `tensorrt-llm`).
  public var engine: String
  /// Catalog model name.
  public var model: String
  /// Weight precision.
  public var precision: Precision
  /// KV-cache format; `nil`: the engine's default.
  public var kvPrecision: KVPrecision?
  /// The measured file's format where its bytes per weight differ from the precision's (a
  /// llama.cpp `Q4_K_M` file at `q4`); `nil`: the precision's.
  public var weightFormat: WeightFormat? = nil
  /// The compute unit the measurement ran on (a phone's `cpu`, `gpu` or `npu`); `nil`: the
  /// engine's default unit on the hardware, as for a workflow site that names none.
  public var backend: ComputeBackend? = nil
  /// Sequences decoding together (1 for every published row in the fixture).
  public var batch: Int
  /// Prompt tokens (for decode metrics, the context before generation starts).
  public var promptTokens: Int
  /// The context of each sequence at the measured decode step, when stated (a user's CSV);
  /// `nil`: derived from the prompt and output (`decodeContextTokens`).
  public var contextTokens: Int?
  /// Output tokens.
  public var outputTokens: Int
  /// What is measured.
  public var metric: CalibrationMetric
  /// The measured value, in the metric's unit.
  public var value: Double
  /// The source, as the residual tables group it (`llama.cpp #4167`).
  public var source: String
  /// Whether the fit may use the point (`false`: shown for reference only).
  public var isFitted: Bool
  /// Whether the point is held out of the fit to measure the model's error on rows no fit has
  /// seen (`CalibrationSplit`).
  public var isHeldOut: Bool
  /// Where the point comes from: its primary document's URL, with the line of the team's
  /// `public-measurements.csv` or the post's date.
  public var reference: String

  /// Creates a calibration point.
  ///
  /// - Parameters:
  ///   - hardware: Catalog hardware name.
  ///   - accelerators: Tensor-parallel accelerators.
  ///   - engine: Catalog engine name.
  ///   - model: Catalog model name.
  ///   - precision: Weight precision.
  ///   - kvPrecision: KV-cache format, `nil` for the engine's default.
  ///   - batch: Sequences decoding together.
  ///   - promptTokens: Prompt tokens.
  ///   - contextTokens: Context at the measured decode step, when stated.
  ///   - outputTokens: Output tokens.
  ///   - metric: What is measured.
  ///   - value: The measured value.
  ///   - source: Source group.
  ///   - isFitted: Whether the fit may use the point.
  ///   - isHeldOut: Whether the point is held out of the fit.
  ///   - reference: Where the point comes from.
  public init(
    hardware: String, accelerators: Int, engine: String, model: String, precision: Precision,
    kvPrecision: KVPrecision? = nil, batch: Int = 1, promptTokens: Int,
    contextTokens: Int? = nil, outputTokens: Int,
    metric: CalibrationMetric, value: Double, source: String, isFitted: Bool = true,
    isHeldOut: Bool = false, reference: String
  ) {
    self.hardware = hardware
    self.accelerators = accelerators
    self.engine = engine
    self.model = model
    self.precision = precision
    self.kvPrecision = kvPrecision
    self.batch = batch
    self.contextTokens = contextTokens
    self.isHeldOut = isHeldOut
    self.promptTokens = promptTokens
    self.outputTokens = outputTokens
    self.metric = metric
    self.value = value
    self.source = source
    self.isFitted = isFitted
    self.reference = reference
  }

  /// The time the measurement implies, s: the step for decode metrics, the prefill (or time to
  /// first token) for prefill metrics, the whole generation for `latency_ms`.
  public var measuredSeconds: Double {
    switch metric {
    case .decodeTokensPerSecond: return Double(batch) / value
    case .prefillTokensPerSecond: return Double(promptTokens) / value
    case .decodeMillisecondsPerToken, .interTokenMilliseconds, .ttftMilliseconds,
      .prefillMilliseconds, .decodeStepMilliseconds, .latencyMilliseconds:
      return value / 1000
    }
  }

  /// The context each sequence holds at the decode step the metric stands for: the stated
  /// context, else the middle of the generation for rates and inter-token latencies (decode time
  /// is linear in the context, so the mean step equals the middle step), the prompt for a single
  /// step's time.
  public var decodeContextTokens: Int {
    if let contextTokens { return contextTokens }
    return metric == .decodeMillisecondsPerToken || metric == .decodeStepMilliseconds
      ? promptTokens : promptTokens + outputTokens / 2
  }

  /// The iterations the measured time consists of, each with how many times it runs: one
  /// prefill, one decode step, or (`latency_ms`) a prefill and `output − 1` steps at the middle
  /// context.
  public var segments: [(work: IterationWork, count: Double)] {
    var prefill = IterationWork()
    for _ in 0..<max(1, batch) where promptTokens > 0 {
      prefill.addPrefillChunk(tokens: promptTokens, cachedTokens: 0)
    }
    let decode = IterationWork(
      decodeSequences: batch, decodeContextTokens: batch * decodeContextTokens)
    switch metric {
    case .prefillTokensPerSecond, .ttftMilliseconds, .prefillMilliseconds:
      var single = IterationWork()
      single.addPrefillChunk(tokens: promptTokens, cachedTokens: 0)
      return [(single, 1)]
    case .decodeTokensPerSecond, .decodeMillisecondsPerToken, .interTokenMilliseconds,
      .decodeStepMilliseconds:
      return [(decode, 1)]
    case .latencyMilliseconds:
      return [(prefill, 1), (decode, Double(max(0, outputTokens - 1)))]
    }
  }

  /// Whether the measured time includes the engine's per-request overhead: a time to first token
  /// or a whole generation does; llama-bench's rates and a bare step do not.
  public var includesRequestOverhead: Bool {
    metric == .ttftMilliseconds || metric == .latencyMilliseconds
  }

  /// The time the cost model predicts for this measurement, s (see `measuredSeconds`).
  ///
  /// - Parameter engine: The deployment for this point.
  /// - Returns: Seconds.
  public func predictedSeconds(using engine: InferenceEngine) -> Double {
    var seconds = includesRequestOverhead ? engine.requestOverheadSeconds : 0
    for segment in segments where segment.count > 0 {
      seconds += segment.count * engine.iteration(segment.work).seconds
    }
    return seconds
  }

  /// The value the cost model predicts for this measurement, in the metric's unit.
  ///
  /// - Parameter engine: The deployment for this point.
  /// - Returns: The prediction.
  public func predictedValue(using engine: InferenceEngine) -> Double {
    let seconds = predictedSeconds(using: engine)
    switch metric {
    case .decodeTokensPerSecond: return Double(batch) / seconds
    case .prefillTokensPerSecond: return Double(promptTokens) / seconds
    case .decodeMillisecondsPerToken, .interTokenMilliseconds, .ttftMilliseconds,
      .prefillMilliseconds, .decodeStepMilliseconds, .latencyMilliseconds:
      return seconds * 1000
    }
  }

  /// The deployment this point describes, built from `catalog` with `hardware` and `engine`
  /// standing in for the catalog's profiles of the same names.
  ///
  /// - Parameters:
  ///   - hardware: The hardware profile to evaluate (a candidate during a fit).
  ///   - engine: The engine profile to evaluate.
  ///   - catalog: Where the model comes from.
  /// - Returns: The deployment.
  /// - Throws: `Diagnostic` for an unknown model or an unsupported precision.
  public func engine(
    hardware: HardwareProfile, engine: EngineProfile, catalog: Catalog
  ) throws -> InferenceEngine {
    let model = try catalog.model(named: model)
    return try InferenceEngine(
      hardware: hardware, model: model, precision: precision,
      acceleratorCount: accelerators, engine: engine, kvPrecision: kvPrecision,
      backend: backend, weightBytesPerParameter: weightFormat?.bytesPerParameter(of: model))
  }

  /// The deployment this point describes with the catalog's own profiles.
  ///
  /// - Parameter catalog: Where hardware, engine and model come from.
  /// - Returns: The deployment.
  /// - Throws: `Diagnostic` for an unknown name or an unsupported precision.
  public func engine(in catalog: Catalog) throws -> InferenceEngine {
    try engine(
      hardware: catalog.hardware(named: hardware), engine: catalog.engine(named: engine),
      catalog: catalog)
  }

  /// Signed relative error of the predicted time, `predicted / measured − 1`.
  ///
  /// - Parameter engine: The deployment for this point.
  /// - Returns: The signed relative error of the time.
  public func timeError(using engine: InferenceEngine) -> Double {
    predictedSeconds(using: engine) / measuredSeconds - 1
  }
}
