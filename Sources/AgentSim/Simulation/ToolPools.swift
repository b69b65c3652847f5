import SimulationKernel

/// The tool worker pools of the sites: a first-come first-served line for `toolWorkers` workers at
/// each site that has them (tools elsewhere run at once), and the counts of tool calls that arrived
/// at and left each pool (for the overload notice).
///
/// The component does the bookkeeping only; the simulator schedules each tool's end. Its storage is
/// an `IDTable` by `ToolPoolID` (one pool per site, at the site's index), so acquiring and
/// releasing a worker writes in place without the uniqueness check an array in the simulator's
/// value would pay on every write; `acquire` and `release` are `mutating` so the simulator's
/// handlers pass the component by address instead of copying it.
struct ToolPools {
  /// One site's pool.
  struct Pool {
    /// Whether tools at the site take a worker (`workers` is a placeholder otherwise).
    var hasWorkers: Bool
    /// The workers and their line.
    var workers: MultiServerResource<FrameID>
    var arrivals = 0
    var completions = 0
  }

  /// What happened when a tool call asked for a worker.
  enum Admission: Equatable {
    /// The site has no pool, or a worker was free: the tool runs now.
    case runsNow
    /// Every worker is busy: the call waits behind this many (itself included).
    case waits(lineLength: Int)
  }

  /// Per site, its pool.
  let pools: IDTable<ToolPoolID, Pool>

  /// Creates the pools of `scenario`'s sites, all idle.
  init(scenario: Scenario) {
    pools = IDTable(
      scenario.sites.map { site in
        Pool(
          hasWorkers: site.toolWorkers > 0,
          workers: MultiServerResource<FrameID>(serverCount: max(site.toolWorkers, 1)))
      })
  }

  /// The pool of site `site`: sites and their tool pools share indices.
  @inline(__always)
  static func id(site: Int) -> ToolPoolID { ToolPoolID(raw: Int32(truncatingIfNeeded: site)) }

  /// Pool `pool`'s workers, or nil where tools need no worker.
  subscript(pool: ToolPoolID) -> MultiServerResource<FrameID>? {
    pools[pool].hasWorkers ? pools[pool].workers : nil
  }

  /// Tool calls that arrived at pool `pool`.
  func arrivals(at pool: ToolPoolID) -> Int { pools[pool].arrivals }

  /// Tool calls that finished at pool `pool`.
  func completions(at pool: ToolPoolID) -> Int { pools[pool].completions }

  /// The number of calls waiting at pool `pool`.
  func waitingCount(at pool: ToolPoolID) -> Int { pools[pool].workers.waitingCount }

  /// Asks pool `pool` for a worker for `frame`'s tool at `now`.
  ///
  /// Through the slot's address: reading the pool through the table's subscript copied it (and
  /// retained its line's buffer) on every call (callgrind).
  @inline(__always)
  mutating func acquire(_ frame: FrameID, at id: ToolPoolID, now: SimTime) -> Admission {
    let pool = pools.address(id)
    guard pool.pointee.hasWorkers else { return .runsNow }
    pool.pointee.arrivals += 1
    if pool.pointee.workers.acquire(frame, at: now) { return .runsNow }
    return .waits(lineLength: pool.pointee.workers.waitingCount)
  }

  /// Ends a tool at pool `id` at `now`.
  ///
  /// - Returns: The frame whose tool now starts on the freed worker, if one was waiting.
  @inline(__always)
  mutating func release(at id: ToolPoolID, now: SimTime) -> FrameID? {
    let pool = pools.address(id)
    guard pool.pointee.hasWorkers else { return nil }
    pool.pointee.completions += 1
    return pool.pointee.workers.release(at: now)
  }
}
