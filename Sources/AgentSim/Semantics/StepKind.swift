/// The leaf step kinds a program runs: the closed set each of whose members has one definition
/// (``LLMSemantics``, ``ToolSemantics``, ``TransferSemantics``, ``SpeculativeSemantics``) that the
/// simulator, ``ZeroLoadAnalysis`` (`explain`) and ``LowerBound`` (sweep and optimize bounds) all
/// read.
///
/// `CaseIterable` so that tests over every kind cannot forget a new one.
public enum StepKind: String, CaseIterable, Hashable, Sendable {
  /// A model call (``LLMNode``).
  case llm
  /// A tool run (``ToolNode``).
  case tool
  /// An explicit transfer of bytes between sites (``TransferNode``).
  case transfer
  /// Speculative decoding across two sites (``SpeculativeNode``).
  case speculative
}

extension ProgramNode {
  /// The node's step kind, or nil for a composite node (sequence, parallel, branch, loop).
  public var stepKind: StepKind? {
    switch self {
    case .llm: return .llm
    case .tool: return .tool
    case .transfer: return .transfer
    case .speculative: return .speculative
    case .sequence, .parallel, .branch, .loop: return nil
    }
  }
}
