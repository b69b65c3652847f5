import SimulationKernel

/// An observer that keeps one CSV row per measured session: what `agentsim run --sessions-out`
/// writes, for pandas and spreadsheets.
///
/// Columns: `session` (arrival order, warm-up sessions first), `arrival_ms` (simulated time since
/// the run's start), `latency_ms`, `first_token_ms` (empty without a visible step), one
/// `<component>_ms` column per `LatencyComponent` (critical-path time; they add up to
/// `latency_ms`), `reprefill_ms` (the part of `prefill_ms` that re-prefilled what a prefix cache
/// had lost; not added again), and `llm_calls` (model calls, on or off the critical path). Times are exact to
/// the nanosecond (six decimals), so the mean of `latency_ms` is the report's mean.
///
/// Memory grows with the sessions kept (about 100 bytes each).
public struct SessionTable: SimulationObserver {
  /// The CSV header.
  public static let header =
    (["session", "arrival_ms", "latency_ms", "first_token_ms"]
    + LatencyComponent.allCases.map { "\($0.rawValue)_ms" } + ["reprefill_ms", "llm_calls"])
    .joined(separator: ",")

  /// The rows so far, one per measured session in completion order, each ending in a newline.
  public private(set) var rows: String = ""
  /// Measured sessions recorded.
  public private(set) var count = 0

  /// Creates an empty table.
  public init() {}

  /// The header and every row.
  public var csv: String { Self.header + "\n" + rows }

  /// Active: the simulator delivers sessions.
  public static var isActive: Bool { true }

  /// Adds a row for a measured session.
  public mutating func sessionFinished(_ session: ObservedSession) {
    guard session.isMeasured else { return }
    count += 1
    var fields = [
      String(session.ordinal), Self.milliseconds(session.arrival.nanosecondsSinceStart),
      Self.milliseconds(session.latency.nanoseconds),
      session.firstVisible.map { Self.milliseconds($0.nanoseconds) } ?? "",
    ]
    for component in LatencyComponent.allCases {
      fields.append(Self.milliseconds(session.times[component]))
    }
    fields.append(Self.milliseconds(session.times.reprefill))
    fields.append(String(session.modelCalls))
    rows += fields.joined(separator: ",") + "\n"
  }

  /// Ignores counters.
  public mutating func sessionStarted(ordinal: Int, at time: SimTime) {}

  /// Ignores counters.
  public mutating func replicaChanged(
    at time: SimTime, replica: Int, site: Int, running: Int, waiting: Int, kvTokens: Int
  ) {}

  /// Nanoseconds as milliseconds with six decimals, exactly (no floating-point rounding).
  static func milliseconds(_ nanoseconds: Int64) -> String {
    let sign = nanoseconds < 0 ? "-" : ""
    let magnitude = nanoseconds.magnitude
    let fraction = String(magnitude % 1_000_000)
    return sign + String(magnitude / 1_000_000) + "."
      + String(repeating: "0", count: 6 - fraction.count) + fraction
  }
}
