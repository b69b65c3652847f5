import AgentSim
import Foundation

/// `agentsim study`: runs a reference study folder and writes (or checks) its README, data and
/// figures.
enum StudyCommand: CLICommand {
  static let spec = CommandSpec(
    name: "study",
    abstract: "Run a study folder (study.json + template.md): write its README, data and figures.",
    discussion: """
      A study folder holds study.json (the runs, series, attribution bars and Pareto fronts, \
      each naming a workflow, a placement and --set overrides) and template.md (the prose, \
      citing every number as {{key}}). 'agentsim study DIR' simulates everything with the \
      study's seed and writes DIR/README.md (the template filled), DIR/data/*.csv (every number, \
      data/values.csv lists every key) and DIR/figures/*.svg. The output is byte-identical for \
      any --jobs. --check writes nothing: it regenerates every file in memory and exits 1, \
      naming the files, when the committed ones differ (CI runs it on results/edge-vs-region). \
      Run it from a release build: 'swift build -c release' first.
      """,
    positionals: [PositionalSpec("dir", help: "The study folder.")],
    options: [
      .value("jobs", "n", help: "Threads to simulate on.", default: "every core"),
      .flag("check", help: "Compare with the committed files instead of writing them."),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let jobs =
      arguments.string("jobs") == nil
      ? ProcessInfo.processInfo.activeProcessorCount
      : try arguments.integer("jobs", default: 1, in: 1...4096)
    let path = arguments.positionals[0]
    let folder = context.url(forPath: path)
    let specFile = (path as NSString).appendingPathComponent("study.json")
    let templateFile = (path as NSString).appendingPathComponent("template.md")
    let spec = try StudySpec.load(
      contentsOf: folder.appendingPathComponent("study.json"), file: specFile)
    guard
      let template = try? String(
        contentsOf: folder.appendingPathComponent("template.md"), encoding: .utf8)
    else {
      throw Diagnostic(
        file: templateFile, message: "cannot read the study's template",
        suggestion: "a study folder holds study.json and template.md")
    }
    let results = try StudyRunner(jobs: jobs).run(spec, in: folder)
    let output = try StudyOutput(results, template: template, templateFile: templateFile)
    if arguments.flag("check") {
      let differing = output.differences(from: folder)
      guard differing.isEmpty else {
        context.printError(
          "error: \(differing.count) file\(differing.count == 1 ? "" : "s") of \(path) differ "
            + "from what the study produces: " + differing.joined(separator: ", "))
        context.printError("regenerate them with 'agentsim study \(path)' and commit the result")
        return .failure
      }
      context.print("\(path): all \(output.files.count) files match what the study produces")
      return .success
    }
    let written = try output.write(to: folder)
    context.print("\(path): wrote \(written.count) files (README.md, data/, figures/)")
    return .success
  }
}
