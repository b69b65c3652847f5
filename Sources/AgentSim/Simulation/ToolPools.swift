import SimulationKernel

/// The tool worker pools of the sites: a first-come first-served line for `toolWorkers` workers at
/// each site that has them (tools elsewhere run at once), and the counts of tool calls that arrived
/// at and left each pool (for the overload notice).
///
/// The component does the bookkeeping only; the simulator schedules each tool's end. Its storage is
/// a `FixedTable`, so acquiring and releasing a worker writes in place without the uniqueness check
/// an array in the simulator's value would pay on every write; `acquire` and `release` are
/// `mutating` so the simulator's handlers pass the component by address instead of copying it.
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

  let pools: FixedTable<Pool>

  /// Creates the pools of `scenario`'s sites, all idle.
  init(scenario: Scenario) {
    pools = FixedTable(
      scenario.sites.map { site in
        Pool(
          hasWorkers: site.toolWorkers > 0,
          workers: MultiServerResource<FrameID>(serverCount: max(site.toolWorkers, 1)))
      })
  }

  /// Site `site`'s pool, or nil where tools need no worker.
  subscript(site: Int) -> MultiServerResource<FrameID>? {
    pools[site].hasWorkers ? pools[site].workers : nil
  }

  /// Tool calls that arrived at site `site`'s pool.
  func arrivals(at site: Int) -> Int { pools[site].arrivals }

  /// Tool calls that finished at site `site`'s pool.
  func completions(at site: Int) -> Int { pools[site].completions }

  /// The number of calls waiting at site `site`.
  func waitingCount(at site: Int) -> Int { pools[site].workers.waitingCount }

  /// Asks site `site` for a worker for `frame`'s tool at `now`.
  ///
  /// Through the slot's address: reading the pool through the table's subscript copied it (and
  /// retained its line's buffer) on every call (callgrind).
  @inline(__always)
  mutating func acquire(_ frame: FrameID, at site: Int, now: SimTime) -> Admission {
    let pool = pools.address(site)
    guard pool.pointee.hasWorkers else { return .runsNow }
    pool.pointee.arrivals += 1
    if pool.pointee.workers.acquire(frame, at: now) { return .runsNow }
    return .waits(lineLength: pool.pointee.workers.waitingCount)
  }

  /// Ends a tool at site `site` at `now`.
  ///
  /// - Returns: The frame whose tool now starts on the freed worker, if one was waiting.
  @inline(__always)
  mutating func release(at site: Int, now: SimTime) -> FrameID? {
    let pool = pools.address(site)
    guard pool.pointee.hasWorkers else { return nil }
    pool.pointee.completions += 1
    return pool.pointee.workers.release(at: now)
  }
}

/// A fixed number of values in one buffer, written in place: the storage of the simulator's
/// components.
///
/// A class-held buffer rather than an array, because an array inside the simulator's value checks
/// that it is uniquely referenced on every write. Copies share storage: the simulator that owns it is
/// never copied while it runs. Indices are checked in debug builds (`assert`, free in release).
struct FixedTable<Element> {
  let storage: SlotStorage<Element>

  /// Creates a table holding `elements`.
  init(_ elements: [Element]) {
    storage = SlotStorage(capacity: elements.count)
    for element in elements { storage.append(element) }
  }

  /// The number of values.
  var count: Int { storage.count }

  /// The valid indices.
  var indices: Range<Int> { 0..<storage.count }

  /// The values, in order (a copy, for the report).
  var elements: ContiguousArray<Element> { ContiguousArray(indices.map { self[$0] }) }

  /// The address of the value at `index`, for a caller that reads and writes several of its
  /// fields in place.
  @inline(__always)
  func address(_ index: Int) -> UnsafeMutablePointer<Element> {
    assert(index >= 0 && index < storage.count, "index \(index) out of 0..<\(storage.count)")
    return storage.base + index
  }

  /// The value at `index`, read and written at its address: reading one field of a value that
  /// holds arrays (a replica's line and batch) copies and releases nothing (a getter returned a
  /// copy, retaining and releasing its arrays, on every read; callgrind).
  subscript(index: Int) -> Element {
    @inline(__always) unsafeAddress {
      assert(index >= 0 && index < storage.count, "index \(index) out of 0..<\(storage.count)")
      return UnsafePointer(storage.base + index)
    }
    @inline(__always) nonmutating unsafeMutableAddress {
      assert(index >= 0 && index < storage.count, "index \(index) out of 0..<\(storage.count)")
      return storage.base + index
    }
  }
}
