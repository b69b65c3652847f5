/// One published measurement the cost model is calibrated against: a (hardware, model,
/// precision) at batch 1, its prompt and output lengths, and the measured value.
public struct CalibrationPoint: Hashable, Sendable {
  /// Catalog hardware name.
  public var hardware: String
  /// Tensor-parallel accelerators.
  public var accelerators: Int
  /// Catalog model name.
  public var model: String
  /// Weight precision.
  public var precision: Precision
  /// Prompt tokens (for decode metrics, the context before generation starts).
  public var promptTokens: Int
  /// Output tokens.
  public var outputTokens: Int
  /// What is measured.
  public var metric: CalibrationMetric
  /// The measured value, in the metric's unit.
  public var value: Double
  /// The source, as the residual tables group it (`llama.cpp #4167`).
  public var source: String
  /// Whether the fit uses the point (`false`: shown for reference only).
  public var isFitted: Bool
  /// Where the point comes from (`public-measurements.csv line 25`).
  public var reference: String

  /// Creates a calibration point.
  ///
  /// - Parameters:
  ///   - hardware: Catalog hardware name.
  ///   - accelerators: Tensor-parallel accelerators.
  ///   - model: Catalog model name.
  ///   - precision: Weight precision.
  ///   - promptTokens: Prompt tokens.
  ///   - outputTokens: Output tokens.
  ///   - metric: What is measured.
  ///   - value: The measured value.
  ///   - source: Source group.
  ///   - isFitted: Whether the fit uses the point.
  ///   - reference: Where the point comes from.
  public init(
    hardware: String, accelerators: Int, model: String, precision: Precision, promptTokens: Int,
    outputTokens: Int, metric: CalibrationMetric, value: Double, source: String,
    isFitted: Bool = true, reference: String
  ) {
    self.hardware = hardware
    self.accelerators = accelerators
    self.model = model
    self.precision = precision
    self.promptTokens = promptTokens
    self.outputTokens = outputTokens
    self.metric = metric
    self.value = value
    self.source = source
    self.isFitted = isFitted
    self.reference = reference
  }

  /// The value the cost model predicts for this measurement.
  ///
  /// Decode metrics use the step at the middle of the generation (decode time is linear in the
  /// context, so the mean step equals the middle step).
  ///
  /// - Parameter engine: The engine for this point's hardware, model and precision.
  /// - Returns: The prediction, in the metric's unit.
  public func predictedValue(using engine: InferenceEngine) -> Double {
    let middle = promptTokens + outputTokens / 2
    switch metric {
    case .decodeTokensPerSecond:
      return 1 / engine.decodeStepSeconds(batchSize: 1, contextTokens: middle)
    case .decodeMillisecondsPerToken:
      return 1000 * engine.decodeStepSeconds(batchSize: 1, contextTokens: promptTokens)
    case .interTokenMilliseconds:
      return 1000 * engine.decodeStepSeconds(batchSize: 1, contextTokens: middle)
    case .prefillTokensPerSecond:
      return Double(promptTokens)
        / engine.prefillSeconds(
          promptTokens: promptTokens, cachedTokens: 0)
    case .ttftMilliseconds:
      return 1000 * engine.prefillSeconds(promptTokens: promptTokens, cachedTokens: 0)
    }
  }

  /// The engine this point describes, built from `catalog` with `hardware` standing in for the
  /// catalog's profile of the same name.
  ///
  /// - Parameters:
  ///   - hardware: The profile to evaluate (for example a candidate during a fit).
  ///   - catalog: Where the model comes from.
  /// - Returns: The engine.
  /// - Throws: `Diagnostic` for an unknown model or an unsupported precision.
  public func engine(hardware: HardwareProfile, catalog: Catalog) throws -> InferenceEngine {
    try InferenceEngine(
      hardware: hardware, model: catalog.model(named: model), precision: precision,
      acceleratorCount: accelerators)
  }

  /// Relative error of the prediction, `predicted / measured − 1` (for throughputs, the error of
  /// the implied time per token has the opposite sign).
  ///
  /// - Parameter engine: The engine for this point.
  /// - Returns: The signed relative error.
  public func relativeError(using engine: InferenceEngine) -> Double {
    predictedValue(using: engine) / value - 1
  }
}
