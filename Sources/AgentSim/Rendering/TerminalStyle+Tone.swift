extension TerminalStyle {
  /// The emphasis a piece of text carries; rendered as ANSI SGR codes only when `color` is on.
  enum Tone: Sendable {
    case bold
    case dim
    case red
    case green
    case yellow
    case boldRed
    case boldGreen

    var code: String {
      switch self {
      case .bold: "1"
      case .dim: "2"
      case .red: "31"
      case .green: "32"
      case .yellow: "33"
      case .boldRed: "1;31"
      case .boldGreen: "1;32"
      }
    }
  }

  /// `text` wrapped in the tone's escape codes, or unchanged when colour is off or `text` is empty.
  func paint(_ text: String, _ tone: Tone?) -> String {
    guard color, let tone, !text.isEmpty else { return text }
    return "\u{1B}[\(tone.code)m\(text)\u{1B}[0m"
  }

  /// The tone for a verdict: green when it holds, red when it does not.
  func verdictTone(isMet: Bool) -> Tone { isMet ? .green : .red }
}
