/// A model call: prompt tokens in, output tokens generated, at one of its candidate sites.
public struct LLMStep: Hashable, Sendable {
  /// The model alias (a key of the workflow's `models`).
  public var model: String
  /// Where it may run.
  public var placement: SitePlacement
  /// New prompt tokens of this call (beyond the cached conversation prefix).
  public var promptTokens: CountSpec
  /// Tokens generated (a constant is at least 1; draws below 1 count as 1).
  public var outputTokens: CountSpec
  /// Whether the call continues the conversation (default) or stands alone.
  public var context: ContextMode
  /// Whether the user sees this call's tokens as they stream (counts for time to first visible
  /// token); default `false`.
  public var isVisible: Bool
  /// What to do when the link to the site is down; default `.wait`.
  public var onOutage: OutagePolicy

  /// Creates a model call.
  public init(
    model: String, placement: SitePlacement, promptTokens: CountSpec, outputTokens: CountSpec,
    context: ContextMode = .conversation, isVisible: Bool = false, onOutage: OutagePolicy = .wait
  ) {
    self.model = model
    self.placement = placement
    self.promptTokens = promptTokens
    self.outputTokens = outputTokens
    self.context = context
    self.isVisible = isVisible
    self.onOutage = onOutage
  }
}
