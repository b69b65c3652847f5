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
    /// The workers and their line, or nil where tools need no worker.
    var workers: MultiServerResource<Int32>?
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
          workers: site.toolWorkers > 0
            ? MultiServerResource<Int32>(serverCount: site.toolWorkers) : nil)
      })
  }

  /// Site `site`'s pool, or nil where tools need no worker.
  subscript(site: Int) -> MultiServerResource<Int32>? { pools[site].workers }

  /// Tool calls that arrived at site `site`'s pool.
  func arrivals(at site: Int) -> Int { pools[site].arrivals }

  /// Tool calls that finished at site `site`'s pool.
  func completions(at site: Int) -> Int { pools[site].completions }

  /// The number of calls waiting at site `site`.
  func waitingCount(at site: Int) -> Int { pools[site].workers?.waitingCount ?? 0 }

  /// Asks site `site` for a worker for `frame`'s tool at `now`.
  mutating func acquire(_ frame: Int32, at site: Int, now: SimTime) -> Admission {
    guard pools[site].workers != nil else { return .runsNow }
    pools[site].arrivals += 1
    if pools[site].workers?.acquire(frame, at: now) == true { return .runsNow }
    return .waits(lineLength: pools[site].workers?.waitingCount ?? 0)
  }

  /// Ends a tool at site `site` at `now`.
  ///
  /// - Returns: The frame whose tool now starts on the freed worker, if one was waiting.
  mutating func release(at site: Int, now: SimTime) -> Int32? {
    guard pools[site].workers != nil else { return nil }
    pools[site].completions += 1
    return pools[site].workers?.release(at: now)
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

  /// The value at `index`.
  subscript(index: Int) -> Element {
    @inline(__always) get {
      assert(index >= 0 && index < storage.count, "index \(index) out of 0..<\(storage.count)")
      return storage.base[index]
    }
    @inline(__always) nonmutating _modify {
      assert(index >= 0 && index < storage.count, "index \(index) out of 0..<\(storage.count)")
      yield &storage.base[index]
    }
  }
}
