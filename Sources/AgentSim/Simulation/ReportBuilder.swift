import Foundation
import SimulationKernel

/// Turns a finished simulation into a `LatencyReport`: percentiles, the critical-path budget split
/// by component and step (overall and in the tail), site loads, energy, cost and the verdict.
enum ReportBuilder {
  /// Histogram bins per decade of latency in the report.
  static let binsPerDecade = 20.0

  static func makeReport<Observer>(
    simulator model: ObservedSessionSimulator<Observer>, events: UInt64, seed: UInt64
  ) -> LatencyReport {
    let scenario = model.scenario
    let statistics = model.statistics
    let measured = max(statistics.sessionCount, 1)
    let span = max((model.lastCompletion - model.firstArrival).seconds, 1e-9)
    // Throughput counts measured sessions over the time they were measured in: from the first
    // measured arrival to the last measured completion (the warm-up's time is not theirs).
    let measuredSpan = max(
      (model.lastMeasuredCompletion - (model.firstMeasuredArrival ?? model.firstArrival)).seconds,
      1e-9)
    let latency = summary(of: statistics.latency)
    let firstToken = statistics.firstToken.isEmpty ? nil : summary(of: statistics.firstToken)
    let tail = statistics.tail(atOrAboveMilliseconds: latency.p99Milliseconds)
    let tailCount = Double(max(tail.count, 1))

    let components = LatencyComponent.allCases.map { component in
      ComponentShare(
        component: component,
        meanMilliseconds: Double(statistics.componentTotals[component]) * 1e-6 / Double(measured),
        tailMilliseconds: Double(tail.components[component]) * 1e-6 / tailCount)
    }
    let sums = statistics.stepSums
    let steps = scenario.program.stepNames.enumerated().map { step, name in
      var mean: [LatencyComponent: Double] = [:]
      var tailTimes: [LatencyComponent: Double] = [:]
      for (offset, component) in LatencyComponent.allCases.enumerated() {
        mean[component] = Double(sums[7 * step + offset]) * 1e-6 / Double(measured)
        tailTimes[component] = Double(tail.steps[7 * step + offset]) * 1e-6 / tailCount
      }
      return StepShare(
        step: name, site: scenario.program.stepSites[step],
        executionsPerSession: Double(sums[7 * step + 6]) / Double(measured),
        meanMilliseconds: mean, tailMilliseconds: tailTimes)
    }

    var sites: [SiteLoad] = []
    var poolCost = 0.0
    var unpricedSites: [String] = []
    for (siteIndex, site) in scenario.sites.enumerated() where !site.isDevice {
      let toolPool = ToolPools.id(site: siteIndex)
      var busy = 0.0
      var capacity = 0.0
      var iterations = 0
      var batch = 0
      var queue = 0.0
      var admitted = 0
      var tokens = 0
      var batchSlots = 0
      var filledSlotSeconds = 0.0
      // The site's pools (one per model) share its replicas, which run one model at a time: the
      // replicas count once, and their busy times, disjoint, add up.
      var siteReplicas = 0
      var largestBatch = 0
      // The batch of the site's tightest pool (one model's KV cache may hold a few long
      // conversations while another's batch limit is far away): the one whose queue grows first.
      var tightestBatch = Int.max
      for (index, pool) in scenario.pools.enumerated() where pool.site == siteIndex {
        let first = model.poolFirstReplica[index]
        var poolAdmitted = 0
        var poolReserved = 0
        for replica in model.replicas[first..<(first + pool.replicas)] {
          poolAdmitted += replica.admitted
          poolReserved += replica.reservedTokens
          busy += Double(replica.busyNanoseconds) * 1e-9
          iterations += replica.iterations
          batch += replica.batchSizeSum
          queue += Double(replica.queueNanoseconds) * 1e-6
          admitted += replica.admitted
          tokens += replica.outputTokens
          if replica.iterations > 0 {
            filledSlotSeconds +=
              Double(replica.busyNanoseconds) * 1e-9 * Double(replica.batchSizeSum)
              / Double(replica.iterations)
          }
          if let price = pool.pricePerReplicaHour {
            poolCost += Double(replica.busyNanoseconds) * 1e-9 / 3600 * price
          } else if replica.busyNanoseconds > 0, unpricedSites.last != site.name {
            unpricedSites.append(site.name)
          }
        }
        siteReplicas = max(siteReplicas, pool.replicas)
        largestBatch = max(largestBatch, pool.maxBatch)
        if poolAdmitted > 0 {
          tightestBatch = min(
            tightestBatch,
            Self.batchLimit(
              maxBatch: pool.maxBatch, kvCapacityTokens: pool.kvCapacityTokens,
              admitted: poolAdmitted, reservedTokens: poolReserved))
        }
      }
      capacity = Double(siteReplicas) * span
      batchSlots = siteReplicas * (tightestBatch == .max ? largestBatch : tightestBatch)
      var utilization = capacity > 0 ? busy / capacity : 0
      var capacityInUse =
        batchSlots > 0 ? filledSlotSeconds / (Double(batchSlots) * span) : 0
      if capacity == 0, var tools = model.toolPools[toolPool] {
        utilization = tools.utilization(at: model.lastCompletion)
        capacityInUse = utilization
      }
      // Little's law over the run: the time-integral of the waiting line ÷ the calls that arrived
      // is the mean wait per call (exact when the line is empty at the end, as after every
      // session finished).
      var toolWait: Double?
      if var tools = model.toolPools[toolPool] {
        let calls = model.toolPools.arrivals(at: toolPool)
        let end = model.lastCompletion
        let waitingNanoseconds =
          tools.meanQueueLength(at: end) * Double(end.nanosecondsSinceStart)
        toolWait = calls > 0 ? waitingNanoseconds * 1e-6 / Double(calls) : 0
      }
      // A backlog smaller than what the site starts at once is one round of admissions.
      if model.toolPools[toolPool] != nil { batchSlots += site.toolWorkers }
      let backlog = model.backlogAtLastArrival?[siteIndex]
      let stoppedRun = model.overload?.site == site.name
      // A session has one call at a site at a time (a few in parallel sections): counted against
      // every call it made, a backlog of sessions would look small in a long agent loop.
      let condition = SiteCondition.decide(
        stoppedRun: stoppedRun, backlog: backlog?.waiting,
        arrived: min(backlog?.arrived ?? 0, model.arrivals.total),
        batchSlots: batchSlots, capacityInUse: capacityInUse)
      // With nothing completed the arrival ratio is infinite: keep the busy-time utilization
      // then, so that no table or JSON file holds inf (JSON cannot encode it at all).
      if let overload = model.overload, stoppedRun, overload.utilization.isFinite {
        utilization = max(utilization, overload.utilization)
      }
      sites.append(
        SiteLoad(
          site: site.name, tier: site.tier.rawValue, utilization: utilization,
          meanBatchSize: iterations > 0 ? Double(batch) / Double(iterations) : 0,
          meanQueueMilliseconds: admitted > 0 ? queue / Double(admitted) : 0,
          meanToolWaitMilliseconds: toolWait,
          tokensPerSecond: Double(tokens) / span, capacityInUse: min(1, capacityInUse),
          condition: condition, prefixCache: prefixCacheLoad(of: model, site: siteIndex)))
    }
    let sessionsRun = max(model.finishedSessions, 1)
    let cost = poolCost / Double(sessionsRun) + statistics.apiCostDollars / Double(measured)

    var placement: [String: String] = [:]
    for (index, name) in scenario.program.stepNames.enumerated() {
      placement[name] = scenario.program.stepSites[index]
    }
    let run = RunInfo(
      workflow: scenario.name, workflowDigest: scenario.digest,
      toolVersion: AgentSimVersion.current, seed: seed, sessions: statistics.sessionCount,
      warmupSessions: scenario.load.warmupSessions, placement: placement, events: events,
      simulatedSeconds: (model.lastCompletion - model.firstArrival).seconds)
    // Re-prefill is named only where a cache can lose a prefix.
    let reprefill =
      model.caches.isActive
      ? ReprefillShare(
        meanMilliseconds: Double(statistics.componentTotals.reprefill) * 1e-6 / Double(measured),
        tailMilliseconds: Double(tail.components.reprefill) * 1e-6 / tailCount) : nil
    let verdict = VerdictFindings.verdict(
      budget: scenario.budget, latency: latency, firstToken: firstToken, components: components,
      steps: steps, overload: model.overload, sites: sites, reprefill: reprefill)
    var report = LatencyReport(
      run: run, latency: latency, timeToFirstToken: firstToken,
      histogram: bins(of: statistics.latency), components: components, steps: steps,
      sites: sites, throughputSessionsPerSecond: Double(statistics.sessionCount) / measuredSpan,
      deviceEnergyJoulesPerSession: statistics.energyJoules / Double(measured),
      costDollarsPerSession: cost, unpricedSites: unpricedSites, verdict: verdict,
      stoppedEarly: earlyStop(of: model),
      noise: RunNoise(batches: statistics.batches, latency: statistics.latency))
    report.truncatedCalls = model.contextTruncations
    report.reprefill = reprefill
    // With no measured session every figure above is a 0 standing for "unknown".
    return statistics.sessionCount > 0 ? report : report.removingSessionFigures()
  }

  /// What the prefix caches of `site` did (its pools' replicas, or its hosted API), or nil when
  /// it has none.
  static func prefixCacheLoad<Observer>(
    of model: ObservedSessionSimulator<Observer>, site: Int
  ) -> PrefixCacheLoad? {
    var slots: [Range<Int>] = []
    for (index, pool) in model.scenario.pools.enumerated() where pool.site == site {
      let first = Int(model.caches.poolFirstSlot[index])
      if first >= 0 { slots.append(first..<(first + pool.replicas)) }
    }
    let hosted = Int(model.caches.hostedSlot[site])
    if hosted >= 0 { slots.append(hosted..<(hosted + 1)) }
    guard !slots.isEmpty else { return nil }
    var total = PrefixCache.Counters()
    for range in slots { total.add(model.caches.counters(slots: range)) }
    return PrefixCacheLoad(
      hits: total.hits, misses: total.misses, expiredMisses: total.expiredMisses,
      hostHits: total.hostHits, evictedTokens: total.evictedTokens,
      reprefilledTokens: total.reprefilledTokens,
      reprefillMillisecondsPerSession: total.reprefillSeconds * 1000
        / Double(max(model.finishedSessions, 1)))
  }

  /// The sequences one replica of a pool runs at once: its batch limit, or fewer when the KV cache
  /// holds fewer of the requests it admitted (their mean reservation, context plus output, over
  /// the cache's tokens).
  ///
  /// - Parameters:
  ///   - maxBatch: The pool's batch limit.
  ///   - kvCapacityTokens: KV-cache tokens one replica holds.
  ///   - admitted: Requests the pool's replicas admitted.
  ///   - reservedTokens: KV tokens those requests reserved.
  /// - Returns: The batch the replica can hold, at least 1.
  static func batchLimit(maxBatch: Int, kvCapacityTokens: Int, admitted: Int, reservedTokens: Int)
    -> Int
  {
    guard admitted > 0, reservedTokens > 0 else { return maxBatch }
    let fitting = Double(kvCapacityTokens) * Double(admitted) / Double(reservedTokens)
    return max(1, min(maxBatch, Int(fitting.rounded(.down))))
  }

  /// The early stop of a finished simulation, if any: a runaway wins over an overload (it is the
  /// reason the input cannot be run at all).
  static func earlyStop<Observer>(of model: ObservedSessionSimulator<Observer>) -> EarlyStop? {
    let requested = model.arrivals.total
    if let runaway = model.runaway {
      let cause: EarlyStop.Cause
      let trigger: EarlyStop.Trigger
      switch runaway.limit {
      case .simulatedTime:
        cause = .simulatedTimeLimit
        trigger = .simulatedTime(seconds: runaway.value, horizonSeconds: runaway.bound)
      case .sessionWork:
        cause = .sessionWorkLimit
        trigger = .sessionWork(bound: runaway.bound)
      }
      return EarlyStop(
        cause: cause, step: runaway.step, trigger: trigger,
        completedSessions: runaway.completedSessions, requestedSessions: requested)
    }
    if let overload = model.overload {
      return EarlyStop(
        cause: .overload, site: overload.site, trigger: .overload(overload.reason),
        completedSessions: model.finishedSessions, requestedSessions: requested)
    }
    return nil
  }

  static func summary(of histogram: LatencyHistogram) -> PercentileSummary {
    guard !histogram.isEmpty else {
      return PercentileSummary(
        meanMilliseconds: 0, p50Milliseconds: 0, p90Milliseconds: 0, p95Milliseconds: 0,
        p99Milliseconds: 0, p999Milliseconds: 0, maxMilliseconds: 0)
    }
    return PercentileSummary(
      meanMilliseconds: histogram.mean, p50Milliseconds: histogram.quantile(0.5),
      p90Milliseconds: histogram.quantile(0.9), p95Milliseconds: histogram.quantile(0.95),
      p99Milliseconds: histogram.quantile(0.99), p999Milliseconds: histogram.quantile(0.999),
      maxMilliseconds: histogram.maximum)
  }

  /// Regroups the histogram's fine buckets into bins 1/20 of a decade wide.
  static func bins(of histogram: LatencyHistogram) -> [HistogramBin] {
    guard !histogram.isEmpty, histogram.maximum > 0 else { return [] }
    let floorValue = max(histogram.minimum, 1e-6)
    let low = Int((log10(floorValue) * binsPerDecade).rounded(.down))
    let high = Int((log10(histogram.maximum) * binsPerDecade).rounded(.down))
    var counts = [Int](repeating: 0, count: high - low + 1)
    for bucket in histogram.buckets {
      let middle = max(
        min((bucket.lowerBound + bucket.upperBound) / 2, histogram.maximum), floorValue)
      let index = Int((log10(middle) * binsPerDecade).rounded(.down)) - low
      counts[min(max(index, 0), counts.count - 1)] += Int(bucket.count)
    }
    return counts.enumerated().map { offset, count in
      HistogramBin(
        lowerMilliseconds: pow(10, Double(low + offset) / binsPerDecade),
        upperMilliseconds: pow(10, Double(low + offset + 1) / binsPerDecade), count: count)
    }
  }
}
