import SimulationKernel

/// The placement-independent checks of the step tree: every distribution is made, once, into
/// `ResolvedWorkflow.distribution(of:)` (so the builder takes them rather than making them again),
/// and every call fits its models' context windows.
extension WorkflowResolver {
  /// Checks `steps` and their descendants, with the same JSON paths the placement check and the
  /// builder use.
  ///
  /// - Complexity: O(steps).
  mutating func checkSteps(_ steps: [WorkflowStep], path: String, models: [ResolvedModel]?) {
    for (index, step) in steps.enumerated() {
      checkStep(step, path: "\(path)[\(index)]", models: models)
    }
  }

  mutating func checkStep(_ step: WorkflowStep, path: String, models: [ResolvedModel]?) {
    switch step.kind {
    case .llm(let call):
      checkCall(call, path: path + ".llm", models: models)
    case .tool(let tool):
      _ = distribution(tool.duration, path: path)
      _ = distribution(tool.resultTokens, path: path)
    case .transfer(let transfer):
      _ = distribution(transfer.bytes, path: path)
    case .sequence(let steps):
      checkSteps(steps, path: path + ".sequence.steps", models: models)
    case .parallel(let parallel):
      for (index, child) in parallel.steps.enumerated() {
        checkStep(child, path: "\(path).parallel.steps[\(index)]", models: models)
      }
    case .branch(let options):
      for (index, option) in options.enumerated() {
        checkStep(option.step, path: "\(path).branch.options[\(index)].step", models: models)
      }
    case .loop(let loop):
      checkStep(loop.body, path: path + ".loop.body", models: models)
      if case .drawn(let count, _) = loop.repetition {
        _ = distribution(count, path: path + ".loop.count")
      }
    case .speculative(let speculative):
      let path = path + ".speculative"
      checkContextWindow(
        prompt: distribution(speculative.promptTokens, path: path),
        output: distribution(speculative.outputTokens, path: path), isConversation: false,
        models: [speculative.draftModel, speculative.targetModel], resolved: models, path: path)
    case .cascade(let cascade):
      checkCall(cascade.first, path: path + ".cascade.first", models: models)
      checkCall(cascade.then, path: path + ".cascade.then", models: models)
    }
  }

  mutating func checkCall(_ call: LLMStep, path: String, models: [ResolvedModel]?) {
    checkContextWindow(
      prompt: distribution(call.promptTokens, path: path),
      output: distribution(call.outputTokens, path: path),
      isConversation: call.context == .conversation, models: [call.model], resolved: models,
      path: path)
  }

  /// Reports a call whose smallest possible context (prompt and output at their smallest draws,
  /// plus the initial context for a conversation) exceeds a model's context window: a call that
  /// can never fit is an input error, not a silent overrun. Larger draws of a distribution are
  /// not errors (real agents truncate); the simulator caps every token draw at
  /// `ValueLimits.maximumTokens`.
  mutating func checkContextWindow(
    prompt: Distribution, output: Distribution, isConversation: Bool, models aliases: [String],
    resolved: [ResolvedModel]?, path: String
  ) {
    // A count's draws are rounded to non-negative integers, so its smallest is at least 0.
    func smallest(_ count: Distribution) -> Double { max(0, count.lowerBound) }
    let initial = isConversation ? smallest(initialContext) : 0
    let needed = smallest(prompt) + smallest(output) + initial
    for alias in aliases {
      guard let model = resolved?.first(where: { $0.alias == alias })?.architecture,
        needed > Double(model.maxContextTokens)
      else { continue }
      let parts =
        isConversation && initial > 0 ? "initial context, prompt and output" : "prompt and output"
      problem(
        path + ".prompt_tokens",
        "needs at least \(DisplayFormat.grouped(needed)) tokens of context (\(parts)), but "
          + "\(model.name)'s context window is \(DisplayFormat.grouped(model.maxContextTokens)) "
          + "tokens",
        suggestion: "lower the token counts, or use a model with a longer context window")
    }
  }

  /// The kernel distribution of a specification, made once per distinct specification and kept
  /// for the builder; reports one that cannot be made (the decoder rejects those, so this finds
  /// only workflows built in code).
  mutating func distribution(_ spec: DistributionSpec, path: String) -> Distribution {
    if let made = distributions[spec] { return made }
    do {
      let made = try spec.makeDistribution()
      distributions[spec] = made
      return made
    } catch {
      problem(path, "\(error)")
      return .constant(0)
    }
  }

  /// The kernel distribution of a count (a constant for a fixed count).
  mutating func distribution(_ count: CountSpec, path: String) -> Distribution {
    switch count {
    case .constant(let value): return .constant(Double(value))
    case .distribution(let spec): return distribution(spec, path: path)
    }
  }
}
