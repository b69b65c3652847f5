import Foundation

/// Two runs side by side (`agentsim compare A B`): percentiles, components, steps, sites, cost,
/// energy and verdict, each with the difference B − A, and for the mean, p50, p99 and cost whether
/// the difference is larger than the runs' noise (`RunNoise`).
///
/// The two runs' noise is combined as if they were independent (`√(h_A² + h_B²)`). Runs with the
/// same seed share their random draws (common random numbers), which makes their difference less
/// noisy than that, so "within noise" is a cautious judgement there: rerun with another seed, or
/// more sessions, to settle it.
public struct RunComparison: Codable, Hashable, Sendable {
  /// The format version of the JSON; bumped on any incompatible change.
  public static let formatVersion = 1

  /// The first run (the baseline).
  public var a: ComparedResult
  /// The second run.
  public var b: ComparedResult
  /// Latency percentiles, then cost and energy.
  public var metrics: [MetricDifference]
  /// Mean milliseconds per component, A and B (empty when either side is a sweep).
  public var components: [ComponentDifference]
  /// Each step's site and mean critical-path milliseconds in A and B, A's steps first.
  public var steps: [StepDifference]
  /// Each shared site's utilization in A and B, A's sites first.
  public var sites: [SiteDifference]

  /// Compares two results.
  ///
  /// - Parameters:
  ///   - a: The baseline.
  ///   - b: The run set beside it.
  /// - Complexity: O(steps² + sites²), small.
  public init(a: ComparedResult, b: ComparedResult) {
    self.a = a
    self.b = b
    func combined(_ half: (RunNoise) -> Double) -> Double? {
      guard let left = a.noise, let right = b.noise else { return nil }
      return (half(left) * half(left) + half(right) * half(right)).squareRoot()
    }
    var metrics: [MetricDifference] = []
    for metric in ComparedMetric.allCases {
      let noise: Double?
      switch metric {
      case .mean: noise = combined(\.meanHalfWidthMilliseconds)
      case .p50: noise = combined(\.p50HalfWidthMilliseconds)
      case .p99: noise = combined(\.p99HalfWidthMilliseconds)
      case .cost: noise = combined(\.costHalfWidthDollars)
      case .p90, .p95, .p999, .max, .firstTokenP99, .energy: noise = nil
      }
      let left = Self.value(of: metric, in: a)
      let right = Self.value(of: metric, in: b)
      guard left != nil || right != nil else { continue }
      metrics.append(MetricDifference(metric: metric, a: left, b: right, noise: noise))
    }
    self.metrics = metrics
    components =
      a.components.isEmpty || b.components.isEmpty
      ? []
      : LatencyComponent.allCases.map {
        ComponentDifference(component: $0, a: a.components[$0] ?? 0, b: b.components[$0] ?? 0)
      }
    var stepNames = a.steps.map(\.step)
    stepNames += b.steps.map(\.step).filter { !stepNames.contains($0) }
    steps = stepNames.map { name in
      let left = a.steps.first { $0.step == name }
      let right = b.steps.first { $0.step == name }
      return StepDifference(
        step: name, siteA: left?.site ?? a.placement[name],
        siteB: right?.site ?? b.placement[name], a: left?.totalMeanMilliseconds,
        b: right?.totalMeanMilliseconds)
    }
    var siteNames = a.sites.map(\.site)
    siteNames += b.sites.map(\.site).filter { !siteNames.contains($0) }
    sites = siteNames.map { name in
      SiteDifference(
        site: name, utilizationA: a.sites.first { $0.site == name }?.utilization,
        utilizationB: b.sites.first { $0.site == name }?.utilization)
    }
  }

  static func value(of metric: ComparedMetric, in result: ComparedResult) -> Double? {
    switch metric {
    case .cost: result.costDollars
    case .energy: result.energyJoules
    default: result.latency[metric]
    }
  }

  /// The row of `metric`, if either run has it.
  public func difference(of metric: ComparedMetric) -> MetricDifference? {
    metrics.first { $0.metric == metric }
  }

  /// Whether both results come from the same workflow file (equal digests).
  public var isSameWorkflow: Bool { a.workflowDigest == b.workflowDigest }

  enum CodingKeys: String, CodingKey {
    case a, b, metrics, components, steps, sites
  }
}

/// One component's mean milliseconds per session in both runs.
public struct ComponentDifference: Codable, Hashable, Sendable {
  /// The component.
  public var component: LatencyComponent
  /// Run A's mean, in milliseconds.
  public var a: Double
  /// Run B's mean, in milliseconds.
  public var b: Double

  /// Creates a row.
  public init(component: LatencyComponent, a: Double, b: Double) {
    self.component = component
    self.a = a
    self.b = b
  }
}

/// One step's site and mean critical-path milliseconds per session in both runs.
public struct StepDifference: Codable, Hashable, Sendable {
  /// The step's name.
  public var step: String
  /// Where it ran in A (absent when A has no such step).
  public var siteA: String?
  /// Where it ran in B.
  public var siteB: String?
  /// A's mean milliseconds (absent for a sweep or a missing step).
  public var a: Double?
  /// B's mean milliseconds.
  public var b: Double?

  /// Creates a row.
  public init(step: String, siteA: String?, siteB: String?, a: Double?, b: Double?) {
    self.step = step
    self.siteA = siteA
    self.siteB = siteB
    self.a = a
    self.b = b
  }

  /// Whether the step moved to another site.
  public var hasMoved: Bool { siteA != nil && siteB != nil && siteA != siteB }

  enum CodingKeys: String, CodingKey {
    case step, a, b
    case siteA = "site_a"
    case siteB = "site_b"
  }
}

/// One shared site's utilization in both runs.
public struct SiteDifference: Codable, Hashable, Sendable {
  /// The site's name.
  public var site: String
  /// Its utilization in A, in [0, 1] (absent when A did not use it).
  public var utilizationA: Double?
  /// Its utilization in B.
  public var utilizationB: Double?

  /// Creates a row.
  public init(site: String, utilizationA: Double?, utilizationB: Double?) {
    self.site = site
    self.utilizationA = utilizationA
    self.utilizationB = utilizationB
  }

  enum CodingKeys: String, CodingKey {
    case site
    case utilizationA = "utilization_a"
    case utilizationB = "utilization_b"
  }
}
