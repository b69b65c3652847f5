import Foundation
import SimulationKernel

/// A workflow's step tree compiled to an array of nodes with dense indices, for the simulator.
public struct Program: Sendable {
  /// Every node; children refer to each other by index.
  public var nodes: [ProgramNode]
  /// The index of the root node (a sequence).
  public var root: Int
  /// Reporting names of the leaf steps, indexed by `step` ids in the nodes.
  public var stepNames: [String]
  /// The site each step id runs at by default (for reports).
  public var stepSites: [String]
  /// The `parallel` nodes whose join cancels the children still running (`"cancel_rest"`).
  public var cancellingJoins: Set<Int>

  /// Creates a program.
  public init(
    nodes: [ProgramNode], root: Int, stepNames: [String], stepSites: [String],
    cancellingJoins: Set<Int> = []
  ) {
    self.nodes = nodes
    self.root = root
    self.stepNames = stepNames
    self.stepSites = stepSites
    self.cancellingJoins = cancellingJoins
  }
}

/// One node of the step tree.
public enum ProgramNode: Sendable {
  /// A model call.
  case llm(LLMNode)
  /// A tool run.
  case tool(ToolNode)
  /// An explicit transfer of bytes between sites.
  case transfer(TransferNode)
  /// Children one after another.
  case sequence([Int])
  /// Children at once; done when `join` of them are done (the rest run on, unwaited).
  case parallel([Int], join: Int)
  /// One child drawn by probability (cumulative probabilities, increasing); none with the rest.
  case branch([BranchTarget])
  /// A body repeated.
  case loop(body: Int, repetition: LoopRepetition)
  /// Speculative decoding with a draft model at one site and a target at another.
  case speculative(SpeculativeNode)
}

/// What to do when the link a step needs is down.
public enum OutageResponse: Hashable, Sendable {
  /// Wait until the link is repaired.
  case wait
  /// Run the step at this site instead.
  case fallback(site: Int)
}

/// A model call.
public struct LLMNode: Sendable {
  /// Step id for reports.
  public var step: Int
  /// Model id.
  public var model: Int
  /// Site id.
  public var site: Int
  /// New prompt tokens (drawn, rounded).
  public var promptTokens: Distribution
  /// Output tokens (drawn, rounded, at least 1).
  public var outputTokens: Distribution
  /// Whether the call continues the conversation (its prefix cached where it last ran) rather than
  /// starting fresh.
  public var isConversation: Bool
  /// Whether its first token counts as the user's first visible token.
  public var isVisible: Bool
  /// What to do when the link to the site is down.
  public var outageResponse: OutageResponse
  /// The model's context window, in tokens: a call whose context (history, prompt and output)
  /// would exceed it is truncated to fit (see `SessionSimulator.contextTruncations`).
  public var contextWindowTokens: Int

  /// Creates a model call.
  public init(
    step: Int, model: Int, site: Int, promptTokens: Distribution, outputTokens: Distribution,
    isConversation: Bool, isVisible: Bool, outageResponse: OutageResponse = .wait,
    contextWindowTokens: Int = Int(Int32.max)
  ) {
    self.contextWindowTokens = contextWindowTokens
    self.step = step
    self.model = model
    self.site = site
    self.promptTokens = promptTokens
    self.outputTokens = outputTokens
    self.isConversation = isConversation
    self.isVisible = isVisible
    self.outageResponse = outageResponse
  }
}

/// A tool run.
public struct ToolNode: Sendable {
  /// Step id for reports.
  public var step: Int
  /// Site id.
  public var site: Int
  /// Duration in milliseconds.
  public var duration: Distribution
  /// Tokens the result adds to the conversation (sent with the next call).
  public var resultTokens: Distribution
  /// What to do when the link to the site is down.
  public var outageResponse: OutageResponse
  /// Whether its time counts toward device energy when it runs on a device (``ToolStep``).
  public var keepsDeviceBusy: Bool

  /// Creates a tool run.
  public init(
    step: Int, site: Int, duration: Distribution, resultTokens: Distribution = .constant(0),
    outageResponse: OutageResponse = .wait, keepsDeviceBusy: Bool = true
  ) {
    self.step = step
    self.site = site
    self.duration = duration
    self.resultTokens = resultTokens
    self.outageResponse = outageResponse
    self.keepsDeviceBusy = keepsDeviceBusy
  }
}

/// An explicit transfer.
public struct TransferNode: Sendable {
  /// Step id for reports.
  public var step: Int
  /// Sending site id.
  public var from: Int
  /// Receiving site id.
  public var to: Int
  /// Bytes (drawn).
  public var bytes: Distribution

  /// Creates a transfer.
  public init(step: Int, from: Int, to: Int, bytes: Distribution) {
    self.step = step
    self.from = from
    self.to = to
    self.bytes = bytes
  }
}

/// One option of a branch.
public struct BranchTarget: Sendable {
  /// The probability of this and every earlier option.
  public var cumulativeProbability: Double
  /// The node to run.
  public var node: Int

  /// Creates an option.
  public init(cumulativeProbability: Double, node: Int) {
    self.cumulativeProbability = cumulativeProbability
    self.node = node
  }
}

/// How often a loop runs its body.
public enum LoopRepetition: Hashable, Sendable {
  /// Exactly this many times.
  case count(Int)
  /// Once, then again with `probability` after each run, at most `maximum` times in all.
  case geometric(probability: Double, maximum: Int)
  /// A count drawn from `count` per run of the loop, rounded to the nearest non-negative integer,
  /// at most `maximum`.
  case drawn(Distribution, maximum: Int)

  /// The probability that the body runs at least `iteration` times (1-based): for a drawn count
  /// `1 − F(iteration − ½)` (draws are rounded), 0 past the maximum.
  ///
  /// - Complexity: O(1) but for the distribution's `cdf`.
  public func probabilityOfRunning(atLeast iteration: Int) -> Double {
    switch self {
    case .count(let count): return iteration <= count ? 1 : 0
    case .geometric(let probability, let maximum):
      guard iteration <= maximum else { return 0 }
      return iteration <= 1 ? 1 : pow(probability, Double(iteration - 1))
    case .drawn(let count, let maximum):
      guard iteration <= maximum else { return 0 }
      return iteration <= 0 ? 1 : max(0, 1 - count.cdf(Double(iteration) - 0.5))
    }
  }

  /// The expected number of runs.
  ///
  /// - Complexity: O(maximum) for a geometric or drawn count.
  public var expectedCount: Double {
    switch self {
    case .count(let count): return Double(count)
    case .drawn(_, let maximum):
      // E[N] = Σ_{k≥1} P(N ≥ k) for a count N in 0...maximum.
      return (1...max(maximum, 1)).reduce(0) { $0 + probabilityOfRunning(atLeast: $1) }
    case .geometric(let probability, let maximum):
      var total = 0.0
      var term = 1.0
      for _ in 0..<maximum {
        total += term
        term *= probability
      }
      return total
    }
  }
}

/// Speculative decoding: the draft proposes `draftTokens` per round, the target verifies them in one
/// pass and keeps the accepted prefix plus one token of its own (Leviathan et al., ICML 2023).
public struct SpeculativeNode: Sendable {
  /// Step id for reports.
  public var step: Int
  /// Draft model id.
  public var draftModel: Int
  /// Draft site id.
  public var draftSite: Int
  /// Target model id.
  public var targetModel: Int
  /// Target site id.
  public var targetSite: Int
  /// Tokens proposed per round (k).
  public var draftTokens: Int
  /// Probability that each proposed token is accepted (α).
  public var acceptanceRate: Double
  /// Prompt tokens.
  public var promptTokens: Distribution
  /// Output tokens.
  public var outputTokens: Distribution
  /// Whether its first token counts as the user's first visible token.
  public var isVisible: Bool
  /// Whether it continues the conversation: both models prefill the history they do not hold,
  /// and its output is appended (the conversation's cache then lives at the target).
  public var isConversation: Bool
  /// The smaller of the two models' context windows, in tokens (as `LLMNode`'s).
  public var contextWindowTokens: Int

  /// Creates a speculative step.
  public init(
    step: Int, draftModel: Int, draftSite: Int, targetModel: Int, targetSite: Int,
    draftTokens: Int, acceptanceRate: Double, promptTokens: Distribution,
    outputTokens: Distribution, isVisible: Bool, isConversation: Bool = false,
    contextWindowTokens: Int = Int(Int32.max)
  ) {
    self.contextWindowTokens = contextWindowTokens
    self.isConversation = isConversation
    self.step = step
    self.draftModel = draftModel
    self.draftSite = draftSite
    self.targetModel = targetModel
    self.targetSite = targetSite
    self.draftTokens = draftTokens
    self.acceptanceRate = acceptanceRate
    self.promptTokens = promptTokens
    self.outputTokens = outputTokens
    self.isVisible = isVisible
  }

  /// Expected tokens produced per round: (1 − α^(k+1)) / (1 − α).
  public var expectedTokensPerRound: Double {
    if acceptanceRate >= 1 { return Double(draftTokens + 1) }
    return (1 - pow(acceptanceRate, Double(draftTokens + 1))) / (1 - acceptanceRate)
  }
}
