/// How a model call's prompt relates to the session's conversation.
public enum ContextMode: String, CaseIterable, Hashable, Sendable {
  /// The prompt stands alone: nothing is cached, and the conversation does not grow.
  case fresh
  /// The prompt (and then the output) is appended to the session's growing conversation, whose
  /// prefix stays cached at the site that holds it; running at another site moves it there.
  case conversation
}
