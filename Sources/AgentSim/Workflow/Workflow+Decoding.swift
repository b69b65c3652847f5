import Foundation

extension Workflow {
  /// The largest workflow file read, in bytes.
  public static let maximumFileSize = 16 * 1024 * 1024

  /// The diagnostic for a file of `size` bytes, over ``maximumFileSize``: in grouped digits, with
  /// what usually makes a workflow that large (a long `empirical` list).
  static func oversized(file: String?, size: Int) -> Diagnostic {
    Diagnostic(
      file: file,
      message: "the file is \(DisplayFormat.grouped(size)) bytes; workflow files are at most "
        + "\(DisplayFormat.grouped(maximumFileSize)) bytes (16 MiB)",
      suggestion: "summarize long 'empirical' sample lists as 'percentiles', or split the file")
  }

  /// Decodes and validates a workflow (format version 1) from JSON text.
  ///
  /// Checks syntax (with JSON5 comments and trailing commas), every key (unknown keys get a
  /// "did you mean"), types and ranges, references between steps, sites, models and links,
  /// and — when `names` is given — catalog names. Every problem is reported in one pass.
  ///
  /// - Parameters:
  ///   - data: The file's contents, UTF-8.
  ///   - file: The file name for diagnostics, as the user named it.
  ///   - names: The catalog's names, to check hardware, model, precision and link-profile names;
  ///     `nil` skips those checks.
  /// - Returns: The workflow.
  /// - Throws: `DiagnosticError` with every problem, in file order.
  /// - Complexity: O(*n*) in the size of the file, plus O(*s* · *l*) for *s* steps and *l*
  ///   links.
  public static func decode(from data: Data, file: String, names: CatalogNames? = nil)
    throws(DiagnosticError) -> Workflow
  {
    try decode(from: JSONParser.parse(data, file: file), file: file, names: names)
  }

  /// Decodes and validates a workflow from an already parsed JSON value (for example one with
  /// `--set` overrides applied).
  ///
  /// - Parameters:
  ///   - root: The parsed document.
  ///   - file: The file name for diagnostics.
  ///   - names: The catalog's names, or `nil` to skip catalog checks.
  /// - Returns: The workflow.
  /// - Throws: `DiagnosticError` with every problem, in file order.
  public static func decode(from root: JSONValue, file: String, names: CatalogNames? = nil)
    throws(DiagnosticError) -> Workflow
  {
    try decodeWithWarnings(from: root, file: file, names: names).workflow
  }

  /// Decodes and validates a workflow from a parsed JSON value, and returns the warnings found
  /// on the way (values that decode but probably do not mean what the author intended, such as a
  /// budget in seconds).
  ///
  /// - Parameters:
  ///   - root: The parsed document.
  ///   - file: The file name for diagnostics.
  ///   - names: The catalog's names, or `nil` to skip catalog checks.
  /// - Returns: The workflow, and its warnings in file order.
  /// - Throws: `DiagnosticError` with every problem (errors and warnings), in file order.
  public static func decodeWithWarnings(
    from root: JSONValue, file: String, names: CatalogNames? = nil
  ) throws(DiagnosticError) -> (workflow: Workflow, warnings: [Diagnostic]) {
    let collector = DiagnosticCollector(file: file)
    let decoder = WorkflowDecoder(collector: collector)
    let workflow = decoder.decodeWorkflow(
      JSONReader(value: root, path: .root, collector: collector))
    if let names, !decoder.catalogReferences.isEmpty {
      decoder.validate(names: names)
    }
    guard let workflow, !collector.hasErrors else {
      var diagnostics = collector.sortedDiagnostics
      if diagnostics.isEmpty {
        diagnostics = [Diagnostic(file: file, message: "the workflow could not be decoded")]
      }
      throw DiagnosticError(diagnostics)
    }
    return (workflow, collector.sortedDiagnostics)
  }

  /// Reads, decodes and validates a workflow file.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - file: The name to show in diagnostics; defaults to the URL's path.
  ///   - names: The catalog's names, or `nil` to skip catalog checks.
  /// - Returns: The workflow.
  /// - Throws: `DiagnosticError`: the file cannot be read, is too large, or is not a valid
  ///   workflow.
  public static func load(
    contentsOf url: URL, file: String? = nil, names: CatalogNames? = nil
  ) throws(DiagnosticError) -> Workflow {
    let shownName = file ?? url.path
    let data: Data
    do {
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
        throw DiagnosticError(
          Diagnostic(file: shownName, message: "is a directory, not a workflow file"))
      }
      if let size = attributes[.size] as? Int, size > maximumFileSize {
        throw DiagnosticError(oversized(file: shownName, size: size))
      }
      data = try Data(contentsOf: url)
    } catch let error as DiagnosticError {
      throw error
    } catch {
      let reason =
        FileManager.default.fileExists(atPath: url.path)
        ? "cannot read the file (\(error.localizedDescription))" : "no such file"
      throw DiagnosticError(Diagnostic(file: shownName, message: reason))
    }
    return try decode(from: data, file: shownName, names: names)
  }
}
