/// Where a site sits: on the user's device, at an edge site nearby, or in a regional datacenter.
public enum SiteTier: String, CaseIterable, Hashable, Sendable {
  /// The user's own phone, laptop or embedded board: one per session, never shared between
  /// sessions.
  case device
  /// A small server near the user, shared by all sessions.
  case edge
  /// A regional datacenter (or a hosted API), shared by all sessions.
  case region
}
