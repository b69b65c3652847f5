extension ObservedSessionSimulator {
  /// Money spent so far: priced replicas' busy time plus the measured sessions' hosted-API tokens,
  /// in US dollars. Read only at batch boundaries (`SessionBatches`), a few dozen times a run.
  ///
  /// - Complexity: O(replicas).
  var costSoFar: Double {
    var dollars = statistics.apiCostDollars
    for (index, pool) in scenario.pools.enumerated() {
      guard let price = pool.pricePerReplicaHour else { continue }
      let first = poolFirstReplica[index]
      for replica in replicas[first..<(first + pool.replicas)] {
        dollars += Double(replica.busyNanoseconds) * 1e-9 / 3600 * price
      }
    }
    return dollars
  }
}
