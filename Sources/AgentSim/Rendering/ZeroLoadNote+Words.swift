extension ZeroLoadNote {
  /// The note as `explain` prints it.
  public var words: String {
    switch self {
    case .linkOutagesIgnored:
      return "link outages are not included: every link is assumed up (run the simulation to see "
        + "waits and fallbacks)"
    case .parallelJoinByMean:
      return "parallel sections are timed by the mean of their join-th child, a lower bound on "
        + "the mean of the order statistic"
    case .branchMovesConversation:
      return "a branch that moves the conversation makes its cache state approximate"
    case .probabilisticLoopAveraged:
      return "loops that repeat by probability are averaged over their iterations; context "
        + "growth in later iterations is counted as if every iteration ran"
    case .drawnLoopAveraged:
      return "loops with a drawn count are averaged over their iterations; context growth in "
        + "later iterations is counted as if every iteration ran"
    case .randomTokensAtMeans:
      return "random token counts enter at their exact means; the mean step time can differ "
        + "either way from the time at the mean (chunked prefill is a sawtooth in tokens)"
    case .prefixCacheTimeToLiveIgnored:
      return "prefix caches are assumed to keep a conversation through its tool gaps (ttl_s is "
        + "not applied at zero load); run the simulation to see prefixes expire"
    case .speculativeExpectedRounds:
      return "speculative steps use the expected tokens per round, (1 − α^(k+1)) / (1 − α)"
    }
  }

  /// Notes as `explain` lists them: in the alphabetical order of their words.
  static func sortedWords(_ notes: [ZeroLoadNote]) -> [String] {
    notes.map(\.words).sorted()
  }
}
