/// Decides the verdict against the budget as typed findings: what was met or missed, by how much,
/// which site is over capacity, and what the tail is made of. `Rendering/VerdictWording` says it.
enum VerdictFindings {
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
    var findings: [VerdictFinding] = []
    if let overload {
      findings.append(
        .stoppedOverloaded(
          site: overload.site, utilization: overload.utilization, cause: overload.reason))
    } else {
      for site in sites where site.isOverloaded {
        findings.append(.siteOverloaded(site: site.site))
      }
    }
    findings += reprefillFindings(sites: sites, reprefill: reprefill, components: components)
    findings += checks.map { .target($0) }
    if checks.isEmpty { findings.append(.noBudget(p99Milliseconds: latency.p99Milliseconds)) }
    findings.append(tailFinding(components: components, steps: steps))
    return BudgetVerdict(
      checks: checks,
      isMet: overload == nil && !sites.contains(where: \.isOverloaded)
        && checks.allSatisfy(\.isMet),
      findings: findings)
  }

  /// The re-prefill line when it is at least 5% of the mean or of the tail, with why the
  /// prefixes were lost (expired, evicted, or both) and where.
  static func reprefillFindings(
    sites: [SiteLoad], reprefill: ReprefillShare?, components: [ComponentShare]
  ) -> [VerdictFinding] {
    let meanTotal = components.reduce(0) { $0 + $1.meanMilliseconds }
    let tailTotal = components.reduce(0) { $0 + $1.tailMilliseconds }
    guard let reprefill, meanTotal > 0, tailTotal > 0 else { return [] }
    let meanShare = reprefill.meanMilliseconds / meanTotal
    let tailShare = reprefill.tailMilliseconds / tailTotal
    guard max(meanShare, tailShare) >= 0.05 else { return [] }
    let lossy = sites.filter { ($0.prefixCache?.misses ?? 0) > 0 }
    let expired = lossy.reduce(0) { $0 + ($1.prefixCache?.expiredMisses ?? 0) }
    let misses = lossy.reduce(0) { $0 + ($1.prefixCache?.misses ?? 0) }
    let cause: ReprefillCause =
      expired == misses ? .expired : expired == 0 ? .evicted : .expiredOrEvicted
    return [
      .reprefill(
        cause: cause, sites: lossy.map(\.site), millisecondsPerSession: reprefill.meanMilliseconds,
        percentOfMean: Int((100 * meanShare).rounded()),
        percentOfTail: Int((100 * tailShare).rounded()))
    ]
  }

  /// The component with the largest share of the tail, and the (at most three) steps that spend
  /// more than 5% of that component's tail time in it, largest first.
  static func tailFinding(components: [ComponentShare], steps: [StepShare]) -> VerdictFinding {
    let total = components.reduce(0) { $0 + $1.tailMilliseconds }
    guard total > 0,
      let largest = components.max(by: { $0.tailMilliseconds < $1.tailMilliseconds })
    else { return .noTime }
    let share = Int((100 * largest.tailMilliseconds / total).rounded())
    let threshold = 0.05 * largest.tailMilliseconds
    var ranked: [(name: String, time: Double)] = []
    for step in steps {
      let time = step.tailMilliseconds[largest.component] ?? 0
      if time > threshold { ranked.append((step.step, time)) }
    }
    ranked.sort { lhs, rhs in lhs.time > rhs.time || (lhs.time == rhs.time && lhs.name < rhs.name) }
    return .tail(
      component: largest.component, percent: share, steps: ranked.prefix(3).map(\.name))
  }
}
