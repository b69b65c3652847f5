/// Where a ``ZeroLoadBudget`` is approximate: each caveat the analysis found in the workflow,
/// worded by `Rendering/` (`explain` prints them as notes).
public enum ZeroLoadNote: String, CaseIterable, Hashable, Sendable {
  /// Links can fail, but every link is assumed up.
  case linkOutagesIgnored = "link_outages_ignored"
  /// A parallel section is timed by the mean of its join-th child.
  case parallelJoinByMean = "parallel_join_by_mean"
  /// A branch that moves the conversation between sites leaves an averaged cache state.
  case branchMovesConversation = "branch_moves_conversation"
  /// A loop that repeats by probability is averaged over its iterations.
  case probabilisticLoopAveraged = "probabilistic_loop_averaged"
  /// A loop with a drawn count is averaged over its iterations.
  case drawnLoopAveraged = "drawn_loop_averaged"
  /// Random token counts enter at their means.
  case randomTokensAtMeans = "random_tokens_at_means"
  /// A prefix cache's time to live is not applied.
  case prefixCacheTimeToLiveIgnored = "prefix_cache_ttl_ignored"
  /// Speculative steps use the expected tokens per round.
  case speculativeExpectedRounds = "speculative_expected_rounds"
}
