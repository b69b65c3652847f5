extension Scenario {
  /// The scenario of a workflow under a placement: resolve against `catalog`, check the
  /// placement, build. For workflows made in code; files go through `WorkflowLoader`, whose
  /// `LoadedWorkflow.scenario(placement:)` also locates each problem in the file.
  ///
  /// - Parameters:
  ///   - workflow: The workflow.
  ///   - catalog: The catalog to resolve names against.
  ///   - file: The workflow's file name, for diagnostics.
  ///   - digest: A stable digest of the workflow's source, for reports.
  ///   - placement: Step name → site name, overriding each step's first candidate.
  /// - Returns: The scenario.
  /// - Throws: `DiagnosticError` with every problem resolution, or else the placement check,
  ///   found.
  public static func resolving(
    _ workflow: Workflow, catalog: Catalog = .builtIn, file: String? = nil, digest: String = "",
    placement: [String: String] = [:]
  ) throws(DiagnosticError) -> Scenario {
    let resolved = try ResolvedWorkflow.resolve(workflow, catalog: catalog, file: file)
    return ScenarioBuilder.build(try resolved.check(placement: placement), digest: digest)
  }
}
