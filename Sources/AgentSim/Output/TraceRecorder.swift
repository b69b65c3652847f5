import SimulationKernel

/// An observer that records the first measured sessions as a Chrome / Perfetto trace: what
/// `agentsim run --trace FILE [--trace-sessions N]` writes. Open the file in ui.perfetto.dev (or
/// chrome://tracing).
///
/// - One track (thread) per traced session, holding a slice for the whole session, nested slices
///   for the steps of its critical path, and inside each step one slice per component it spent
///   time in (network, queueing, prefill, decode, tool, transfer). Step slices are exact: each
///   starts where the one before ended, and together they cover the session's latency. Inside a
///   step the component slices are laid out in the fixed order of `LatencyComponent` with their
///   exact durations (a step's network time is its request and its response together).
/// - Counter tracks per shared site: running batch, waiting requests and KV-cache tokens in use,
///   summed over its replicas, from the first traced arrival until the last traced session ends.
///
/// Times are in microseconds with nanosecond decimals, as the trace event format expects.
public struct TraceRecorder: SimulationObserver {
  /// Sessions to trace, counted from the first measured one.
  public let sessionLimit: Int
  let warmupSessions: Int
  let stepNames: [String]
  let siteNames: [String]
  /// Per replica: its site and last (running, waiting, kv) reported.
  var replicaState: [Int: (site: Int, running: Int, waiting: Int, kv: Int)] = [:]
  /// Per site: the last counters written, to skip repeats.
  var siteCounters: [Int: (running: Int, waiting: Int, kv: Int)] = [:]
  var isRecordingCounters = false
  var tracedFinished = 0
  var tracedStarted = 0
  var sessionEvents: [String] = []
  var counterEvents: [String] = []

  /// Creates a recorder for a scenario.
  ///
  /// - Parameters:
  ///   - scenario: The scenario to be run (for step and site names and the warm-up count).
  ///   - sessions: How many measured sessions to trace, from the first (at least 1).
  public init(scenario: Scenario, sessions: Int) {
    sessionLimit = max(1, sessions)
    warmupSessions = scenario.load.warmupSessions
    stepNames = scenario.program.stepNames
    siteNames = scenario.sites.map(\.name)
  }

  /// Active: the simulator delivers sessions and counters.
  public static var isActive: Bool { true }

  func isTraced(_ ordinal: Int) -> Bool {
    ordinal >= warmupSessions && ordinal < warmupSessions + sessionLimit
  }

  /// Starts the counter tracks at the first traced arrival.
  public mutating func sessionStarted(ordinal: Int, at time: SimTime) {
    guard isTraced(ordinal) else { return }
    tracedStarted += 1
    if tracedStarted == 1 {
      isRecordingCounters = true
      // Every site's state at the window's start, so each counter track starts with a value.
      var sites: [Int: (running: Int, waiting: Int, kv: Int)] = [:]
      for state in replicaState.values {
        var sum = sites[state.site] ?? (0, 0, 0)
        sum.running += state.running
        sum.waiting += state.waiting
        sum.kv += state.kv
        sites[state.site] = sum
      }
      for site in sites.keys.sorted() {
        if let sum = sites[site] { writeCounters(site: site, sum, at: time) }
      }
    }
  }

  /// Adds a traced session's slices.
  public mutating func sessionFinished(_ session: ObservedSession) {
    guard isTraced(session.ordinal) else { return }
    tracedFinished += 1
    if tracedFinished == sessionLimit { isRecordingCounters = false }
    let track = session.ordinal - warmupSessions + 1
    sessionEvents.append(
      #"{"name":"thread_name","ph":"M","pid":1,"tid":\#(track),"args":{"name":"session \#(session.ordinal)"}}"#
    )
    var arguments = #""latency_ms":\#(SessionTable.milliseconds(session.latency.nanoseconds))"#
    if let firstVisible = session.firstVisible {
      arguments += #","first_token_ms":\#(SessionTable.milliseconds(firstVisible.nanoseconds))"#
    }
    arguments += #","llm_calls":\#(session.modelCalls)"#
    sessionEvents.append(
      slice(
        name: "session \(session.ordinal)", category: "session", track: track,
        start: session.arrival.nanosecondsSinceStart, duration: session.latency.nanoseconds,
        arguments: arguments))
    var cursor = session.arrival.nanosecondsSinceStart
    for (step, times) in session.steps {
      let name = step < stepNames.count ? stepNames[step] : "step \(step)"
      sessionEvents.append(
        slice(name: name, category: "step", track: track, start: cursor, duration: times.total))
      var inner = cursor
      for component in LatencyComponent.allCases where times[component] > 0 {
        sessionEvents.append(
          slice(
            name: component.rawValue, category: "component", track: track, start: inner,
            duration: times[component]))
        inner += times[component]
      }
      cursor += times.total
    }
  }

  /// Updates a site's counter tracks while the traced sessions run.
  public mutating func replicaChanged(
    at time: SimTime, replica: Int, site: Int, running: Int, waiting: Int, kvTokens: Int
  ) {
    let previous = replicaState[replica] ?? (site, 0, 0, 0)
    replicaState[replica] = (site, running, waiting, kvTokens)
    guard isRecordingCounters else { return }
    var sum = siteCounters[site] ?? (0, 0, 0)
    sum.running += running - previous.running
    sum.waiting += waiting - previous.waiting
    sum.kv += kvTokens - previous.kv
    writeCounters(site: site, sum, at: time)
  }

  mutating func writeCounters(
    site: Int, _ sum: (running: Int, waiting: Int, kv: Int), at time: SimTime
  ) {
    let last = siteCounters[site]
    siteCounters[site] = sum
    if let last, last == sum { return }
    let timestamp = Self.microseconds(time.nanosecondsSinceStart)
    for (label, value) in [
      ("running batch", sum.running), ("queue length", sum.waiting), ("KV cache tokens", sum.kv),
    ] {
      counterEvents.append(
        #"{"name":\#(Self.quoted(siteNames[site] + " " + label)),"ph":"C","ts":\#(timestamp),"pid":2,"args":{"value":\#(value)}}"#
      )
    }
  }

  func slice(
    name: String, category: String, track: Int, start: Int64, duration: Int64,
    arguments: String = ""
  ) -> String {
    #"{"name":\#(Self.quoted(name)),"cat":"\#(category)","ph":"X","ts":\#(Self.microseconds(start)),"dur":\#(Self.microseconds(duration)),"pid":1,"tid":\#(track),"args":{\#(arguments)}}"#
  }

  /// The trace: `{"traceEvents": [...]}`, one event per line.
  public var json: String {
    let metadata = [
      #"{"name":"process_name","ph":"M","pid":1,"args":{"name":"sessions"}}"#,
      #"{"name":"process_name","ph":"M","pid":2,"args":{"name":"sites"}}"#,
    ]
    let events = metadata + sessionEvents + counterEvents
    return "{\"traceEvents\": [\n" + events.joined(separator: ",\n") + "\n]}\n"
  }

  /// A JSON string literal.
  static func quoted(_ text: String) -> String { "\"" + JSONText.escaped(text) + "\"" }

  /// Nanoseconds as microseconds with three decimals, exactly.
  static func microseconds(_ nanoseconds: Int64) -> String {
    let sign = nanoseconds < 0 ? "-" : ""
    let magnitude = nanoseconds.magnitude
    let fraction = String(magnitude % 1000)
    return sign + String(magnitude / 1000) + "."
      + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
