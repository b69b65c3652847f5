/// A workflow definition (format version 1): the models, sites and links of a world, the load,
/// the budget, and the steps of one session.
///
/// Decode one with ``decode(from:file:names:)`` or ``load(contentsOf:file:names:)``; both check
/// everything the file alone can tell (and catalog names, when given) and report every problem
/// at once. Models and sites keep the file's order, so iterating them is deterministic.
public struct Workflow: Hashable, Sendable {
  /// The format version this build reads.
  public static let formatVersion = 1

  /// The format version of the file (always ``formatVersion`` after decoding).
  public var version: Int
  /// The workflow's name (`[a-z0-9-]+`, used in result folder names).
  public var name: String
  /// What the workflow models, for people.
  public var description: String?
  /// Model aliases, in file order.
  public var models: [ModelBinding]
  /// Sites, in file order; at most one is on the `device` tier.
  public var sites: [SiteDefinition]
  /// Links, in file order; at most one per pair of sites.
  public var links: [LinkDefinition]
  /// How sessions arrive.
  public var load: LoadDefinition
  /// Latency targets, if any.
  public var budget: BudgetDefinition?
  /// Conversation tokens present when a session starts (system prompt, task); default 0.
  public var initialContextTokens: CountSpec
  /// The session's steps, run one after another.
  public var steps: [WorkflowStep]

  /// Creates a workflow.
  public init(
    version: Int = Workflow.formatVersion, name: String, description: String? = nil,
    models: [ModelBinding], sites: [SiteDefinition], links: [LinkDefinition],
    load: LoadDefinition, budget: BudgetDefinition? = nil,
    initialContextTokens: CountSpec = .zero, steps: [WorkflowStep]
  ) {
    self.version = version
    self.name = name
    self.description = description
    self.models = models
    self.sites = sites
    self.links = links
    self.load = load
    self.budget = budget
    self.initialContextTokens = initialContextTokens
    self.steps = steps
  }

  /// The binding of a model alias.
  public func model(named alias: String) -> ModelBinding? {
    models.first { $0.alias == alias }
  }

  /// The site with this name.
  public func site(named name: String) -> SiteDefinition? {
    sites.first { $0.name == name }
  }

  /// The link between two sites (in either order).
  public func link(between site: String, and other: String) -> LinkDefinition? {
    links.first { $0.connects(site, other) }
  }

  /// The device-tier site (the user's own device, where sessions start), if any.
  public var deviceSite: SiteDefinition? {
    sites.first { $0.tier == .device }
  }

  /// Every step at every depth, depth first in file order.
  ///
  /// - Complexity: O(*n*) in the number of steps.
  public var allSteps: [WorkflowStep] {
    steps.flatMap(\.allSteps)
  }

  /// The step with this name, at any depth.
  ///
  /// - Complexity: O(*n*) in the number of steps.
  public func step(named name: String) -> WorkflowStep? {
    allSteps.first { $0.name == name }
  }
}
