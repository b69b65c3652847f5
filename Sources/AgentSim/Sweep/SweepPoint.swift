/// One point of a sweep: a parameter setting and a placement, numbered parameter-major
/// (`index = parameterIndex × placements + placementIndex`).
public struct SweepPoint: Hashable, Sendable {
  /// The point's number, from 0.
  public var index: Int
  /// Which parameter setting (`ParameterGrid`).
  public var parameterIndex: Int
  /// Which placement (`PlacementSpace`).
  public var placementIndex: Int
  /// The setting as `key=value` overrides, in axis order.
  public var parameters: [String]
  /// Step name → site name for every placeable step.
  public var placement: [String: String]
  /// The seed the point is simulated with (shared by every placement of its parameter setting).
  public var seed: UInt64

  /// Creates a point.
  public init(
    index: Int, parameterIndex: Int, placementIndex: Int, parameters: [String],
    placement: [String: String], seed: UInt64
  ) {
    self.index = index
    self.parameterIndex = parameterIndex
    self.placementIndex = placementIndex
    self.parameters = parameters
    self.placement = placement
    self.seed = seed
  }
}
