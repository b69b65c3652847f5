import SimulationKernel

/// What the zero-load analysis and the lower bounds say about one placement, per session: the
/// figures the optimizer searches over before it simulates anything.
///
/// - `zeroLoad…`: the expected figures when no request ever waits (``ZeroLoadAnalysis``, what
///   `agentsim explain` prints): the mean critical path, and the money and device energy of every
///   model call run alone (a shared replica busy for the call's prefill and decode, at its price
///   per replica-hour; a hosted API's token prices at the mean token counts; the device's active
///   power over its compute). Under load, batching shares a replica's iterations, so a simulated
///   cost is usually lower; the estimate orders placements, simulation decides.
/// - `bound`: ``LowerBound``s, sound for every simulation (with ``LowerBound/slack`` taken off).
public struct PlacementEstimate: Hashable, Sendable {
  /// Expected end-to-end milliseconds at zero load.
  public var zeroLoadMilliseconds: Double
  /// Expected US dollars per session with every call alone on its replica.
  public var zeroLoadCostDollars: Double
  /// Expected device joules per session.
  public var zeroLoadEnergyJoules: Double
  /// Bounds no simulation of the placement can beat.
  public var bound: LowerBound

  /// Creates an estimate.
  public init(
    zeroLoadMilliseconds: Double, zeroLoadCostDollars: Double, zeroLoadEnergyJoules: Double,
    bound: LowerBound
  ) {
    self.zeroLoadMilliseconds = zeroLoadMilliseconds
    self.zeroLoadCostDollars = zeroLoadCostDollars
    self.zeroLoadEnergyJoules = zeroLoadEnergyJoules
    self.bound = bound
  }

  /// The estimate of a whole scenario, from the whole-program analyses (``ZeroLoadAnalysis`` and
  /// ``LowerBound/of(_:)``): the brute-force oracle the optimizer's dynamic programming is tested
  /// against.
  ///
  /// - Parameter scenario: A resolved workflow and placement.
  /// - Returns: The estimate.
  /// - Complexity: As ``ZeroLoadAnalysis/budget(of:)`` plus ``LowerBound/of(_:)``.
  public static func of(_ scenario: Scenario) -> PlacementEstimate {
    let budget = ZeroLoadAnalysis.budget(of: scenario)
    var cost = 0.0
    var energy = 0.0
    let leaves = StepLeaves(program: scenario.program)
    for estimate in budget.steps {
      guard let index = scenario.program.stepNames.firstIndex(of: estimate.step) else { continue }
      let money = StepMoney.of(
        step: index, executions: estimate.executions,
        computeMilliseconds: estimate.milliseconds[.prefill, default: 0]
          + estimate.milliseconds[.decode, default: 0], leaves: leaves, scenario: scenario)
      cost += money.dollars
      energy += money.joules
    }
    return PlacementEstimate(
      zeroLoadMilliseconds: budget.totalMilliseconds, zeroLoadCostDollars: cost,
      zeroLoadEnergyJoules: energy, bound: LowerBound.of(scenario))
  }
}
