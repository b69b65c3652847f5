/// How the sweep table shows a point's placement: one column per step whose site varies, a letter
/// per site (`e` edge, `r` region), one column per `--vary` key with its value, and a legend.
///
/// Column titles are the step names and keys when the table still fits the terminal, else step
/// numbers (`1 2 3`) and the keys' last components, spelled out in the legend.
struct PlacementCodes {
  /// The steps whose site varies, in workflow order.
  let steps: [PlaceableStep]
  /// The `--vary` keys, in axis order.
  let keys: [String]
  /// Site → its letter.
  let letters: [String: Character]
  let style: TerminalStyle

  init(report: SweepReport, style: TerminalStyle) {
    self.style = style
    steps = report.sweep.steps.filter { $0.candidates.count > 1 }
    keys = report.sweep.grid.axes.map(\.key)
    var sites: [String] = []
    for step in steps {
      for site in step.candidates where !sites.contains(site) { sites.append(site) }
    }
    var chosen: [String: Character] = [:]
    var used = Set<Character>()
    for site in sites {
      let letter =
        site.lowercased().first { $0.isASCII && $0.isLetter && !used.contains($0) }
        ?? "123456789abcdefghijklmnopqrstuvwxyz".first { !used.contains($0) } ?? "?"
      chosen[site] = letter
      used.insert(letter)
    }
    letters = chosen
  }

  /// The placement columns' titles: step names and full keys, or numbers and short keys.
  func titles(isCompact: Bool) -> [String] {
    let stepTitles =
      isCompact ? steps.indices.map { String($0 + 1) } : steps.map(\.name)
    let keyTitles = isCompact ? keys.map(Self.shortKey) : keys
    return (stepTitles + keyTitles).map { TextLayout.sanitize($0, unicode: style.unicode) }
  }

  /// The placement columns' cells for one point: a site letter per step, a value per key.
  func cells(for point: SweepPointResult) -> [String] {
    let sites = steps.map { step in
      point.placement[step.name].flatMap { letters[$0] }.map(String.init) ?? "?"
    }
    let values = keys.indices.map { index -> String in
      guard index < point.parameters.count else { return "?" }
      let setting = point.parameters[index]
      return setting.firstIndex(of: "=").map { String(setting[setting.index(after: $0)...]) }
        ?? setting
    }
    return (sites + values).map { TextLayout.sanitize($0, unicode: style.unicode) }
  }

  /// Lines explaining the letters (and the numbers and short keys when compact).
  func legend(isCompact: Bool) -> [String] {
    var parts: [String] = []
    if !letters.isEmpty {
      let key = letters.sorted { $0.value < $1.value }.map { "\($0.value) \($0.key)" }
        .joined(separator: ", ")
      parts.append("Sites: \(key).")
    }
    if isCompact, !steps.isEmpty {
      parts.append(
        "Steps: "
          + steps.enumerated().map { "\($0.offset + 1) \($0.element.name)" }
          .joined(separator: ", ") + ".")
    }
    if isCompact {
      for key in keys where Self.shortKey(key) != key {
        parts.append("\(Self.shortKey(key)) is \(key).")
      }
    }
    guard !parts.isEmpty else { return [] }
    return TextLayout.wrap(
      TextLayout.sanitize(parts.joined(separator: " "), unicode: style.unicode),
      width: TextLayout.terminalWidth, indent: "  ", ellipsis: style.ellipsis)
  }

  /// A key's last component: `links[0].rtt_median_ms` → `rtt_median_ms`.
  static func shortKey(_ key: String) -> String {
    key.split(separator: ".").last.map(String.init) ?? key
  }
}
