/// How a shared site coped with its offered load: the one decision behind the site table's flag,
/// the verdict and a sweep's infeasible points.
///
/// Utilization alone cannot decide it: a continuously batching replica is "busy" whenever one
/// sequence runs, so a replica at half its batch capacity shows a utilization near 1 while every
/// request is admitted at the next iteration. The decision uses what instability actually is, a
/// waiting line that grows with the run, and, for the milder flag, the fraction of the site's
/// capacity in use (servers for tool pools, batch slots for inference replicas).
public enum SiteCondition: String, Codable, Hashable, Sendable, CaseIterable {
  /// Less than `busyThreshold` of its capacity in use.
  case normal
  /// At least `busyThreshold` of its capacity in use: stable, but queueing grows steeply.
  case busy
  /// Its waiting line grew with the run (offered load above the service rate), or the run stopped
  /// because of it: the latencies understate what users would see.
  case overloaded

  /// The fraction of capacity in use from which a site is `busy`.
  public static let busyThreshold = 0.8

  /// The fraction of the requests a site received by the last open-loop arrival that may still be
  /// waiting then before the site counts as overloaded.
  ///
  /// A stable queue's backlog stays bounded however long the run, so its share of the arrivals
  /// shrinks towards zero; an unstable one keeps (1 − μ/λ) of them waiting, where λ is the offered
  /// rate and μ the service rate: for an inference site, the rate its replicas complete requests
  /// at the batch their KV caches allow, which long contexts can hold far below the batch limit.
  /// 5% flags offered loads above about 1.05 μ; a smaller overload shows as `busy`. The arrivals
  /// count each session once at most: a session waits on one call at a time, so the backlog of an
  /// agent loop that calls the site twenty times per session grows with its sessions, not its
  /// calls.
  public static let backlogShareThreshold = 0.05

  /// Decides a site's condition.
  ///
  /// - Parameters:
  ///   - stoppedRun: Whether the run stopped early because of this site.
  ///   - backlog: Requests waiting at the site (not yet admitted to a batch or a worker) when the
  ///     last open-loop session arrived; `nil` for closed loops, whose queues the number of users
  ///     bounds.
  ///   - arrived: Requests the site had received by then, at most one per session that had
  ///     arrived.
  ///   - batchSlots: The site's batch slots (replicas × the batch each runs at once: its maximum
  ///     batch, or fewer when the KV cache holds fewer of its requests) or tool workers: a backlog
  ///     smaller than twice this is one round of admissions, not growth.
  ///   - capacityInUse: The fraction of the site's capacity in use over the run.
  /// - Returns: The condition.
  public static func decide(
    stoppedRun: Bool, backlog: Int?, arrived: Int, batchSlots: Int, capacityInUse: Double
  ) -> SiteCondition {
    if stoppedRun { return .overloaded }
    if let backlog, backlog > 2 * batchSlots,
      Double(backlog) > backlogShareThreshold * Double(arrived)
    {
      return .overloaded
    }
    return capacityInUse >= busyThreshold ? .busy : .normal
  }
}
