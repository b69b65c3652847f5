import SimulationKernel
import Testing

@Suite("SimTime and SimDuration")
struct SimTimeTests {
  @Test("factories round to the nearest nanosecond")
  func factories() {
    #expect(SimDuration.milliseconds(1.5).nanoseconds == 1_500_000)
    #expect(SimDuration.seconds(2).nanoseconds == 2_000_000_000)
    #expect(SimDuration.microseconds(0.0004).nanoseconds == 0)
    #expect(SimDuration.microseconds(0.0006).nanoseconds == 1)
  }

  @Test("instants and durations combine as expected")
  func arithmetic() {
    let start = SimTime.zero + .milliseconds(3)
    let end = start + .seconds(1)
    #expect(end - start == .seconds(1))
    #expect((end - start).milliseconds == 1000)
    #expect(start < end)
  }
}
