import Testing

@testable import AgentSim

@Suite("Slot pools")
struct SlotPoolTests {
  @Test("an id is live from its allocation to its release; a stale one is not (debug builds)")
  func staleIDsAreNotLive() {
    let pool = SlotPool<FrameID, Int>(empty: 0, capacity: 4)
    let first = pool.allocate()
    let second = pool.allocate(initializedTo: 5)
    pool[first] = 7
    #expect(pool[first] == 7)
    #expect(pool[second] == 5)
    #expect(pool.isLive(first) && pool.isLive(second))
    #expect(!pool.isLive(.none))
    #expect(!pool.isLive(FrameID(raw: 2)))  // never allocated
    pool.release(first)
    #if DEBUG
      // The subscript asserts this: a frame id kept past its frame's release is caught at its
      // next use in every debug-build test run.
      #expect(!pool.isLive(first))
    #endif
    #expect(pool.isLive(second))
    let reused = pool.allocateForReset()
    #expect(reused == first)
    #expect(pool.isLive(reused))
    #expect(pool.liveCount == 2)
  }
}

@Suite("Id tables")
struct IDTableTests {
  @Test("a table's ids are its values in order; none and ids past the end are not in it")
  func idsAndRange() {
    let table = IDTable<ReplicaID, Int>([10, 20, 30])
    #expect(table.ids.map(\.index) == [0, 1, 2])
    #expect(table.ids.map { table[$0] } == [10, 20, 30])
    let last = ReplicaID(raw: 2)
    table[last] += 5
    #expect(table.address(last).pointee == 35)
    #expect(Array(table.elements) == [10, 20, 35])
    #expect(table.ids.allSatisfy(table.contains))
    #expect(!table.contains(.none))
    #expect(!table.contains(ReplicaID(raw: 3)))
  }

  #if DEBUG
    @Test("indexing a table with an id outside it stops a debug build")
    func outOfRangeTraps() async {
      await #expect(processExitsWith: .failure) {
        let table = IDTable<ReplicaID, Int>([1, 2])
        _ = table[ReplicaID(raw: 2)]
      }
      await #expect(processExitsWith: .failure) {
        let table = IDTable<ReplicaID, Int>([1, 2])
        _ = table[.none]
      }
    }
  #endif

  @Test("typed ids are laid out as the Int32 they hold, so the simulator's events are too")
  func layout() {
    for (size, stride, alignment) in [
      (
        MemoryLayout<ReplicaID>.size, MemoryLayout<ReplicaID>.stride,
        MemoryLayout<ReplicaID>.alignment
      ),
      (
        MemoryLayout<RequestID>.size, MemoryLayout<RequestID>.stride,
        MemoryLayout<RequestID>.alignment
      ),
      (MemoryLayout<PoolID>.size, MemoryLayout<PoolID>.stride, MemoryLayout<PoolID>.alignment),
      (MemoryLayout<HostID>.size, MemoryLayout<HostID>.stride, MemoryLayout<HostID>.alignment),
      (
        MemoryLayout<ToolPoolID>.size, MemoryLayout<ToolPoolID>.stride,
        MemoryLayout<ToolPoolID>.alignment
      ),
      (MemoryLayout<UserID>.size, MemoryLayout<UserID>.stride, MemoryLayout<UserID>.alignment),
    ] {
      #expect(size == MemoryLayout<Int32>.size)
      #expect(stride == MemoryLayout<Int32>.stride)
      #expect(alignment == MemoryLayout<Int32>.alignment)
    }
    // The event's cases with every id untyped: the typed event must be no larger.
    enum UntypedEvent {
      case arrival
      case userReady(Int32)
      case resume(Int32)
      case iterationDone(replica: Int32, version: Int32)
    }
    #expect(MemoryLayout<SessionSimulator.Event>.size == MemoryLayout<UntypedEvent>.size)
    #expect(MemoryLayout<SessionSimulator.Event>.stride == MemoryLayout<UntypedEvent>.stride)
  }
}
