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
