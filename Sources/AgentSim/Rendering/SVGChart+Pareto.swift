import Foundation

extension SVGChart {
  /// Colours of the sweep chart, shared with the HTML page's legend.
  enum ParetoPalette {
    static let misses = "#9ca3af"
    static let meets = "#59a14f"
    static let front = "#4e79a7"
    static let recommended = "#f28e2b"
    static let budget = "#2e7d32"
  }

  /// A sweep's points by p99 latency (log scale) and cost per session (linear, over the range the
  /// points span): every ranked point small and translucent (green when it meets the budget, grey
  /// otherwise), the Pareto front as larger blue points joined by a line in order of p99, the
  /// recommended point ringed and labelled, the p99 budget as a dashed line, and a legend. Every
  /// point's details (number, rank, p99, cost, energy, placement, `--vary` setting) show on hover
  /// through its `<title>`. Readable at thousands of points: the dots overlap into density.
  ///
  /// - Parameter report: The sweep's report.
  /// - Returns: The chart.
  /// - Complexity: O(points).
  public static func pareto(for report: SweepReport) -> SVGChart {
    var chart = SVGChart(
      width: 760, height: 420,
      title: "Points of the sweep by p99 latency and cost per session, Pareto front highlighted")
    let area = PlotArea(left: 84, right: 740, top: 64, bottom: 360)
    let ranked = report.points.filter { $0.isRanked && $0.metrics != nil }
    let latencies = ranked.compactMap { $0.metrics?.p99Milliseconds }.filter { $0 > 0 }
    let costs = ranked.compactMap { $0.metrics?.costDollars }
    guard let low = latencies.min(), let high = latencies.max(), let cheapest = costs.min(),
      let dearest = costs.max()
    else {
      chart.addText("no simulated points", x: 380, y: 210, anchor: .middle)
      return chart
    }
    // A tenth of a decade of margin either side keeps the extreme points off the axes.
    let axis = LogAxis(lower: low / 1.25, upper: max(high * 1.25, low * 1.6))
    let costAxis = LinearAxis(covering: cheapest, dearest)
    func y(_ cost: Double) -> Double {
      area.bottom - (cost - costAxis.lower) / (costAxis.upper - costAxis.lower) * area.height
    }
    chart.addLine(
      x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: "currentColor")
    chart.addLine(
      x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, stroke: "currentColor")
    for tick in axis.readableTicks(in: area) {
      let x = axis.position(tick, in: area)
      chart.addLine(x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: "#8883")
      chart.addLine(x1: x, y1: area.bottom, x2: x, y2: area.bottom + 4, stroke: "currentColor")
      chart.addText(
        DisplayFormat.duration(milliseconds: tick, trimsTrailingZeros: true), x: x,
        y: area.bottom + 18, anchor: .middle, size: 11)
    }
    for tick in costAxis.ticks {
      chart.addLine(x1: area.left, y1: y(tick), x2: area.right, y2: y(tick), stroke: "#8883")
      chart.addText(
        DisplayFormat.dollars(tick), x: area.left - 6, y: y(tick) + 4, anchor: .end, size: 11)
    }
    chart.addText(
      "p99 latency (log scale)", x: (area.left + area.right) / 2, y: area.bottom + 44,
      anchor: .middle)
    chart.addText("cost per session", x: area.left - 70, y: area.top - 14, anchor: .start)
    if let target = report.points.first(where: { $0.budget.p99Milliseconds != nil })?.budget
      .p99Milliseconds, target > axis.lower, target < axis.upper
    {
      let x = axis.position(target, in: area)
      chart.addLine(
        x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: ParetoPalette.budget,
        strokeWidth: 1.5, isDashed: true)
      chart.addText(
        "budget p99 \(DisplayFormat.duration(milliseconds: target, trimsTrailingZeros: true))",
        x: x + 4, y: area.bottom - 6, size: 11, fill: ParetoPalette.budget)
    }
    func tooltip(_ point: SweepPointResult) -> String {
      guard let metrics = point.metrics else { return "#\(point.index)" }
      let placement = report.sweep.steps.map { "\($0.name)=\(point.placement[$0.name] ?? "?")" }
      return "#\(point.index) rank \(point.rank ?? 0): p99 "
        + DisplayFormat.duration(milliseconds: metrics.p99Milliseconds) + ", "
        + DisplayFormat.dollars(metrics.costDollars) + ", "
        + DisplayFormat.joules(metrics.energyJoules) + ", "
        + (metrics.meetsBudget ? "meets the budget" : "misses the budget") + "; "
        + (point.parameters + placement).joined(separator: " ")
    }
    // Small translucent dots: where thousands overlap, the colour deepens into density.
    let radius = ranked.count > 1_000 ? 1.8 : ranked.count > 100 ? 2.5 : 3.5
    for point in ranked where point.isOnFront != true {
      guard let metrics = point.metrics else { continue }
      chart.addCircle(
        x: axis.position(metrics.p99Milliseconds, in: area), y: y(metrics.costDollars),
        radius: radius,
        fill: (metrics.meetsBudget ? ParetoPalette.meets : ParetoPalette.misses) + "99",
        tooltip: tooltip(point))
    }
    let front = ranked.filter { $0.isOnFront == true }.sorted {
      ($0.metrics?.p99Milliseconds ?? 0, $0.index) < ($1.metrics?.p99Milliseconds ?? 0, $1.index)
    }
    chart.addPolyline(
      points: front.compactMap { point in
        point.metrics.map {
          (axis.position($0.p99Milliseconds, in: area), y($0.costDollars))
        }
      }, stroke: ParetoPalette.front, strokeWidth: 1.5)
    for point in front {
      guard let metrics = point.metrics else { continue }
      chart.addCircle(
        x: axis.position(metrics.p99Milliseconds, in: area), y: y(metrics.costDollars),
        radius: 4.5, fill: ParetoPalette.front, tooltip: tooltip(point))
    }
    if let recommended = report.recommended,
      let point = ranked.first(where: { $0.index == recommended }), let metrics = point.metrics
    {
      let x = axis.position(metrics.p99Milliseconds, in: area)
      chart.addRing(
        x: x, y: y(metrics.costDollars), radius: 9, stroke: ParetoPalette.recommended,
        strokeWidth: 2.5)
      // Right of the ring unless the label would run off the plot; a halo in the page's
      // background colour keeps it legible over points and gridlines.
      let label = "recommended #\(point.index)"
      let fitsRight = x + 12 + legendTextWidth(label, size: 11) <= area.right
      chart.addText(
        label, x: fitsRight ? x + 12 : x - 12, y: y(metrics.costDollars) - 10,
        anchor: fitsRight ? .start : .end, size: 11, fill: ParetoPalette.recommended,
        hasHalo: true)
    }
    addParetoLegend(to: &chart, x: 16, y: 24)
    return chart
  }

  /// The chart's legend in one row: misses, meets, front, recommended, budget.
  ///
  /// Each item is its symbol (at most 18 px wide), 6 px, its label, then 16 px before the next
  /// symbol; the row fits the chart's 760 px from x = 16; labels are measured (`legendTextWidth`), not given fixed slots, so no symbol
  /// touches a label.
  private static func addParetoLegend(to chart: inout SVGChart, x: Double, y: Double) {
    var cursor = x
    func item(_ label: String, draw: (inout SVGChart, Double) -> Void) {
      draw(&chart, cursor)
      chart.addText(label, x: cursor + legendSymbolWidth + 6, y: y + 4, size: 12)
      cursor += legendSymbolWidth + 6 + legendTextWidth(label, size: 12) + 16
    }
    item("misses the budget") {
      $0.addCircle(x: $1 + 9, y: y, radius: 4, fill: ParetoPalette.misses)
    }
    item("meets the budget") {
      $0.addCircle(x: $1 + 9, y: y, radius: 4, fill: ParetoPalette.meets)
    }
    item("Pareto front") {
      $0.addLine(x1: $1, y1: y, x2: $1 + 18, y2: y, stroke: ParetoPalette.front)
      $0.addCircle(x: $1 + 9, y: y, radius: 4.5, fill: ParetoPalette.front)
    }
    item("recommended") {
      $0.addRing(x: $1 + 9, y: y, radius: 6, stroke: ParetoPalette.recommended, strokeWidth: 2.5)
    }
    item("p99 budget") {
      $0.addLine(
        x1: $1 + 9, y1: y - 7, x2: $1 + 9, y2: y + 7, stroke: ParetoPalette.budget,
        strokeWidth: 1.5, isDashed: true)
    }
  }

  /// The widest legend symbol, in pixels (the front's line; rings and dots are narrower).
  static let legendSymbolWidth = 18.0

  /// An estimate of a label's width in a system sans-serif: 0.56 em per character, a little wider
  /// than the average lower-case letter, so that measured gaps are never much smaller than planned.
  static func legendTextWidth(_ text: String, size: Double) -> Double {
    Double(text.count) * size * 0.56
  }
}

extension SVGChart.LogAxis {
  init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Ticks for an axis `area.width` pixels wide: the 1-2-5 ticks, and, when they are fewer than
  /// four (an axis under a decade or so, as a sweep's p99s often span), other 1…9 × 10ⁿ inside it
  /// (3 and 4 first) wherever one is at least 48 px from every tick kept, so labels never collide
  /// and the round values always stay.
  func readableTicks(in area: SVGChart.PlotArea) -> [Double] {
    let coarse = ticks
    guard coarse.count < 4, lower > 0, upper > lower else { return coarse }
    var kept = coarse
    for multiple in [3.0, 4.0, 6.0, 7.0, 8.0, 9.0] {
      var decade = pow(10, log10(lower).rounded(.down))
      while decade <= upper {
        let tick = decade * multiple
        let x = position(tick, in: area)
        if tick >= lower && tick <= upper
          && kept.allSatisfy({ abs(position($0, in: area) - x) >= 48 })
        {
          kept.append(tick)
        }
        decade *= 10
      }
    }
    return kept.sorted()
  }
}

extension SVGChart {
  /// A linear axis over the span of some data, with round ticks (1, 2 or 5 × a power of ten).
  /// The smallest 1-2-5 step (…, 0.5, 1, 2, 5, 10, …) at least `raw`; 1 for a non-positive or
  /// non-finite `raw`.
  static func roundStep(atLeast raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let decade = pow(10, log10(raw).rounded(.down))
    return [1.0, 2.0, 5.0, 10.0].map { $0 * decade }.first { $0 >= raw } ?? decade * 10
  }

  struct LinearAxis {
    var lower: Double
    var upper: Double
    var step: Double

    /// An axis covering `low…high` with a twentieth of the span as margin either side (a tenth
    /// of the value when the span is zero, so that a single value sits mid-axis).
    init(covering low: Double, _ high: Double) {
      let span = high - low
      let margin = span > 0 ? span / 20 : max(abs(low) / 10, 1e-9)
      lower = max(low - margin, low >= 0 ? 0 : -Double.infinity)
      upper = high + margin
      // About five ticks: the round step nearest a fifth of the span.
      step = SVGChart.roundStep(atLeast: (upper - lower) / 5)
    }

    /// The multiples of `step` inside the axis.
    var ticks: [Double] {
      var ticks: [Double] = []
      var tick = (lower / step).rounded(.up) * step
      while tick <= upper + step * 1e-9 {
        ticks.append(tick)
        tick += step
      }
      return ticks
    }
  }
}
