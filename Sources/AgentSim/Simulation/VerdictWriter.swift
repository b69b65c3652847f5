import Foundation

/// Writes the verdict against the budget in plain words: what was met or missed, by how much, and
/// what the tail is made of.
enum VerdictWriter {
  static func verdict(
    budget: ScenarioBudget, latency: PercentileSummary, firstToken: PercentileSummary?,
    components: [ComponentShare], steps: [StepShare], overload: OverloadNotice?,
    sites: [SiteLoad], reprefill: ReprefillShare? = nil
  ) -> BudgetVerdict {
    var checks: [BudgetCheck] = []
    if let target = budget.p50Milliseconds {
      checks.append(
        BudgetCheck(
          metric: "p50", targetMilliseconds: target, achievedMilliseconds: latency.p50Milliseconds))
    }
    if let target = budget.p99Milliseconds {
      checks.append(
        BudgetCheck(
          metric: "p99", targetMilliseconds: target, achievedMilliseconds: latency.p99Milliseconds))
    }
    if let target = budget.timeToFirstTokenMilliseconds, let firstToken {
      checks.append(
        BudgetCheck(
          metric: "ttft_p99", targetMilliseconds: target,
          achievedMilliseconds: firstToken.p99Milliseconds))
    }
    var sentences: [String] = []
    if let overload {
      // Nothing completed there: the arrival ratio is infinite, so say that instead.
      let load =
        overload.utilization.isFinite
        ? "utilization \(format(ratio: overload.utilization))" : "nothing completed there"
      sentences.append(
        "\(overload.site) is over capacity: \(load) "
          + "(\(overload.reason)); the run stopped early and its percentiles are optimistic")
    } else {
      for site in sites where site.isOverloaded {
        sentences.append(
          "\(site.site) is over capacity: its queue grew with the run, so the percentiles "
            + "understate what users would see")
      }
    }
    sentences += reprefillSentences(
      sites: sites, latency: latency, reprefill: reprefill, components: components)
    for check in checks {
      let label = check.metric == "ttft_p99" ? "time to first token p99" : check.metric
      if check.isMet {
        sentences.append(
          "\(label) \(format(milliseconds: check.achievedMilliseconds)) meets the "
            + "\(target(milliseconds: check.targetMilliseconds)) budget with "
            + "\(format(milliseconds: check.marginMilliseconds)) to spare")
      } else {
        sentences.append(
          "\(label) \(format(milliseconds: check.achievedMilliseconds)) misses the "
            + "\(target(milliseconds: check.targetMilliseconds)) budget by "
            + "\(format(milliseconds: -check.marginMilliseconds))")
      }
    }
    if checks.isEmpty {
      sentences.append(
        "no budget set; p99 is \(format(milliseconds: latency.p99Milliseconds))")
    }
    sentences.append(tailSentence(components: components, steps: steps))
    let summary = sentences.joined(separator: "; ")
    return BudgetVerdict(
      checks: checks,
      isMet: overload == nil && !sites.contains(where: \.isOverloaded)
        && checks.allSatisfy(\.isMet),
      summary: summary)
  }

  /// "12% of the tail is re-prefill after prefix caches expired at region (4.10 s per session;
  /// 3% of the mean)": when the re-prefill line is at least 5% of the mean or of the tail, with
  /// why the prefixes were lost (expired, evicted, or both) and where.
  static func reprefillSentences(
    sites: [SiteLoad], latency: PercentileSummary, reprefill: ReprefillShare?,
    components: [ComponentShare]
  ) -> [String] {
    let meanTotal = components.reduce(0) { $0 + $1.meanMilliseconds }
    let tailTotal = components.reduce(0) { $0 + $1.tailMilliseconds }
    guard let reprefill, meanTotal > 0, tailTotal > 0 else { return [] }
    let meanShare = reprefill.meanMilliseconds / meanTotal
    let tailShare = reprefill.tailMilliseconds / tailTotal
    guard max(meanShare, tailShare) >= 0.05 else { return [] }
    let lossy = sites.filter { ($0.prefixCache?.misses ?? 0) > 0 }
    let expired = lossy.reduce(0) { $0 + ($1.prefixCache?.expiredMisses ?? 0) }
    let misses = lossy.reduce(0) { $0 + ($1.prefixCache?.misses ?? 0) }
    let cause =
      expired == misses
      ? "prefix caches expired"
      : expired == 0
        ? "prefix caches evicted"
        : "prefix caches "
          + "expired or evicted"
    let place = lossy.isEmpty ? "" : " at " + ListFormatting.join(lossy.map(\.site))
    return [
      "\(Int((100 * tailShare).rounded()))% of the tail is re-prefill after \(cause)\(place) "
        + "(\(format(milliseconds: reprefill.meanMilliseconds)) per session, "
        + "\(Int((100 * meanShare).rounded()))% of the mean)"
    ]
  }

  /// "61% of the tail is network, mostly in plan and code".
  static func tailSentence(components: [ComponentShare], steps: [StepShare]) -> String {
    let total = components.reduce(0) { $0 + $1.tailMilliseconds }
    guard total > 0,
      let largest = components.max(by: { $0.tailMilliseconds < $1.tailMilliseconds })
    else { return "the sessions took no time" }
    let share = Int((100 * largest.tailMilliseconds / total).rounded())
    let threshold = 0.05 * largest.tailMilliseconds
    var ranked: [(name: String, time: Double)] = []
    for step in steps {
      let time = step.tailMilliseconds[largest.component] ?? 0
      if time > threshold { ranked.append((step.step, time)) }
    }
    ranked.sort { lhs, rhs in lhs.time > rhs.time || (lhs.time == rhs.time && lhs.name < rhs.name) }
    let contributors = ranked.prefix(3).map(\.name)
    var sentence = "\(share)% of the tail is \(largest.component.rawValue)"
    if !contributors.isEmpty {
      sentence += ", mostly in " + ListFormatting.join(Array(contributors))
    }
    return sentence
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
