/// The numbers a JSON field accepts; its ``phrase`` is what messages say was expected.
public enum NumberConstraint: Hashable, Sendable {
  /// Any finite number.
  case any
  /// A finite number greater than zero.
  case positive
  /// A finite number greater than or equal to zero.
  case nonNegative
  /// A probability: a number in [0, 1].
  case probability
  /// A finite number in a closed range.
  case range(ClosedRange<Double>)
  /// Zero, or a finite number in a closed range of positive numbers: a duration that may be
  /// absent (0) but is otherwise at least a microsecond, so its reciprocal and logarithm stay
  /// finite.
  case zeroOrRange(ClosedRange<Double>)

  /// Whether `value` is acceptable.
  public func accepts(_ value: Double) -> Bool {
    guard value.isFinite else { return false }
    switch self {
    case .any: return true
    case .positive: return value > 0
    case .nonNegative: return value >= 0
    case .probability: return (0...1).contains(value)
    case .range(let range): return range.contains(value)
    case .zeroOrRange(let range): return value == 0 || range.contains(value)
    }
  }

  /// What was expected, as a noun phrase ("a positive number").
  public var phrase: String {
    switch self {
    case .any: return "a number"
    case .positive: return "a positive number"
    case .nonNegative: return "a non-negative number"
    case .probability: return "a probability in [0, 1]"
    case .range(let range):
      return "a number in [\(JSONText.format(range.lowerBound)), "
        + "\(JSONText.format(range.upperBound))]"
    case .zeroOrRange(let range):
      return "0 or a number in [\(JSONText.format(range.lowerBound)), "
        + "\(JSONText.format(range.upperBound))]"
    }
  }
}

/// The integers a JSON field accepts; its ``phrase`` is what messages say was expected.
public enum IntegerConstraint: Hashable, Sendable {
  /// An integer greater than zero.
  case positive
  /// An integer greater than or equal to zero.
  case nonNegative
  /// An integer in a closed range.
  case range(ClosedRange<Int>)

  /// Whether `value` is acceptable.
  public func accepts(_ value: Int) -> Bool {
    switch self {
    case .positive: return value > 0
    case .nonNegative: return value >= 0
    case .range(let range): return range.contains(value)
    }
  }

  /// What was expected, as a noun phrase ("a positive integer").
  public var phrase: String {
    switch self {
    case .positive: return "a positive integer"
    case .nonNegative: return "a non-negative integer"
    case .range(let range):
      return "an integer in \(range.lowerBound)...\(range.upperBound)"
    }
  }
}
