import Foundation

extension SVGChart {
  /// A sweep's points by p99 latency (log scale) and cost per session: every ranked point, those
  /// that meet the budget in green, the Pareto front larger and joined in order of p99, the
  /// recommended point ringed, and the p99 budget as a dashed line. Tooltips name each point.
  ///
  /// - Parameter report: The sweep's report.
  /// - Returns: The chart.
  /// - Complexity: O(points).
  public static func pareto(for report: SweepReport) -> SVGChart {
    var chart = SVGChart(
      width: 720, height: 300,
      title: "Points of the sweep by p99 latency and cost per session, Pareto front highlighted")
    let area = PlotArea()
    let ranked = report.points.filter { $0.isRanked && $0.metrics != nil }
    let latencies = ranked.compactMap { $0.metrics?.p99Milliseconds }.filter { $0 > 0 }
    guard let low = latencies.min(), let high = latencies.max() else {
      chart.addText("no simulated points", x: 360, y: 150, anchor: .middle)
      return chart
    }
    let axis = LogAxis(lower: low / 1.2, upper: max(high * 1.2, low * 1.5))
    let maximumCost = max(ranked.compactMap { $0.metrics?.costDollars }.max() ?? 0, 1e-9) * 1.1
    func y(_ cost: Double) -> Double { area.bottom - cost / maximumCost * area.height }
    chart.addLine(
      x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: "currentColor")
    chart.addLine(
      x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, stroke: "currentColor")
    for tick in axis.ticks {
      let x = axis.position(tick, in: area)
      chart.addLine(x1: x, y1: area.bottom, x2: x, y2: area.bottom + 4, stroke: "currentColor")
      chart.addText(
        DisplayFormat.duration(milliseconds: tick, trimsTrailingZeros: true), x: x,
        y: area.bottom + 16, anchor: .middle, size: 10)
    }
    for step in 0...4 {
      let cost = maximumCost * Double(step) / 4
      chart.addText(
        DisplayFormat.dollars(cost), x: area.left - 6, y: y(cost) + 3, anchor: .end, size: 10)
    }
    chart.addText("p99 latency", x: (area.left + area.right) / 2, y: 290, anchor: .middle)
    chart.addText("cost per session", x: area.left, y: area.top - 12, anchor: .start)
    if let target = report.points.first(where: { $0.budget.p99Milliseconds != nil })?.budget
      .p99Milliseconds, target > axis.lower, target < axis.upper
    {
      let x = axis.position(target, in: area)
      chart.addLine(
        x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: "#2e7d32", isDashed: true)
      chart.addText(
        "budget p99 \(DisplayFormat.duration(milliseconds: target, trimsTrailingZeros: true))",
        x: x + 4, y: area.top + 10, size: 10, fill: "#2e7d32")
    }
    func tooltip(_ point: SweepPointResult) -> String {
      guard let metrics = point.metrics else { return "#\(point.index)" }
      let placement = report.sweep.steps.map { "\($0.name)=\(point.placement[$0.name] ?? "?")" }
      return "#\(point.index) rank \(point.rank ?? 0): p99 "
        + DisplayFormat.duration(milliseconds: metrics.p99Milliseconds) + ", "
        + DisplayFormat.dollars(metrics.costDollars) + ", "
        + DisplayFormat.significant(metrics.energyJoules, 3) + " J; "
        + (point.parameters + placement).joined(separator: " ")
    }
    for point in ranked where point.isOnFront != true {
      guard let metrics = point.metrics else { continue }
      chart.addCircle(
        x: axis.position(metrics.p99Milliseconds, in: area), y: y(metrics.costDollars),
        radius: 2, fill: metrics.meetsBudget ? "#59a14f99" : "#9ca3af99", tooltip: tooltip(point))
    }
    let front = ranked.filter { $0.isOnFront == true }.sorted {
      ($0.metrics?.p99Milliseconds ?? 0, $0.index) < ($1.metrics?.p99Milliseconds ?? 0, $1.index)
    }
    chart.addPolyline(
      points: front.compactMap { point in
        point.metrics.map {
          (axis.position($0.p99Milliseconds, in: area), y($0.costDollars))
        }
      }, stroke: "#4e79a7", strokeWidth: 1.5)
    for point in front {
      guard let metrics = point.metrics else { continue }
      let x = axis.position(metrics.p99Milliseconds, in: area)
      if point.index == report.recommended {
        chart.addCircle(x: x, y: y(metrics.costDollars), radius: 8, fill: "#f28e2b")
      }
      chart.addCircle(
        x: x, y: y(metrics.costDollars), radius: 4.5, fill: "#4e79a7", tooltip: tooltip(point))
    }
    return chart
  }
}

extension SVGChart.LogAxis {
  init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }
}
