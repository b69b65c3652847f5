/// A placement of a resolved workflow's steps that has passed ``ResolvedWorkflow/check(placement:)``:
/// every placeable step has a site that serves its model, matches its pin and is linked to the
/// orchestrator; every model each site runs under this placement fits there, alone and together.
///
/// Only `check(placement:)` makes one, so ``ScenarioBuilder/build(_:digest:)`` can rely on it and
/// cannot fail.
public struct CheckedPlacement: Sendable {
  /// The workflow the placement belongs to.
  public let resolved: ResolvedWorkflow
  /// Step name → site name, as requested (empty for every step at its first candidate).
  public let placement: [String: String]
  /// Placeable step name (cascade stages as `name.first`, `name.then`) → the site index it runs
  /// at.
  let stepSites: [String: Int]
  /// The scenario's sites: device engines and shared tool pools, in workflow order.
  let sites: [ScenarioSite]
  /// One inference pool per model each shared site runs under this placement.
  let pools: [InferencePool]

  /// The index of the site a placeable step runs at under this placement.
  public func site(ofStep name: String) -> Int? { stepSites[name] }
}
