import Foundation

extension SVGChart {
  /// Component colours (Tableau 10): distinct in print and for the common colour-vision
  /// deficiencies.
  static func color(of component: LatencyComponent) -> String {
    switch component {
    case .network: "#4e79a7"
    case .queueing: "#e15759"
    case .prefill: "#f28e2b"
    case .decode: "#76b7b2"
    case .tool: "#59a14f"
    case .transfer: "#b07aa1"
    }
  }

  /// The plot area inside the axes.
  struct PlotArea {
    var left = 64.0
    var right = 704.0
    var top = 48.0
    var bottom = 236.0
    var width: Double { right - left }
    var height: Double { bottom - top }
  }

  /// A log-scaled latency axis from `lower` to `upper` milliseconds.
  struct LogAxis {
    var lower: Double
    var upper: Double

    func position(_ milliseconds: Double, in area: PlotArea) -> Double {
      let clamped = min(max(milliseconds, lower), upper)
      let span = log10(upper) - log10(lower)
      guard span > 0 else { return area.left }
      return area.left + (log10(clamped) - log10(lower)) / span * area.width
    }

    /// 1-2-5 ticks within the axis.
    var ticks: [Double] {
      guard lower > 0, upper > lower else { return [] }
      var ticks: [Double] = []
      var decade = pow(10, (log10(lower)).rounded(.down))
      while decade <= upper {
        for multiple in [1.0, 2.0, 5.0]
        where decade * multiple >= lower && decade * multiple <= upper {
          ticks.append(decade * multiple)
        }
        decade *= 10
      }
      return ticks
    }

    /// The span of the non-empty bins, or nil when there are none.
    init?(bins: [HistogramBin]) {
      let used = bins.filter { $0.count > 0 }
      guard let first = used.first, let last = used.last else { return nil }
      // A bin starting at zero has no place on a log axis: start at a tenth of its upper edge.
      let low = first.lowerMilliseconds > 0 ? first.lowerMilliseconds : first.upperMilliseconds / 10
      guard low > 0, last.upperMilliseconds > low else { return nil }
      lower = low
      upper = last.upperMilliseconds
    }
  }

  /// Vertical dashed lines with labels at p50, p99 and the end-to-end budget targets.
  mutating func addMarkers(
    for report: LatencyReport, axis: LogAxis, area: PlotArea
  ) {
    var markers: [(label: String, milliseconds: Double, color: String)] = [
      ("p50", report.latency.p50Milliseconds, "currentColor"),
      ("p99", report.latency.p99Milliseconds, "currentColor"),
    ]
    for check in report.verdict.checks where !check.metric.lowercased().hasPrefix("ttft") {
      let target = DisplayFormat.duration(
        milliseconds: check.targetMilliseconds, trimsTrailingZeros: true)
      markers.append(
        (
          "budget \(check.metric) \(target)", check.targetMilliseconds,
          check.isMet ? "#2e7d32" : "#c62828"
        ))
    }
    // Labels go in up to three lanes above the plot: each takes the first lane where it clears
    // the previous label, so nearby markers never print over one another.
    var laneEnds = [-Double.infinity, -Double.infinity, -Double.infinity]
    let visible = markers.filter { $0.milliseconds >= axis.lower && $0.milliseconds <= axis.upper }
      .sorted { $0.milliseconds < $1.milliseconds }
    for marker in visible {
      let x = axis.position(marker.milliseconds, in: area)
      let labelWidth = Double(marker.label.count) * 6 + 6
      let lane = laneEnds.firstIndex { $0 < x - 2 } ?? (laneEnds.count - 1)
      laneEnds[lane] = x + 3 + labelWidth
      let labelY = area.top - 8 - Double(lane) * 13
      addLine(
        x1: x, y1: labelY + 2, x2: x, y2: area.bottom, stroke: marker.color, strokeWidth: 1.5,
        isDashed: true)
      addText(marker.label, x: x + 3, y: labelY, size: 10, fill: marker.color)
    }
  }

  /// The x axis: baseline, 1-2-5 ticks and duration labels.
  mutating func addLatencyAxis(_ axis: LogAxis, area: PlotArea) {
    addLine(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: "currentColor")
    for tick in axis.ticks {
      let x = axis.position(tick, in: area)
      addLine(x1: x, y1: area.bottom, x2: x, y2: area.bottom + 4, stroke: "currentColor")
      addText(
        DisplayFormat.duration(milliseconds: tick, trimsTrailingZeros: true), x: x,
        y: area.bottom + 16, anchor: .middle, size: 10)
    }
    addText(
      "end-to-end latency (log scale)", x: area.left + area.width / 2, y: area.bottom + 32,
      anchor: .middle, size: 11)
  }

  /// The latency histogram: one bar per bin on a log axis, with percentile and budget markers.
  static func histogram(for report: LatencyReport) -> SVGChart {
    var chart = SVGChart(width: 720, height: 296, title: "Latency histogram")
    let area = PlotArea()
    guard let axis = LogAxis(bins: report.histogram) else {
      chart.addText(
        ReportRenderer.emptyHistogramNote(report), x: 360, y: 138, anchor: .middle)
      return chart
    }
    let largest = Double(report.histogram.map(\.count).max() ?? 1)
    let total = report.histogram.reduce(0) { $0 + $1.count }
    for bin in report.histogram where bin.count > 0 {
      let left = axis.position(bin.lowerMilliseconds, in: area)
      let right = axis.position(bin.upperMilliseconds, in: area)
      let height = Double(bin.count) / largest * area.height
      let range =
        DisplayFormat.duration(milliseconds: bin.lowerMilliseconds) + " – "
        + DisplayFormat.duration(milliseconds: bin.upperMilliseconds)
      chart.addRect(
        x: left + 0.5, y: area.bottom - height, width: right - left - 1, height: height,
        fill: "#4e79a7",
        tooltip:
          "\(range): \(DisplayFormat.grouped(bin.count)) sessions "
          + "(\(DisplayFormat.percent(Double(bin.count) / Double(max(total, 1)))))")
    }
    chart.addLine(
      x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, stroke: "currentColor")
    chart.addText("sessions", x: area.left - 8, y: area.top + 4, anchor: .end, size: 10)
    chart.addText(
      DisplayFormat.grouped(Int(largest)), x: area.left - 8, y: area.top + 16, anchor: .end,
      size: 10)
    chart.addLatencyAxis(axis, area: area)
    chart.addMarkers(for: report, axis: axis, area: area)
    return chart
  }

  /// The cumulative distribution: the fraction of sessions at or below each latency, with
  /// gridlines at 50%, 90% and 99% and the percentile and budget markers.
  static func cdf(for report: LatencyReport) -> SVGChart {
    var chart = SVGChart(width: 720, height: 296, title: "Cumulative latency distribution")
    let area = PlotArea()
    guard let axis = LogAxis(bins: report.histogram) else {
      chart.addText(
        ReportRenderer.emptyHistogramNote(report), x: 360, y: 138, anchor: .middle)
      return chart
    }
    let total = Double(report.histogram.reduce(0) { $0 + $1.count })
    func y(_ fraction: Double) -> Double { area.bottom - fraction * area.height }
    for fraction in [0, 0.5, 0.9, 0.99, 1.0] {
      chart.addLine(
        x1: area.left, y1: y(fraction), x2: area.right, y2: y(fraction), stroke: "#9e9e9e",
        strokeWidth: 0.5)
      // 100% would print over 99%; its gridline says enough.
      guard fraction < 1 else { continue }
      chart.addText(
        DisplayFormat.percent(fraction).replacingOccurrences(of: ".0%", with: "%"),
        x: area.left - 8, y: y(fraction) + 4, anchor: .end, size: 10)
    }
    var points: [(x: Double, y: Double)] = [(axis.position(axis.lower, in: area), y(0))]
    var cumulative = 0
    for bin in report.histogram where bin.upperMilliseconds > axis.lower {
      cumulative += bin.count
      guard bin.lowerMilliseconds <= axis.upper else { break }
      points.append((axis.position(bin.upperMilliseconds, in: area), y(Double(cumulative) / total)))
    }
    chart.addPolyline(points: points, stroke: "#4e79a7")
    chart.addLine(
      x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, stroke: "currentColor")
    chart.addLatencyAxis(axis, area: area)
    chart.addMarkers(for: report, axis: axis, area: area)
    return chart
  }

  /// Two stacked bars on one scale, the mean session and the tail session (at or above p99),
  /// split by component, with a legend.
  static func budgetBars(for report: LatencyReport) -> SVGChart {
    var chart = SVGChart(width: 720, height: 150, title: "Where the time goes: mean and tail")
    let left = 64.0
    let right = 640.0
    let components = report.components.filter {
      $0.meanMilliseconds > 0 || $0.tailMilliseconds > 0
    }
    let meanTotal = components.reduce(0) { $0 + max($1.meanMilliseconds, 0) }
    let tailTotal = components.reduce(0) { $0 + max($1.tailMilliseconds, 0) }
    let scale = max(meanTotal, tailTotal)
    guard scale > 0 else {
      chart.addText("no time recorded", x: 360, y: 75, anchor: .middle)
      return chart
    }
    let rows: [(label: String, y: Double, total: Double, value: (ComponentShare) -> Double)] = [
      ("mean", 16, meanTotal, { $0.meanMilliseconds }),
      ("tail", 56, tailTotal, { $0.tailMilliseconds }),
    ]
    for row in rows {
      chart.addText(row.label, x: left - 8, y: row.y + 20, anchor: .end, size: 12)
      var x = left
      for share in components {
        let milliseconds = max(row.value(share), 0)
        let width = milliseconds / scale * (right - left)
        let percent = DisplayFormat.fixed(milliseconds / row.total * 100, fractionDigits: 0) + "%"
        chart.addRect(
          x: x, y: row.y, width: width, height: 30, fill: color(of: share.component),
          tooltip:
            "\(share.component.rawValue): \(DisplayFormat.duration(milliseconds: milliseconds)) "
            + "(\(DisplayFormat.percent(milliseconds / row.total)))")
        // Label a segment in place when the label fits, so the chart reads without the legend.
        let label = "\(share.component.rawValue) \(percent)"
        if width >= Double(label.count) * 6.5 + 8 {
          chart.addText(
            label, x: x + width / 2, y: row.y + 19, anchor: .middle, size: 11, fill: "#ffffff")
        } else if width >= Double(percent.count) * 6.5 + 6 {
          chart.addText(
            percent, x: x + width / 2, y: row.y + 19, anchor: .middle, size: 11, fill: "#ffffff")
        }
        x += width
      }
      chart.addText(
        DisplayFormat.duration(milliseconds: row.total), x: x + 6, y: row.y + 20, size: 12)
    }
    var legendX = left
    for share in components {
      chart.addRect(x: legendX, y: 112, width: 10, height: 10, fill: color(of: share.component))
      chart.addText(share.component.rawValue, x: legendX + 14, y: 121, size: 11)
      legendX += 24 + Double(share.component.rawValue.count) * 7
    }
    return chart
  }
}
