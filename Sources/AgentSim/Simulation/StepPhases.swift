/// Where a frame is in its step: each leaf kind's states, named by what the frame waits for, and
/// the one marker composite frames use. Stored in `Frame.phaseCode` as the raw value (an `Int32`,
/// the layout the frame always had); the typed accessors below are the only readers and writers.
///
/// Every leaf starts in `start` (raw value 0): `ObservedSessionSimulator.advance` dispatches to
/// the kind's `advance…` function, which switches over its phase and sets the next one before it
/// sends, computes or waits, so each kind's transitions are written in its one function.
enum LLMPhase: Int32 {
  /// Not started: draw the tokens, pick the site and send the request.
  case start
  /// The request is on its way to the site; then compute.
  case sendingRequest
  /// The site computes (queueing, prefill, decode); then send the response.
  case computing
  /// The response is on its way back; then the step is done.
  case responding
}

/// The states of a tool call (see `LLMPhase`).
enum ToolPhase: Int32 {
  /// Not started: draw the duration and result, pick the site and send the request.
  case start
  /// The request is on its way to the site; then take (or queue for) a worker.
  case sendingRequest
  /// The tool holds a worker, or waits for one; then free it and send the result back.
  case running
  /// The result is on its way back; then the step is done.
  case responding
}

/// The states of a transfer (see `LLMPhase`).
enum TransferPhase: Int32 {
  /// Not started: draw the size and send it.
  case start
  /// The bytes are on their way; then the step is done.
  case sending
}

/// The states of a speculative-decoding step (see `LLMPhase`): the prompt goes to the draft site
/// and on to the target, whose first pass yields the first token; then rounds of k drafted tokens
/// verified by the target, until the output is complete; then the response.
enum SpeculativePhase: Int32 {
  /// Not started: draw the tokens and send the prompt to the draft site.
  case start
  /// The prompt is on its way to the draft site; then the draft prefills.
  case sendingPrompt
  /// The draft model prefills; then send the prompt on to the target.
  case draftPrefill
  /// The prompt is on its way to the target; then the target prefills (its first token).
  case sendingToTarget
  /// The target prefills; then carry its first token back to the draft site.
  case targetPrefill
  /// A target result is on its way back to the draft site; then draft the next round.
  case returningForRound
  /// The draft model produces k tokens; then send them to the target.
  case drafting
  /// The drafted tokens are on their way to the target; then verify them.
  case sendingDrafts
  /// The target verifies the round; then accept a run of drafts and go back to the draft site.
  case verifying
  /// The last target result is on its way back to the draft site; then respond.
  case returningDone
  /// The response is on its way back; then the step is done.
  case responding
}

extension Frame {
  /// The raw code of a composite frame whose completion is pending (`completeLater`): it
  /// completes when its zero-delay resume comes. No leaf phase has a negative raw value.
  static let completionPendingCode: Int32 = -1

  /// Puts a leaf at its kind's `start` (raw value 0 in every leaf phase enum), or clears a
  /// composite's pending completion.
  @inline(__always)
  mutating func startPhase() { phaseCode = 0 }

  /// Marks this composite frame to complete at its next resume (`completeLater`).
  @inline(__always)
  mutating func markCompletionPending() { phaseCode = Self.completionPendingCode }

  /// Whether this composite frame completes at its next resume (`completeLater`).
  var isCompletionPending: Bool {
    @inline(__always) get { phaseCode == Self.completionPendingCode }
  }

  /// The phase of the LLM call this frame runs. Read through `unsafelyUnwrapped`: only the
  /// setters below write `phaseCode`, so the raw value is always a case (a debug build checks).
  var llmPhase: LLMPhase {
    @inline(__always) get { LLMPhase(rawValue: phaseCode).unsafelyUnwrapped }
    @inline(__always) set { phaseCode = newValue.rawValue }
  }

  /// The phase of the tool call this frame runs (or runs in place).
  var toolPhase: ToolPhase {
    @inline(__always) get { ToolPhase(rawValue: phaseCode).unsafelyUnwrapped }
    @inline(__always) set { phaseCode = newValue.rawValue }
  }

  /// The phase of the transfer this frame runs (or runs in place).
  var transferPhase: TransferPhase {
    @inline(__always) get { TransferPhase(rawValue: phaseCode).unsafelyUnwrapped }
    @inline(__always) set { phaseCode = newValue.rawValue }
  }

  /// The phase of the speculative step this frame runs.
  var speculativePhase: SpeculativePhase {
    @inline(__always) get { SpeculativePhase(rawValue: phaseCode).unsafelyUnwrapped }
    @inline(__always) set { phaseCode = newValue.rawValue }
  }
}
