/// One fact of a run's verdict against its budget, in the order the summary states them. The
/// report carries these; only `Rendering/` turns them into words (``BudgetVerdict/summary``).
public enum VerdictFinding: Hashable, Sendable {
  /// The run stopped early because `site`'s waiting line passed a limit; `utilization` is its
  /// arrivals ÷ completions (infinite when nothing completed there).
  case stoppedOverloaded(site: String, utilization: Double, cause: OverloadCause)
  /// The site's waiting line grew with the run (``SiteCondition/overloaded``).
  case siteOverloaded(site: String)
  /// Re-prefill after prefix-cache misses at `site` costs at least 5% of the mean latency.
  case reprefill(site: String, millisecondsPerSession: Double, percentOfMean: Int)
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
