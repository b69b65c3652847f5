import Foundation
import Testing

@testable import AgentSim

/// The optimizer's zero-load search against brute force: the chain of blocks sums to exactly what
/// the whole-program analyses give for every placement, the Pareto search finds the brute-force
/// front, optimum and lower bound, and its pruning drops only placements the bounds rule out.
@Suite("optimize: zero-load search")
struct OptimizeSearchTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func load(_ name: String, overrides: [String] = []) throws -> LoadedWorkflow {
    let url =
      name == "sweep-small.json"
      ? SweepFixture.url : root.appendingPathComponent("workflows").appendingPathComponent(name)
    return try WorkflowLoader.load(contentsOf: url, file: name, overrides: overrides)
  }

  /// Every placement's whole-program estimate (nil when it does not build), computed once per file
  /// for all the tests here: placement-sweep's 6,561 scenario builds are the slow part.
  static func estimates(_ file: String) throws -> [PlacementEstimate?] {
    try EstimateCache.shared.estimates(file) {
      let loaded = try load(file)
      let space = try PlacementSpace(workflow: loaded.workflow)
      return (0..<space.count).map { index in
        (try? loaded.scenario(placement: space.placement(at: index))).map(PlacementEstimate.of)
      }
    }
  }

  /// The figures of a placement summed block by block, as the search sums them.
  static func chainFigures(_ chain: PlacementChain, digits: [Int]) -> SIMD8<Double>? {
    var state = chain.initial
    var total = SIMD8<Double>.zero
    for (index, block) in chain.blocks.enumerated() {
      let wanted = block.steps.map { digits[$0] }
      guard let option = block.options.firstIndex(of: wanted) else { return nil }
      let (figures, next) = chain.evaluate(block: index, option: option, from: state)
      total = PlacementChain.combine(total, figures.values)
      state = next
    }
    return total
  }

  static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }

  @Test(
    "block by block, every placement's zero-load figures and bounds equal the whole-program analyses'",
    arguments: [
      "sweep-small.json", "placement-sweep.json", "multi-agent-research.json",
      "embedded-fallback.json", "router-cascade.json", "document-extraction.json",
      "voice-assistant.json",
    ])
  func chainMatchesWholeProgram(file: String) throws {
    let loaded = try Self.load(file)
    let space = try PlacementSpace(workflow: loaded.workflow)
    let chain = try PlacementChain(loaded: loaded, space: space)
    let keep = 1 - LowerBound.slack
    var compared = 0
    let estimates = try Self.estimates(file)
    for index in 0..<space.count {
      let digits = space.choices(at: index)
      guard let whole = estimates[index] else {
        #expect(Self.chainFigures(chain, digits: digits) == nil, "placement \(index) builds")
        continue
      }
      let sum = try #require(Self.chainFigures(chain, digits: digits))
      typealias Figure = PlacementChain.Figure
      #expect(Self.close(sum[Figure.zeroLoadMilliseconds.rawValue], whole.zeroLoadMilliseconds))
      #expect(Self.close(sum[Figure.zeroLoadDollars.rawValue], whole.zeroLoadCostDollars))
      #expect(Self.close(sum[Figure.zeroLoadJoules.rawValue], whole.zeroLoadEnergyJoules))
      #expect(
        Self.close(sum[Figure.boundMilliseconds.rawValue] * keep, whole.bound.latencyMilliseconds))
      let percentiles = PlacementChain.percentileBounds(sum) * keep
      #expect(Self.close(percentiles[0], whole.bound.p50Milliseconds))
      #expect(Self.close(max(percentiles[0], percentiles[1]), whole.bound.p99Milliseconds))
      #expect(Self.close(sum[Figure.boundDollars.rawValue] * keep, whole.bound.costDollars))
      #expect(
        Self.close(
          sum[Figure.boundDeviceSeconds.rawValue] * chain.orchestratorWatts * keep,
          whole.bound.energyJoules))
      compared += 1
    }
    #expect(compared > 0)
  }

  /// The brute-force counterpart of `ParetoSearch`: every placement's whole-program figures,
  /// filtered by the bounds as the sweep filters them, then the Pareto front.
  static func bruteForceFront(
    _ file: String, space: PlacementSpace, chain: PlacementChain,
    figures: [PlacementChain.Figure], limits: ParetoSearch.Limits
  ) throws -> (front: [[Double]], feasible: [(digits: [Int], estimate: PlacementEstimate)]) {
    var feasible: [(digits: [Int], estimate: PlacementEstimate)] = []
    let estimates = try estimates(file)
    for index in 0..<space.count {
      guard let estimate = estimates[index] else { continue }
      if let target = limits.p50Milliseconds, estimate.bound.p50Milliseconds > target { continue }
      if let target = limits.p99Milliseconds, estimate.bound.p99Milliseconds > target { continue }
      if let limit = limits.maximumCostDollars, estimate.bound.costDollars > limit { continue }
      feasible.append((space.choices(at: index), estimate))
    }
    let keep = 1 - LowerBound.slack
    func vector(_ estimate: PlacementEstimate) -> [Double] {
      figures.map { figure in
        switch figure {
        case .zeroLoadMilliseconds: estimate.zeroLoadMilliseconds
        case .zeroLoadDollars: estimate.zeroLoadCostDollars
        case .zeroLoadJoules: estimate.zeroLoadEnergyJoules
        case .boundMilliseconds: estimate.bound.latencyMilliseconds / keep
        case .boundDollars: estimate.bound.costDollars / keep
        case .boundDeviceSeconds: estimate.bound.energyJoules / keep / chain.orchestratorWatts
        case .boundExcessP50:
          (estimate.bound.p50Milliseconds - estimate.bound.latencyMilliseconds) / keep
        case .boundExcessP99:
          (estimate.bound.p99Milliseconds - estimate.bound.latencyMilliseconds) / keep
        }
      }
    }
    let vectors = feasible.map { vector($0.estimate) }
    // Sorted, a vector can only be matched or beaten by one before it; identical vectors count
    // once, as the search keeps one of each.
    let order = vectors.indices.sorted { vectors[$0].lexicographicallyPrecedes(vectors[$1]) }
    var front: [[Double]] = []
    for index in order {
      let candidate = vectors[index]
      let beaten = front.contains { kept in
        zip(kept, candidate).allSatisfy { $0 <= $1 + 1e-12 * max(1, abs($1)) }
      }
      if !beaten { front.append(candidate) }
    }
    return (front.sorted { $0.lexicographicallyPrecedes($1) }, feasible)
  }

  @Test(
    "on placement-sweep (6,561 placements) the search finds the brute-force Pareto front, zero-load optimum and lower bound, for each objective",
    arguments: [OptimizeObjective.cost, .p99, .energy])
  func searchMatchesBruteForce(objective: OptimizeObjective) throws {
    let loaded = try Self.load("placement-sweep.json")
    let space = try PlacementSpace(workflow: loaded.workflow)
    #expect(space.count == 6561)
    let chain = try PlacementChain(loaded: loaded, space: space)
    let limits = ParetoSearch.Limits(p99Milliseconds: 1500, maximumCostDollars: nil)
    let figures = objective.searchFigures(limitsCost: false) + limits.excessFigures
    let outcome = ParetoSearch.run(chain: chain, figures: figures, limits: limits)
    let brute = try Self.bruteForceFront(
      "placement-sweep.json", space: space, chain: chain, figures: figures, limits: limits)
    let found = outcome.points.map { point in figures.map { point.values[$0.rawValue] } }
      .sorted { $0.lexicographicallyPrecedes($1) }
    #expect(found.count == brute.front.count)
    for (a, b) in zip(found, brute.front) {
      #expect(zip(a, b).allSatisfy { Self.close($0, $1) }, "\(a) vs \(b)")
    }
    // Far fewer partial placements than placements: the point of searching.
    #expect(outcome.labelsCreated < space.count)

    // The zero-load optimum: the first front point (by the objective's figure) whose zero-load
    // mean meets the target, equals the brute-force minimum over the feasible placements.
    let first = figures[0]
    let bruteOptimum = brute.feasible.filter { $0.estimate.zeroLoadMilliseconds <= 1500 }
      .map { entry -> Double in
        switch first {
        case .zeroLoadDollars: entry.estimate.zeroLoadCostDollars
        case .zeroLoadJoules: entry.estimate.zeroLoadEnergyJoules
        default: entry.estimate.zeroLoadMilliseconds
        }
      }.min()
    let searchOptimum = outcome.points.first {
      $0.values[PlacementChain.Figure.zeroLoadMilliseconds.rawValue] <= 1500
    }.map { $0.values[first.rawValue] }
    #expect(bruteOptimum != nil)
    #expect(Self.close(try #require(searchOptimum), try #require(bruteOptimum)))

    // The lower bound is the smallest bound over the feasible placements: no placement's bound
    // (hence no simulation of it) is lower, and one attains it.
    let bound = try #require(Search.lowerBound(chain: chain, objective: objective, limits: limits))
    let bounds = brute.feasible.map { entry -> Double in
      switch objective {
      case .cost: entry.estimate.bound.costDollars
      case .energy: entry.estimate.bound.energyJoules
      case .p99: entry.estimate.bound.p99Milliseconds
      case .p50: entry.estimate.bound.p50Milliseconds
      }
    }
    #expect(
      bounds.allSatisfy { $0 >= bound - 1e-12 * max(1, abs(bound)) },
      "\(objective): search \(bound), brute force \(bounds.min() ?? -1)")
    #expect(Self.close(try #require(bounds.min()), bound), "\(objective)")
  }

  @Test("pruning by a tight budget and --max-cost keeps exactly the brute-force survivors' front")
  func pruningMatchesBruteForce() throws {
    let loaded = try Self.load("sweep-small.json")
    let space = try PlacementSpace(workflow: loaded.workflow)
    let chain = try PlacementChain(loaded: loaded, space: space)
    let everything = try Self.bruteForceFront(
      "sweep-small.json", space: space, chain: chain, figures: [.zeroLoadDollars],
      limits: ParetoSearch.Limits())
    let latencies = everything.feasible.map(\.estimate.bound.p99Milliseconds).sorted()
    let costs = everything.feasible.map(\.estimate.bound.costDollars).sorted()
    // Limits between the bounds' middle values, so that both prune some placements.
    let limits = ParetoSearch.Limits(
      p99Milliseconds: latencies[latencies.count / 2],
      maximumCostDollars: costs[costs.count * 3 / 4])
    let figures = OptimizeObjective.cost.searchFigures(limitsCost: true) + limits.excessFigures
    let outcome = ParetoSearch.run(chain: chain, figures: figures, limits: limits)
    let brute = try Self.bruteForceFront(
      "sweep-small.json", space: space, chain: chain, figures: figures, limits: limits)
    #expect(brute.feasible.count < everything.feasible.count)
    let found = outcome.points.map { point in figures.map { point.values[$0.rawValue] } }
      .sorted { $0.lexicographicallyPrecedes($1) }
    #expect(found.count == brute.front.count)
    for (a, b) in zip(found, brute.front) {
      #expect(zip(a, b).allSatisfy { Self.close($0, $1) }, "\(a) vs \(b)")
    }
  }
}

/// Whole-program estimates computed once per workflow file, shared by the tests running in
/// parallel.
private final class EstimateCache: @unchecked Sendable {
  static let shared = EstimateCache()
  private let lock = NSLock()
  private var cache: [String: [PlacementEstimate?]] = [:]

  func estimates(_ file: String, compute: () throws -> [PlacementEstimate?]) rethrows
    -> [PlacementEstimate?]
  {
    try lock.withLock {
      if let known = cache[file] { return known }
      let computed = try compute()
      cache[file] = computed
      return computed
    }
  }
}
