import Foundation

/// Every number a study's template may cite, by key, formatted as the terminal reports format them,
/// plus generated Markdown tables. Keys (ID is a run, series or front id):
///
/// - `run.ID.p50`, `.p99`, `.mean`, `.ttft_p99`, `.cost`, `.energy`, `.sessions`, `.hit_rate`
///   and `.reprefill` (the first prefix-cached site's hit rate and re-prefill per session),
///   `.verdict` (`meets`, `misses` or `over capacity`), `.mark` (✓ or ✗), `.label`,
///   `.placement`, `.top` (the component with the largest mean share) and `.share.COMPONENT`
///   (its mean share);
/// - `series.ID.LINE.first` and `.last` (the metric at the first and last x),
///   `series.ID.crossover.A.B` (where line A's metric first exceeds line B's, interpolated
///   linearly in x: `12.5`, `below 5` or `beyond 160`);
/// - `front.ID.recommendation`, `.points`, `.meet` (points that meet the budget), `.front` (points
///   on the Pareto front);
/// - `hardware.NAME.price`, `.bandwidth`, `.memory` (the catalog's figures);
/// - `error.bound` (the largest per-source held-out median error of the cost model, the ±e the
///   flip analysis applies), `error.source` (which source it is);
/// - `table.GROUP` (the runs of a group), `table.series.ID`, `table.flips`, `table.fidelity`,
///   `table.commands` (each run's `agentsim run` command, which prints exactly its figures);
/// - `flips.count` (budget lines that could flip) and `flips.checks` (budget lines examined).
public struct StudyValues: Sendable {
  /// Key to text.
  public private(set) var values: [String: String] = [:]
  /// Raw numbers behind the formatted values (`data/values.csv`), by key.
  public private(set) var numbers: [String: Double] = [:]

  /// The values of `results`.
  public init(_ results: StudyResults) {
    let bound = Self.errorBound(results.fidelity)
    values["error.bound"] = DisplayFormat.percent(bound.error)
    numbers["error.bound"] = bound.error
    values["error.source"] = bound.source
    for (run, report) in zip(results.spec.runs, results.runs) {
      addRun(run, report)
    }
    // The inputs the prose cites (prices, bandwidths) come from the catalog too, so that a
    // catalog change cannot leave a stale figure in the text.
    for hardware in results.catalog.hardware {
      let key = "hardware.\(hardware.name)"
      values["\(key).price"] =
        hardware.pricePerHour.map { DisplayFormat.dollars($0) + " per hour" } ?? "unpriced"
      let bandwidth = hardware.memoryBandwidthGigabytesPerSecond
      values["\(key).bandwidth"] =
        bandwidth >= 1000
        ? DisplayFormat.significant(bandwidth / 1000, 3, trimsTrailingZeros: true) + " TB/s"
        : DisplayFormat.significant(bandwidth, 3, trimsTrailingZeros: true) + " GB/s"
      values["\(key).memory"] = DisplayFormat.grouped(hardware.memoryGigabytes) + " GB"
    }
    for (index, series) in results.spec.series.enumerated() {
      addSeries(series, results.series[index])
    }
    for (front, report) in zip(results.spec.fronts, results.fronts) {
      let key = "front.\(front.id)"
      values["\(key).recommendation"] = report.recommendation
      values["\(key).points"] = DisplayFormat.grouped(report.points.count)
      values["\(key).meet"] = DisplayFormat.grouped(report.points.filter(\.meetsBudget).count)
      values["\(key).front"] = DisplayFormat.grouped(report.front.count)
    }
    let groups = results.spec.runs.map(\.group).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    for group in groups {
      values["table.\(group)"] = Self.runTable(
        results, runs: results.spec.runs.indices.filter { results.spec.runs[$0].group == group })
    }
    for (index, series) in results.spec.series.enumerated() {
      values["table.series.\(series.id)"] = Self.seriesTable(series, results.series[index])
    }
    let flips = Self.flipRows(results, bound: bound.error)
    values["table.flips"] = Self.flipTable(flips.rows, bound: bound.error)
    values["table.commands"] = Self.commandTable(results.spec)
    values["flips.count"] = DisplayFormat.grouped(flips.rows.count)
    values["flips.checks"] = DisplayFormat.grouped(flips.checks)
    values["table.fidelity"] = Self.fidelityTable(results.fidelity)
  }

  // MARK: Runs

  /// The `agentsim run` command, from the study folder, that reproduces a run's report exactly:
  /// the same workflow, placement, overrides, sessions, warm-up and seed.
  static func command(_ run: StudySpec.Run, spec: StudySpec) -> String {
    let (sessions, warmup) = StudyRunner.sessions(spec, run: run.sessions)
    var words = ["agentsim run", run.workflow]
    if !run.placement.isEmpty {
      words.append(
        "--placement "
          + run.placement.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
          .joined(separator: ","))
    }
    for setting in run.set {
      let plain = setting.allSatisfy { $0.isLetter || $0.isNumber || "._-=[]".contains($0) }
      words.append("--set " + (plain ? setting : "'\(setting)'"))
    }
    words += ["--sessions \(sessions)", "--warmup \(warmup)", "--seed \(spec.seed)", "--no-write"]
    return words.joined(separator: " ")
  }

  /// Every run's command, one per line in a code block, under its label.
  static func commandTable(_ spec: StudySpec) -> String {
    var lines = ["```"]
    for run in spec.runs {
      lines.append("# \(run.id): \(run.label)")
      lines.append(command(run, spec: spec))
    }
    lines.append("```")
    return lines.joined(separator: "\n")
  }

  private mutating func addRun(_ run: StudySpec.Run, _ report: LatencyReport) {
    let key = "run.\(run.id)"
    values["\(key).label"] = run.label
    values["\(key).placement"] = Self.placementText(report.run.placement)
    values["\(key).sessions"] = DisplayFormat.grouped(report.run.sessions)
    values["\(key).verdict"] = Self.verdict(report)
    values["\(key).mark"] = Self.meets(report) ? "✓" : "✗"
    values["\(key).cost"] = Self.cost(report)
    numbers["\(key).cost"] = report.costDollarsPerSession
    values["\(key).energy"] = DisplayFormat.joules(report.deviceEnergyJoulesPerSession)
    numbers["\(key).energy"] = report.deviceEnergyJoulesPerSession
    for metric in [StudyMetric.p50, .p99, .mean, .ttftP99] {
      let value = metric.value(in: report)
      values["\(key).\(metric.rawValue)"] = value.map { Self.duration($0) } ?? "n/a"
      if let value { numbers["\(key).\(metric.rawValue)"] = value }
    }
    // The first site with a prefix cache: its hit rate and the prefill its misses cost.
    if let cache = report.sites.compactMap(\.prefixCache).first {
      values["\(key).hit_rate"] = DisplayFormat.percent(cache.hitRate)
      numbers["\(key).hit_rate"] = cache.hitRate
      values["\(key).reprefill"] = Self.duration(cache.reprefillMillisecondsPerSession)
      numbers["\(key).reprefill"] = cache.reprefillMillisecondsPerSession
    }
    let total = report.components.reduce(0) { $0 + max($1.meanMilliseconds, 0) }
    if let top = report.components.max(by: { $0.meanMilliseconds < $1.meanMilliseconds }) {
      values["\(key).top"] = top.component.rawValue
    }
    for share in report.components {
      let fraction = total > 0 ? max(share.meanMilliseconds, 0) / total : 0
      values["\(key).share.\(share.component.rawValue)"] = DisplayFormat.percent(fraction)
      numbers["\(key).share.\(share.component.rawValue)"] = fraction
    }
  }

  /// `meets`, `misses` or `over capacity`.
  static func verdict(_ report: LatencyReport) -> String {
    if report.stoppedEarly != nil { return "over capacity" }
    if let site = report.sites.first(where: \.isOverloaded) {
      return "over capacity at \(site.site)"
    }
    return report.verdict.isMet ? "meets" : "misses"
  }

  /// The cost per session, naming the sites that have no price (whose time costs nothing).
  static func cost(_ report: LatencyReport) -> String {
    let dollars = DisplayFormat.dollars(report.costDollarsPerSession)
    guard !report.unpricedSites.isEmpty else { return dollars }
    return dollars + " (" + report.unpricedSites.joined(separator: ", ") + " unpriced)"
  }

  /// Whether the run met every budget line with no site over capacity.
  static func meets(_ report: LatencyReport) -> Bool {
    report.stoppedEarly == nil && report.verdict.isMet
      && !report.sites.contains(where: \.isOverloaded)
  }

  /// `reply=edge, plan=region`, sorted by step.
  static func placementText(_ placement: [String: String]) -> String {
    placement.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
  }

  // MARK: Series

  private mutating func addSeries(_ series: StudySpec.Series, _ lines: [[LatencyReport]]) {
    let key = "series.\(series.id)"
    let values = lines.map { $0.map { series.metric.value(in: $0) } }
    for (line, points) in zip(series.lines, values) {
      self.values["\(key).\(line.id).first"] = format(points.first ?? nil, series.metric)
      self.values["\(key).\(line.id).last"] = format(points.last ?? nil, series.metric)
    }
    for (a, lineA) in series.lines.enumerated() {
      for (b, lineB) in series.lines.enumerated() where a != b {
        self.values["\(key).crossover.\(lineA.id).\(lineB.id)"] = Self.crossover(
          x: series.x, a: values[a], b: values[b])
      }
    }
  }

  private func format(_ value: Double?, _ metric: StudyMetric) -> String {
    guard let value else { return "n/a" }
    return metric == .cost ? DisplayFormat.dollars(value) : Self.duration(value)
  }

  /// Where `a` first exceeds `b`, interpolating linearly between x values; a point where either
  /// line has no value (over capacity) counts as the line being above.
  static func crossover(x: [Double], a: [Double?], b: [Double?]) -> String {
    // Three significant digits: the interpolation is not more precise than that.
    func number(_ value: Double) -> String {
      DisplayFormat.significant(value, 3, trimsTrailingZeros: true)
    }
    func above(_ index: Int) -> Bool {
      guard let valueA = a[index] else { return true }
      guard let valueB = b[index] else { return false }
      return valueA > valueB
    }
    guard let first = x.indices.first(where: above) else {
      return "beyond " + number(x.last ?? 0)
    }
    if first == 0 { return "below " + number(x[0]) }
    guard let a0 = a[first - 1], let b0 = b[first - 1], let a1 = a[first], let b1 = b[first] else {
      return number(x[first])
    }
    // The gap a − b goes from ≤ 0 at x[first − 1] to > 0 at x[first]: its zero.
    let gap0 = a0 - b0
    let gap1 = a1 - b1
    let fraction = gap1 == gap0 ? 1 : -gap0 / (gap1 - gap0)
    return number(x[first - 1] + fraction * (x[first] - x[first - 1]))
  }

  // MARK: Tables

  static func runTable(_ results: StudyResults, runs: [Int]) -> String {
    var lines = [
      "| placement | p50 | p99 | first token p99 | cost / session | device energy | budget |",
      "|---|---:|---:|---:|---:|---:|---|",
    ]
    for index in runs {
      let run = results.spec.runs[index]
      let report = results.runs[index]
      let cells = [
        run.label,
        StudyMetric.p50.value(in: report).map { duration($0) } ?? "n/a",
        StudyMetric.p99.value(in: report).map { duration($0) } ?? "n/a",
        StudyMetric.ttftP99.value(in: report).map { duration($0) } ?? "–",
        cost(report),
        DisplayFormat.joules(report.deviceEnergyJoulesPerSession),
        (meets(report) ? "✓ " : "✗ ") + verdict(report),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  static func seriesTable(_ series: StudySpec.Series, _ lines: [[LatencyReport]]) -> String {
    var rows = [
      "| \(series.xLabel) | " + series.lines.map(\.label).joined(separator: " | ") + " |",
      "|---:|" + String(repeating: "---:|", count: series.lines.count),
    ]
    for (index, x) in series.x.enumerated() {
      let cells = lines.map { line -> String in
        guard let value = series.metric.value(in: line[index]) else { return "over capacity" }
        return series.metric == .cost ? DisplayFormat.dollars(value) : duration(value)
      }
      rows.append("| \(number(x)) | " + cells.joined(separator: " | ") + " |")
    }
    return rows.joined(separator: "\n")
  }

  /// The budget lines whose verdict could change if every LLM call took `bound` more or less
  /// time: the achieved value moves by `bound` times the share of LLM time (prefill and decode)
  /// in the sessions it describes — the tail for p99, the mean session otherwise. Runs over
  /// capacity are left out (their verdict does not rest on the cost model's last percent).
  static func flipRows(_ results: StudyResults, bound: Double) -> (rows: [String], checks: Int) {
    var rows: [String] = []
    var checks = 0
    for (run, report) in zip(results.spec.runs, results.runs)
    where report.stoppedEarly == nil && !report.sites.contains(where: \.isOverloaded) {
      for check in report.verdict.checks {
        checks += 1
        let share = llmShare(report, tail: check.metric != "p50")
        let low = check.achievedMilliseconds * (1 - bound * share)
        let high = check.achievedMilliseconds * (1 + bound * share)
        guard (low...high).contains(check.targetMilliseconds) else { continue }
        rows.append(
          "| \(run.label) | \(check.metric) | \(duration(check.targetMilliseconds)) | "
            + "\(duration(check.achievedMilliseconds)) \(check.isMet ? "✓" : "✗") | "
            + "\(duration(low)) – \(duration(high)) |")
      }
    }
    return (rows, checks)
  }

  static func flipTable(_ rows: [String], bound: Double) -> String {
    guard !rows.isEmpty else { return "No budget line is that close to its target." }
    return
      ([
        "| run | budget line | target | achieved | with LLM time ±\(DisplayFormat.percent(bound)) |",
        "|---|---|---:|---:|---|",
      ] + rows).joined(separator: "\n")
  }

  /// The fraction of a session's time spent in prefill and decode.
  static func llmShare(_ report: LatencyReport, tail: Bool) -> Double {
    var total = 0.0
    var llm = 0.0
    for share in report.components {
      let value = max(tail ? share.tailMilliseconds : share.meanMilliseconds, 0)
      total += value
      if share.component == .prefill || share.component == .decode { llm += value }
    }
    return total > 0 ? llm / total : 0
  }

  static func fidelityTable(_ table: FidelityTable) -> String {
    var rows = [
      "| source | rows fitted | median error, fitted | rows held out | median error, held out |",
      "|---|---:|---:|---:|---:|",
    ]
    for source in table.sources {
      rows.append(
        "| \(source.source) | \(source.inSample.rows) | "
          + "\(DisplayFormat.percent(source.inSample.median)) | \(source.heldOut.rows) | "
          + (source.heldOut.rows > 0 ? DisplayFormat.percent(source.heldOut.median) : "–") + " |")
    }
    return rows.joined(separator: "\n")
  }

  /// The largest per-source median error over held-out rows (in-sample where a source has no
  /// held-out row): a deliberately pessimistic single figure for "how wrong can an LLM call's time
  /// be".
  static func errorBound(_ table: FidelityTable) -> (error: Double, source: String) {
    var worst = (error: 0.0, source: "none")
    for source in table.sources {
      let error = source.heldOut.rows > 0 ? source.heldOut.median : source.inSample.median
      if error > worst.error { worst = (error, source.source) }
    }
    return worst
  }

  // MARK: Formatting

  /// A duration as the terminal prints it.
  static func duration(_ milliseconds: Double) -> String {
    DisplayFormat.duration(milliseconds: milliseconds)
  }

  /// A number with up to three decimals, trailing zeros dropped: `5`, `12.5`.
  static func number(_ value: Double) -> String {
    var text = DisplayFormat.fixed(value, fractionDigits: 3)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
}
