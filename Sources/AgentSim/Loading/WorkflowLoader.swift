import Foundation

/// A workflow read from a file, with the overrides applied and the catalog resolved: what `run`,
/// `explain` and `sweep` start from.
public struct LoadedWorkflow: Sendable {
  /// The decoded workflow.
  public var workflow: Workflow
  /// The file name as the user gave it.
  public var file: String
  /// A stable digest of the file's bytes and the overrides.
  public var digest: String
  /// The catalog to resolve names against.
  public var catalog: Catalog
  /// The parsed file (after overrides), to locate problems found when resolving; `nil` for a
  /// workflow built in code.
  public var root: JSONValue?
  /// What the file says that is valid but probably not meant (a budget written in seconds), in
  /// file order: for the command line to print on standard error, never into a report.
  public var warnings: [Diagnostic] = []

  /// Shared hardware sites whose price neither the workflow (`price_per_hour`) nor the catalog
  /// gives: simulated costs leave their busy time out. In site order.
  public var unpricedSites: [String] {
    workflow.sites.compactMap { site in
      guard site.tier != .device, case .hardware(let deployment) = site.backend,
        deployment.pricePerAcceleratorHour == nil,
        (try? catalog.hardware(named: deployment.hardware))?.pricePerHour == nil
      else { return nil }
      return site.name
    }
  }

  /// Resolves the workflow against the catalog (``ResolvedWorkflow/resolve(_:catalog:file:)``).
  ///
  /// - Throws: `DiagnosticError`, each problem located in the file where it has a place there.
  public func resolve() throws(DiagnosticError) -> ResolvedWorkflow {
    do {
      return try ResolvedWorkflow.resolve(workflow, catalog: catalog, file: file)
    } catch {
      throw DiagnosticError(error.diagnostics.map(located))
    }
  }

  /// Resolves the workflow and checks `placement` (``ResolvedWorkflow/check(placement:)``): the
  /// checks `run`, `validate`, `sweep` and `optimize` share.
  ///
  /// - Throws: `DiagnosticError`, each problem located in the file where it has a place there.
  public func check(placement: [String: String] = [:]) throws(DiagnosticError)
    -> CheckedPlacement
  {
    let resolved = try resolve()
    do {
      return try resolved.check(placement: placement)
    } catch {
      throw DiagnosticError(error.diagnostics.map(located))
    }
  }

  /// Resolves the workflow with `placement` into a scenario: ``check(placement:)``, then the
  /// builder, which cannot fail.
  ///
  /// - Throws: `DiagnosticError` (see ``check(placement:)``).
  public func scenario(placement: [String: String] = [:]) throws(DiagnosticError) -> Scenario {
    ScenarioBuilder.build(try check(placement: placement), digest: digest)
  }

  /// `diagnostic` with the line and column of its JSON path in the file, when it has none.
  public func located(_ diagnostic: Diagnostic) -> Diagnostic {
    // A problem inside a value the file lacks is placed at the nearest enclosing value.
    guard diagnostic.line == nil, let value = root?.nearestValue(atPath: diagnostic.path) else {
      return diagnostic
    }
    var located = diagnostic
    located.line = value.location.line
    located.column = value.location.column
    return located
  }

  /// The problems `run --placement` would report for `placement` (errors), and those of every
  /// other candidate site of each placeable step that `placement` leaves at its default, placed
  /// alone on top of `placement` (warnings: `run` would fail with them, and `sweep` marks their
  /// points infeasible). It calls the functions `run` calls before it simulates (``resolve()``,
  /// then ``ResolvedWorkflow/check(placement:)``), so that `validate` and `run` never disagree.
  ///
  /// - Parameter placement: Step name → site name, as `run --placement` takes it.
  /// - Returns: The problems, errors first, each with a location where the file has one.
  /// - Complexity: One resolution, then one placement check per candidate site of every
  ///   placeable step.
  public func placementProblems(placement: [String: String] = [:]) -> [Diagnostic] {
    let resolved: ResolvedWorkflow
    do {
      resolved = try resolve()
      _ = try resolved.check(placement: placement)
    } catch {
      return error.diagnostics.map(located)
    }
    guard let space = try? PlacementSpace(workflow: workflow) else { return [] }
    var problems: [Diagnostic] = []
    var seen: Set<Diagnostic> = []
    for step in space.steps where placement[step.name] == nil {
      for site in step.candidates.dropFirst() {
        do {
          _ = try resolved.check(placement: placement.merging([step.name: site]) { $1 })
        } catch {
          for var diagnostic in error.diagnostics.map(located) {
            diagnostic.severity = .warning
            diagnostic.message = "with \(step.name)=\(site): " + diagnostic.message
            if seen.insert(diagnostic).inserted { problems.append(diagnostic) }
          }
        }
      }
    }
    return problems
  }
}

/// Reads workflow files: parse, apply `--set` overrides, decode and validate against the catalog.
public enum WorkflowLoader {
  /// Loads a workflow.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - file: The name to show in diagnostics.
  ///   - overrides: `--set key=value` overrides, applied in order.
  ///   - catalog: The catalog whose names the workflow may use.
  /// - Returns: The loaded workflow.
  /// - Throws: `DiagnosticError` with every problem found.
  public static func load(
    contentsOf url: URL, file: String, overrides: [String] = [], catalog: Catalog = .builtIn
  ) throws(DiagnosticError) -> LoadedWorkflow {
    let data: Data
    do {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        throw DiagnosticError(Diagnostic(file: file, message: "no such file"))
      }
      guard !isDirectory.boolValue else {
        throw DiagnosticError(
          Diagnostic(file: file, message: "is a directory, not a workflow file"))
      }
      let type =
        try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
      if type == .typeCharacterSpecial || type == .typeBlockSpecial {
        throw DiagnosticError(
          Diagnostic(
            file: file, message: "is a device, not a workflow file",
            suggestion: "name a workflow JSON file, such as workflows/voice-assistant.json"))
      }
      data = try Data(contentsOf: url)
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(
        Diagnostic(file: file, message: "cannot read the file (\(error.localizedDescription))"))
    }
    return try load(data: data, file: file, overrides: overrides, catalog: catalog)
  }

  /// Loads a workflow from its text.
  ///
  /// - Parameters:
  ///   - data: The workflow's UTF-8 JSON (comments and trailing commas allowed).
  ///   - file: The name to show in diagnostics.
  ///   - overrides: `--set key=value` overrides, applied in order.
  ///   - catalog: The catalog whose names the workflow may use.
  /// - Returns: The loaded workflow.
  /// - Throws: `DiagnosticError` with every problem found.
  /// - Complexity: O(size of the text).
  public static func load(
    data: Data, file: String, overrides: [String] = [], catalog: Catalog = .builtIn
  ) throws(DiagnosticError) -> LoadedWorkflow {
    guard data.count <= Workflow.maximumFileSize else {
      throw DiagnosticError(Workflow.oversized(file: file, size: data.count))
    }
    var root = try JSONParser.parse(data, file: file)
    var problems: [Diagnostic] = []
    var digestInput = Array(data)
    var overridden: [(path: String, text: String)] = []
    for text in overrides {
      do {
        let override = try WorkflowOverride(parsing: text)
        overridden.append((try override.apply(to: &root), text))
        digestInput += Array("\n--set \(text)".utf8)
      } catch let diagnostic as Diagnostic {
        problems.append(diagnostic)
      } catch {
        problems.append(Diagnostic(path: "--set", message: "\(error)"))
      }
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    let decoded: (workflow: Workflow, warnings: [Diagnostic])
    do {
      decoded = try Workflow.decodeWithWarnings(
        from: root, file: file, names: CatalogNames(catalog))
    } catch {
      throw DiagnosticError(error.diagnostics.map { attributed($0, to: overridden) })
    }
    return LoadedWorkflow(
      workflow: decoded.workflow, file: file, digest: StableDigest.hex(of: digestInput),
      catalog: catalog, root: root,
      warnings: decoded.warnings.map { attributed($0, to: overridden) })
  }

  /// A diagnostic about a field that `--set` overrode, attributed to the override: its location in
  /// the file would point at the value the override replaced, which is not what is wrong.
  static func attributed(
    _ diagnostic: Diagnostic, to overridden: [(path: String, text: String)]
  ) -> Diagnostic {
    // The last override of a field wins, so it is the one to name.
    guard
      let override = overridden.last(where: { entry in
        diagnostic.path == entry.path || diagnostic.path.hasPrefix(entry.path + ".")
          || diagnostic.path.hasPrefix(entry.path + "[")
      })
    else { return diagnostic }
    var attributed = diagnostic
    attributed.file = "--set \(override.text)"
    attributed.line = nil
    attributed.column = nil
    return attributed
  }
}
