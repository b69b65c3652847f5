/// The documented range of every kind of number a workflow (and `--set` / `--vary`) may hold.
///
/// Chosen so that no simulation the decoder accepts can overflow: the clock counts Int64
/// nanoseconds (about 292 years), token counters are Int32, and rates, bandwidths and prices feed
/// reciprocals and products. Every duration is within [1 µs, 30 days] (or exactly 0 where a field
/// may be absent), every token count within 10 million (the model's context window is checked
/// when the workflow is resolved), every byte count within 1 PB, every rate within
/// [1e-6, 1e6] per second. A distribution is accepted only if its *largest possible draw*
/// (``SimulationKernel/Distribution/largestDraw``) is within its field's range, so samples can
/// never leave it either.
public enum ValueLimits {
  /// The longest duration, in milliseconds: 30 days.
  public static let maximumMilliseconds = 2_592_000_000.0
  /// The shortest non-zero duration, in milliseconds: 1 µs.
  public static let minimumMilliseconds = 0.001
  /// The most tokens one count (a prompt, an output, a tool result, the initial context) may hold.
  public static let maximumTokens = 10_000_000.0
  /// The most bytes one transfer may move: 1 PB.
  public static let maximumBytes = 1e15
  /// Arrival rates, per second.
  public static let ratesPerSecond: ClosedRange<Double> = 1e-6...1e6
  /// Link bandwidths, in Mbit/s (1 kbit/s to 1 Pbit/s).
  public static let megabitsPerSecond: ClosedRange<Double> = 1e-3...1e9
  /// Prices, in USD (per hour, or per million tokens).
  public static let price: ClosedRange<Double> = 0...1e6
  /// Outage process means (time between failures, time to repair), in seconds: 10 ms to 30 days.
  /// The lower end bounds the work of replaying a link's up/down process over a long run.
  public static let outageSeconds: ClosedRange<Double> = 1e-2...(maximumMilliseconds / 1000)

  /// A duration that must be positive (a budget target): [1 µs, 30 days].
  public static let positiveDuration = NumberConstraint.range(
    minimumMilliseconds...maximumMilliseconds)
  /// A duration that may be 0 (an overhead, an RTT): 0 or [1 µs, 30 days].
  public static let duration = NumberConstraint.zeroOrRange(
    minimumMilliseconds...maximumMilliseconds)
}

/// What a distribution in a workflow measures: it bounds the distribution's largest draw.
public enum DistributionQuantity: Sendable {
  /// A duration in milliseconds.
  case milliseconds
  /// A number of tokens.
  case tokens
  /// A number of bytes.
  case bytes
  /// A number of loop iterations (a drawn loop count, capped by the loop's `max_iterations`, so
  /// only finiteness matters: the bound is the byte bound's).
  case iterations

  /// The largest value a draw may take.
  public var maximum: Double {
    switch self {
    case .milliseconds: return ValueLimits.maximumMilliseconds
    case .tokens: return ValueLimits.maximumTokens
    case .bytes, .iterations: return ValueLimits.maximumBytes
    }
  }

  /// The maximum in words ("30 days (2592000000 ms)").
  public var maximumPhrase: String {
    switch self {
    case .milliseconds: return "30 days (\(JSONText.format(maximum)) ms)"
    case .tokens: return "\(JSONText.format(maximum)) tokens"
    case .bytes: return "1 PB (\(JSONText.format(maximum)) bytes)"
    case .iterations: return "\(JSONText.format(maximum)) iterations"
    }
  }
}
