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

  /// Resolves the workflow with `placement` into a scenario.
  ///
  /// - Throws: `DiagnosticError` (see `ScenarioBuilder.build`).
  public func scenario(placement: [String: String] = [:]) throws -> Scenario {
    try ScenarioBuilder(catalog: catalog).build(
      workflow, file: file, digest: digest, placement: placement)
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
      data = try Data(contentsOf: url)
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(
        Diagnostic(file: file, message: "cannot read the file (\(error.localizedDescription))"))
    }
    guard data.count <= Workflow.maximumFileSize else {
      throw DiagnosticError(
        Diagnostic(
          file: file,
          message:
            "the file is \(data.count) bytes; workflow files are at most \(Workflow.maximumFileSize)"
        ))
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
    let workflow: Workflow
    do {
      workflow = try Workflow.decode(from: root, file: file, names: CatalogNames(catalog))
    } catch {
      throw DiagnosticError(error.diagnostics.map { attributed($0, to: overridden) })
    }
    return LoadedWorkflow(
      workflow: workflow, file: file, digest: StableDigest.hex(of: digestInput), catalog: catalog)
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
