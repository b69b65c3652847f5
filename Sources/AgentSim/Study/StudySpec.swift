import Foundation

/// A reference study: the runs, series, attribution bars and Pareto fronts whose numbers and figures
/// a study folder's `template.md` cites, read from the folder's `study.json`.
///
/// A study is data, not code, so that its author can add an experiment without touching Swift and
/// anyone can see exactly which workflow, placement and overrides produced each number. `agentsim
/// study DIR` runs it and writes `README.md` (the template with every `{{key}}` filled), `data/`
/// and `figures/`; `--check` regenerates everything in memory and compares it with the committed
/// files.
public struct StudySpec: Codable, Hashable, Sendable {
  /// The study's name (used in figure titles).
  public var name: String
  /// The seed of every run and sweep (common random numbers across the study's placements).
  public var seed: UInt64
  /// Measured sessions per run unless a run says otherwise.
  public var sessions: Int
  /// Warm-up sessions per run unless a run says otherwise.
  public var warmupSessions: Int
  /// Single runs, each cited as `{{run.ID.METRIC}}`.
  public var runs: [Run]
  /// Line charts of one metric against a varied setting, one line per placement.
  public var series: [Series]
  /// Stacked bars of where the time goes, one bar per run.
  public var bars: [Bars]
  /// Sweeps whose Pareto front (p99 against cost) becomes a figure.
  public var fronts: [Front]

  /// One simulation: a workflow, a placement and `--set` overrides.
  public struct Run: Codable, Hashable, Sendable {
    /// The key under which templates cite it (`voice.edge`).
    public var id: String
    /// The table this run belongs to (`{{table.GROUP}}`).
    public var group: String
    /// A short label for tables and figures (`edge (L40S)`).
    public var label: String
    /// The workflow file, relative to the study folder.
    public var workflow: String
    /// `--placement` of the run: step name to site.
    public var placement: [String: String]
    /// `--set` overrides, in order.
    public var set: [String]
    /// Measured sessions, when not the study's.
    public var sessions: Int?

    enum CodingKeys: String, CodingKey {
      case id, group, label, workflow, placement, set, sessions
    }

    /// Decodes a run; `placement`, `set` and `sessions` are optional.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      id = try container.decode(String.self, forKey: .id)
      group = try container.decode(String.self, forKey: .group)
      label = try container.decode(String.self, forKey: .label)
      workflow = try container.decode(String.self, forKey: .workflow)
      placement = try container.decodeIfPresent([String: String].self, forKey: .placement) ?? [:]
      set = try container.decodeIfPresent([String].self, forKey: .set) ?? []
      sessions = try container.decodeIfPresent(Int.self, forKey: .sessions)
    }
  }

  /// A metric against a varied setting: for each x, every line is run with its overrides and the
  /// series' `set` templates, in which `{x}` stands for the value and `{x*K}` for K times it.
  public struct Series: Codable, Hashable, Sendable {
    /// The key under which templates cite it and the figure's file name.
    public var id: String
    /// The figure's title.
    public var title: String
    /// The x axis label.
    public var xLabel: String
    /// The x values, increasing.
    public var x: [Double]
    /// Overrides applied at each x (`links[0].rtt_median_ms={x}`).
    public var set: [String]
    /// What is plotted: `p50`, `p99`, `mean`, `ttft_p99` or `cost`.
    public var metric: StudyMetric
    /// The lines.
    public var lines: [Line]

    /// One line: a placement (and overrides) of a workflow.
    public struct Line: Codable, Hashable, Sendable {
      /// The key under which templates cite it (`phone`).
      public var id: String
      /// The legend label.
      public var label: String
      /// The workflow file, relative to the study folder.
      public var workflow: String
      /// Step name to site.
      public var placement: [String: String]
      /// Overrides applied before the series' own.
      public var set: [String]
      /// Whether the series' overrides apply to this line; false draws a reference line that
      /// stays the same at every x (say, the same answer without speculative decoding).
      public var vary: Bool

      enum CodingKeys: String, CodingKey {
        case id, label, workflow, placement, set, vary
      }

      /// Decodes a line; `placement` and `set` are optional.
      public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        label = try container.decode(String.self, forKey: .label)
        workflow = try container.decode(String.self, forKey: .workflow)
        placement = try container.decodeIfPresent([String: String].self, forKey: .placement) ?? [:]
        set = try container.decodeIfPresent([String].self, forKey: .set) ?? []
        vary = try container.decodeIfPresent(Bool.self, forKey: .vary) ?? true
      }
    }

    enum CodingKeys: String, CodingKey {
      case id, title, x, set, metric, lines
      case xLabel = "x_label"
    }
  }

  /// Stacked bars of the mean session's components, one bar per run.
  public struct Bars: Codable, Hashable, Sendable {
    /// The figure's file name.
    public var id: String
    /// The figure's title.
    public var title: String
    /// The runs, top to bottom, by id.
    public var runs: [String]
  }

  /// A placement sweep whose points are drawn as p99 against cost with the Pareto front.
  public struct Front: Codable, Hashable, Sendable {
    /// The key under which templates cite it and the figure's file name.
    public var id: String
    /// The workflow file, relative to the study folder.
    public var workflow: String
    /// Candidate sites per step (`--candidates`), when not the workflow's own.
    public var candidates: [String: [String]]
    /// `--set` overrides.
    public var set: [String]
    /// Measured sessions per point.
    public var sessions: Int

    enum CodingKeys: String, CodingKey {
      case id, workflow, candidates, set, sessions
    }

    /// Decodes a front; `candidates` and `set` are optional.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      id = try container.decode(String.self, forKey: .id)
      workflow = try container.decode(String.self, forKey: .workflow)
      candidates =
        try container.decodeIfPresent([String: [String]].self, forKey: .candidates) ?? [:]
      set = try container.decodeIfPresent([String].self, forKey: .set) ?? []
      sessions = try container.decode(Int.self, forKey: .sessions)
    }
  }

  enum CodingKeys: String, CodingKey {
    case name, seed, sessions, runs, series, bars, fronts
    case warmupSessions = "warmup_sessions"
  }

  /// Reads and checks `study.json`.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - file: The name diagnostics give it.
  /// - Returns: The spec.
  /// - Throws: `DiagnosticError` naming the file and the JSON path of the problem: unreadable or
  ///   malformed JSON, a missing or mistyped field, duplicate ids, a bar naming an unknown run,
  ///   x values that do not increase, or sessions outside 1…10,000,000.
  public static func load(contentsOf url: URL, file: String) throws(DiagnosticError) -> StudySpec {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw DiagnosticError(
        Diagnostic(
          file: file, message: "cannot read the study file",
          suggestion: "a study folder holds study.json and template.md"))
    }
    let spec: StudySpec
    do {
      spec = try JSONDecoder().decode(StudySpec.self, from: data)
    } catch let error as DecodingError {
      throw DiagnosticError(Self.diagnostic(for: error, file: file))
    } catch {
      throw DiagnosticError(Diagnostic(file: file, message: "\(error)"))
    }
    let problems = spec.problems(file: file)
    if !problems.isEmpty { throw DiagnosticError(problems) }
    return spec
  }

  /// Every inconsistency JSON decoding cannot see.
  func problems(file: String) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    func check(_ sessions: Int, at path: String) {
      if !(1...10_000_000).contains(sessions) {
        problems.append(
          Diagnostic(
            file: file, path: path, message: "sessions must be within 1…10,000,000, not \(sessions)"
          ))
      }
    }
    check(sessions, at: "sessions")
    if !(0...10_000_000).contains(warmupSessions) {
      problems.append(
        Diagnostic(
          file: file, path: "warmup_sessions",
          message: "warm-up sessions must be within 0…10,000,000, not \(warmupSessions)"))
    }
    var runIDs = Set<String>()
    for (index, run) in runs.enumerated() {
      if !runIDs.insert(run.id).inserted {
        problems.append(
          Diagnostic(
            file: file, path: "runs[\(index)].id", message: "duplicate run id '\(run.id)'",
            suggestion: "give every run its own id"))
      }
      if let sessions = run.sessions { check(sessions, at: "runs[\(index)].sessions") }
    }
    var figureIDs = Set<String>()
    for (index, series) in series.enumerated() {
      if !figureIDs.insert(series.id).inserted {
        problems.append(
          Diagnostic(
            file: file, path: "series[\(index)].id", message: "duplicate id '\(series.id)'"))
      }
      if series.x.isEmpty || zip(series.x, series.x.dropFirst()).contains(where: { $0 >= $1 })
        || series.x.contains(where: { !$0.isFinite })
      {
        problems.append(
          Diagnostic(
            file: file, path: "series[\(index)].x",
            message: "x values must be finite and strictly increasing"))
      }
      if series.lines.isEmpty {
        problems.append(
          Diagnostic(file: file, path: "series[\(index)].lines", message: "a series needs a line"))
      }
    }
    for (index, bars) in bars.enumerated() {
      if !figureIDs.insert(bars.id).inserted {
        problems.append(
          Diagnostic(file: file, path: "bars[\(index)].id", message: "duplicate id '\(bars.id)'"))
      }
      for (position, run) in bars.runs.enumerated() where !runIDs.contains(run) {
        problems.append(
          Diagnostic(
            file: file, path: "bars[\(index)].runs[\(position)]",
            message: "no run has the id '\(run)'",
            suggestion: NearestName.suggestion(for: run, among: runIDs.sorted()).map {
              "did you mean '\($0)'?"
            }))
      }
    }
    for (index, front) in fronts.enumerated() {
      if !figureIDs.insert(front.id).inserted {
        problems.append(
          Diagnostic(file: file, path: "fronts[\(index)].id", message: "duplicate id '\(front.id)'")
        )
      }
      check(front.sessions, at: "fronts[\(index)].sessions")
    }
    return problems
  }

  /// A diagnostic with the JSON path of a decoding error.
  static func diagnostic(for error: DecodingError, file: String) -> Diagnostic {
    func path(_ codingPath: [any CodingKey]) -> String {
      var text = ""
      for key in codingPath {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text
    }
    switch error {
    case .keyNotFound(let key, let context):
      return Diagnostic(
        file: file, path: path(context.codingPath + [key]),
        message: "missing field '\(key.stringValue)'")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return Diagnostic(
        file: file, path: path(context.codingPath), message: "expected \(type)")
    case .dataCorrupted(let context):
      return Diagnostic(
        file: file, path: path(context.codingPath),
        message: context.underlyingError.map { "not valid JSON: \($0.localizedDescription)" }
          ?? context.debugDescription)
    @unknown default:
      return Diagnostic(file: file, message: "\(error)")
    }
  }
}

/// What a series plots.
public enum StudyMetric: String, Codable, Hashable, Sendable {
  /// Median end-to-end latency.
  case p50
  /// 99th-percentile end-to-end latency.
  case p99
  /// Mean end-to-end latency.
  case mean
  /// 99th-percentile time to the first visible token.
  case ttftP99 = "ttft_p99"
  /// Cost per session.
  case cost

  /// The value of this metric in `report` (milliseconds, or dollars for `cost`); nil when the run
  /// measured nothing or has no visible token.
  func value(in report: LatencyReport) -> Double? {
    guard report.stoppedEarly == nil else { return nil }
    switch self {
    case .p50: return report.latency.p50Milliseconds
    case .p99: return report.latency.p99Milliseconds
    case .mean: return report.latency.meanMilliseconds
    case .ttftP99: return report.timeToFirstToken?.p99Milliseconds
    case .cost: return report.costDollarsPerSession
    }
  }

  /// The axis label.
  var axisLabel: String {
    switch self {
    case .p50: "p50 latency"
    case .p99: "p99 latency"
    case .mean: "mean latency"
    case .ttftP99: "p99 time to first token"
    case .cost: "cost per session (USD)"
    }
  }
}
