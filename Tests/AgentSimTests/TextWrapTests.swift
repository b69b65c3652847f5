import Testing

@testable import AgentSim

/// Wrapping keeps a number and its unit on one line.
@Suite("Text wrapping")
struct TextWrapTests {
  @Test("a unit stays on the line of its number, at every width")
  func unitStaysWithNumber() {
    let sentence =
      "time to first token p99 315 ms meets the 320 ms budget with 5.00 ms to spare; "
      + "device energy 1.54 J, 77% of the tail"
    for width in 12...60 {
      let lines = TextLayout.wrap(sentence, width: width, indent: "  ", ellipsis: "…")
      for line in lines {
        // A bare number ("320", "5.00") ending a line means its unit went to the next one.
        let last = line.split(separator: " ").last ?? ""
        let isBareNumber = !last.isEmpty && last.allSatisfy { $0.isNumber || $0 == "." }
        #expect(!isBareNumber, "width \(width): \(lines)")
      }
      // Nothing is lost or reordered.
      #expect(
        lines.joined(separator: " ").split(separator: " ") == sentence.split(separator: " "),
        "width \(width)")
    }
  }
}
