import SimulationKernel

/// Per-session lower bounds of a point's latency, cost and device energy: values no simulation of
/// the point can beat, whatever its random draws and however loaded its shared sites.
///
/// What each figure bounds, and why it holds:
/// - `latencyMilliseconds` bounds **every** session's end-to-end latency, hence every percentile
///   and the mean the report prints (the histogram clamps each quantile into [minimum, maximum]).
///   It is the critical path with every random quantity at the lower end of its support
///   (`Distribution.lowerBound`: 0 for a lognormal, `min` for a uniform), queueing at 0, every link
///   up, and each model call's compute from the cost model: a prefill of the fewest prompt tokens
///   with nothing cached, then the fewest output tokens decoded one at a time. The cost model's
///   iteration time never decreases when work is added (more tokens, longer contexts, more
///   sequences in the batch) and is subadditive over chunks, so chunked prefill, batching and a
///   cached or moved conversation can only add to it. A parallel section takes its join-th
///   smallest child bound; a branch the smallest option (0 when it may run nothing); a
///   probabilistic loop one iteration. A step that may fall back to another site during an
///   outage takes the smaller of the two. Connection setup counts only for links no earlier or
///   concurrent step may have opened. Speculative steps count their network hops only.
/// - `p50Milliseconds` and `p99Milliseconds` bound the median and the 99th percentile the run
///   reports, tighter than the minimum: a session's latency is at least the bound above with any
///   one random part (a token count, a tool's duration, one hop's round-trip draw, a hosted API's
///   times, a branch's choice, a loop's count) at its drawn value instead of its minimum, so the
///   reported percentile is at least the minimum plus the largest lift of one part at its
///   quantile (Q_p(X + Y) ≥ Q_p(X) + min Y; no independence needed). The quantile is taken at a
///   level below the percentile (``QuantileLevel``) so that the report's nearest-rank estimate
///   over the run's measured sessions falls below it with probability under 10⁻⁹. Parts inside a
///   step that may fall back to another site during an outage, and a hosted API's first token
///   when it has a prompt cache, do not count (0 excess); speculative steps count their hops.
/// - `costDollars` bounds the mean cost per session: hosted-API tokens at the fewest tokens, and
///   at shared replicas the cheapest iteration times the fewest sequence-iterations a call needs
///   (its output tokens), shared by at most `max_batch` sequences per iteration.
/// - `energyJoules` bounds the mean device energy per session: the device compute above at the
///   orchestrating device's active power.
///
/// All three are multiplied by `1 − slack` (0.5%) to absorb the histogram's quantile resolution
/// (≤ 0.4%) and the rounding of durations to nanoseconds. Percentiles of an overloaded run that
/// measured no session are reported as 0 and are not bounded; such a point misses its budget
/// anyway.
public struct LowerBound: Codable, Hashable, Sendable {
  /// The relative margin taken off every bound.
  public static let slack = 0.005

  /// Lower bound of every session's end-to-end latency, in milliseconds.
  public var latencyMilliseconds: Double
  /// Lower bound of the reported median latency, in milliseconds (at least
  /// `latencyMilliseconds`).
  public var p50Milliseconds: Double
  /// Lower bound of the reported 99th-percentile latency, in milliseconds (at least
  /// `p50Milliseconds`).
  public var p99Milliseconds: Double
  /// Lower bound of the mean money per session, in US dollars.
  public var costDollars: Double
  /// Lower bound of the mean device energy per session, in joules.
  public var energyJoules: Double

  /// Creates bounds; the percentile bounds default to the minimum's.
  public init(
    latencyMilliseconds: Double, p50Milliseconds: Double? = nil, p99Milliseconds: Double? = nil,
    costDollars: Double, energyJoules: Double
  ) {
    self.latencyMilliseconds = latencyMilliseconds
    self.p50Milliseconds = max(latencyMilliseconds, p50Milliseconds ?? latencyMilliseconds)
    self.p99Milliseconds = max(self.p50Milliseconds, p99Milliseconds ?? latencyMilliseconds)
    self.costDollars = costDollars
    self.energyJoules = energyJoules
  }

  /// The bounds of a scenario.
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow and placement.
  ///   - sessions: The sessions the run measures (the scenario's own count when nil): the
  ///     percentile bounds allow for the estimator's noise at that count.
  /// - Returns: The bounds, with the slack taken off.
  /// - Complexity: O(*n* · *i*) for *n* nodes and *i* fixed loop iterations, plus O(log *t*)
  ///   cost-model evaluations per call with *t* output tokens (a few per call for the parts).
  public static func of(_ scenario: Scenario, sessions: Int? = nil) -> LowerBound {
    var evaluator = BoundEvaluator(scenario: scenario, sessions: sessions)
    var open = Set<Int>()
    let bound = evaluator.evaluate(scenario.program.root, open: &open)
    var power = 0.0
    if case .device(let device) = scenario.sites[scenario.orchestratorSite].kind {
      power = device.activePowerWatts
    }
    let keep = 1 - slack
    let percentiles = bound.percentileLatency * keep
    return LowerBound(
      latencyMilliseconds: bound.latency * keep, p50Milliseconds: percentiles[0],
      p99Milliseconds: percentiles[1], costDollars: bound.cost * keep,
      energyJoules: bound.deviceSeconds * power * keep)
  }

  /// The bound of the reported `metric` ("p50" or "p99"; the minimum for any other).
  public func percentile(_ metric: String) -> Double {
    switch metric {
    case "p50": p50Milliseconds
    case "p99": p99Milliseconds
    default: latencyMilliseconds
    }
  }

  /// Decodes bounds; files written before the percentile bounds existed read them as the
  /// minimum.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let latency = try container.decode(Double.self, forKey: .latencyMilliseconds)
    self.init(
      latencyMilliseconds: latency,
      p50Milliseconds: try container.decodeIfPresent(Double.self, forKey: .p50Milliseconds),
      p99Milliseconds: try container.decodeIfPresent(Double.self, forKey: .p99Milliseconds),
      costDollars: try container.decode(Double.self, forKey: .costDollars),
      energyJoules: try container.decode(Double.self, forKey: .energyJoules))
  }

  enum CodingKeys: String, CodingKey {
    case latencyMilliseconds = "latency_ms"
    case p50Milliseconds = "p50_ms"
    case p99Milliseconds = "p99_ms"
    case costDollars = "cost_dollars"
    case energyJoules = "energy_joules"
  }
}
