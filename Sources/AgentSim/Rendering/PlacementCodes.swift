/// How the sweep table names a point's placement: `plan=edge code=region` when that is short for
/// every shown point, else one letter per varied step (`derr`) with a legend.
struct PlacementCodes {
  let steps: [PlaceableStep]
  let letters: [String: Character]?
  let style: TerminalStyle
  let hasParameters: Bool

  init(report: SweepReport, style: TerminalStyle) {
    self.style = style
    let varied = report.sweep.steps.filter { $0.candidates.count > 1 }
    steps = varied
    hasParameters = !report.sweep.grid.axes.isEmpty
    let long = varied.map { "\($0.name)=\($0.candidates.max { $0.count < $1.count } ?? "")" }
      .joined(separator: " ")
    guard long.count > 28 else {
      letters = nil
      return
    }
    var sites: [String] = []
    for step in varied {
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

  /// The point's placement (and parameter values) as the table shows it.
  func code(for point: SweepPointResult) -> String {
    var text: String
    if let letters {
      text = String(steps.map { step in point.placement[step.name].flatMap { letters[$0] } ?? "?" })
    } else {
      text = steps.map { "\($0.name)=\(point.placement[$0.name] ?? "?")" }.joined(separator: " ")
    }
    if hasParameters {
      let values = point.parameters.map { setting in
        setting.firstIndex(of: "=").map { String(setting[setting.index(after: $0)...]) } ?? setting
      }
      text += (text.isEmpty ? "" : " ") + values.joined(separator: ",")
    }
    return TextLayout.sanitize(text, unicode: style.unicode)
  }

  /// Lines explaining the letters, when letters are used.
  var legend: [String]? {
    guard let letters else { return nil }
    let key = letters.sorted { $0.value < $1.value }.map { "\($0.value) \($0.key)" }
      .joined(separator: ", ")
    let text =
      "Placement letters, one per step (\(steps.map(\.name).joined(separator: " "))): \(key)"
    return TextLayout.wrap(
      TextLayout.sanitize(text, unicode: style.unicode), width: TextLayout.terminalWidth,
      indent: "  ", ellipsis: style.ellipsis)
  }
}
