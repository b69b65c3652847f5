/// Renders a `CallEstimate` (`agentsim estimate`) as a terminal table through `TextTable`, with
/// the durations, bytes, energy and money in the formats every other report uses.
public enum EstimateRenderer {
  /// The estimate: a header naming the model, precision, hardware, engine and call, then one row
  /// per figure, then whether the call fits.
  ///
  /// Without prompt or output tokens there is no call to total, so the total row is left out and
  /// a note says which options give one.
  ///
  /// - Parameters:
  ///   - estimate: The estimate.
  ///   - style: Unicode or ASCII, colour or not.
  /// - Returns: The lines, each ending in a newline.
  public static func renderTable(_ estimate: CallEstimate, style: TerminalStyle) -> String {
    let unicode = style.unicode
    func duration(_ milliseconds: Double) -> String {
      DisplayFormat.duration(milliseconds: milliseconds, unicode: unicode)
    }
    let times = style.unicode ? " × " : " x "
    let accelerators = estimate.accelerators == 1 ? "" : "\(times)\(estimate.accelerators)"
    let heading =
      "\(estimate.model) (\(estimate.precision.rawValue)) on \(estimate.hardware)\(accelerators)"
      + " \(estimate.backend.rawValue), \(estimate.engine), KV \(estimate.kvPrecision.rawValue)"
    var lines = TextLayout.wrap(
      TextLayout.sanitize(heading, unicode: unicode), width: TextLayout.terminalWidth,
      indent: "  ", ellipsis: style.ellipsis)
    lines.append(
      "batch \(DisplayFormat.grouped(estimate.batch)), context "
        + "\(DisplayFormat.grouped(estimate.contextTokens)), prompt "
        + "\(DisplayFormat.grouped(estimate.promptTokens)), output "
        + "\(DisplayFormat.grouped(estimate.outputTokens)) tokens")
    lines.append("")

    var table = TextTable(columns: [
      TextTable.Column(title: "Estimate", alignment: .left),
      TextTable.Column(title: "", alignment: .right),
      TextTable.Column(title: "", alignment: .left, canShrink: false),
    ])
    func row(_ label: String, _ value: String, _ note: String = "") {
      table.append([
        TextTable.Cell(label), TextTable.Cell(value, tone: .bold), TextTable.Cell(note),
      ])
    }
    let firstStep =
      estimate.promptTokens > 0 ? estimate.prefillMilliseconds : estimate.decodeStepMilliseconds
    if let bound = estimate.bound.prefill {
      row("prefill", duration(estimate.prefillMilliseconds), "\(bound.rawValue)-bound")
    } else {
      row("prefill", "-", "no prompt tokens")
    }
    row("request overhead", duration(estimate.ttftMilliseconds - firstStep), "once, in TTFT")
    row(
      "decode step", duration(estimate.decodeStepMilliseconds),
      "\(estimate.bound.decode.rawValue)-bound")
    row("time to first token", duration(estimate.ttftMilliseconds))
    let hasCall = estimate.promptTokens > 0 || estimate.outputTokens > 0
    if hasCall {
      row("total", duration(estimate.totalMilliseconds))
    }
    row(
      "tokens per second", DisplayFormat.significant(estimate.tokensPerSecond, 3),
      "batch / step")
    row(
      "memory required",
      DisplayFormat.fixed(estimate.memoryRequiredGigabytes, fractionDigits: 1) + " GB",
      "of " + DisplayFormat.fixed(estimate.memoryAvailableGigabytes, fractionDigits: 1)
        + " GB usable")
    row(
      "KV cache per token", DisplayFormat.grouped(estimate.kvBytesPerToken) + " B",
      "room for \(DisplayFormat.grouped(max(0, estimate.kvCapacityTokens))) tokens")
    row("energy per token", DisplayFormat.joules(estimate.joulesPerToken))
    if let cost = estimate.costPerCallDollars, hasCall {
      row("cost per call", DisplayFormat.dollars(cost))
    }
    lines += table.render(style: style).dropFirst()
    lines.append("")
    if !hasCall {
      lines += TextLayout.wrap(
        "no call to total: give --prompt-tokens or --output-tokens for the total time and cost",
        width: TextLayout.terminalWidth, indent: "  ", ellipsis: style.ellipsis)
    }
    if let problem = estimate.fitProblem {
      lines += TextLayout.wrap(
        TextLayout.sanitize(
          "does not fit: " + (unicode ? problem : TextLayout.asciiTransliteration(problem)),
          unicode: unicode),
        width: TextLayout.terminalWidth, indent: "  ", ellipsis: style.ellipsis)
    } else {
      lines.append("fits")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
