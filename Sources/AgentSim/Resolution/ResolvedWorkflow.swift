import SimulationKernel

/// A workflow with every catalog name resolved to a typed value and every default applied: what
/// placements are checked against (``check(placement:)``) and scenarios are built from.
///
/// Made only by ``resolve(_:catalog:file:)``, which reports every problem it finds (an unknown
/// engine, a link without a round trip, a call that can never fit its model's context window)
/// as a diagnostic; holding one therefore means that nothing placement-independent in it can
/// fail on user input. The pipeline is
/// `Workflow ─resolve(catalog)─▶ ResolvedWorkflow ─check(placement)─▶ CheckedPlacement
/// ─ScenarioBuilder.build─▶ Scenario`, and `run`, `validate`, `sweep` and `optimize` all take it.
public struct ResolvedWorkflow: Sendable {
  /// The decoded workflow.
  public let workflow: Workflow
  /// The workflow's file name, for diagnostics.
  public let file: String?
  /// Each model alias's catalog model and precision, in `workflow.models` order.
  public let models: [ResolvedModel]
  /// Each site's resolved backend and defaults, in `workflow.sites` order.
  public let sites: [ResolvedSite]
  /// Each link with its catalog profile merged in, in `workflow.links` order.
  public let links: [ScenarioLink]
  /// The links as a graph of site names: what every link check asks, here and in the decoder.
  let siteLinks: SiteLinks
  /// The site where sessions start and the orchestrator runs: the device site, else the first.
  public let orchestratorSite: Int
  /// How sessions arrive, with the think-time distribution made.
  public let arrival: ScenarioLoad.Arrival
  /// Conversation tokens present when a session starts: the mean of `context.initial_tokens`.
  public let initialContextTokens: Int
  /// Site name → index in ``sites``.
  let siteIndex: [String: Int]
  /// Model alias → index in ``models``.
  let modelIndex: [String: Int]
  /// Every distribution of the workflow, made once when resolving, by specification (identical
  /// specifications share one).
  let distributions: [DistributionSpec: Distribution]

  /// The index of the site called `name`, if the workflow defines one.
  public func siteIndex(named name: String) -> Int? { siteIndex[name] }

  /// The index of the model alias `alias`, if the workflow defines one.
  public func modelIndex(named alias: String) -> Int? { modelIndex[alias] }

  /// The kernel distribution of `spec`, made when the workflow was resolved; the builder takes
  /// its distributions here rather than making them again.
  ///
  /// - Precondition: `spec` is one of this workflow's (resolution made every one, or refused the
  ///   workflow). Internal for that reason: only the builder, which walks this workflow's steps,
  ///   asks.
  func distribution(of spec: DistributionSpec) -> Distribution {
    guard let made = distributions[spec] else {
      preconditionFailure("a distribution that is not the resolved workflow's: \(spec)")
    }
    return made
  }

  /// The kernel distribution of a count: a constant for a fixed count, else its specification's
  /// (`distribution(of:)` of a specification).
  func distribution(of count: CountSpec) -> Distribution {
    switch count {
    case .constant(let value): return .constant(Double(value))
    case .distribution(let spec): return distribution(of: spec)
    }
  }

  /// The smallest context window of the models behind `aliases`, in tokens (the largest `Int32`
  /// for none).
  ///
  /// - Complexity: O(`aliases.count`).
  public func contextWindow(of aliases: [String]) -> Int {
    aliases.compactMap { modelIndex[$0].map { models[$0].architecture.maxContextTokens } }.min()
      ?? Int(Int32.max)
  }
}

/// A model alias resolved against the catalog.
public struct ResolvedModel: Sendable {
  /// The alias steps use (`"small"`).
  public let alias: String
  /// The catalog model.
  public let architecture: ModelArchitecture
  /// The weights' precision.
  public let precision: Precision
}

/// A site resolved against the catalog, with its defaults applied.
public struct ResolvedSite: Sendable {
  /// Tool workers at a shared site when the workflow names none: 0, unlimited, as the format and
  /// its schema document (a limit the user never set would invent queueing).
  public static let defaultToolWorkers = 0

  /// What runs the site's models.
  public enum Backend: Sendable {
    /// Catalog hardware under a serving engine.
    case hardware(ResolvedDeployment)
    /// A black-box hosted API, its distributions made and its prompt cache defaulted.
    case hostedAPI(HostedAPISite)
  }

  /// The site as the workflow defines it.
  public let definition: SiteDefinition
  /// What runs the site's models.
  public let backend: Backend
  /// How many tool calls the site runs at once; 0 for unlimited (the default).
  public let toolWorkers: Int

  /// The site's name.
  public var name: String { definition.name }
  /// The site's tier.
  public var tier: SiteTier { definition.tier }
}

/// A hardware site's deployment: its catalog hardware (with the site's price), its serving
/// engine and the batching limits, each default applied.
public struct ResolvedDeployment: Sendable {
  /// The catalog hardware, its price replaced by the site's `price_per_hour` when given, so
  /// engines price it like any other.
  public let hardware: HardwareProfile
  /// The serving engine: the one the site names, else the catalog's default for the hardware.
  public let engine: EngineProfile
  /// Identical replicas in the pool (1 on a device).
  public let replicas: Int
  /// Accelerators per replica (1 on a device).
  public let acceleratorsPerReplica: Int
  /// The most sequences in one batch: the site's `max_batch`, else the engine's.
  public let maxBatch: Int
  /// The prefill token budget per iteration: the site's `chunk_tokens`, else the engine's.
  public let chunkTokens: Int
  /// The KV-cache format; `nil`: the engine's default for each model's weight precision (it
  /// depends on the model, so it is applied when the model's engine is made).
  public let kvPrecision: KVPrecision?
  /// The compute unit; `nil`: the engine's default where the hardware has it (applied when the
  /// engine is made, with the hardware).
  public let computeBackend: ComputeBackend?
}
