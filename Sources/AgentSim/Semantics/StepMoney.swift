/// Money and device energy of one step's zero-load compute, per step kind: one definition for
/// `optimize`'s whole-program oracle (`PlacementEstimate.of`), its dynamic programming
/// (`PlacementChain`) and its load-aware cost (`LoadAwareCost`).
enum StepMoney {
  /// Dollars and joules of `step`, given its expected executions and expected compute
  /// milliseconds per session (prefill plus decode, as ``ZeroLoadAnalysis`` gives them).
  ///
  /// Model calls are priced by ``LLMSemantics/zeroLoadMoney(_:executions:computeMilliseconds:scenario:)``;
  /// tools, transfers and speculative steps count nothing here (the estimate orders placements
  /// by their model calls; simulation bills the rest).
  static func of(
    step: Int, executions: Double, computeMilliseconds: Double, leaves: StepLeaves,
    scenario: Scenario
  ) -> (dollars: Double, joules: Double) {
    guard step < leaves.nodes.count, let node = leaves.nodes[step] else { return (0, 0) }
    switch scenario.program.nodes[node] {
    case .llm(let call):
      return LLMSemantics.zeroLoadMoney(
        call, executions: executions, computeMilliseconds: computeMilliseconds,
        scenario: scenario)
    case .tool, .transfer, .speculative, .sequence, .parallel, .branch, .loop:
      return (0, 0)
    }
  }
}

extension LLMSemantics {
  /// Dollars and device joules of a call's zero-load compute per session: on a device, the
  /// orchestrating device's active power over the compute; at a shared site, the compute at the
  /// pool's price per replica-hour (the call alone on its replica); at a hosted API, the token
  /// prices at the mean token counts, per execution.
  ///
  /// - Parameters:
  ///   - call: The call.
  ///   - executions: Expected executions per session.
  ///   - computeMilliseconds: Expected prefill plus decode milliseconds per session.
  ///   - scenario: The scenario the call belongs to.
  static func zeroLoadMoney(
    _ call: LLMNode, executions: Double, computeMilliseconds: Double, scenario: Scenario
  ) -> (dollars: Double, joules: Double) {
    switch scenario.sites[call.site].kind {
    case .device:
      // The simulator charges the orchestrating device's power for the session's device compute
      // (none when the orchestrator is not a device).
      guard case .device(let orchestrator) = scenario.sites[scenario.orchestratorSite].kind else {
        return (0, 0)
      }
      return (0, computeMilliseconds / 1000 * orchestrator.activePowerWatts)
    case .shared:
      guard let pool = scenario.poolIndex(site: call.site, model: call.model) else { return (0, 0) }
      let price = scenario.pools[pool].pricePerReplicaHour ?? 0
      return (computeMilliseconds / 1000 / 3600 * price, 0)
    case .hostedAPI(let api):
      let prompt = max(0, call.promptTokens.mean.rounded())
      let output = max(1, call.outputTokens.mean.rounded())
      let dollars =
        (prompt * api.inputPricePerMillion + output * api.outputPricePerMillion) / 1e6
      return (executions * dollars, 0)
    }
  }
}
