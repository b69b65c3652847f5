/// Why a site cannot run a step, as a typed fact: one predicate
/// (``SiteDefinition/refusals(model:isTool:pin:)``) for the decoder, which checks every candidate site
/// in the file, and the placement check, which checks the site each placement chooses
/// (`--placement`, `--candidates`, sweep points, optimize candidates). Each words it for its own
/// context.
public enum SiteRefusal: Hashable, Sendable {
  /// The site's `serves` lacks the step's model alias.
  case doesNotServe(model: String)
  /// A tool step at a hosted API, which runs no tools.
  case hostedAPIRunsNoTools
  /// The step is pinned to `pin`, and the site is on another tier.
  case pinnedElsewhere(pin: SiteTier)
}

extension SiteDefinition {
  /// Every reason this site cannot run a step, in a fixed order (model, tools, pin); empty when
  /// it can.
  ///
  /// - Parameters:
  ///   - model: The step's model alias; `nil` for a tool step, or a call whose model is not
  ///     known (the decoder reported it).
  ///   - isTool: Whether the step is a tool call.
  ///   - pin: The tier the step is pinned to, if any.
  /// - Returns: The refusals.
  public func refusals(model: String?, isTool: Bool, pin: SiteTier?) -> [SiteRefusal] {
    var refusals: [SiteRefusal] = []
    if let model, !serves(model: model) { refusals.append(.doesNotServe(model: model)) }
    if isTool && isHostedAPI { refusals.append(.hostedAPIRunsNoTools) }
    if let pin, tier != pin { refusals.append(.pinnedElsewhere(pin: pin)) }
    return refusals
  }
}
