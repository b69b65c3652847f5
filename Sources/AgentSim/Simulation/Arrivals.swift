import Foundation
import SimulationKernel

/// Where sessions come from: an open-loop Poisson stream (stream 0 of the run's seed) or a closed
/// loop of users who think between sessions, and how many sessions are still to start.
struct Arrivals {
  /// The arrival process with its distribution registered.
  enum Process {
    /// A Poisson stream of sessions.
    case poisson(ratePerSecond: Double)
    /// Users starting a session a think time (milliseconds, in `samplers`) after their last ends.
    case closed(users: Int, thinkTime: SamplerID)
  }

  let process: Process
  /// Sessions to start in all: measured plus warm-up.
  let total: Int
  /// Sessions started so far (the next session's ordinal).
  private(set) var started = 0
  var generator: Xoshiro256StarStar
  let samplers: SamplerTable
  let seed: UInt64
  /// The stream of session ordinal 0's think time; ordinal *n* uses this plus *n*.
  let thinkStreamBase: UInt64

  /// Creates the arrivals of `scenario`.
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow.
  ///   - seed: The run's seed.
  ///   - sessionStreamBase: The stream of session ordinal 0; think times use the streams after
  ///     every session's.
  init(scenario: Scenario, seed: UInt64, sessionStreamBase: UInt64) {
    total = scenario.load.sessions + scenario.load.warmupSessions
    var samplers = SamplerTable()
    switch scenario.load.arrival {
    case .poisson(let rate):
      process = .poisson(ratePerSecond: rate)
    case .closed(let users, let thinkTime):
      process = .closed(users: users, thinkTime: samplers.add(thinkTime))
    }
    self.samplers = samplers
    self.seed = seed
    generator = Xoshiro256StarStar(seed: seed, stream: 0)
    thinkStreamBase = sessionStreamBase &+ UInt64(total)
  }

  /// Whether sessions remain to be started.
  var hasMore: Bool { started < total }

  /// Counts a session as started and returns its ordinal.
  mutating func begin() -> Int {
    started += 1
    return started - 1
  }

  /// At an open-loop arrival (before counting it): the gap to the next one, or nil when this is
  /// the last session or the loop is closed.
  mutating func gapToNext() -> SimDuration? {
    guard case .poisson(let rate) = process, started + 1 < total else { return nil }
    return .seconds(-log(generator.nextOpenUniform()) / rate)
  }

  /// In a closed loop, when a user's session `ordinal` ends and sessions remain: the think time
  /// before the user's next session. Nil otherwise.
  func thinkTime(afterSession ordinal: Int) -> SimDuration? {
    guard case .closed(_, let thinkTime) = process, hasMore else { return nil }
    var generator = Xoshiro256StarStar(seed: seed, stream: thinkStreamBase &+ UInt64(ordinal))
    let think = max(0, samplers.sample(thinkTime, using: &generator))
    return .milliseconds(think)
  }
}
