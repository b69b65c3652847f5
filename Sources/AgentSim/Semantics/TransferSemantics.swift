import SimulationKernel

/// An explicit transfer, defined once: its drawn bytes from one site to another, counted as
/// transfer time; it leaves the conversation as it is.
enum TransferSemantics: StepSemantics {
  /// Drawn bytes as they go on the wire (never negative).
  @inline(__always)
  static func bytes(_ drawn: Double) -> Double { max(0, drawn) }

  static func forEachLeg(of node: TransferNode, orchestrator: Int, _ body: (Int, Int) -> Void) {
    body(node.from, node.to)
  }

  static func zeroLoad(
    _ transfer: TransferNode, in analyzer: inout Analyzer, state: inout Analyzer.State
  ) -> Analyzer.Result {
    var result = Analyzer.Result()
    result.steps[transfer.step] = (1, [:])
    if let route = analyzer.routes.route(from: transfer.from, to: transfer.to) {
      let delay = analyzer.messageMilliseconds(
        route: route, bytes: bytes(transfer.bytes.mean), state: &state)
      result.addLeaf(step: transfer.step, .transfer, delay)
    }
    return result
  }

  static func lowerBound(
    _ transfer: TransferNode, in evaluator: inout BoundEvaluator, open: inout Set<Int>
  ) -> BoundEvaluator.Bound {
    let entryOpen = open
    var bound = BoundEvaluator.Bound(
      latency: evaluator.message(
        from: transfer.from, to: transfer.to, bytes: bytes(transfer.bytes.lowerBound),
        open: &open))
    // The parts: the drawn bytes and each hop's latency.
    let drawn = evaluator.quantiles(transfer.bytes)
    for level in 0..<2 {
      var levelOpen = entryOpen
      let lifted = evaluator.message(
        from: transfer.from, to: transfer.to, bytes: bytes(drawn[level]), open: &levelOpen)
      bound.excess[level] = max(0, lifted - bound.latency)
    }
    bound.excess = pointwiseMax(
      bound.excess, evaluator.messageExcess(from: transfer.from, to: transfer.to))
    return bound
  }
}
