#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The id of a distribution registered in a `SamplerTable`.
public struct SamplerID: Hashable, Sendable {
  /// The index in the table.
  public let rawValue: Int32

  /// Creates an id from its index.
  @inlinable
  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }
}

/// Distributions laid out for a simulation's hot loop: each registered once, then drawn by id.
///
/// A `Distribution` holds references (an empirical table, a mixture's components), so copying one
/// out of a model's tables retains and releases them, and the compiler copies whenever it cannot
/// prove a read in place safe: measured on the agent-loop benchmark, those copies cost more than
/// the draws. Here the families with scalar parameters are stored as plain numbers, and only
/// empirical distributions and mixtures are kept by reference.
///
/// `sample(_:using:)` gives exactly what `Distribution.sample(using:)` gives, bit for bit and with
/// the same generator outputs consumed (a test checks every family).
public struct SamplerTable: Sendable {
  /// One registered distribution: scalar families inline, the rest as an index into `others`.
  @usableFromInline
  enum Entry: Sendable {
    case constant(Double)
    case uniform(lower: Double, upper: Double)
    case exponential(mean: Double)
    case normal(mean: Double, standardDeviation: Double)
    case lognormal(mu: Double, sigma: Double)
    case gamma(shape: Double, scale: Double)
    case other(Int)
  }

  @usableFromInline var entries: ContiguousArray<Entry> = []
  @usableFromInline var others: ContiguousArray<Distribution> = []

  /// Creates an empty table.
  public init() {}

  /// The number of registered distributions.
  public var count: Int { entries.count }

  /// Registers `distribution` and returns its id.
  ///
  /// - Complexity: O(1) amortized.
  public mutating func add(_ distribution: Distribution) -> SamplerID {
    let entry: Entry
    switch distribution {
    case .constant(let value): entry = .constant(value)
    case .uniform(let lower, let upper): entry = .uniform(lower: lower, upper: upper)
    case .exponential(let mean): entry = .exponential(mean: mean)
    case .normal(let mean, let deviation): entry = .normal(mean: mean, standardDeviation: deviation)
    case .lognormal(let mu, let sigma): entry = .lognormal(mu: mu, sigma: sigma)
    case .gamma(let shape, let scale): entry = .gamma(shape: shape, scale: scale)
    case .empirical, .mixture:
      entry = .other(others.count)
      others.append(distribution)
    }
    entries.append(entry)
    return SamplerID(rawValue: Int32(entries.count - 1))
  }

  /// Whether `id`'s distribution is a constant (its draws use no generator output).
  public func isConstant(_ id: SamplerID) -> Bool {
    if case .constant = entries[Int(id.rawValue)] { return true }
    return false
  }

  /// Draws one value of `id`'s distribution, exactly as `Distribution.sample(using:)` does.
  ///
  /// - Parameters:
  ///   - id: A distribution registered in this table.
  ///   - generator: The stream to draw from; advanced by the outputs used.
  /// - Returns: One draw.
  /// - Complexity: O(1) expected for the scalar families; as `Distribution.sample(using:)` for the
  ///   others.
  @inlinable @inline(__always)
  public func sample(_ id: SamplerID, using generator: inout Xoshiro256StarStar) -> Double {
    // Each arm calls the family's sampler that `Distribution.sample(using:)` calls too; the
    // equivalence is tested family by family.
    switch entries[Int(id.rawValue)] {
    case .constant(let value):
      return value
    case .uniform(let lower, let upper):
      return Distribution.uniformSample(lower: lower, upper: upper, using: &generator)
    case .exponential(let mean):
      return Distribution.exponentialSample(mean: mean, using: &generator)
    case .normal(let mean, let standardDeviation):
      return Distribution.normalSample(
        mean: mean, standardDeviation: standardDeviation, using: &generator)
    case .lognormal(let mu, let sigma):
      return Distribution.lognormalSample(mu: mu, sigma: sigma, using: &generator)
    case .gamma(let shape, let scale):
      return scale * Distribution.standardGammaSample(shape: shape, using: &generator)
    case .other(let index):
      return others[index].sample(using: &generator)
    }
  }
}
