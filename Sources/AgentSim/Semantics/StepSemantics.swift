/// What every step kind defines once: the site pairs its messages travel between (its route),
/// its expected time when nothing waits (what `explain` prints) and the lower bound of its time
/// (what sweep and optimize prune with). Its wire sizes and conversation effects are static
/// functions of the conforming type, which the simulator's state machine calls in place.
///
/// The interpreters call the conforming types by name (`LLMSemantics.zeroLoad(…)`), never through
/// the protocol as a type: dispatch is static, and the simulator's hot path sees plain inlinable
/// functions. The protocol only makes a new kind state every piece.
protocol StepSemantics {
  /// The program node this kind interprets.
  associatedtype Node

  /// Calls `body(origin, destination)` for every pair of sites a message of `node` may travel
  /// between, including the sites it falls back to during an outage.
  ///
  /// - Parameter orchestrator: The site that orchestrates the session.
  static func forEachLeg(of node: Node, orchestrator: Int, _ body: (Int, Int) -> Void)

  /// The node's expected time per component when it never waits for a shared server, at mean
  /// token counts, continuing the conversation in `state`.
  ///
  /// - Complexity: O(log *t*) cost-model evaluations for *t* output tokens (speculative steps:
  ///   per expected round).
  static func zeroLoad(_ node: Node, in analyzer: inout Analyzer, state: inout Analyzer.State)
    -> Analyzer.Result

  /// A bound below every run of the node: its latency, device seconds and dollars with every
  /// random quantity at the low end of its support and nothing waiting. `open` holds the links an
  /// earlier or concurrent step may have opened; the node's own are added.
  ///
  /// - Complexity: O(log *t*) cost-model evaluations for *t* output tokens.
  static func lowerBound(
    _ node: Node, in evaluator: inout BoundEvaluator, open: inout Set<Int>
  ) -> BoundEvaluator.Bound
}
