/// The program laid out for the simulator's hot loop: one small, payload-free entry per node, and
/// each kind's payloads in their own array.
///
/// Switching over `ProgramNode` binds its payload, which copies the structs and retains every
/// distribution inside them on every event; here the switch is over a one-byte tag and payloads are
/// read in place.
struct CompiledProgram {
  enum Kind: UInt8 {
    case llm, tool, transfer, speculative, sequence, parallel, branch, loop
  }

  struct Entry {
    var kind: Kind
    /// Payload index (leaves), first child offset (sequence, parallel), first target (branch), or
    /// body node (loop).
    var index: Int32
    /// Children or targets.
    var count: Int32
    /// Parallel: join count. Loop: fixed count, or maximum runs when `probability` is set.
    var parameter: Int32
    /// Loop: repeat probability, or a negative value for a fixed count.
    var probability: Double
  }

  var entries: ContiguousArray<Entry> = []
  var children: ContiguousArray<Int32> = []
  var targets: ContiguousArray<BranchTarget> = []
  var llms: ContiguousArray<LLMNode> = []
  var tools: ContiguousArray<ToolNode> = []
  var transfers: ContiguousArray<TransferNode> = []
  var speculatives: ContiguousArray<SpeculativeNode> = []

  init(_ program: Program) {
    for node in program.nodes {
      var entry = Entry(kind: .sequence, index: 0, count: 0, parameter: 0, probability: -1)
      switch node {
      case .llm(let call):
        entry.kind = .llm
        entry.index = Int32(llms.count)
        llms.append(call)
      case .tool(let tool):
        entry.kind = .tool
        entry.index = Int32(tools.count)
        tools.append(tool)
      case .transfer(let transfer):
        entry.kind = .transfer
        entry.index = Int32(transfers.count)
        transfers.append(transfer)
      case .speculative(let speculative):
        entry.kind = .speculative
        entry.index = Int32(speculatives.count)
        speculatives.append(speculative)
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
        }
      }
      entries.append(entry)
    }
  }
}
