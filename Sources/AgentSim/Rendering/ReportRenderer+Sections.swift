extension ReportRenderer {
  /// Workflow, sessions, seed and version; the placement; digest, events and simulated time.
  static func headerLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    let run = report.run
    let width = TextLayout.terminalWidth
    let name = TextLayout.truncate(
      TextLayout.sanitize(run.workflow, unicode: style.unicode), to: 40, ellipsis: style.ellipsis)
    var sessions = "\(DisplayFormat.grouped(run.sessions)) sessions"
    if run.warmupSessions > 0 {
      sessions += " (+\(DisplayFormat.grouped(run.warmupSessions)) warm-up)"
    }
    var lines = packed(
      [style.paint(name, .bold), sessions, "seed \(run.seed)", "agentsim \(run.toolVersion)"],
      width: width, separator: style.separator)
    lines += placementLines(report, style: style)
    let simulated = DisplayFormat.duration(
      milliseconds: run.simulatedSeconds * 1000, unicode: style.unicode)
    let digest = TextLayout.truncate(
      TextLayout.sanitize(run.workflowDigest, unicode: style.unicode), to: 24,
      ellipsis: style.ellipsis)
    // Simulated time spans arrivals to completions: with none finished it would read "0 ms".
    let facts =
      ["digest \(digest)", "\(DisplayFormat.grouped(run.events)) events"]
      + (report.hasMeasuredSessions ? ["\(simulated) simulated"] : [])
    lines += packed(facts, width: width, separator: style.separator).map { style.paint($0, .dim) }
    return lines
  }

  /// `placement  plan=edge code=region …`, in workflow order, wrapped under itself, at most three
  /// lines.
  static func placementLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    guard !report.run.placement.isEmpty else { return [] }
    let label = "placement  "
    let indent = String(repeating: " ", count: label.count)
    let items = orderedPlacement(report).map { entry in
      let step = TextLayout.sanitize(entry.step, unicode: style.unicode)
      let site = TextLayout.sanitize(entry.site, unicode: style.unicode)
      return TextLayout.truncate("\(step)=\(site)", to: 36, ellipsis: style.ellipsis)
    }
    let maximumLines = 3
    var lines: [String] = []
    var current = label
    for (index, item) in items.enumerated() {
      let candidate = current == label || current == indent ? current + item : current + " " + item
      if TextLayout.displayWidth(candidate) <= TextLayout.terminalWidth {
        current = candidate
        continue
      }
      if lines.count == maximumLines - 1 {
        // No room for the rest: say how many are left out instead of wrapping forever.
        let more = "\(style.ellipsis) +\(items.count - index) more"
        while TextLayout.displayWidth(current + " " + more) > TextLayout.terminalWidth,
          let space = current.lastIndex(of: " "),
          current.distance(from: current.startIndex, to: space) > indent.count
        {
          current = String(current[..<space])
        }
        current += " " + more
        break
      }
      lines.append(current)
      current = indent + item
    }
    lines.append(current)
    return lines.map { line in
      line.hasPrefix(label)
        ? style.paint("placement", .dim) + line.dropFirst("placement".count) : line
    }
  }

  /// The percentiles of end-to-end latency and of time to first token, budget targets coloured.
  static func latencyLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    let keys = ["mean", "p50", "p90", "p95", "p99", "p999", "max"]
    let titles = ["mean", "p50", "p90", "p95", "p99", "p99.9", "max"]
    var table = TextTable(
      columns: [TextTable.Column(title: "Latency", alignment: .left)]
        + titles.map { TextTable.Column(title: $0, alignment: .right) })
    func row(_ label: String, _ summary: PercentileSummary, metricPrefix: String) -> [TextTable
      .Cell]
    {
      let values = [
        summary.meanMilliseconds, summary.p50Milliseconds, summary.p90Milliseconds,
        summary.p95Milliseconds, summary.p99Milliseconds, summary.p999Milliseconds,
        summary.maxMilliseconds,
      ]
      var cells = [TextTable.Cell(label)]
      for (key, value) in zip(keys, values) {
        let check = report.verdict.checks.first {
          normalizedMetric($0.metric) == metricPrefix + key
        }
        cells.append(
          TextTable.Cell(
            DisplayFormat.duration(milliseconds: value, unicode: style.unicode),
            tone: check.map { style.verdictTone(isMet: $0.isMet) }))
      }
      return cells
    }
    table.append(row("end to end", report.latency, metricPrefix: ""))
    if let ttft = report.timeToFirstToken {
      table.append(row("first token", ttft, metricPrefix: "ttft_"))
    }
    return table.render(style: style)
  }

  /// Where the time goes, by component: mean and tail milliseconds and their shares, with a total.
  static func componentLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    let components = report.components
    guard !components.isEmpty else { return [] }
    let meanShares = ShareRounding.tenthsOfPercent(components.map(\.meanMilliseconds))
    let tailShares = ShareRounding.tenthsOfPercent(components.map(\.tailMilliseconds))
    var table = TextTable(columns: [
      TextTable.Column(title: "Where the time goes", alignment: .left),
      TextTable.Column(title: "mean ms", alignment: .right),
      TextTable.Column(title: "share", alignment: .right),
      TextTable.Column(title: "tail ms", alignment: .right, gap: 4),
      TextTable.Column(title: "share", alignment: .right),
      TextTable.Column(title: "", alignment: .left),
    ])
    // A bar of the tail share, 100% = 20 columns: the eye finds the culprit before the digits.
    func bar(_ tenths: Int) -> TextTable.Cell {
      TextTable.Cell(
        HistogramRenderer.drawBar(count: tenths, largest: 1000, width: 20, unicode: style.unicode),
        tone: .dim)
    }
    let meanTotal = components.map(\.meanMilliseconds).reduce(0, +)
    let tailTotal = components.map(\.tailMilliseconds).reduce(0, +)
    for (index, share) in components.enumerated()
    where share.meanMilliseconds != 0 || share.tailMilliseconds != 0 {
      table.append([
        TextTable.Cell(share.component.rawValue),
        TextTable.Cell(tableMilliseconds(share.meanMilliseconds)),
        TextTable.Cell(ShareRounding.text(tenths: meanShares[index]), tone: .dim),
        TextTable.Cell(tableMilliseconds(share.tailMilliseconds)),
        TextTable.Cell(ShareRounding.text(tenths: tailShares[index]), tone: .dim),
        bar(tailShares[index]),
      ])
      // Re-prefill is a named part of prefill: indented under it, left out of the total.
      if share.component == .prefill, let part = report.reprefill {
        let meanTenths = reprefillTenths(part.meanMilliseconds, of: meanTotal)
        let tailTenths = reprefillTenths(part.tailMilliseconds, of: tailTotal)
        table.append([
          TextTable.Cell("  " + reprefillLabel, tone: .dim),
          TextTable.Cell(tableMilliseconds(part.meanMilliseconds), tone: .dim),
          TextTable.Cell(ShareRounding.text(tenths: meanTenths), tone: .dim),
          TextTable.Cell(tableMilliseconds(part.tailMilliseconds), tone: .dim),
          TextTable.Cell(ShareRounding.text(tenths: tailTenths), tone: .dim),
          bar(tailTenths),
        ])
      }
    }
    table.append([
      TextTable.Cell("total", tone: .bold),
      TextTable.Cell(tableMilliseconds(meanTotal), tone: .bold),
      TextTable.Cell(ShareRounding.text(tenths: meanShares.reduce(0, +)), tone: .bold),
      TextTable.Cell(tableMilliseconds(tailTotal), tone: .bold),
      TextTable.Cell(ShareRounding.text(tenths: tailShares.reduce(0, +)), tone: .bold),
    ])
    let p99 = DisplayFormat.duration(
      milliseconds: report.latency.p99Milliseconds, unicode: style.unicode)
    return table.render(style: style) + [
      style.paint(
        "  per session; tail = the sessions at or above p99 (\(p99))", .dim)
    ]
  }

  /// The budget tables' name for the re-prefill sub-line of prefill (indented under it; short
  /// enough for the table's first column).
  static let reprefillLabel = "re-prefill"

  /// `part` of `total` in tenths of a percent, rounded (0 without a total).
  static func reprefillTenths(_ part: Double, of total: Double) -> Int {
    total > 0 ? Int((1000 * part / total).rounded()) : 0
  }

  /// Where the time goes, by step: site, executions per session, mean and tail milliseconds and the
  /// component that dominates the step's tail.
  static func stepLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    guard !report.steps.isEmpty else { return [] }
    var table = TextTable(columns: [
      TextTable.Column(title: "By step", alignment: .left, maxWidth: 20),
      TextTable.Column(title: "site", alignment: .left, maxWidth: 14),
      TextTable.Column(title: "runs", alignment: .right),
      TextTable.Column(title: "mean ms", alignment: .right),
      TextTable.Column(title: "tail ms", alignment: .right),
      TextTable.Column(title: "most of tail", alignment: .left, canShrink: false),
    ])
    var idle: [String] = []
    for step in report.steps {
      let name = TextLayout.sanitize(step.step, unicode: style.unicode)
      guard !step.isEmpty else {
        idle.append(name)
        continue
      }
      table.append([
        TextTable.Cell(name),
        TextTable.Cell(TextLayout.sanitize(step.site, unicode: style.unicode), tone: .dim),
        TextTable.Cell(
          DisplayFormat.significant(step.executionsPerSession, 2, trimsTrailingZeros: true)
            + style.times),
        TextTable.Cell(tableMilliseconds(step.totalMeanMilliseconds)),
        TextTable.Cell(tableMilliseconds(step.totalTailMilliseconds)),
        TextTable.Cell(step.dominantTailText ?? style.notApplicable, tone: .dim),
      ])
    }
    var lines = table.rows.isEmpty ? [] : table.render(style: style)
    if !table.rows.isEmpty {
      lines.append(
        style.paint("  runs: executions per session; ms: critical-path time per session", .dim))
    }
    lines += idleLines(idle, style: style).map { style.paint($0, .dim) }
    return lines
  }

  /// `no critical-path time: a, b, …`, at most three lines, as the placement line: past them,
  /// how many more (a parallel section of 50,000 children listed them all, 5,000 lines).
  ///
  /// - Complexity: O(n) in the names, plus O(k²) in the k names that fit.
  static func idleLines(_ names: [String], style: TerminalStyle) -> [String] {
    guard !names.isEmpty else { return [] }
    let maximumLines = 3
    func wrapped(_ count: Int) -> [String] {
      let more = names.count - count
      return TextLayout.wrap(
        "  no critical-path time: " + names[..<count].joined(separator: ", ")
          + (more > 0 ? " \(style.ellipsis) +\(more) more" : ""),
        width: TextLayout.terminalWidth, indent: "    ", ellipsis: style.ellipsis)
    }
    let all = wrapped(names.count)
    guard all.count > maximumLines else { return all }
    var shown = 1
    while shown + 1 < names.count, wrapped(shown + 1).count <= maximumLines { shown += 1 }
    return wrapped(shown)
  }

  /// The shared sites' load: utilization (time busy) and capacity in use (batch slots or workers
  /// filled), flagged by each site's condition.
  static func siteLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    let sites = report.sites
    guard !sites.isEmpty else { return [] }
    let showsBatch = sites.contains { $0.meanBatchSize != 0 }
    let showsTokens = sites.contains { $0.tokensPerSecond != 0 }
    var columns = [
      TextTable.Column(title: "Sites", alignment: .left, maxWidth: 18),
      TextTable.Column(title: "tier", alignment: .left, maxWidth: 10),
      TextTable.Column(title: "util", alignment: .right),
      TextTable.Column(title: "used", alignment: .right),
    ]
    if showsBatch { columns.append(TextTable.Column(title: "batch", alignment: .right)) }
    columns.append(TextTable.Column(title: "queue ms", alignment: .right))
    // Tool calls wait for a worker only where `tool_workers` limits them. At a site that ran no
    // inference the only queue is the tools', so "queue ms" shows it; a column of its own only
    // when a site with inference has tool workers too (it keeps the common tables narrow).
    func ranInference(_ site: SiteLoad) -> Bool {
      site.meanBatchSize != 0 || site.tokensPerSecond != 0
    }
    let showsToolWait = sites.contains { ranInference($0) && $0.meanToolWaitMilliseconds != nil }
    if showsToolWait {
      columns.append(TextTable.Column(title: "tool wait ms", alignment: .right))
    }
    if showsTokens { columns.append(TextTable.Column(title: "tokens/s", alignment: .right)) }
    columns.append(TextTable.Column(title: "", alignment: .left, canShrink: false))
    var table = TextTable(columns: columns)
    var notes: [String] = []
    for site in sites {
      let name = TextLayout.sanitize(site.site, unicode: style.unicode)
      let utilization = DisplayFormat.fixed(site.utilization, fractionDigits: 2)
      let flag: TextTable.Cell
      let tone: TerminalStyle.Tone?
      switch site.condition {
      case .overloaded:
        flag = TextTable.Cell("\(style.missMark) over capacity", tone: .red)
        tone = .red
        notes.append(
          style.paint(
            "\(style.missMark) \(name) is over capacity: utilization "
              + DisplayFormat.significant(site.utilization, 3, trimsTrailingZeros: true)
              + " (its queue grew with the run: the latencies above understate it)",
            .red))
      case .busy:
        flag = TextTable.Cell("\(style.warningMark) busy", tone: .yellow)
        tone = .yellow
      case .normal:
        flag = ""
        tone = nil
      }
      var row = [
        TextTable.Cell(name),
        TextTable.Cell(TextLayout.sanitize(site.tier, unicode: style.unicode), tone: .dim),
        TextTable.Cell(utilization),
        TextTable.Cell(DisplayFormat.fixed(site.capacityInUse, fractionDigits: 2), tone: tone),
      ]
      if showsBatch {
        row.append(
          TextTable.Cell(
            site.meanBatchSize == 0
              ? style.notApplicable : DisplayFormat.fixed(site.meanBatchSize, fractionDigits: 1)))
      }
      let queue =
        showsToolWait || ranInference(site)
        ? site.meanQueueMilliseconds
        : site.meanToolWaitMilliseconds ?? site.meanQueueMilliseconds
      row.append(TextTable.Cell(tableMilliseconds(queue)))
      if showsToolWait {
        row.append(
          TextTable.Cell(
            site.meanToolWaitMilliseconds.map(tableMilliseconds) ?? style.notApplicable))
      }
      if showsTokens {
        row.append(
          TextTable.Cell(
            site.tokensPerSecond == 0
              ? style.notApplicable : DisplayFormat.grouped(site.tokensPerSecond)))
      }
      row.append(flag)
      table.append(row)
    }
    var lines = table.render(style: style)
    if sites.contains(where: { $0.condition == .busy }) {
      lines.append(
        style.paint(
          "  \(style.warningMark) busy: \(style.atLeast) "
            + DisplayFormat.significant(SiteCondition.busyThreshold, 2, trimsTrailingZeros: true)
            + " of batch slots or workers in use; queueing grows steeply", .dim))
    }
    for note in notes {
      lines += TextLayout.wrap(
        note, width: TextLayout.terminalWidth, indent: "    ", ellipsis: style.ellipsis)
    }
    for sentence in sites.compactMap({ prefixCacheSentence($0, unicode: style.unicode) }) {
      lines += TextLayout.wrap(
        TextLayout.sanitize(sentence, unicode: style.unicode), width: TextLayout.terminalWidth,
        indent: "  ", ellipsis: style.ellipsis)
    }
    return lines
  }

  /// Throughput, device energy and cost per session.
  static func totalsLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    let throughput = DisplayFormat.significant(report.throughputSessionsPerSecond, 3)
    let energy = DisplayFormat.joules(report.deviceEnergyJoulesPerSession)
    let cost = DisplayFormat.dollars(report.costDollarsPerSession)
    var lines = packed(
      [
        "throughput \(throughput) sessions/s",
        "per session: device energy \(energy), cost \(cost)",
      ], width: TextLayout.terminalWidth, separator: style.separator)
    if let note = unpricedNote(report.unpricedSites) {
      lines += TextLayout.wrap(
        note, width: TextLayout.terminalWidth, indent: "  ", ellipsis: style.ellipsis)
    }
    if let note = truncationNote(report) {
      lines += TextLayout.wrap(
        note, width: TextLayout.terminalWidth, indent: "  ", ellipsis: style.ellipsis)
    }
    return lines
  }

  /// "12 model calls outgrew their model's context window: …"; nil when none did.
  static func truncationNote(_ report: LatencyReport) -> String? {
    let count = report.truncatedCalls
    guard count > 0 else { return nil }
    let calls = count == 1 ? "1 model call" : "\(DisplayFormat.grouped(count)) model calls"
    return "\(calls) outgrew the model's context window: the oldest history was dropped to fit "
      + "(and the rest prefilled again), as agents truncate; shorten the conversation or use a "
      + "model with a longer window"
  }

  /// What a cost leaves out: "cost leaves out edge (the catalog has no price for its hardware):
  /// set …"; nil when every site that did work is priced.
  ///
  /// - Parameter sites: The unpriced sites, in site order.
  static func unpricedNote(_ sites: [String]) -> String? {
    guard let first = sites.first else { return nil }
    let names = ListFormatting.join(sites)
    let them = sites.count == 1 ? "its hardware" : "their hardware"
    return "cost leaves out \(names) (the catalog has no price for \(them)): set "
      + "sites.\(first).price_per_hour, in USD per accelerator-hour, in the workflow or with --set"
  }

  /// The budget targets against what was achieved, and the verdict in plain words.
  static func verdictLines(_ report: LatencyReport, style: TerminalStyle) -> [String] {
    let verdict = report.verdict
    var lines: [String] = []
    if !verdict.checks.isEmpty {
      var table = TextTable(columns: [
        TextTable.Column(title: "Budget", alignment: .left, maxWidth: 20),
        TextTable.Column(title: "target", alignment: .right),
        TextTable.Column(title: "achieved", alignment: .right),
        TextTable.Column(title: "margin", alignment: .left),
      ])
      for check in verdict.checks {
        let target = DisplayFormat.duration(
          milliseconds: check.targetMilliseconds, unicode: style.unicode, trimsTrailingZeros: true)
        let margin = DisplayFormat.duration(
          milliseconds: abs(check.marginMilliseconds), unicode: style.unicode)
        let tone = style.verdictTone(isMet: check.isMet)
        table.append([
          TextTable.Cell(metricLabel(check.metric, style: style)),
          TextTable.Cell("\(style.atMost) \(target)"),
          TextTable.Cell(
            DisplayFormat.duration(
              milliseconds: check.achievedMilliseconds, unicode: style.unicode),
            tone: tone),
          TextTable.Cell(
            check.isMet
              ? "\(style.passMark) \(margin) to spare" : "\(style.missMark) \(margin) over",
            tone: tone),
        ])
      }
      lines = table.render(style: style) + [""]
    }
    let mark = verdict.isMet ? style.passMark : style.missMark
    let sentence = TextLayout.sanitize(verdict.summary, unicode: style.unicode)
    let text = sentence.isEmpty ? (verdict.isMet ? "budget met" : "budget missed") : sentence
    let indent = String(repeating: " ", count: TextLayout.displayWidth(mark) + 1)
    let wrapped = TextLayout.wrap(
      "\(mark) \(text)", width: TextLayout.terminalWidth, indent: indent, ellipsis: style.ellipsis)
    let tone = style.verdictTone(isMet: verdict.isMet)
    for (index, line) in wrapped.enumerated() {
      if index == 0 {
        let rest = line.dropFirst(mark.count)
        lines.append(
          style.paint(mark, verdict.isMet ? .boldGreen : .boldRed) + style.paint(String(rest), tone)
        )
      } else {
        lines.append(style.paint(line, tone))
      }
    }
    return lines
  }

  /// Milliseconds for a table column: one decimal, grouped, so decimal points line up; tiny
  /// non-zero values say so instead of printing a misleading `0.0`.
  static func tableMilliseconds(_ milliseconds: Double) -> String {
    guard milliseconds.isFinite else { return DisplayFormat.fixed(milliseconds, fractionDigits: 1) }
    if milliseconds != 0, abs(milliseconds) < 0.05 { return milliseconds < 0 ? ">-0.1" : "<0.1" }
    guard abs(milliseconds) < 1e14 else {
      return DisplayFormat.fixed(milliseconds, fractionDigits: 1)
    }
    let tenths = Int64((milliseconds * 10).rounded(.toNearestOrAwayFromZero))
    let whole = DisplayFormat.grouped(abs(tenths) / 10)
    return (tenths < 0 ? "-" : "") + whole + "." + String(abs(tenths) % 10)
  }

  /// `p99` stays `p99`; `ttft_p99` reads `first token p99` (``BudgetWording/firstToken``).
  static func metricLabel(_ metric: String, style: TerminalStyle) -> String {
    let clean = TextLayout.sanitize(metric, unicode: style.unicode)
    if clean.hasPrefix("ttft_") { return "first token " + clean.dropFirst("ttft_".count) }
    return clean
  }

  /// A budget metric in the renderer's spelling: `p99.9` and `p999` are the same target.
  static func normalizedMetric(_ metric: String) -> String {
    metric.lowercased().replacingOccurrences(of: "p99.9", with: "p999")
  }

  /// Items joined by `separator`, starting a new line where the next item would pass `width`.
  static func packed(_ items: [String], width: Int, separator: String) -> [String] {
    var lines: [String] = []
    var current = ""
    for item in items where !item.isEmpty {
      let candidate = current.isEmpty ? item : current + separator + item
      if current.isEmpty || TextLayout.displayWidth(candidate) <= width {
        current = candidate
      } else {
        lines.append(current)
        current = item
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
