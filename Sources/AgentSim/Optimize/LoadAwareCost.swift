import Foundation
import SimulationKernel

/// A placement's money per session with batching at its offered load: the estimate that ranks
/// the optimizer's neighbourhood moves (``PlacementOptimizer``), not a bound.
///
/// Zero-load cost charges every model call its own replica time, but a replica that batches
/// serves overlapping requests in the same iterations, so a busy replica-second is shared. For a
/// shared site *s* with *R* replicas, arrival rate λ sessions per second and zero-load compute *W*
/// seconds per session (the prefill and decode of its calls, ``ZeroLoadAnalysis``), the offered
/// load per replica is *a* = λ·*W*/*R*. With Poisson arrivals and requests served concurrently
/// (the M/G/∞ picture of continuous batching), the number of requests in service is Poisson with
/// mean *a*, so a replica is busy a fraction 1 − e^−*a* of the time instead of *a*: the site's
/// zero-load dollars are scaled by (1 − e^−*a*)/*a* (1 at no load, 1/*a* when saturated). It
/// leaves out that an iteration grows with its batch and that chunked prefills queue, so it
/// flatters heavily loaded sites; simulation decides, the estimate only orders the moves.
/// Hosted APIs keep their token prices; devices cost nothing.
enum LoadAwareCost {
  /// Sessions per second that reach the sites: the Poisson rate, or for a closed loop, users
  /// over the zero-load session time plus the mean think time.
  ///
  /// - Parameters:
  ///   - load: The scenario's load.
  ///   - sessionMilliseconds: The zero-load mean session latency.
  static func arrivalRate(_ load: ScenarioLoad, sessionMilliseconds: Double) -> Double {
    switch load.arrival {
    case .poisson(let rate): return rate
    case .closed(let users, let thinkTime):
      let cycle = max(sessionMilliseconds, 0) + max(thinkTime.mean, 0)
      return cycle > 0 ? Double(users) / (cycle / 1000) : 0
    }
  }

  /// The fraction of zero-load replica time a site is billed at offered load `offered` per
  /// replica: (1 − e^−*a*)/*a*, 1 at no load.
  static func batchingFactor(offered: Double) -> Double {
    offered > 1e-9 ? -expm1(-offered) / offered : 1
  }

  /// The estimated US dollars per session of a placement.
  ///
  /// - Parameter scenario: The resolved workflow and placement.
  /// - Returns: Dollars per session (hosted-API tokens plus batched replica time).
  /// - Complexity: As ``ZeroLoadAnalysis/budget(of:)``.
  static func dollars(of scenario: Scenario) -> Double {
    let budget = ZeroLoadAnalysis.budget(of: scenario)
    let leaves = StepLeaves(program: scenario.program)
    var siteSeconds = Array(repeating: 0.0, count: scenario.sites.count)
    var siteDollars = Array(repeating: 0.0, count: scenario.sites.count)
    var siteReplicas = Array(repeating: 1, count: scenario.sites.count)
    var other = 0.0
    for estimate in budget.steps {
      guard let step = scenario.program.stepNames.firstIndex(of: estimate.step) else { continue }
      let compute =
        estimate.milliseconds[.prefill, default: 0] + estimate.milliseconds[.decode, default: 0]
      let money = StepMoney.of(
        step: step, executions: estimate.executions, computeMilliseconds: compute,
        leaves: leaves, scenario: scenario)
      guard let node = leaves.nodes[step], case .llm(let call) = scenario.program.nodes[node],
        case .shared = scenario.sites[call.site].kind,
        let pool = scenario.poolIndex(site: call.site, model: call.model)
      else {
        other += money.dollars
        continue
      }
      siteSeconds[call.site] += compute / 1000
      siteDollars[call.site] += money.dollars
      siteReplicas[call.site] = max(siteReplicas[call.site], scenario.pools[pool].replicas)
    }
    let rate = arrivalRate(scenario.load, sessionMilliseconds: budget.totalMilliseconds)
    var total = other
    for site in scenario.sites.indices where siteDollars[site] > 0 {
      let offered = rate * siteSeconds[site] / Double(max(siteReplicas[site], 1))
      total += siteDollars[site] * batchingFactor(offered: offered)
    }
    return total
  }
}
