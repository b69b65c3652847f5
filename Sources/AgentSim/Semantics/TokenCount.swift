/// A number of tokens as an interpreter counts them: whole and capped in the simulator (`Int32`),
/// expected and fractional in the analyses (`Double`). The step kinds' conversation effects are
/// written once, generically over it, and specialised for each (same module, whole-module
/// optimisation: no witness tables on the hot path).
protocol TokenCount: AdditiveArithmetic {
  /// `a + b + c` as the interpreter accumulates a conversation: the simulator's counters stop at
  /// ``ConversationLimit/maximumTokens``; expectations add exactly.
  static func conversationSum(_ a: Self, _ b: Self, _ c: Self) -> Self
  /// The count as a real number, for bytes on the wire.
  var realValue: Double { get }
}

/// The bound on a simulated conversation's size.
enum ConversationLimit {
  /// The most tokens a conversation's context (cached or pending) holds in the simulator: it stops
  /// growing there rather than overflow its `Int32` counters in a long loop (three such sums
  /// still fit).
  static var maximumTokens: Int64 { 100_000_000 }
}

extension Int32: TokenCount {
  @inline(__always)
  static func conversationSum(_ a: Int32, _ b: Int32, _ c: Int32) -> Int32 {
    Int32(Swift.min(Int64(a) + Int64(b) + Int64(c), ConversationLimit.maximumTokens))
  }

  @inline(__always)
  var realValue: Double { Double(self) }
}

extension Double: TokenCount {
  @inline(__always)
  static func conversationSum(_ a: Double, _ b: Double, _ c: Double) -> Double { a + b + c }

  @inline(__always)
  var realValue: Double { self }
}
