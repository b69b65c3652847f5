/// One step of a workflow: a name, unique in the workflow, and what the step does.
///
/// A step inside a loop keeps its name across iterations.
public struct WorkflowStep: Hashable, Sendable {
  /// What a step does.
  public indirect enum Kind: Hashable, Sendable {
    /// A model call.
    case llm(LLMStep)
    /// A tool call of some duration at a site.
    case tool(ToolStep)
    /// Explicit bytes moved between two sites.
    case transfer(TransferStep)
    /// Child steps one after another.
    case sequence([WorkflowStep])
    /// Child steps at once, joined when all (or the first *k*) finish.
    case parallel(ParallelStep)
    /// One of several steps chosen at random (or none, with the remaining probability).
    case branch([BranchOption])
    /// A step repeated a fixed or random number of times.
    case loop(LoopStep)
    /// Speculative decoding: a draft model proposes, a target model verifies.
    case speculative(SpeculativeStep)
    /// Try a model call; escalate to another with a probability.
    case cascade(CascadeStep)
  }

  /// The step's name (`[a-z0-9_-]+`), unique in the workflow.
  public var name: String
  /// What the step does.
  public var kind: Kind

  /// Creates a step.
  public init(name: String, kind: Kind) {
    self.name = name
    self.kind = kind
  }

  /// The step's direct children (none for `llm`, `tool`, `transfer`, `speculative`, `cascade`).
  public var children: [WorkflowStep] {
    switch kind {
    case .llm, .tool, .transfer, .speculative, .cascade: return []
    case .sequence(let steps): return steps
    case .parallel(let parallel): return parallel.steps
    case .branch(let options): return options.map(\.step)
    case .loop(let loop): return [loop.body]
    }
  }

  /// Whether this step or one inside it is a model call whose tokens the user sees (`visible`),
  /// which gives a session its time to first token.
  public var hasVisibleCall: Bool {
    allSteps.contains { step in
      switch step.kind {
      case .llm(let call): return call.isVisible
      case .speculative(let speculative): return speculative.isVisible
      case .cascade(let cascade): return cascade.first.isVisible || cascade.then.isVisible
      default: return false
      }
    }
  }

  /// This step and all its descendants, depth first, parents before children.
  ///
  /// - Complexity: O(*n*) in the number of descendants.
  public var allSteps: [WorkflowStep] {
    var result: [WorkflowStep] = []
    var stack: [WorkflowStep] = [self]
    while let step = stack.popLast() {
      result.append(step)
      stack.append(contentsOf: step.children.reversed())
    }
    return result
  }

  /// The most leaf steps (`llm`, `tool`, `transfer`, `speculative`; a `cascade` counts as two)
  /// one execution of this step can run, saturating at `Int.max`.
  ///
  /// - Complexity: O(*n*) in the number of descendants.
  public var maximumLeafExecutions: Int {
    switch kind {
    case .llm, .tool, .transfer, .speculative: return 1
    case .cascade: return 2
    case .sequence(let steps): return Self.saturatingSum(steps.map(\.maximumLeafExecutions))
    case .parallel(let parallel):
      return Self.saturatingSum(parallel.steps.map(\.maximumLeafExecutions))
    case .branch(let options): return options.map(\.step.maximumLeafExecutions).max() ?? 0
    case .loop(let loop):
      let (product, overflow) = loop.repetition.maximumIterations.multipliedReportingOverflow(
        by: loop.body.maximumLeafExecutions)
      return overflow ? Int.max : product
    }
  }

  static func saturatingSum(_ values: [Int]) -> Int {
    var total = 0
    for value in values {
      let (sum, overflow) = total.addingReportingOverflow(value)
      if overflow { return Int.max }
      total = sum
    }
    return total
  }
}
