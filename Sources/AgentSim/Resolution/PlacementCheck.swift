extension ResolvedWorkflow {
  /// Checks one placement: the one function `run --placement`, `validate` (every candidate),
  /// `sweep` points and `optimize` candidates go through.
  ///
  /// Reports which step cannot run where and why: a site that does not serve the step's model,
  /// a pin to another tier, a tool at a hosted API, no chain of links to the orchestrator or a
  /// fallback, a placement naming no step; and, per site, a model this placement runs there that
  /// does not fit (alone or beside the others), or has no compute path there. A model in a
  /// site's `serves` that the placement never runs there is not checked: it makes infeasible
  /// only the placements that put it there.
  ///
  /// - Parameter placement: Step name → site name, overriding each step's first candidate.
  /// - Returns: The checked placement, with the engines of every model it runs.
  /// - Throws: `DiagnosticError` with every problem, each with its JSON path (`--placement` for
  ///   a step name the workflow lacks) and a suggestion where one helps.
  /// - Complexity: O(*s* + *p*) for *s* steps and *p* (site, model) pairs placed.
  public func check(placement: [String: String] = [:]) throws(DiagnosticError) -> CheckedPlacement {
    var checker = PlacementChecker(resolved: self, placement: placement)
    let checked = checker.check()
    guard let checked, checker.diagnostics.isEmpty else {
      throw DiagnosticError(
        checker.diagnostics.isEmpty
          ? [Diagnostic(file: file, message: "the placement could not be checked")]
          : checker.diagnostics)
    }
    return checked
  }
}
