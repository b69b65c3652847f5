import AgentSim
import Testing

@Suite("Terminal style")
struct TerminalStyleTests {
  @Test(
    "colour needs a terminal and no NO_COLOR; Unicode needs a UTF-8 locale and no AGENTSIM_ASCII",
    arguments: [
      (["LANG": "en_US.UTF-8"], true, TerminalStyle(unicode: true, color: true)),
      (["LANG": "en_US.UTF-8"], false, TerminalStyle(unicode: true, color: false)),
      (["LANG": "en_US.UTF-8", "NO_COLOR": "1"], true, TerminalStyle(unicode: true, color: false)),
      (["LANG": "en_US.UTF-8", "NO_COLOR": ""], true, TerminalStyle(unicode: true, color: true)),
      (["LANG": "C.utf8"], true, TerminalStyle(unicode: true, color: true)),
      (["LANG": "C"], true, TerminalStyle(unicode: false, color: true)),
      ([:], true, TerminalStyle(unicode: false, color: true)),
      (["LANG": "en_US.UTF-8", "LC_ALL": "C"], true, TerminalStyle(unicode: false, color: true)),
      (["LANG": "C", "LC_ALL": "de_DE.UTF-8"], true, TerminalStyle(unicode: true, color: true)),
      (["LANG": "en_US.UTF-8", "LC_ALL": ""], true, TerminalStyle(unicode: true, color: true)),
      (
        ["LANG": "en_US.UTF-8", "AGENTSIM_ASCII": "1"], true,
        TerminalStyle(unicode: false, color: true)
      ),
      (
        ["LANG": "en_US.UTF-8", "AGENTSIM_ASCII": "0"], true,
        TerminalStyle(unicode: true, color: true)
      ),
    ] as [([String: String], Bool, TerminalStyle)])
  func detect(environment: [String: String], isTerminal: Bool, expected: TerminalStyle) {
    #expect(TerminalStyle.detect(environment: environment, isTerminal: isTerminal) == expected)
  }
}

@Suite("Display formats")
struct DisplayFormatTests {
  @Test(
    "durations pick the unit that reads best",
    arguments: [
      (820.0, "820 ms"), (1840.0, "1.84 s"), (0.075, "75.0 µs"), (999.7, "1.00 s"),
      (9.996, "10.0 ms"), (12.34, "12.3 ms"), (0, "0 ms"), (2_113_400, "35.2 min"),
      (0.0004, "400 ns"), (7_200_000, "2.00 h"),
    ])
  func duration(milliseconds: Double, expected: String) {
    #expect(DisplayFormat.duration(milliseconds: milliseconds) == expected)
  }

  @Test("targets drop trailing zeros; ASCII writes us")
  func durationOptions() {
    #expect(DisplayFormat.duration(milliseconds: 1000, trimsTrailingZeros: true) == "1 s")
    #expect(DisplayFormat.duration(milliseconds: 1500, trimsTrailingZeros: true) == "1.5 s")
    #expect(DisplayFormat.duration(milliseconds: 0.075, unicode: false) == "75.0 us")
  }

  @Test(
    "money keeps tiny amounts apart",
    arguments: [
      (0.00031, "$0.00031"), (0.000_312_7, "$0.000313"), (0.5, "$0.50"), (1234.5, "$1,234.50"),
      (0, "$0"), (0.42, "$0.42"),
    ])
  func dollars(amount: Double, expected: String) {
    #expect(DisplayFormat.dollars(amount) == expected)
  }

  @Test("fixed and grouped numbers ignore the locale")
  func numbers() {
    #expect(DisplayFormat.fixed(1234.5678, fractionDigits: 2) == "1234.57")
    #expect(DisplayFormat.fixed(-0.0001, fractionDigits: 2) == "0.00")
    #expect(DisplayFormat.fixed(0.05, fractionDigits: 3) == "0.050")
    #expect(DisplayFormat.fixed(-2.5, fractionDigits: 0) == "-3")
    #expect(DisplayFormat.fixed(.nan, fractionDigits: 2) == "n/a")
    #expect(DisplayFormat.grouped(1_234_567) == "1,234,567")
    #expect(DisplayFormat.grouped(-1234) == "-1,234")
    #expect(DisplayFormat.grouped(999) == "999")
    #expect(DisplayFormat.significant(0.000312, 2) == "0.00031")
    #expect(DisplayFormat.significant(2.5, 3) == "2.50")
    #expect(DisplayFormat.percent(0.1234) == "12.3%")
  }

  @Test("no inf, nan or hundreds of digits for absurd numbers (issue 12)")
  func absurdNumbers() {
    #expect(DisplayFormat.dollars(.infinity) == "n/a")
    #expect(DisplayFormat.duration(milliseconds: -.infinity) == "n/a")
    #expect(DisplayFormat.grouped(Double.nan) == "n/a")
    #expect(DisplayFormat.fixed(1e300, fractionDigits: 1) == "1.00e+300")
    #expect(DisplayFormat.grouped(-1.5e20) == "-1.50e+20")
    #expect(DisplayFormat.dollars(1e300).count < 20)
    #expect(DisplayFormat.duration(milliseconds: 1e300).count < 20)
  }
}
