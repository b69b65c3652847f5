/// What a remote step does when the link to its site is down.
public enum OutagePolicy: Hashable, Sendable {
  /// Wait for the link to come back, then run as planned (the default).
  case wait
  /// Run at another site instead (typically the device) while the link is down.
  case fallback(site: String)
}
