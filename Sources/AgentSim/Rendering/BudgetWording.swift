/// How every rendering names a budget's targets, so that `run`, `sweep` and `optimize` say the
/// same target the same way: `p50`, `p99`, and `first token p99` (the `ttft_ms` target bounds
/// the 99th percentile of the time to the first visible token).
enum BudgetWording {
  /// The first-token target's label, as `run`'s budget table prints the `ttft_p99` check.
  static let firstToken = "first token p99"

  /// Each target the budget sets, in the order p50, p99, first token: `p99 ≤ 1.5 s, first token
  /// p99 ≤ 450 ms` with `relation` "≤", `p99 1.5 s` without one.
  ///
  /// - Parameters:
  ///   - budget: The targets.
  ///   - relation: The sign between a label and its target (`≤`, or the style's ASCII `<=`), or
  ///     `nil` for none.
  /// - Returns: The targets, comma-separated; empty for a budget without targets.
  static func targets(_ budget: SweepBudget, relation: String? = nil) -> String {
    let labelled: [(label: String, milliseconds: Double?)] = [
      ("p50", budget.p50Milliseconds), ("p99", budget.p99Milliseconds),
      (firstToken, budget.timeToFirstTokenMilliseconds),
    ]
    return labelled.compactMap { label, milliseconds in
      milliseconds.map {
        [label, relation, DisplayFormat.duration(milliseconds: $0, trimsTrailingZeros: true)]
          .compactMap { $0 }.joined(separator: " ")
      }
    }.joined(separator: ", ")
  }
}
