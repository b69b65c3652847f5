extension StepShare {
  /// The component that takes most of this step's tail time (most of its mean time when it has
  /// no tail time), with its fraction of that time; `nil` when the step took no time.
  ///
  /// Ties go to the component listed first in `LatencyComponent.allCases`, never to dictionary
  /// order, so the rendering is deterministic.
  var dominantComponent: (component: LatencyComponent, fraction: Double)? {
    let source = totalTailMilliseconds > 0 ? tailMilliseconds : meanMilliseconds
    let total = source.values.reduce(0, +)
    guard total > 0 else { return nil }
    var best: (component: LatencyComponent, milliseconds: Double)?
    for component in LatencyComponent.allCases {
      let value = source[component] ?? 0
      if value > (best?.milliseconds ?? 0) { best = (component, value) }
    }
    return best.map { ($0.component, $0.milliseconds / total) }
  }

  /// Whether the step took no time at all in the measured sessions (a branch never taken).
  var isEmpty: Bool {
    totalMeanMilliseconds == 0 && totalTailMilliseconds == 0
  }
}
