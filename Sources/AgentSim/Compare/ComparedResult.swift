import Foundation

/// One side of `agentsim compare`: what a results folder, a `summary.json` or a sweep's results
/// say about one run, reduced to what can be set beside another run.
///
/// A run's report gives everything; a sweep gives its recommended point (or its best-ranked one
/// when nothing is recommended), which carries percentiles, cost, energy and noise but no split by
/// component, step or site.
public struct ComparedResult: Codable, Hashable, Sendable {
  /// Where a compared result came from.
  public enum Kind: String, Codable, Hashable, Sendable {
    /// `agentsim run`'s report.
    case run
    /// A sweep's recommended (or best-ranked) point.
    case sweep
  }

  /// What the user named (the folder or file), as typed.
  public var label: String
  /// Whether it is a run or a sweep's point.
  public var kind: Kind
  /// The workflow's name.
  public var workflow: String
  /// The workflow's digest.
  public var workflowDigest: String
  /// The seed.
  public var seed: UInt64
  /// Measured sessions.
  public var sessions: Int
  /// Step name → site name.
  public var placement: [String: String]
  /// The `--vary` setting of a sweep's point, as `key=value` (empty for a run).
  public var parameters: [String]
  /// End-to-end latency percentiles (a sweep's point has mean, p50 and p99 only).
  public var latency: [ComparedMetric: Double]
  /// Mean milliseconds per component (empty for a sweep).
  public var components: [LatencyComponent: Double]
  /// Each step's site and mean critical-path milliseconds, in workflow order (empty for a sweep).
  public var steps: [StepShare]
  /// Each shared site's load (empty for a sweep).
  public var sites: [SiteLoad]
  /// Money per session, in US dollars.
  public var costDollars: Double
  /// Device energy per session, in joules.
  public var energyJoules: Double
  /// Whether every budget target held.
  public var meetsBudget: Bool
  /// The run-to-run noise, when the file carries it.
  public var noise: RunNoise?

  /// The comparable parts of a run's report.
  ///
  /// - Parameters:
  ///   - report: The report.
  ///   - label: What the user named.
  public init(report: LatencyReport, label: String) {
    self.label = label
    kind = .run
    workflow = report.run.workflow
    workflowDigest = report.run.workflowDigest
    seed = report.run.seed
    sessions = report.run.sessions
    placement = report.run.placement
    parameters = []
    let summary = report.latency
    latency = [
      .mean: summary.meanMilliseconds, .p50: summary.p50Milliseconds,
      .p90: summary.p90Milliseconds, .p95: summary.p95Milliseconds,
      .p99: summary.p99Milliseconds, .p999: summary.p999Milliseconds,
      .max: summary.maxMilliseconds,
    ]
    if let firstToken = report.timeToFirstToken {
      latency[.firstTokenP99] = firstToken.p99Milliseconds
    }
    components = Dictionary(
      uniqueKeysWithValues: report.components.map { ($0.component, $0.meanMilliseconds) })
    steps = report.steps
    sites = report.sites
    costDollars = report.costDollarsPerSession
    energyJoules = report.deviceEnergyJoulesPerSession
    meetsBudget = report.verdict.isMet
    noise = report.noise
  }

  /// The comparable parts of a sweep: its recommended point, else its best-ranked one.
  ///
  /// - Parameters:
  ///   - report: The sweep's report.
  ///   - label: What the user named.
  /// - Returns: `nil` when no point was simulated.
  public init?(sweep report: SweepReport, label: String) {
    let chosen = report.recommended ?? report.ranking.first
    guard let chosen, let point = report.points.first(where: { $0.index == chosen }),
      let metrics = point.metrics
    else { return nil }
    self.label = label
    kind = .sweep
    workflow = report.sweep.workflow
    workflowDigest = report.sweep.workflowDigest
    seed = point.seed
    sessions = metrics.sessions
    placement = point.placement
    parameters = point.parameters
    latency = [
      .mean: metrics.meanMilliseconds, .p50: metrics.p50Milliseconds,
      .p99: metrics.p99Milliseconds,
    ]
    if let firstToken = metrics.timeToFirstTokenP99Milliseconds {
      latency[.firstTokenP99] = firstToken
    }
    components = [:]
    steps = []
    sites = []
    costDollars = metrics.costDollars
    energyJoules = metrics.energyJoules
    meetsBudget = metrics.meetsBudget
    noise = metrics.noise
  }

  enum CodingKeys: String, CodingKey {
    case label, kind, workflow, seed, sessions, placement, parameters, latency, components, steps
    case sites, noise
    case workflowDigest = "workflow_digest"
    case costDollars = "cost_dollars"
    case energyJoules = "energy_joules"
    case meetsBudget = "meets_budget"
  }
}
