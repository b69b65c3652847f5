extension StepShare {
  /// Tail time, in milliseconds, below which a step's tail is too small to have a largest part
  /// worth naming: under what the step table shows as `0.0` or `<0.1`.
  static let negligibleTailMilliseconds = 0.05

  /// The component that takes most of this step's tail time, with its fraction of that time;
  /// `nil` when the step's tail time is zero or negligible (under
  /// ``negligibleTailMilliseconds``), so that "most of tail" never names a component of tail
  /// time the step does not have.
  ///
  /// Ties go to the component listed first in `LatencyComponent.allCases`, never to dictionary
  /// order, so the rendering is deterministic.
  var dominantTailComponent: (component: LatencyComponent, fraction: Double)? {
    let total = totalTailMilliseconds
    guard total >= Self.negligibleTailMilliseconds else { return nil }
    var best: (component: LatencyComponent, milliseconds: Double)?
    for component in LatencyComponent.allCases {
      let value = tailMilliseconds[component] ?? 0
      if value > (best?.milliseconds ?? 0) { best = (component, value) }
    }
    return best.map { ($0.component, $0.milliseconds / total) }
  }

  /// `decode 94%`: the component that takes most of the step's tail and its share, or `nil`
  /// (see ``dominantTailComponent``).
  var dominantTailText: String? {
    dominantTailComponent.map {
      "\($0.component.rawValue) \(DisplayFormat.fixed($0.fraction * 100, fractionDigits: 0))%"
    }
  }

  /// Whether the step took no time at all in the measured sessions (a branch never taken).
  var isEmpty: Bool {
    totalMeanMilliseconds == 0 && totalTailMilliseconds == 0
  }
}
