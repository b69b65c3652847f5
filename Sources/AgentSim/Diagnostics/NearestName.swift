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

  /// The names a user probably meant: every member of the name's *family* — candidates whose
  /// dash-separated parts start with the name's parts, a part matching itself or a dotted
  /// refinement of it (`h100` → `h100-sxm`, `h100-pcie`; `llama-3-70b` → `llama-3.1-70b`) — or,
  /// when there is no family, the nearest plausible typo (`suggestion(for:among:)`).
  ///
  /// - Parameters:
  ///   - name: The unknown name.
  ///   - candidates: The known names, in the order suggestions should keep.
  ///   - limit: The most family members to return.
  /// - Returns: Up to `limit` names, or none.
  /// - Complexity: O(*k* · *m* · *n*) for *k* candidates of length *n* and a name of length *m*.
  public static func suggestions(
    for name: String, among candidates: some Sequence<String>, limit: Int = 4
  ) -> [String] {
    let parts = name.lowercased().split(separator: "-")
    let known = Array(candidates)
    let family = known.filter { candidate in
      let candidateParts = candidate.lowercased().split(separator: "-")
      guard !parts.isEmpty, candidateParts.count >= parts.count,
        candidate.lowercased() != name.lowercased()
      else { return false }
      return zip(parts, candidateParts).allSatisfy { part, candidatePart in
        candidatePart == part || candidatePart.hasPrefix(part + ".")
      }
    }
    if !family.isEmpty { return Array(family.prefix(limit)) }
    return suggestion(for: name, among: known).map { [$0] } ?? []
  }

  /// "did you mean 'a'?", "did you mean 'a' or 'b'?", "did you mean 'a', 'b' or 'c'?"; `nil` for
  /// no names.
  public static func didYouMean(_ names: [String]) -> String? {
    guard let last = names.last else { return nil }
    let quoted = names.map { "'\($0)'" }
    guard names.count > 1 else { return "did you mean \(quoted[0])?" }
    return "did you mean " + quoted.dropLast().joined(separator: ", ") + " or '\(last)'?"
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
