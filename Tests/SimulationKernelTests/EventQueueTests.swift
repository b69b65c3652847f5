import SimulationKernel
import Testing

@Suite("Event queue")
struct EventQueueTests {
  @Test("pops in (time, insertion) order, like a stable sort, over many seeds", arguments: 0..<40)
  func againstOracle(seed: UInt64) {
    var generator = Xoshiro256StarStar(seed: seed)
    var queue = EventQueue<Int>()
    var oracle: [(time: Int64, id: Int)] = []
    var popped: [Int] = []
    var expected: [Int] = []
    var nextID = 0
    // Interleave inserts and pops; times drawn from a small range so ties are frequent.
    for _ in 0..<2_000 {
      if generator.nextUniform() < 0.6 || queue.isEmpty {
        let time = Int64(generator.nextInt(below: 50))
        queue.insert(nextID, at: SimTime(nanosecondsSinceStart: time))
        oracle.append((time, nextID))
        nextID += 1
      } else {
        // The oracle: the earliest time, and among equal times the first inserted.
        let best = oracle.indices.min { lhs, rhs in
          (oracle[lhs].time, oracle[lhs].id) < (oracle[rhs].time, oracle[rhs].id)
        }
        if let best {
          expected.append(oracle.remove(at: best).id)
        }
        if let (_, event) = queue.popFirst() { popped.append(event) }
      }
      #expect(queue.count == oracle.count)
    }
    while let (_, event) = queue.popFirst() { popped.append(event) }
    expected += oracle.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map(\.id)
    #expect(popped == expected)
  }

  @Test("reports the next time and stays empty after draining")
  func basics() {
    var queue = EventQueue<String>(capacity: 4)
    #expect(queue.nextTime == nil)
    queue.insert("b", at: SimTime(nanosecondsSinceStart: 5))
    queue.insert("a", at: SimTime(nanosecondsSinceStart: 2))
    #expect(queue.nextTime == SimTime(nanosecondsSinceStart: 2))
    let first = queue.popFirst()
    let second = queue.popFirst()
    let third = queue.popFirst()
    #expect(first?.event == "a")
    #expect(second?.event == "b")
    #expect(third == nil)
    #expect(queue.insertedCount == 2)
  }

  @Test("an event inserted with a reserved sequence keeps the place it had when reserved")
  func reservedSequence() {
    var queue = EventQueue<String>()
    let at = SimTime(nanosecondsSinceStart: 7)
    queue.insert("before", at: at)
    let reserved = queue.reserveSequence()
    queue.insert("after", at: at)
    queue.insert("reserved", at: at, sequence: reserved)
    var order: [String] = []
    while let (_, event) = queue.popFirst() { order.append(event) }
    #expect(order == ["before", "reserved", "after"])
  }

  @Test("the clock moves in place only when no pending event is due by then")
  func advanceInPlace() {
    var scheduler = Scheduler<Int>()
    scheduler.schedule(1, at: SimTime(nanosecondsSinceStart: 10))
    let moved = scheduler.advanceInPlace(to: SimTime(nanosecondsSinceStart: 9))
    #expect(moved)
    #expect(scheduler.now == SimTime(nanosecondsSinceStart: 9))
    #expect(scheduler.handledCount == 1)
    // An event due at the same instant or before comes first, and the clock never goes back.
    let refused = [10, 11, 8].map {
      scheduler.advanceInPlace(to: SimTime(nanosecondsSinceStart: $0))
    }
    #expect(refused == [false, false, false])
    #expect(scheduler.now == SimTime(nanosecondsSinceStart: 9))
    #expect(scheduler.handledCount == 1)
    scheduler.requestStop()
    let stopped = scheduler.advanceInPlace(to: SimTime(nanosecondsSinceStart: 9))
    #expect(!stopped)
    var empty = Scheduler<Int>()
    let alone = empty.advanceInPlace(to: SimTime(nanosecondsSinceStart: 1_000))
    #expect(alone)
  }
}

/// A tiny model that logs what it handles: the event-log test of the kernel's semantics.
struct LoggingModel: SimulationModel {
  enum Event: Equatable {
    case ping(Int)
    case spawn
  }
  var log: [String] = []

  mutating func handle(_ event: Event, scheduler: inout Scheduler<Event>) {
    let now = scheduler.now.nanosecondsSinceStart
    switch event {
    case .ping(let id):
      log.append("\(now):ping\(id)")
    case .spawn:
      log.append("\(now):spawn")
      // Scheduled now, at the current instant: runs after every event already queued for it.
      scheduler.schedule(.ping(99), after: .zero)
      scheduler.schedule(.ping(100), after: .nanoseconds(10))
    }
  }
}

@Suite("Simulation")
struct SimulationTests {
  @Test("simultaneous events run in insertion order; the clock only moves forward")
  func eventLog() {
    var simulation = Simulation(model: LoggingModel())
    simulation.schedule(.ping(1), at: SimTime(nanosecondsSinceStart: 5))
    simulation.schedule(.spawn, at: SimTime(nanosecondsSinceStart: 5))
    simulation.schedule(.ping(2), at: SimTime(nanosecondsSinceStart: 5))
    simulation.schedule(.ping(0), at: SimTime(nanosecondsSinceStart: 1))
    simulation.run()
    #expect(
      simulation.model.log == [
        "1:ping0", "5:ping1", "5:spawn", "5:ping2", "5:ping99", "15:ping100",
      ])
    #expect(simulation.handledCount == 6)
    #expect(simulation.now == SimTime(nanosecondsSinceStart: 15))
  }

  @Test("run(until:) handles events strictly before the end and sets the clock to it")
  func runUntil() {
    var simulation = Simulation(model: LoggingModel())
    simulation.schedule(.ping(1), at: SimTime(nanosecondsSinceStart: 5))
    simulation.schedule(.ping(2), at: SimTime(nanosecondsSinceStart: 10))
    simulation.run(until: SimTime(nanosecondsSinceStart: 10))
    #expect(simulation.model.log == ["5:ping1"])
    #expect(simulation.now == SimTime(nanosecondsSinceStart: 10))
    let stepped = simulation.step()
    #expect(stepped)
    #expect(simulation.model.log == ["5:ping1", "10:ping2"])
    let steppedAgain = simulation.step()
    #expect(!steppedAgain)
  }

  @Test("a multi-server resource serves first come, first served")
  func resource() {
    var resource = MultiServerResource<Int>(serverCount: 2)
    let t0 = SimTime.zero
    let granted = [1, 2, 3, 4].map { resource.acquire($0, at: t0) }
    #expect(granted == [true, true, false, false])
    #expect(resource.waitingCount == 2)
    let t1 = t0 + .seconds(1)
    let handedOver = (0..<3).map { _ in resource.release(at: t1) }
    #expect(handedOver == [3, 4, nil])
    #expect(resource.busyCount == 1)
    // Two busy servers for 1 s out of 2 s of two-server capacity, then one for 1 s: 0.75.
    let utilization = resource.utilization(at: t0 + .seconds(2))
    #expect(abs(utilization - 0.75) < 1e-12)
    // Two waiting for 1 s over 2 s: mean queue 1.
    let queueLength = resource.meanQueueLength(at: t0 + .seconds(2))
    #expect(abs(queueLength - 1) < 1e-12)
  }

  @Test("the ring buffer keeps FIFO order across growth and wrap-around")
  func ringBuffer() {
    var buffer = RingBuffer<Int>(capacity: 2)
    var expected: [Int] = []
    var next = 0
    var generator = Xoshiro256StarStar(seed: 9)
    for _ in 0..<1_000 {
      if generator.nextUniform() < 0.55 {
        buffer.append(next)
        expected.append(next)
        next += 1
      } else {
        let popped = buffer.popFirst()
        #expect(popped == (expected.isEmpty ? nil : expected.removeFirst()))
      }
      #expect(buffer.count == expected.count)
    }
  }
}
