/// The verdict's findings in plain words: one sentence per finding, joined with semicolons —
/// "p99 1.84 s misses the 1 s budget by 840 ms; 61% of the tail is network, mostly in plan and
/// code".
public enum VerdictWording {
  /// The summary of `findings`.
  ///
  /// - Complexity: O(*n*) in the findings.
  public static func summary(of findings: [VerdictFinding]) -> String {
    findings.map(sentence).joined(separator: "; ")
  }

  /// One finding's sentence.
  public static func sentence(_ finding: VerdictFinding) -> String {
    switch finding {
    case .stoppedOverloaded(let site, let utilization, let cause):
      // Nothing completed there: the arrival ratio is infinite, so say that instead.
      let load =
        utilization.isFinite
        ? "utilization \(format(ratio: utilization))" : "nothing completed there"
      return "\(site) is over capacity: \(load) "
        + "(\(OverloadWording.detail(cause))); the run stopped early and its percentiles are "
        + "optimistic"
    case .siteOverloaded(let site):
      return "\(site) is over capacity: its queue grew with the run, so the percentiles "
        + "understate what users would see"
    case .reprefill(let cause, let sites, let milliseconds, let ofMean, let ofTail):
      let lost: String
      switch cause {
      case .expired: lost = "prefix caches expired"
      case .evicted: lost = "prefix caches evicted"
      case .expiredOrEvicted: lost = "prefix caches expired or evicted"
      }
      let place = sites.isEmpty ? "" : " at " + ListFormatting.join(sites)
      return "\(ofTail)% of the tail is re-prefill after \(lost)\(place) "
        + "(\(format(milliseconds: milliseconds)) per session, \(ofMean)% of the mean)"
    case .target(let check):
      let label = check.metric == "ttft_p99" ? "time to first token p99" : check.metric
      if check.isMet {
        return "\(label) \(format(milliseconds: check.achievedMilliseconds)) meets the "
          + "\(target(milliseconds: check.targetMilliseconds)) budget with "
          + "\(format(milliseconds: check.marginMilliseconds)) to spare"
      }
      return "\(label) \(format(milliseconds: check.achievedMilliseconds)) misses the "
        + "\(target(milliseconds: check.targetMilliseconds)) budget by "
        + "\(format(milliseconds: -check.marginMilliseconds))"
    case .noBudget(let p99):
      return "no budget set; p99 is \(format(milliseconds: p99))"
    case .tail(let component, let percent, let steps):
      var sentence = "\(percent)% of the tail is \(component.rawValue)"
      if !steps.isEmpty { sentence += ", mostly in " + ListFormatting.join(steps) }
      return sentence
    case .noTime:
      return "the sessions took no time"
    }
  }

  /// "820 ms", "1.84 s", "75 µs": the renderer's format, so the sentence and the tables agree.
  static func format(milliseconds value: Double) -> String {
    DisplayFormat.duration(milliseconds: value)
  }

  /// A budget target as the tables print it, without trailing zeros: "1 s", "320 ms" (targets
  /// are the user's round numbers; measured values keep three significant digits).
  static func target(milliseconds value: Double) -> String {
    DisplayFormat.duration(milliseconds: value, trimsTrailingZeros: true)
  }

  static func format(ratio value: Double) -> String {
    value.isFinite ? DisplayFormat.fixed(value, fractionDigits: 2) : "unbounded"
  }
}

/// What tripped the overload limits, in the words the report and `stopped_early.detail` use.
public enum OverloadWording {
  /// "100000 requests waiting at one replica".
  public static func detail(_ cause: OverloadCause) -> String {
    switch cause {
    case .sessionsInFlight(let count): return "\(count) sessions in flight"
    case .requestsWaitingAtReplica(let count): return "\(count) requests waiting at one replica"
    case .toolCallsWaiting(let count): return "\(count) tool calls waiting"
    }
  }
}

/// English lists: "a", "a and b", "a, b and c".
enum ListFormatting {
  static func join(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
  }
}
