import SimulationKernel
import Testing

/// The kernel against closed forms of queueing theory, each with about a million customers.
///
/// Tolerances are honest: the simulated mean wait must lie within a 99% confidence interval computed
/// from the run itself by non-overlapping batch means (successive waits are strongly correlated, so
/// a naive i.i.d. interval would be far too narrow). Batches of 20,000 customers are long against the
/// relaxation time of every queue here (≈ 1/(μ(1 − √ρ)²) ≈ 380 services at ρ = 0.9), and 10,000
/// warm-up customers are dropped so the empty start does not bias the mean.
@Suite("Queueing theory")
struct QueueingTheoryTests {
  static let customers = 1_000_000
  static let warmup = 10_000

  /// Simulates and returns the 99% batch-means interval for the mean wait in queue.
  func waitInterval(servers: Int, utilization: Double, service: MMcQueue.ServiceTime, seed: UInt64)
    -> (interval: ConfidenceInterval, model: MMcQueue)
  {
    let arrivalRate = utilization * Double(servers) / service.mean
    var simulation = MMcQueue.makeSimulation(
      MMcQueue(
        servers: servers, arrivalRate: arrivalRate, service: service,
        customers: Self.customers + Self.warmup, warmup: Self.warmup, seed: seed,
        recordsWaits: true))
    simulation.run()
    var batches = BatchMeans(batchSize: 20_000)
    for wait in simulation.model.waits { batches.add(wait) }
    let interval = batches.confidenceInterval(level: 0.99)
    #expect(interval != nil)
    return (
      interval ?? ConfidenceInterval(estimate: .nan, halfWidth: 0, level: 0.99),
      simulation.model
    )
  }

  @Test("M/M/1 at ρ = 0.5 and 0.9 matches W_q = ρ·s/(1 − ρ)", arguments: [0.5, 0.9])
  func mm1(utilization: Double) {
    let (interval, _) = waitInterval(
      servers: 1, utilization: utilization, service: .exponential(mean: 1), seed: 11)
    let analytic = utilization / (1 - utilization)
    #expect(
      interval.contains(analytic),
      "W_q \(interval.estimate) ± \(interval.halfWidth) vs analytic \(analytic)")
    // The interval must also be narrow enough to mean something: at ρ = 0.9 the variance of the
    // mean wait is large (the queue relaxes slowly), and a million customers give about ±6%.
    #expect(interval.relativeHalfWidth < 0.1, "interval too wide to be a test: \(interval)")
  }

  @Test("M/M/c with c = 4, ρ = 0.8 matches Erlang C")
  func mmc() {
    let (interval, _) = waitInterval(
      servers: 4, utilization: 0.8, service: .exponential(mean: 1), seed: 12)
    let analytic = QueueingTheory.mmcMeanWait(servers: 4, arrivalRate: 3.2, meanService: 1)
    #expect(abs(analytic - 0.745_541) < 1e-5, "Erlang C formula itself: \(analytic)")
    #expect(
      interval.contains(analytic),
      "W_q \(interval.estimate) ± \(interval.halfWidth) vs Erlang C \(analytic)")
  }

  @Test("M/D/1 at ρ = 0.7 matches Pollaczek–Khinchine")
  func md1() {
    let (interval, _) = waitInterval(
      servers: 1, utilization: 0.7, service: .constant(1), seed: 13)
    let analytic = QueueingTheory.mg1MeanWait(
      arrivalRate: 0.7, meanService: 1, serviceSecondMoment: 1)
    #expect(abs(analytic - 0.7 / (2 * 0.3)) < 1e-12)
    #expect(
      interval.contains(analytic),
      "W_q \(interval.estimate) ± \(interval.halfWidth) vs P–K \(analytic)")
  }

  @Test("Little's law: time-average queue length equals λ × mean wait on the sample path")
  func little() {
    let customers = 200_000
    var simulation = MMcQueue.makeSimulation(
      MMcQueue(
        servers: 2, arrivalRate: 1.6, service: .exponential(mean: 1), customers: customers,
        seed: 14))
    simulation.run()
    let end = simulation.now
    let queueLength = simulation.model.meanQueueLength(at: end)
    // On a path that starts and ends empty, ∫ L_q dt = Σ waits exactly, so L_q = (n / T) · W_q.
    let observedRate = Double(customers) / end.seconds
    let product = observedRate * simulation.model.meanWait
    #expect(abs(queueLength - product) / product < 1e-6, "L_q \(queueLength) vs λW_q \(product)")
    // And utilization = λ·s/c within sampling error.
    let utilization = simulation.model.measuredUtilization(at: end)
    #expect(abs(utilization - 0.8) < 0.01, "utilization \(utilization)")
  }
}
