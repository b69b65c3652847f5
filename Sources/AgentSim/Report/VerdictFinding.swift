/// One fact of a run's verdict against its budget, in the order the summary states them. The
/// report carries these; only `Rendering/` turns them into words (``BudgetVerdict/summary``).
public enum VerdictFinding: Hashable, Sendable {
  /// The run stopped early because `site`'s waiting line passed a limit; `utilization` is its
  /// arrivals ÷ completions (infinite when nothing completed there).
  case stoppedOverloaded(site: String, utilization: Double, cause: OverloadCause)
  /// The site's waiting line grew with the run (``SiteCondition/overloaded``).
  case siteOverloaded(site: String)
  /// Re-prefill after prefix caches lost prefixes (`cause`) at `sites` is at least 5% of the
  /// mean or of the tail: its mean per session and its rounded shares of the mean and the tail.
  case reprefill(
    cause: ReprefillCause, sites: [String], millisecondsPerSession: Double, percentOfMean: Int,
    percentOfTail: Int)
  /// A budget target, met or missed (``BudgetCheck/isMet``).
  case target(BudgetCheck)
  /// No budget was set; the run's p99.
  case noBudget(p99Milliseconds: Double)
  /// The component that dominates the tail (sessions at or above p99), its rounded share in
  /// percent, and the steps contributing most to it (at most three, largest first).
  case tail(component: LatencyComponent, percent: Int, steps: [String])
  /// The sessions took no time (nothing to attribute the tail to).
  case noTime
}

/// Why prefix caches lost the prefixes that calls had to prefill again.
public enum ReprefillCause: Hashable, Sendable {
  /// Every lost prefix outlived its time to live.
  case expired
  /// Every lost prefix was pushed out by others (capacity).
  case evicted
  /// Some of each.
  case expiredOrEvicted
}
