/// The version of agentsim, printed in every report so that results can be traced to the code that
/// produced them.
public enum AgentSimVersion {
  /// The tool and library version (semantic versioning).
  public static let current = "0.1.0"
}
