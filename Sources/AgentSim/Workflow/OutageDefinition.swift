/// A link's availability: it alternates between up and down, with exponentially distributed
/// times between failures and times to repair.
public struct OutageDefinition: Hashable, Sendable {
  /// Mean time between failures, seconds.
  public var meanTimeBetweenFailuresSeconds: Double
  /// Mean time to repair, seconds.
  public var meanTimeToRepairSeconds: Double

  /// Creates an availability process.
  public init(meanTimeBetweenFailuresSeconds: Double, meanTimeToRepairSeconds: Double) {
    self.meanTimeBetweenFailuresSeconds = meanTimeBetweenFailuresSeconds
    self.meanTimeToRepairSeconds = meanTimeToRepairSeconds
  }
}
