/// A figure `agentsim compare` sets side by side. Latencies are in milliseconds.
public enum ComparedMetric: String, CaseIterable, Codable, CodingKeyRepresentable, Hashable,
  Sendable
{
  /// Mean end-to-end latency.
  case mean
  /// Median end-to-end latency.
  case p50
  /// 90th percentile.
  case p90
  /// 95th percentile.
  case p95
  /// 99th percentile.
  case p99
  /// 99.9th percentile.
  case p999
  /// The slowest session.
  case max
  /// 99th percentile of the time to the first visible token.
  case firstTokenP99 = "ttft_p99"
  /// Money per session, in US dollars.
  case cost
  /// Device energy per session, in joules.
  case energy
}

/// Whether a difference between two runs is larger than their run-to-run noise.
public enum NoiseJudgement: String, Codable, Hashable, Sendable {
  /// The difference is within the two runs' combined 95% half-widths: another seed could reverse
  /// it.
  case withinNoise = "within_noise"
  /// The difference is larger than the combined half-widths.
  case largerThanNoise = "larger_than_noise"
}

/// One figure of both runs, their difference (B − A) and, where both runs carry noise estimates,
/// whether the difference is larger than the noise.
public struct MetricDifference: Codable, Hashable, Sendable {
  /// The figure.
  public var metric: ComparedMetric
  /// Run A's value, if it has one.
  public var a: Double?
  /// Run B's value, if it has one.
  public var b: Double?
  /// The combined 95% half-width `√(h_A² + h_B²)`, when both runs carry one for this figure.
  public var noise: Double?

  /// Creates a row.
  public init(metric: ComparedMetric, a: Double?, b: Double?, noise: Double?) {
    self.metric = metric
    self.a = a
    self.b = b
    self.noise = noise
  }

  /// B − A, when both have a value.
  public var difference: Double? {
    guard let a, let b else { return nil }
    return b - a
  }

  /// B relative to A (`0.1` is 10% more), when both have a value and A is not zero.
  public var relativeDifference: Double? {
    guard let a, let difference, a != 0 else { return nil }
    return difference / a
  }

  /// Whether the difference is larger than the noise; `nil` without a noise estimate.
  public var judgement: NoiseJudgement? {
    guard let noise, let difference else { return nil }
    return abs(difference) > noise ? .largerThanNoise : .withinNoise
  }

  enum CodingKeys: String, CodingKey {
    case metric, a, b, noise, difference, judgement
    case relativeDifference = "relative_difference"
  }

  /// Reads a row (the derived fields are recomputed, not read).
  ///
  /// - Throws: `DecodingError` for a missing metric or a malformed value.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    metric = try container.decode(ComparedMetric.self, forKey: .metric)
    a = try container.decodeIfPresent(Double.self, forKey: .a)
    b = try container.decodeIfPresent(Double.self, forKey: .b)
    noise = try container.decodeIfPresent(Double.self, forKey: .noise)
  }

  /// Writes the row with its difference, relative difference and judgement.
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(metric, forKey: .metric)
    try container.encodeIfPresent(a, forKey: .a)
    try container.encodeIfPresent(b, forKey: .b)
    try container.encodeIfPresent(noise, forKey: .noise)
    try container.encodeIfPresent(difference, forKey: .difference)
    try container.encodeIfPresent(relativeDifference, forKey: .relativeDifference)
    try container.encodeIfPresent(judgement, forKey: .judgement)
  }
}
