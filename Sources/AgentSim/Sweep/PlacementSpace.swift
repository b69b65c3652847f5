/// The placements a sweep enumerates: the cross product of every placeable step's candidate sites.
///
/// Placements are numbered in mixed radix, the first step the most significant digit and its first
/// candidate digit 0, so placement 0 is every step's default site and the numbering never depends
/// on dictionary order. Candidates come from the workflow (`"site": ["edge", "region"]`) unless
/// `--candidates step=a,b,c` (or `--placement step=site`, a single candidate) replaces them.
/// Nothing is filtered here: a candidate that violates a pin or a site that does not serve the
/// step's model makes the points that use it infeasible, with the reason, when they are built.
public struct PlacementSpace: Hashable, Sendable {
  /// Every placeable step, in workflow order.
  public var steps: [PlaceableStep]

  /// Creates a space from steps.
  ///
  /// - Parameter steps: The placeable steps, each with at least one candidate.
  public init(steps: [PlaceableStep]) {
    self.steps = steps
  }

  /// The space of a workflow, with some steps' candidates replaced.
  ///
  /// - Parameters:
  ///   - workflow: The decoded workflow.
  ///   - candidates: Step name → candidate sites, replacing the workflow's.
  /// - Throws: `DiagnosticError` naming every unknown step or site, an empty or repeated list.
  public init(workflow: Workflow, candidates: [String: [String]] = [:]) throws {
    var steps: [PlaceableStep] = []
    for step in workflow.allSteps {
      switch step.kind {
      case .llm(let call):
        steps.append(PlaceableStep(step.name, call.placement))
      case .tool(let tool):
        steps.append(PlaceableStep(step.name, tool.placement))
      case .cascade(let cascade):
        steps.append(PlaceableStep(step.name + ".first", cascade.first.placement))
        steps.append(PlaceableStep(step.name + ".then", cascade.then.placement))
      default:
        continue
      }
    }
    var problems: [Diagnostic] = []
    let siteNames = workflow.sites.map(\.name)
    for name in candidates.keys.sorted() {
      guard let index = steps.firstIndex(where: { $0.name == name }) else {
        problems.append(
          Diagnostic(
            path: "--candidates", message: "no placeable step named '\(name)'",
            suggestion: NearestName.suggestion(for: name, among: steps.map(\.name)).map {
              "did you mean '\($0)'?"
            } ?? "placeable steps: \(steps.map(\.name).joined(separator: ", "))"))
        continue
      }
      let sites = candidates[name] ?? []
      if sites.isEmpty {
        problems.append(
          Diagnostic(path: "--candidates \(name)", message: "needs at least one site"))
      }
      for site in sites where !siteNames.contains(site) {
        problems.append(
          Diagnostic(
            path: "--candidates \(name)", message: "unknown site '\(site)'",
            suggestion: NearestName.suggestion(for: site, among: siteNames).map {
              "did you mean '\($0)'?"
            } ?? "sites: \(siteNames.joined(separator: ", "))"))
      }
      if Set(sites).count != sites.count {
        problems.append(
          Diagnostic(
            path: "--candidates \(name)",
            message: "lists a site twice: \(sites.joined(separator: ","))"))
      }
      steps[index].candidates = sites
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    self.steps = steps
  }

  /// The number of placements: the product of the candidate counts (saturating at `Int.max`).
  public var count: Int {
    var total = 1
    for step in steps {
      let (product, overflow) = total.multipliedReportingOverflow(by: step.candidates.count)
      if overflow { return Int.max }
      total = product
    }
    return total
  }

  /// The site index chosen for each step by placement `index`.
  ///
  /// - Precondition: `0 <= index < count`.
  /// - Complexity: O(steps).
  public func choices(at index: Int) -> [Int] {
    precondition(index >= 0 && index < count, "placement \(index) is outside 0..<\(count)")
    var remainder = index
    var digits = [Int](repeating: 0, count: steps.count)
    for position in steps.indices.reversed() {
      let radix = steps[position].candidates.count
      digits[position] = remainder % radix
      remainder /= radix
    }
    return digits
  }

  /// Placement `index`: step name → site name, for every placeable step.
  ///
  /// - Precondition: `0 <= index < count`.
  /// - Complexity: O(steps).
  public func placement(at index: Int) -> [String: String] {
    var placement: [String: String] = [:]
    for (position, choice) in choices(at: index).enumerated() {
      placement[steps[position].name] = steps[position].candidates[choice]
    }
    return placement
  }

  /// The steps that have a choice (more than one candidate), in workflow order.
  public var variedSteps: [PlaceableStep] {
    steps.filter { $0.candidates.count > 1 }
  }
}

extension PlaceableStep {
  fileprivate init(_ name: String, _ placement: SitePlacement) {
    self.init(name: name, candidates: placement.candidates, pin: placement.pin)
  }
}
