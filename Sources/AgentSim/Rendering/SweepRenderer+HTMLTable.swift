extension SweepRenderer {
  /// Site colours and letters for the HTML point tables: a coloured chip per step.
  struct SiteChips {
    /// Colours for sites in the order they first appear (Tableau 10, readable on light and dark).
    static let palette = [
      "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f",
      "#ff9da7", "#bab0ac",
    ]

    let codes: PlacementCodes
    let colors: [String: String]

    init(report: SweepReport) {
      codes = PlacementCodes(report: report, style: .unicodePlain)
      var colors: [String: String] = [:]
      for (offset, site) in codes.letters.keys.sorted().enumerated() {
        colors[site] = Self.palette[offset % Self.palette.count]
      }
      self.colors = colors
    }

    /// One chip: the site's letter on its colour, the site's name on hover.
    func chip(_ site: String?) -> String {
      guard let site, let letter = codes.letters[site] else { return "?" }
      let escape = SVGChart.escape
      return "<span class=\"chip\" style=\"background:\(colors[site] ?? "#888")\" "
        + "title=\"\(escape(site))\">\(escape(String(letter)))</span>"
    }

    /// The legend: every site's chip and name.
    var legendHTML: String {
      guard !codes.letters.isEmpty else { return "" }
      let items = codes.letters.keys.sorted().map { site in
        "<span class=\"legend-item\">\(chip(site)) \(SVGChart.escape(site))</span>"
      }
      return "<p class=\"legend\">\(items.joined(separator: " "))</p>"
    }
  }

  /// A table of points: rank, number, figures, budget and front marks, a chip column per step
  /// whose site varies and a column per `--vary` key. One line per point (no wrapping).
  static func pointTableHTML(
    _ points: [SweepPointResult], report: SweepReport, chips: SiteChips
  ) -> String {
    let escape = SVGChart.escape
    let steps = chips.codes.steps
    let keys = chips.codes.keys
    var header = ["rank", "point", "p99", "mean", "cost", "energy", "budget", "front"]
      .map { "<th>\($0)</th>" }
    header += steps.map { "<th class=\"step\">\(escape($0.name))</th>" }
    header += keys.map { "<th>\(escape($0))</th>" }
    var rows: [String] = []
    for point in points {
      let metrics = point.metrics
      var texts: [String] = [point.rank.map(String.init) ?? "–", "#\(point.index)"]
      if let metrics {
        texts += [
          DisplayFormat.duration(milliseconds: metrics.p99Milliseconds),
          DisplayFormat.duration(milliseconds: metrics.meanMilliseconds),
          DisplayFormat.dollars(metrics.costDollars), joules(metrics.energyJoules),
          metrics.meetsBudget ? "✓" : "✗",
        ]
      } else {
        texts += Array(repeating: "–", count: 5)
      }
      texts.append(point.isOnFront == true ? "◆" : "")
      var cells = texts.map { "<td>\(escape($0))</td>" }
      cells += steps.map { "<td class=\"step\">\(chips.chip(point.placement[$0.name]))</td>" }
      cells += chips.codes.cells(for: point).suffix(keys.count).map { "<td>\(escape($0))</td>" }
      rows.append("<tr>\(cells.joined())</tr>")
    }
    return "<div class=\"scroll\"><table class=\"points\">\n<thead><tr>\(header.joined())</tr>"
      + "</thead>\n<tbody>\n\(rows.joined(separator: "\n"))\n</tbody>\n</table></div>"
  }

  /// Styles the sweep page adds to the report's: a wider page, chips, unwrapped tables.
  static let sweepStyle = """
    main { max-width: 1080px; }
    .scroll { overflow-x: auto; }
    table.points td, table.points th { white-space: nowrap; }
    th.step, td.step { text-align: center; padding: 0.2rem 0.3rem; }
    .chip { display: inline-block; min-width: 1.3em; border-radius: 4px; color: #fff;
      font-weight: 600; font-size: 0.8rem; text-align: center; line-height: 1.4; }
    .legend { font-size: 0.85rem; }
    .legend-item { margin-right: 1rem; white-space: nowrap; }
    """
}
