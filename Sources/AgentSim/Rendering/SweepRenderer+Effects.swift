extension SweepRenderer {
  /// Factors shown in the terminal's "what moves" table (all of them are in the HTML page).
  static let effectRows = 10

  /// The objective's value in its unit: a duration, dollars or joules.
  static func objectiveText(
    _ value: Double, _ objective: SweepObjective, style: TerminalStyle
  ) -> String {
    switch objective {
    case .mean, .p50, .p99, .ttft:
      DisplayFormat.duration(milliseconds: value, unicode: style.unicode)
    case .cost: DisplayFormat.dollars(value)
    case .energy: joules(value)
    }
  }

  /// A factor's name as the reader knows it: the step's, or the `--vary` key.
  static func factorName(_ factor: SweepMainEffect.Factor) -> String {
    switch factor {
    case .step(let name), .parameter(let name): name
    }
  }

  /// "answer's site moves p99 by 1.90 s; classify's by 12.0 ms; …" for the largest effects.
  static func effectSentence(
    _ effects: [SweepMainEffect], objective: SweepObjective, style: TerminalStyle
  ) -> String? {
    guard let first = effects.first else { return nil }
    func subject(_ effect: SweepMainEffect, isFirst: Bool) -> String {
      switch effect.factor {
      case .step(let name): "\(name)'s" + (isFirst ? " site" : "")
      case .parameter(let key): isFirst ? key : "\(key)"
      }
    }
    var clauses = [
      "\(subject(first, isFirst: true)) moves \(objective.rawValue) by "
        + objectiveText(first.effect, objective, style: style)
    ]
    for effect in effects.dropFirst().prefix(2) {
      clauses.append(
        "\(subject(effect, isFirst: false)) by "
          + objectiveText(effect.effect, objective, style: style))
    }
    return clauses.joined(separator: "; ") + "."
  }

  /// The "what moves the objective" block: one row per factor, largest effect first.
  static func effectLines(_ report: SweepReport, style: TerminalStyle) -> [String] {
    let effects = report.mainEffects()
    let objective = report.sweep.settings.objective
    guard !effects.isEmpty else { return [] }
    var table = TextTable(columns: [
      TextTable.Column(
        title: "What moves \(objective.rawValue)", alignment: .left, maxWidth: 28,
        truncation: .middle),
      TextTable.Column(title: "by", alignment: .right),
      TextTable.Column(title: "best", alignment: .left, maxWidth: 12),
      TextTable.Column(title: "worst", alignment: .left, maxWidth: 12),
      TextTable.Column(title: "spread over the rest", alignment: .left, canShrink: false),
    ])
    for effect in effects.prefix(effectRows) {
      var spread = style.notApplicable
      if let low = effect.smallestPairedChange, let high = effect.largestPairedChange {
        spread =
          low == high
          ? objectiveText(low, objective, style: style)
          : objectiveText(low, objective, style: style) + style.rangeDash
            + objectiveText(high, objective, style: style)
      }
      table.append([
        TextTable.Cell(TextLayout.sanitize(factorName(effect.factor), unicode: style.unicode)),
        TextTable.Cell(objectiveText(effect.effect, objective, style: style), tone: .bold),
        TextTable.Cell(TextLayout.sanitize(effect.best, unicode: style.unicode)),
        TextTable.Cell(TextLayout.sanitize(effect.worst, unicode: style.unicode)),
        TextTable.Cell(spread),
      ])
    }
    var lines = table.render(style: style)
    if effects.count > effectRows {
      lines.append("  \(style.ellipsis) \(effects.count - effectRows) more in report.html")
    }
    let note =
      "by: the worst level's mean \(objective.rawValue) minus the best's, all else averaged "
      + "over the sweep; spread: the same change at each setting of the other factors."
    lines += TextLayout.wrap(
      TextLayout.sanitize(note, unicode: style.unicode), width: TextLayout.terminalWidth - 2,
      indent: "", ellipsis: style.ellipsis
    ).map { style.paint("  " + $0, .dim) }
    if let sentence = effectSentence(effects, objective: objective, style: style) {
      lines += TextLayout.wrap(
        TextLayout.sanitize(sentence, unicode: style.unicode), width: TextLayout.terminalWidth,
        indent: "  ", ellipsis: style.ellipsis)
    }
    return lines
  }

  /// The note under the recommendation when its cost is within noise of other candidates.
  static func costTieLines(_ report: SweepReport, style: TerminalStyle) -> [String] {
    let tied = report.pointsWithinCostNoise()
    guard !tied.isEmpty else { return [] }
    let listed = tied.prefix(3).map { "#\($0)" }.joined(separator: ", ")
    let more = tied.count > 3 ? " and \(tied.count - 3) more" : ""
    let text =
      "Within noise: the cost of \(listed)\(more) differs from the recommendation's by less "
      + "than the run-to-run noise; choose among them by latency or energy, or rerun with more "
      + "sessions to separate them."
    return TextLayout.wrap(
      TextLayout.sanitize(text, unicode: style.unicode), width: TextLayout.terminalWidth,
      indent: "  ", ellipsis: style.ellipsis)
  }
}
