/// Closed forms of classic queueing models, the oracles the simulator is proven against.
///
/// Notation: arrival rate λ, mean service time `s` (so μ = 1/s), `c` servers, offered load
/// a = λ·s, utilization ρ = a/c. Waits are in the queue only (excluding service).
public enum QueueingTheory {
  /// The Erlang C probability that an arriving customer must wait in an M/M/c queue.
  ///
  /// C(c, a) = (aᶜ/c!)·(1/(1−ρ)) / (Σₖ₌₀^{c−1} aᵏ/k! + (aᶜ/c!)·(1/(1−ρ))), computed with the
  /// terms built up incrementally so large `c` does not overflow (Kleinrock, *Queueing Systems*
  /// vol. 1, eq. 3.40).
  ///
  /// - Parameters:
  ///   - servers: The number of servers `c`.
  ///   - offeredLoad: a = λ·s, in erlangs.
  /// - Returns: The probability of waiting; 1 when ρ ≥ 1.
  /// - Complexity: O(*c*).
  public static func erlangC(servers: Int, offeredLoad: Double) -> Double {
    precondition(servers > 0, "Erlang C needs at least one server, got \(servers)")
    let utilization = offeredLoad / Double(servers)
    if utilization >= 1 { return 1 }
    var term = 1.0
    var sum = 1.0
    for k in 1..<max(servers, 1) {
      term *= offeredLoad / Double(k)
      sum += term
    }
    if servers == 1 { sum = 1 }
    let top = term * offeredLoad / Double(servers) / (1 - utilization)
    return top / (sum + top)
  }

  /// The mean wait in queue of an M/M/c queue: W_q = C(c, a)·s / (c − a).
  ///
  /// - Parameters:
  ///   - servers: The number of servers.
  ///   - arrivalRate: λ, customers per unit time.
  ///   - meanService: s, in the same time unit.
  /// - Returns: The mean wait, in the time unit of `meanService`; infinity when ρ ≥ 1.
  public static func mmcMeanWait(servers: Int, arrivalRate: Double, meanService: Double) -> Double {
    let offeredLoad = arrivalRate * meanService
    if offeredLoad >= Double(servers) { return .infinity }
    return erlangC(servers: servers, offeredLoad: offeredLoad) * meanService
      / (Double(servers) - offeredLoad)
  }

  /// The mean wait in queue of an M/G/1 queue by the Pollaczek–Khinchine formula:
  /// W_q = λ·E[S²] / (2(1 − ρ)).
  ///
  /// For M/D/1 (constant service s), E[S²] = s², so W_q = ρ·s / (2(1 − ρ)); for M/M/1,
  /// E[S²] = 2s², giving W_q = ρ·s / (1 − ρ).
  ///
  /// - Parameters:
  ///   - arrivalRate: λ.
  ///   - meanService: E[S].
  ///   - serviceSecondMoment: E[S²].
  /// - Returns: The mean wait; infinity when ρ ≥ 1.
  public static func mg1MeanWait(
    arrivalRate: Double, meanService: Double, serviceSecondMoment: Double
  ) -> Double {
    let utilization = arrivalRate * meanService
    if utilization >= 1 { return .infinity }
    return arrivalRate * serviceSecondMoment / (2 * (1 - utilization))
  }
}
