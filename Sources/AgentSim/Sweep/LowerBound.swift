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
  /// Lower bound of the mean money per session, in US dollars.
  public var costDollars: Double
  /// Lower bound of the mean device energy per session, in joules.
  public var energyJoules: Double

  /// Creates bounds.
  public init(latencyMilliseconds: Double, costDollars: Double, energyJoules: Double) {
    self.latencyMilliseconds = latencyMilliseconds
    self.costDollars = costDollars
    self.energyJoules = energyJoules
  }

  /// The bounds of a scenario.
  ///
  /// - Parameter scenario: The resolved workflow and placement.
  /// - Returns: The bounds, with the slack taken off.
  /// - Complexity: O(*n* · *i*) for *n* nodes and *i* fixed loop iterations, plus O(log *t*)
  ///   cost-model evaluations per call with *t* output tokens.
  public static func of(_ scenario: Scenario) -> LowerBound {
    var evaluator = BoundEvaluator(scenario: scenario)
    var open = Set<Int>()
    let bound = evaluator.evaluate(scenario.program.root, open: &open)
    var power = 0.0
    if case .device(let device) = scenario.sites[scenario.orchestratorSite].kind {
      power = device.activePowerWatts
    }
    let keep = 1 - slack
    return LowerBound(
      latencyMilliseconds: bound.latency * keep, costDollars: bound.cost * keep,
      energyJoules: bound.deviceSeconds * power * keep)
  }

  enum CodingKeys: String, CodingKey {
    case latencyMilliseconds = "latency_ms"
    case costDollars = "cost_dollars"
    case energyJoules = "energy_joules"
  }
}
