import Foundation

/// The figures of a study: a line chart per series and stacked attribution bars.
enum StudyCharts {
  /// Line colours (Tableau 10), in line order.
  static let palette = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
  ]

  /// One line per placement against the series' x; the budget of the metric (when the workflow
  /// has one) as a dashed line; points where a run went over capacity left out, with a note.
  static func lineChart(_ series: StudySpec.Series, _ lines: [[LatencyReport]]) -> SVGChart {
    var chart = SVGChart(width: 720, height: 340, title: series.title)
    let left = 76.0
    let right = 700.0
    let top = 66.0
    let bottom = 290.0
    chart.addText(series.title, x: 8, y: 22, size: 14)
    let values = lines.map { $0.map { series.metric.value(in: $0) } }
    let budget = lines.first?.first?.verdict.checks.first { $0.metric == series.metric.rawValue }?
      .targetMilliseconds
    let finite = values.joined().compactMap { $0 } + (budget.map { [$0] } ?? [])
    let largest = max(finite.max() ?? 1, Double.leastNonzeroMagnitude)
    let smallest = finite.filter { $0 > 0 }.min() ?? largest
    // Lines an order of magnitude apart would flatten the lower ones on a linear axis.
    let logY = largest / smallest >= 8
    let yStep = SVGChart.roundStep(atLeast: largest / 5)
    let yTop = logY ? pow(10, log10(largest).rounded(.up)) : (largest / yStep).rounded(.up) * yStep
    let yBottom = logY ? pow(10, log10(smallest).rounded(.down)) : 0
    func y(_ value: Double) -> Double {
      guard logY else { return bottom - value / yTop * (bottom - top) }
      let clamped = min(max(value, yBottom), yTop)
      return bottom - (log10(clamped) - log10(yBottom)) / (log10(yTop) - log10(yBottom))
        * (bottom - top)
    }
    let logX =
      (series.x.first ?? 0) > 0 && (series.x.last ?? 1) / (series.x.first ?? 1) >= 8
    func x(_ value: Double) -> Double {
      guard let first = series.x.first, let last = series.x.last, last > first else {
        return (left + right) / 2
      }
      let fraction =
        logX
        ? (log(value) - log(first)) / (log(last) - log(first)) : (value - first) / (last - first)
      return left + fraction * (right - left)
    }
    // Grid and axes: 1-2-5 ticks per decade on a log axis, even steps on a linear one.
    var ticks: [Double] = []
    if logY {
      // Durations tick at round times (1 s, 1 min, 1 h and their 2s and 5s), not at powers of
      // ten milliseconds, which read as 1.67 min and 2.78 h.
      var steps: [Double] = []
      if series.metric == .cost {
        for exponent in -6...6 {
          let decade = pow(10, Double(exponent))
          steps += [1 * decade, 2 * decade, 5 * decade]
        }
      } else {
        let milliseconds: [Double] = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]
        let seconds: [Double] = [1, 2, 5, 10, 20, 30]
        let minutes: [Double] = [1, 2, 5, 10, 20, 30]
        let hours: [Double] = [1, 2, 5, 10, 24, 48, 100, 200, 500]
        steps = milliseconds
        steps += seconds.map { $0 * 1_000 }
        steps += minutes.map { $0 * 60_000 }
        steps += hours.map { $0 * 3_600_000 }
      }
      ticks = steps.filter { $0 >= yBottom * 0.9999 && $0 <= yTop * 1.0001 }
    } else {
      var tick = 0.0
      while tick <= yTop + yStep / 2 {
        ticks.append(tick)
        tick += yStep
      }
    }
    for tick in ticks {
      chart.addLine(x1: left, y1: y(tick), x2: right, y2: y(tick), stroke: "#e0e0e0")
      chart.addText(label(tick, series.metric), x: left - 6, y: y(tick) + 4, anchor: .end, size: 10)
    }
    for value in series.x {
      chart.addLine(x1: x(value), y1: bottom, x2: x(value), y2: bottom + 4, stroke: "#888888")
      chart.addText(
        StudyValues.number(value), x: x(value), y: bottom + 16, anchor: .middle, size: 10)
    }
    chart.addLine(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#888888")
    chart.addText(
      series.xLabel + (logX ? " (log scale)" : ""), x: (left + right) / 2, y: bottom + 36,
      anchor: .middle, size: 11)
    chart.addText(
      series.metric.axisLabel + (logY ? " (log scale)" : ""), x: 8, y: top - 10, size: 11)
    if let budget {
      chart.addLine(
        x1: left, y1: y(budget), x2: right, y2: y(budget), stroke: "#d62728", strokeWidth: 1.5,
        isDashed: true)
      chart.addText(
        "budget \(series.metric.rawValue) \(label(budget, series.metric))", x: left + 4,
        y: y(budget) - 5, size: 10, fill: "#d62728")
    }
    var overCapacity = false
    for (index, line) in series.lines.enumerated() {
      let color = palette[index % palette.count]
      var segment: [(x: Double, y: Double)] = []
      for (position, value) in values[index].enumerated() {
        guard let value else {
          chart.addPolyline(points: segment, stroke: color)
          segment = []
          overCapacity = true
          continue
        }
        let point = (x: x(series.x[position]), y: y(value))
        segment.append(point)
        chart.addCircle(
          x: point.x, y: point.y, radius: 3, fill: color,
          tooltip:
            "\(line.label) at \(StudyValues.number(series.x[position])): "
            + label(value, series.metric))
      }
      chart.addPolyline(points: segment, stroke: color)
    }
    // Legend above the plot, left to right.
    var legendX = left
    for (index, line) in series.lines.enumerated() {
      chart.addRect(
        x: legendX, y: 30, width: 12, height: 4, fill: palette[index % palette.count])
      chart.addText(line.label, x: legendX + 16, y: 36, size: 11)
      legendX += 28 + Double(line.label.count) * 6.2
    }
    if overCapacity {
      chart.addText(
        "gaps: over capacity (the run stopped)", x: right, y: 40, anchor: .end, size: 10,
        fill: "#666666")
    }
    return chart
  }

  /// One bar per run: the mean session's time by component as shares of that session (runs
  /// take milliseconds to hours, so one scale would hide the short ones), with the total.
  static func attributionBars(_ bars: StudySpec.Bars, results: StudyResults) -> SVGChart {
    let rowHeight = 26.0
    let left = 340.0
    let right = 760.0
    let top = 40.0
    let height = top + Double(bars.runs.count) * rowHeight + 50
    var chart = SVGChart(width: 860, height: height, title: bars.title)
    chart.addText(bars.title, x: 16, y: 22, size: 14)
    let rows = bars.runs.compactMap { id -> (StudySpec.Run, LatencyReport)? in
      guard let index = results.spec.runs.firstIndex(where: { $0.id == id }) else { return nil }
      return (results.spec.runs[index], results.runs[index])
    }
    for (position, row) in rows.enumerated() {
      let y = top + Double(position) * rowHeight
      chart.addText(row.0.label, x: left - 8, y: y + 15, anchor: .end, size: 11)
      let total = row.1.components.reduce(0) { $0 + max($1.meanMilliseconds, 0) }
      guard total > 0, row.1.stoppedEarly == nil else {
        chart.addText("over capacity", x: left, y: y + 15, size: 11, fill: "#d62728")
        continue
      }
      var x = left
      for share in row.1.components {
        let milliseconds = max(share.meanMilliseconds, 0)
        let width = milliseconds / total * (right - left)
        chart.addRect(
          x: x, y: y, width: width, height: rowHeight - 6,
          fill: SVGChart.color(of: share.component),
          tooltip:
            "\(row.0.label), \(share.component.rawValue): "
            + DisplayFormat.duration(milliseconds: milliseconds) + " ("
            + DisplayFormat.percent(milliseconds / total) + ")")
        x += width
      }
      chart.addText(
        DisplayFormat.duration(milliseconds: total) + " "
          + (StudyValues.meets(row.1) ? "✓" : "✗"), x: right + 6, y: y + 15, size: 11)
    }
    var legendX = left
    let legendY = top + Double(rows.count) * rowHeight + 16
    for component in LatencyComponent.allCases {
      chart.addRect(
        x: legendX, y: legendY, width: 10, height: 10, fill: SVGChart.color(of: component))
      chart.addText(component.rawValue, x: legendX + 14, y: legendY + 9, size: 11)
      legendX += 24 + Double(component.rawValue.count) * 7
    }
    chart.addText(
      "shares of the mean session; total at the right; ✓ meets every budget line, ✗ misses one",
      x: 16, y: legendY + 30, size: 10, fill: "#666666")
    return chart
  }

  /// An axis or point label in the metric's unit.
  static func label(_ value: Double, _ metric: StudyMetric) -> String {
    metric == .cost
      ? DisplayFormat.dollars(value) : DisplayFormat.duration(milliseconds: value)
  }
}
