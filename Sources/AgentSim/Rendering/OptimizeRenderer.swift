import Foundation

/// Renders an ``OptimizeReport`` as JSON (keys sorted) or as text for a terminal.
public enum OptimizeRenderer {
  /// The report as pretty-printed JSON with sorted keys and a final newline.
  ///
  /// - Throws: An encoding error (not expected: every figure is finite or null).
  public static func renderJSON(_ report: OptimizeReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(report)
    data.append(0x0A)
    return data
  }

  /// The report as text: the best placement and its figures, how far the search went (space,
  /// zero-load front, simulated points, lower bound and gap), why it stopped, and the front.
  ///
  /// - Parameters:
  ///   - report: The report.
  ///   - top: Front rows to print.
  /// - Returns: Lines of at most 88 columns, each ending in a newline.
  public static func renderText(_ report: OptimizeReport, top: Int = 10) -> String {
    var lines: [String] = []
    let settings = report.settings
    var goal: String
    switch settings.objective {
    case .cost: goal = "the cheapest placement"
    case .energy: goal = "the placement with the least device energy"
    case .p99: goal = "the lowest p99"
    case .p50: goal = "the lowest median"
    }
    if settings.objective.isConstrainedByBudget, report.budget.hasTargets {
      goal += " that meets the budget (\(budgetText(report.budget)))"
    }
    if let limit = settings.maximumCostDollars {
      goal += ", at most \(DisplayFormat.dollars(limit)) per session"
    }
    if report.budgetUnreachable == true {
      lines.append(
        "\(report.workflow): no placement can meet the budget (\(budgetText(report.budget)))"
          + (settings.maximumCostDollars.map { " at most \(DisplayFormat.dollars($0)) per session" }
            ?? "") + ": "
          + "the lower bounds rule out all \(spaceText(report.spaceSize)) placements. Nearest "
          + "the budget instead:")
    }
    lines.append(
      "\(report.workflow): \(goal); seed \(settings.seed), "
        + "\(DisplayFormat.grouped(report.sessions)) sessions per placement.")
    lines.append("")
    if let best = report.best {
      let verdict =
        report.budget.hasTargets
        ? (best.meetsBudget ? "meets the budget" : "MISSES the budget") : "no budget set"
      lines.append("Best: \(describe(best.placement))")
      if let parameters = best.parameters, !parameters.isEmpty {
        let settings = parameters.keys.sorted().map { "\($0)=\(parameters[$0] ?? "")" }
        let count = report.variants ?? 1
        let pruned = report.variantsPruned ?? 0
        lines.append(
          "  with \(settings.joined(separator: " ")) (best of \(count) --vary setting"
            + "\(count == 1 ? "" : "s")"
            + (pruned > 0 ? "; \(pruned) skipped by their lower bounds)" : ")"))
      }
      // The median leads when it is what was searched on or what the budget sets.
      let median =
        settings.objective == .p50 || report.budget.p50Milliseconds != nil
        ? "p50 \(DisplayFormat.duration(milliseconds: best.p50Milliseconds)), " : ""
      lines.append(
        "  \(median)p99 \(DisplayFormat.duration(milliseconds: best.p99Milliseconds)) (\(verdict)), "
          + "\(DisplayFormat.dollars(best.costPerSessionDollars)) per session, "
          + "\(DisplayFormat.joules(best.energyJoules)) device energy "
          + "(\(DisplayFormat.grouped(best.sessions)) sessions)")
    } else {
      lines.append("Best: none: no placement passes the lower bounds (budget, --max-cost).")
    }
    lines.append("")
    let zero = report.zeroLoad
    lines.append(
      "Searched \(spaceText(report.spaceSize)) placements without enumerating them: exact "
        + "dynamic programming over \(zero.blocks) blocks "
        + "(\(DisplayFormat.grouped(zero.labelsCreated)) "
        + "partial placements) left a zero-load front of \(DisplayFormat.grouped(zero.frontSize)); "
        + "\(DisplayFormat.grouped(report.simulatedPoints)) placements simulated "
        + "(\(DisplayFormat.grouped(report.simulations)) runs, "
        + "\(DisplayFormat.grouped(report.simulatedSessions)) sessions).")
    if let optimum = zero.optimum {
      lines.append(
        "Zero-load optimum (nothing queued, every call alone): \(describe(optimum.placement)), "
          + "\(DisplayFormat.duration(milliseconds: optimum.milliseconds)) mean at "
          + "\(DisplayFormat.dollars(optimum.costDollars)) per session.")
    }
    if report.stop.moves > 0 {
      let moves = report.stop.moves
      lines.append(
        "Neighbourhood search (load-aware estimates, one step moved at a time) around "
          + "\(moves) placement\(moves == 1 ? "" : "s") (the leader, near misses): "
          + "\(DisplayFormat.grouped(report.stop.offFront)) raced placement"
          + "\(report.stop.offFront == 1 ? "" : "s") off the zero-load front.")
    }
    if let bound = report.lowerBound {
      var text = "Lower bound: \(objectiveText(bound, settings.objective))"
      switch settings.objective {
      case .cost, .energy: text += " per session"
      case .p50: text = "Lower bound: median " + objectiveText(bound, settings.objective)
      case .p99: text = "Lower bound: p99 " + objectiveText(bound, settings.objective)
      }
      text += " (no placement that can meet the limits does better in any simulation)"
      if let gap = report.gap { text += "; gap \(objectiveText(gap, settings.objective))" }
      lines.append(text + ".")
    }
    lines.append(stopText(report.stop))
    if !report.front.isEmpty {
      lines.append("")
      lines.append("Front found (p99, cost, energy; cheapest first):")
      for entry in report.front.prefix(top) {
        let mark = entry.meetsBudget ? " " : "!"
        let figures =
          "  \(mark) \(pad(DisplayFormat.duration(milliseconds: entry.p99Milliseconds), 9))"
          + " \(pad(DisplayFormat.dollars(entry.costPerSessionDollars), 11))"
          + " \(pad(DisplayFormat.joules(entry.energyJoules), 9))  "
        // A long placement wraps under itself, so the figures stay a column on the left.
        let hanging = String(repeating: " ", count: figures.count)
        let placement = TextLayout.wrap(
          describe(entry.placement), width: 88 - figures.count, ellipsis: "…")
        for (index, part) in placement.enumerated() {
          lines.append((index == 0 ? figures : hanging) + part)
        }
      }
      if report.front.count > top {
        lines.append("  … \(report.front.count - top) more (--format json lists them all)")
      }
    }
    // Prose wraps at 88 columns; continuation lines are indented under their first line.
    return lines.flatMap { line -> [String] in
      // Front rows keep their columns (wrapping would collapse the padding).
      if line.hasPrefix("   ") || line.hasPrefix("  !") { return [line] }
      let indent = line.hasPrefix("  ") ? "      " : "  "
      return TextLayout.wrap(line, width: 88, indent: indent, ellipsis: "…")
    }.map { $0 + "\n" }.joined()
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }

  static func budgetText(_ budget: SweepBudget) -> String {
    BudgetWording.targets(budget)
  }

  static func spaceText(_ size: Double) -> String {
    size < 1e15 ? DisplayFormat.grouped(size) : DisplayFormat.significant(size, 3)
  }

  static func objectiveText(_ value: Double, _ objective: OptimizeObjective) -> String {
    switch objective {
    case .cost: DisplayFormat.dollars(value)
    case .p99, .p50: DisplayFormat.duration(milliseconds: value)
    case .energy: DisplayFormat.joules(value)
    }
  }

  static func stopText(_ stop: OptimizeStop) -> String {
    let rounds = "\(stop.rounds) round\(stop.rounds == 1 ? "" : "s")"
    let level = DisplayFormat.percent(stop.confidence)
    switch stop.reason {
    case .separated where stop.raced <= 1:
      return "Stopped after \(rounds): only one placement was left to race (the bounds and the "
        + "screening ruled out the rest)."
    case .separated:
      return "Stopped after \(rounds): the best is separated from the other \(stop.raced - 1) "
        + "raced candidates (each ruled out at \(level), batch means, same seed)."
    case .fullSessions:
      return "Stopped after \(rounds) at the full sessions: \(stop.remaining) of \(stop.raced) "
        + "raced candidates are still within noise (\(level)); the best is the best estimate."
    case .sessionBudget:
      return "Stopped after \(rounds): the session budget is spent; \(stop.remaining) of "
        + "\(stop.raced) raced candidates are still within noise: the best so far."
    case .timeLimit:
      let cap =
        stop.timeLimitSeconds.map {
          " (--seconds \(DisplayFormat.significant($0, 3, trimsTrailingZeros: true)))"
        } ?? ""
      return "Stopped after \(rounds) by the time limit\(cap): this is the best so far, not a "
        + "finished search; the same options and stopping round reproduce it."
    case .noCandidates:
      return "Nothing to simulate: no placement passes the lower bounds."
    }
  }

  /// "edge: classify, plan · region: answer", sites in order of first use.
  static func describe(_ placement: [String: String]) -> String {
    var groups: [(site: String, steps: [String])] = []
    for step in placement.keys.sorted() {
      guard let site = placement[step] else { continue }
      if let index = groups.firstIndex(where: { $0.site == site }) {
        groups[index].steps.append(step)
      } else {
        groups.append((site, [step]))
      }
    }
    groups.sort { $0.site < $1.site }
    return groups.map { "\($0.site): \($0.steps.joined(separator: ", "))" }
      .joined(separator: " · ")
  }
}
