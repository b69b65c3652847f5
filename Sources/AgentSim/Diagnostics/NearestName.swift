/// Finds the closest known name to a misspelled one, for "did you mean" suggestions.
public enum NearestName {
  /// The candidate nearest to `name` by case-insensitive Levenshtein distance, if it is close enough
  /// to be a plausible typo (distance at most a third of the longer name, and at most 3).
  ///
  /// Ties go to the earliest candidate, so suggestions are deterministic.
  ///
  /// - Complexity: O(*k* · *m* · *n*) for *k* candidates of length *n* and a name of length *m*.
  public static func suggestion(for name: String, among candidates: some Sequence<String>)
    -> String?
  {
    let lowered = Array(name.lowercased())
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, Array(candidate.lowercased()))
      if best == nil || distance < best?.distance ?? Int.max {
        best = (candidate, distance)
      }
    }
    guard let best else { return nil }
    let limit = min(3, max(1, max(lowered.count, best.candidate.count) / 3))
    return best.distance <= limit ? best.candidate : nil
  }

  /// The Levenshtein distance between two character arrays.
  ///
  /// - Complexity: O(*m* · *n*) time, O(*n*) space.
  public static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
    if lhs.isEmpty { return rhs.count }
    if rhs.isEmpty { return lhs.count }
    var previous = Array(0...rhs.count)
    var current = [Int](repeating: 0, count: rhs.count + 1)
    for (i, left) in lhs.enumerated() {
      current[0] = i + 1
      for (j, right) in rhs.enumerated() {
        let substitution = previous[j] + (left == right ? 0 : 1)
        current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
      }
      swap(&previous, &current)
    }
    return previous[rhs.count]
  }
}
