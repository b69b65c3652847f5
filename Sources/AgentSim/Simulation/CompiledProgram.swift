import SimulationKernel

/// The program laid out for the simulator's hot loop: one small, payload-free entry per node, and
/// each kind's payloads in their own array of plain values.
///
/// Switching over `ProgramNode` binds its payload, which copies the structs and retains every
/// distribution inside them on every event; here the switch is over a one-byte tag, payloads are
/// read in place, and their distributions are ids into one `SamplerTable` (reading a leaf retains
/// nothing).
struct CompiledProgram {
  /// A model call (`LLMNode` with its distributions registered).
  struct LLMLeaf {
    var step: Int
    var model: Int
    var site: Int
    var promptTokens: SamplerID
    var outputTokens: SamplerID
    var isConversation: Bool
    var isVisible: Bool
    var outageResponse: OutageResponse
    var contextWindow: Int32
  }

  /// A tool run (`ToolNode` with its distributions registered).
  struct ToolLeaf {
    var step: Int
    var site: Int
    var duration: SamplerID
    var resultTokens: SamplerID
    /// The result's tokens when `resultTokens` is a constant (it then draws nothing; the usual
    /// case), else -1.
    var fixedResultTokens: Int32
    var outageResponse: OutageResponse
    /// Whether its run time counts toward device energy on a device site.
    var keepsDeviceBusy: Bool
  }

  /// An explicit transfer (`TransferNode` with its distribution registered).
  struct TransferLeaf {
    var step: Int
    var from: Int
    var to: Int
    var bytes: SamplerID
  }

  /// Speculative decoding (`SpeculativeNode` with its distributions registered).
  struct SpeculativeLeaf {
    var step: Int
    var draftModel: Int
    var draftSite: Int
    var targetModel: Int
    var targetSite: Int
    var draftTokens: Int
    var acceptanceRate: Double
    var promptTokens: SamplerID
    var outputTokens: SamplerID
    var isVisible: Bool
    var isConversation: Bool
    var contextWindow: Int32
  }

  enum Kind: UInt8 {
    case llm, tool, transfer, speculative, sequence, parallel, branch, loop
  }

  struct Entry {
    var kind: Kind
    /// Whether no parallel section encloses the node: a leaf outside every parallel section is on
    /// its session's critical path (its session ends only after it), so its step's figures can
    /// be summed for the session when it completes, without a record on a chain.
    var isOutsideParallel = false
    /// Payload index (leaves), first child offset (sequence, parallel), first target (branch), or
    /// body node (loop).
    var index: Int32
    /// Children or targets. Loop with a drawn count: the count's sampler id.
    var count: Int32
    /// Parallel: join count. Loop: fixed count, or maximum runs when `probability` is set.
    var parameter: Int32
    /// Loop: repeat probability, ``drawnCount`` for a count drawn per run, or another negative
    /// value for a fixed count. Parallel: 1 when the join cancels the children still running,
    /// else negative.
    var probability: Double
  }

  /// A loop entry's `probability` when its count is drawn per run (from sampler `count`).
  static let drawnCount = -2.0

  var entries: ProgramTable<Entry> = []
  var children: ProgramTable<Int32> = []
  var targets: ProgramTable<BranchTarget> = []
  var llms: ProgramTable<LLMLeaf> = []
  var tools: ProgramTable<ToolLeaf> = []
  var transfers: ProgramTable<TransferLeaf> = []
  var speculatives: ProgramTable<SpeculativeLeaf> = []
  /// Every distribution of every leaf.
  var samplers = SamplerTable()

  /// A drawn token count: rounded, clamped to [minimum, `ValueLimits.maximumTokens`] (the decoder
  /// already keeps every distribution's largest draw within it).
  @inline(__always)
  static func tokenCount(_ value: Double, minimum: Int32) -> Int32 {
    guard value.isFinite else { return minimum }
    return max(minimum, Int32(min(value.rounded(), ValueLimits.maximumTokens)))
  }

  /// The token count every draw of `distribution` gives when it is a constant, else -1.
  static func fixedTokenCount(_ distribution: Distribution, minimum: Int32) -> Int32 {
    guard case .constant(let value) = distribution else { return -1 }
    return tokenCount(value, minimum: minimum)
  }

  init(_ program: Program) {
    for (nodeIndex, node) in program.nodes.enumerated() {
      var entry = Entry(kind: .sequence, index: 0, count: 0, parameter: 0, probability: -1)
      switch node {
      case .llm(let call):
        entry.kind = .llm
        entry.index = Int32(llms.count)
        llms.append(
          LLMLeaf(
            step: call.step, model: call.model, site: call.site,
            promptTokens: samplers.add(call.promptTokens),
            outputTokens: samplers.add(call.outputTokens), isConversation: call.isConversation,
            isVisible: call.isVisible, outageResponse: call.outageResponse,
            contextWindow: Int32(clamping: max(call.contextWindowTokens, 1))))
      case .tool(let tool):
        entry.kind = .tool
        entry.index = Int32(tools.count)
        tools.append(
          ToolLeaf(
            step: tool.step, site: tool.site, duration: samplers.add(tool.duration),
            resultTokens: samplers.add(tool.resultTokens),
            fixedResultTokens: Self.fixedTokenCount(tool.resultTokens, minimum: 0),
            outageResponse: tool.outageResponse, keepsDeviceBusy: tool.keepsDeviceBusy))
      case .transfer(let transfer):
        entry.kind = .transfer
        entry.index = Int32(transfers.count)
        transfers.append(
          TransferLeaf(
            step: transfer.step, from: transfer.from, to: transfer.to,
            bytes: samplers.add(transfer.bytes)))
      case .speculative(let speculative):
        entry.kind = .speculative
        entry.index = Int32(speculatives.count)
        speculatives.append(
          SpeculativeLeaf(
            step: speculative.step, draftModel: speculative.draftModel,
            draftSite: speculative.draftSite, targetModel: speculative.targetModel,
            targetSite: speculative.targetSite, draftTokens: speculative.draftTokens,
            acceptanceRate: speculative.acceptanceRate,
            promptTokens: samplers.add(speculative.promptTokens),
            outputTokens: samplers.add(speculative.outputTokens),
            isVisible: speculative.isVisible, isConversation: speculative.isConversation,
            contextWindow: Int32(clamping: max(speculative.contextWindowTokens, 1))))
      case .sequence(let nodes):
        entry.kind = .sequence
        entry.index = Int32(children.count)
        entry.count = Int32(nodes.count)
        children += nodes.map { Int32($0) }
      case .parallel(let nodes, let join):
        entry.kind = .parallel
        entry.index = Int32(children.count)
        entry.count = Int32(nodes.count)
        entry.parameter = Int32(join)
        if program.cancellingJoins.contains(nodeIndex) { entry.probability = 1 }
        children += nodes.map { Int32($0) }
      case .branch(let options):
        entry.kind = .branch
        entry.index = Int32(targets.count)
        entry.count = Int32(options.count)
        targets += options
      case .loop(let body, let repetition):
        entry.kind = .loop
        entry.index = Int32(body)
        switch repetition {
        case .count(let count):
          entry.parameter = Int32(clamping: count)
        case .geometric(let probability, let maximum):
          entry.parameter = Int32(clamping: maximum)
          entry.probability = probability
        case .drawn(let count, let maximum):
          entry.parameter = Int32(clamping: maximum)
          entry.probability = Self.drawnCount
          entry.count = samplers.add(count).rawValue
        }
      }
      entries.append(entry)
    }
    markOutsideParallel(program)
  }

  /// Sets `isOutsideParallel` on the nodes reached from the root without entering a parallel
  /// section and never reached inside one (the others keep `false`, the safe answer).
  mutating func markOutsideParallel(_ program: Program) {
    guard program.nodes.indices.contains(program.root) else { return }
    var outside = Array(repeating: false, count: program.nodes.count)
    var inside = outside
    var pending = [(node: program.root, isInside: false)]
    while let (node, isInside) = pending.popLast() {
      if isInside ? inside[node] : outside[node] { continue }
      if isInside { inside[node] = true } else { outside[node] = true }
      var children: [Int] = []
      switch program.nodes[node] {
      case .sequence(let nodes): children = nodes
      case .branch(let options): children = options.map(\.node)
      case .loop(let body, _): children = [body]
      case .parallel(let nodes, _):
        pending += nodes.map { (node: $0, isInside: true) }
      case .llm, .tool, .transfer, .speculative: break
      }
      pending += children.map { (node: $0, isInside: isInside) }
    }
    for node in entries.indices { entries[node].isOutsideParallel = outside[node] && !inside[node] }
  }
}
