/// The leaf node of every step id of a program (each step compiles to one leaf).
struct StepLeaves {
  var nodes: [Int?]

  init(program: Program) {
    nodes = Array(repeating: nil, count: program.stepNames.count)
    for (index, node) in program.nodes.enumerated() {
      switch node {
      case .llm(let call): nodes[call.step] = index
      case .tool(let tool): nodes[tool.step] = index
      case .transfer(let transfer): nodes[transfer.step] = index
      case .speculative(let speculative): nodes[speculative.step] = index
      default: continue
      }
    }
  }
}
