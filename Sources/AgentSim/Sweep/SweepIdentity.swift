/// Everything that decides a sweep's results: the workflow (its digest, with `--set` applied),
/// the settings, the parameter grid and the placement space. Shard files carry it in their first
/// line, and `merge` refuses shards whose identities differ.
public struct SweepIdentity: Codable, Hashable, Sendable {
  /// The workflow's `name`.
  public var workflow: String
  /// The workflow file as the user named it.
  public var file: String
  /// A stable digest of the file's bytes and the `--set` overrides.
  public var workflowDigest: String
  /// The agentsim version that ran the sweep.
  public var toolVersion: String
  /// Seed, sessions, objective and limits.
  public var settings: SweepSettings
  /// The `--vary` axes.
  public var grid: ParameterGrid
  /// The placeable steps and their candidates.
  public var steps: [PlaceableStep]
  /// Every site's tier, by site name (for wording: "on the edge", "in the region").
  public var siteTiers: [String: SiteTier]
  /// Points in the sweep: parameter settings × placements.
  public var pointCount: Int
  /// Shared sites with no price in some parameter setting (see `LoadedWorkflow.unpricedSites`):
  /// costs leave their busy time out. In site order.
  public var unpricedSites: [String]

  /// Creates an identity.
  public init(
    workflow: String, file: String, workflowDigest: String, toolVersion: String,
    settings: SweepSettings, grid: ParameterGrid, steps: [PlaceableStep],
    siteTiers: [String: SiteTier], pointCount: Int, unpricedSites: [String] = []
  ) {
    self.workflow = workflow
    self.file = file
    self.workflowDigest = workflowDigest
    self.toolVersion = toolVersion
    self.settings = settings
    self.grid = grid
    self.steps = steps
    self.siteTiers = siteTiers
    self.pointCount = pointCount
    self.unpricedSites = unpricedSites
  }

  enum CodingKeys: String, CodingKey {
    case workflow, file, settings, grid, steps
    case workflowDigest = "workflow_digest"
    case toolVersion = "tool_version"
    case pointCount = "point_count"
    case siteTiers = "site_tiers"
    case unpricedSites = "unpriced_sites"
  }
}
