/// A model call with speculative decoding: a draft model proposes `draftTokens` tokens, the
/// target model verifies them in one step and accepts each with probability `acceptanceRate`.
///
/// With draft and target at different sites every verification round crosses their link.
public struct SpeculativeStep: Hashable, Sendable {
  /// The draft model's alias.
  public var draftModel: String
  /// The site that runs the draft model.
  public var draftSite: String
  /// The target model's alias.
  public var targetModel: String
  /// The site that runs the target model.
  public var targetSite: String
  /// Tokens drafted per verification round, *k* (1...64).
  public var draftTokens: Int
  /// The probability α that each drafted token is accepted, in [0, 1].
  public var acceptanceRate: Double
  /// New prompt tokens.
  public var promptTokens: CountSpec
  /// Tokens generated.
  public var outputTokens: CountSpec
  /// Whether the call continues the conversation (default) or stands alone.
  public var context: ContextMode
  /// Whether the user sees the tokens as they stream; default `false`.
  public var isVisible: Bool

  /// Creates a speculative model call.
  public init(
    draftModel: String, draftSite: String, targetModel: String, targetSite: String,
    draftTokens: Int, acceptanceRate: Double, promptTokens: CountSpec, outputTokens: CountSpec,
    context: ContextMode = .conversation, isVisible: Bool = false
  ) {
    self.draftModel = draftModel
    self.draftSite = draftSite
    self.targetModel = targetModel
    self.targetSite = targetSite
    self.draftTokens = draftTokens
    self.acceptanceRate = acceptanceRate
    self.promptTokens = promptTokens
    self.outputTokens = outputTokens
    self.context = context
    self.isVisible = isVisible
  }
}
