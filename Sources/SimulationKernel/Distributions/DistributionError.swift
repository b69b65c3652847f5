/// An error thrown when a distribution cannot be built from the data given, such as an empty sample
/// or a percentile table whose values decrease.
///
/// Each problem is one sentence that names the offending entry (`percentiles[2].value`), quotes the
/// bad value and says what was expected, so callers can print it as the body of a diagnostic.
public struct DistributionError: Error, CustomStringConvertible, Hashable, Sendable {
  /// Every problem found, in input order, each one sentence, for example
  /// `"percentiles[2].value must not be less than percentiles[1].value (120), found 100"`.
  ///
  /// All problems are collected in one pass, so a user can fix a table at once.
  public var problems: [String]

  /// Creates an error from the problems found.
  ///
  /// - Parameter problems: One sentence per problem, each quoting the bad value; not empty.
  public init(problems: [String]) {
    self.problems = problems
  }

  /// The problems, separated by semicolons.
  public var description: String { problems.joined(separator: "; ") }
}

extension Double {
  /// The value as it should appear in a message: integral values without a trailing `.0`
  /// (`-2`, not `-2.0`), others in Swift's shortest round-tripping form.
  var messageDescription: String {
    if isFinite, rounded() == self, abs(self) < 1e15 {
      return String(Int64(self))
    }
    return description
  }
}
