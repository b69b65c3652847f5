/// What each step kind puts on the wire: the one definition of message sizes that the simulator,
/// `ZeroLoadAnalysis` (`explain`) and `BoundEvaluator` (sweep bounds) all read, so that the three
/// cannot drift apart.
///
/// - `llm`: the request carries the new prompt and pending results (tokens × bytes per token);
///   history cached elsewhere moves as `transfer`; the response carries no bytes (its tokens
///   stream back within the one-way latency).
/// - `tool`: a request of `toolRequestBytes` (the call's arguments); the result's tokens join the
///   conversation and travel with the next model call.
/// - `transfer`: its drawn bytes.
/// - `speculative`: the prompt (and the history the draft lacks) to the draft site; the tokens the
///   target lacks from draft to target; per round `draftTokens` tokens to the target and a reply
///   of `draftReplyBytes` back.
enum StepWire {
  /// A tool call's request: its name and arguments, in bytes.
  static let toolRequestBytes = 1024.0
  /// A speculative round's reply from target to draft (the accepted count and the target's own
  /// token), in bytes.
  static let draftReplyBytes = 64.0
}
