import SimulationKernel
import Testing

@testable import AgentSim

/// `Frame.reset` writes a reused slot property by property (cheaper than assigning a new frame):
/// these tests fail when a property is added to `Frame` without a line in `reset`.
@Suite("Frame reset")
struct FrameResetTests {
  @Test("reset writes as many properties as Frame has")
  func resetCoversEveryProperty() {
    #expect(Mirror(reflecting: Frame()).children.count == Frame.resetPropertyCount)
  }

  @Test("a used frame, reset, equals a fresh frame with the same arguments")
  func resetEqualsFresh() {
    var used = Frame()
    used.node = 7
    used.parent = FrameID(raw: 3)
    used.session = SessionID(raw: 2)
    used.contextOwner = FrameID(raw: 3)
    used.phaseCode = 4
    used.counter = 5
    used.outstanding = 6
    used.isJoined = true
    used.generator = Xoshiro256StarStar(seed: 99)
    used.times.add(.milliseconds(3), to: .tool)
    used.times.add(.milliseconds(1), to: .network)
    used.chainHead = RecordID(raw: 11)
    used.chainTail = RecordID(raw: 12)
    used.contextCachedTokens = 13
    used.contextPendingTokens = 14
    used.contextSite = 15
    used.collectedContextTokens = 16
    used.site = 17
    used.promptTokens = 18
    used.outputTokens = 19
    used.cachedTokens = 20
    used.newTokens = 21
    used.responseLatency = .milliseconds(22)
    used.phaseStart = SimTime(nanosecondsSinceStart: 23)
    used.computeAsDecode = true
    used.enqueuedAt = SimTime(nanosecondsSinceStart: 24)
    used.firstTokenAt = SimTime(nanosecondsSinceStart: 25)
    used.cancelScope = FrameID(raw: 26)
    used.inlineLeaf = 27
    used.suspendedGenerator = Xoshiro256StarStar(seed: 28)
    used.suspendedTimes.add(.milliseconds(29), to: .queueing)
    used.inlineSequence = 30
    used.inlineCounter = 31
    used.outerGenerator = Xoshiro256StarStar(seed: 32)
    let generator = Xoshiro256StarStar(seed: 5)
    used.reset(
      node: 1, parent: FrameID(raw: 2), session: SessionID(raw: 3), contextOwner: FrameID(raw: 4),
      generator: generator, cancelScope: FrameID(raw: 6))

    var fresh = Frame()
    fresh.node = 1
    fresh.parent = FrameID(raw: 2)
    fresh.session = SessionID(raw: 3)
    fresh.contextOwner = FrameID(raw: 4)
    fresh.cancelScope = FrameID(raw: 6)
    fresh.generator = generator
    #expect(String(describing: used) == String(describing: fresh))
  }
}
