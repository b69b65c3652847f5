/// A hosted model API modelled as a black box: its latency distributions and per-token prices.
public struct HostedAPIDefinition: Hashable, Sendable {
  /// Time to first token, in milliseconds, measured at the API (network to it is separate).
  public var timeToFirstToken: DistributionSpec
  /// Time per further output token, in milliseconds.
  public var timePerToken: DistributionSpec
  /// USD per million input tokens (0 when the file omits it).
  public var inputPricePerMillion: Double
  /// USD per million output tokens (0 when the file omits it).
  public var outputPricePerMillion: Double

  /// Creates a hosted API.
  public init(
    timeToFirstToken: DistributionSpec, timePerToken: DistributionSpec,
    inputPricePerMillion: Double = 0, outputPricePerMillion: Double = 0
  ) {
    self.timeToFirstToken = timeToFirstToken
    self.timePerToken = timePerToken
    self.inputPricePerMillion = inputPricePerMillion
    self.outputPricePerMillion = outputPricePerMillion
  }
}
