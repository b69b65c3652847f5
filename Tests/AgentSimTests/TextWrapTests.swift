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

  @Test("a key cut in its middle keeps its start and its field, within the width")
  func middleTruncationKeepsBothEnds() {
    let key = "sites.edge-datacenter.prefix_cache.ttl_s"
    for width in 6...key.count {
      let cut = TextLayout.truncateMiddle(key, to: width, ellipsis: "…")
      #expect(TextLayout.displayWidth(cut) <= width, "width \(width): \(cut)")
      if width < key.count {
        let parts = cut.split(separator: "…", omittingEmptySubsequences: false)
        #expect(parts.count == 2, "width \(width): \(cut)")
        #expect(key.hasPrefix(parts[0]) && key.hasSuffix(parts[1]), "width \(width): \(cut)")
        // Both ends get a fair share: neither is starved while the other is long.
        #expect(abs(parts[0].count - parts[1].count) <= 1, "width \(width): \(cut)")
      } else {
        #expect(cut == key)
      }
    }
    #expect(TextLayout.truncateMiddle(key, to: 28, ellipsis: "…") == "sites.edge-dat…x_cache.ttl_s")
  }

  @Test("a middle-truncating table column cuts keys in their middle")
  func tableColumnCutsMiddle() {
    var table = TextTable(columns: [
      TextTable.Column(title: "key", alignment: .left, maxWidth: 20, truncation: .middle),
      TextTable.Column(title: "by", alignment: .right),
    ])
    table.append(["sites.edge-datacenter.prefix_cache.ttl_s", "12 ms"])
    let lines = table.render(style: TerminalStyle(unicode: true, color: false))
    #expect(lines.last?.hasPrefix("  sites.edg") == true, "\(lines)")
    #expect(lines.last?.contains("ttl_s  12 ms") == true, "\(lines)")
  }
}
