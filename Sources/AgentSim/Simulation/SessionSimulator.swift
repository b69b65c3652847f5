import Foundation
import SimulationKernel

/// The simulator of an unobserved run (`agentsim run` without `--trace` or `--sessions-out`).
public typealias SessionSimulator = ObservedSessionSimulator<NoObserver>

/// The discrete-event model of sessions running a workflow over shared sites: the `SimulationModel`
/// behind `agentsim run`, reporting to an `Observer` (`NoObserver` compiles every observation
/// away).
///
/// Every session is an explicit state machine over the compiled step tree (`Frame`s in a pooled side
/// table); shared inference replicas batch continuously at iteration level; the device is one per
/// session; links draw a latency per message and may fail. Events are four small cases carrying
/// `Int32`-sized ids (`FrameID` for a frame); all state lives in side tables, so handling an event allocates nothing in the steady
/// state.
///
/// Randomness: arrivals, each link's outage process and each session draw from their own streams of
/// the run's seed; every frame gets its own generator seeded from its parent's when it is created,
/// and frames are created in an order fixed by the tree (not by timing), so the same session draws
/// the same tokens, tool durations and branch choices whatever the placement: common random numbers
/// across the points of a sweep.
public struct ObservedSessionSimulator<Observer: SimulationObserver>: SimulationModel {
  /// The events of the model.
  public enum Event: Sendable {
    /// The next open-loop session arrives.
    case arrival
    /// A closed-loop user starts a session.
    case userReady(UserID)
    /// A frame's timer fired: continue its state machine.
    case resume(FrameID)
    /// A replica finished an iteration (or a stretch of them); stale when the version no longer
    /// matches the replica's (a stretch cut short by an arrival).
    case iterationDone(replica: ReplicaID, version: Int32)
  }

  /// Limits that turn an overloaded run into a report instead of an endless run.
  public typealias Limits = SimulationLimits

  let scenario: Scenario
  let program: CompiledProgram
  /// Per site: what kind of place it is, without the payload (read on every compute request).
  let siteKinds: ContiguousArray<SiteKindTag>
  /// Per (site, model) of device sites, the engine's roofline; nil elsewhere.
  let deviceRooflines: ContiguousArray<Roofline?>
  /// Per (site, model): the pool, or `none`.
  let poolIndexBySiteModel: ContiguousArray<PoolID>
  let seed: UInt64
  let limits: Limits
  /// The orchestrator device's active power, for session energy; nil when the orchestrator is not
  /// a device.
  let orchestratorPowerWatts: Double?
  /// The random stream of session ordinal 0 (after the arrivals' and the links').
  let streamBase: UInt64

  var frames: SlotPool<FrameID, Frame>
  var sessions: SlotPool<SessionID, SessionState>
  var records: SlotPool<RecordID, StepRecord>
  /// Per session slot, its steps' figures so far (steps outside parallel sections add here as
  /// they complete, without a record).
  var stepSums: SessionStepSums
  /// Whether steps outside parallel sections add to `stepSums` as they complete: per-session
  /// blocks, `Limits.sumsStepsInPlace`, and no active observer (which lists every step).
  let sumsStepsInPlace: Bool
  /// The replicas of the shared pools and the requests at them.
  var batching: ReplicaBatching
  /// Tool worker pools per site.
  var toolPools: ToolPools
  /// The prefix caches of replicas and hosted APIs that model one (inactive otherwise).
  var caches: ConversationCaches
  /// Links, routes and outage processes.
  var network: Network
  /// Sessions to come.
  var arrivals: Arrivals
  var finishedSessions = 0
  var activeSessions = 0
  /// A frame whose resumption was deferred to the end of the event being handled
  /// (`deferResume`), or -1; with its time and its reserved place in the queue's order.
  var deferredFrame = FrameID.none
  var deferredTime = SimTime.zero
  var deferredSequence: UInt64 = 0
  /// Deferred resumptions handled in place rather than through the queue (for tests).
  var resumedInPlace = 0
  /// Leaves started by the step cursor (`stepToNextLeaf`) rather than by `spawnChild` (for tests).
  var steppedInPlace = 0

  /// The replicas of every pool, pool after pool (read by the report).
  var replicas: ContiguousArray<ReplicaState> { batching.replicas.elements }
  /// First replica index of each pool.
  var poolFirstReplica: [Int] { batching.poolFirstReplica }

  /// Who watches the run (sessions and site counters).
  public internal(set) var observer: Observer
  /// What has been measured so far.
  public internal(set) var statistics: RunStatistics
  /// Why the run stopped early, if it did (an overloaded site).
  public internal(set) var overload: OverloadNotice?
  /// Why the run stopped because a session ran away (past the simulated-time horizon or the
  /// per-session work budget), if it did: the input asks for more than can be simulated.
  public internal(set) var runaway: RunawayNotice?
  /// Model calls (and speculative steps) whose context (history, prompt and output) would have
  /// exceeded their model's context window, and were truncated to fit: the oldest history
  /// dropped, so the call prefilled what was left in full, and the output cut at the window.
  public internal(set) var contextTruncations = 0
  /// Simulated time of the first arrival and the last completion.
  public internal(set) var firstArrival = SimTime.zero
  /// Simulated time of the last session completion.
  public internal(set) var lastCompletion = SimTime.zero
  /// Simulated time of the first measured (post-warm-up) session's arrival.
  public internal(set) var firstMeasuredArrival: SimTime?
  /// Simulated time of the last measured session's completion.
  public internal(set) var lastMeasuredCompletion = SimTime.zero
  /// Per site, the requests waiting (for a batch slot or a tool worker) and the requests received
  /// when the last open-loop session arrived: whether the waiting line grew with the run. Nil for
  /// closed loops and before that arrival.
  var backlogAtLastArrival: [(waiting: Int, arrived: Int)]?

  /// Creates the model for a scenario.
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow and placement.
  ///   - seed: The run's seed.
  ///   - limits: Overload limits.
  ///   - observer: Who watches the run.
  public init(scenario: Scenario, seed: UInt64, limits: Limits = Limits(), observer: Observer) {
    self.observer = observer
    self.scenario = scenario
    program = CompiledProgram(scenario.program)
    siteKinds = ContiguousArray(
      scenario.sites.map { site -> SiteKindTag in
        switch site.kind {
        case .device: .device
        case .shared: .shared
        case .hostedAPI: .hostedAPI
        }
      })
    let modelCount = max(scenario.modelNames.count, 1)
    var deviceRooflines = ContiguousArray<Roofline?>(
      repeating: nil, count: scenario.sites.count * modelCount)
    for (site, entry) in scenario.sites.enumerated() {
      guard case .device(let device) = entry.kind else { continue }
      for (model, engine) in device.engines.enumerated() {
        deviceRooflines[site * modelCount + model] = engine?.roofline
      }
    }
    self.deviceRooflines = deviceRooflines
    var poolIndex = ContiguousArray<PoolID>(
      repeating: .none, count: scenario.sites.count * max(scenario.modelNames.count, 1))
    for (index, pool) in scenario.pools.enumerated() {
      poolIndex[pool.site * max(scenario.modelNames.count, 1) + pool.model] = PoolID(
        raw: Int32(index))
    }
    poolIndexBySiteModel = poolIndex
    self.seed = seed
    self.limits = limits
    frames = SlotPool(empty: Frame(), capacity: 1024)
    sessions = SlotPool(empty: SessionState(), capacity: 256)
    records = SlotPool(
      empty: StepRecord(step: -1, times: ComponentTimes(), next: .none), capacity: 1024)
    stepSums = SessionStepSums(stepCount: scenario.program.stepNames.count)
    sumsStepsInPlace = stepSums.isPerSession && limits.sumsStepsInPlace && !Observer.isActive
    batching = ReplicaBatching(scenario: scenario, fastForwardsDecode: limits.fastForwardsDecode)
    toolPools = ToolPools(scenario: scenario)
    caches = ConversationCaches(scenario: scenario)
    // Stream layout: 0 arrivals, 1…L link outage processes, then one stream per session ordinal,
    // then one per session ordinal for closed-loop think times.
    streamBase = UInt64(1 + scenario.links.count)
    arrivals = Arrivals(scenario: scenario, seed: seed, sessionStreamBase: streamBase)
    if case .device(let device) = scenario.sites[scenario.orchestratorSite].kind {
      orchestratorPowerWatts = device.activePowerWatts
    } else {
      orchestratorPowerWatts = nil
    }
    network = Network(scenario: scenario, seed: seed)
    statistics = RunStatistics(
      stepCount: scenario.program.stepNames.count, sitesCount: scenario.sites.count,
      measuredSessions: scenario.load.sessions)
  }

  /// A ready-to-run simulation: the first arrivals scheduled.
  public static func makeSimulation(
    scenario: Scenario, seed: UInt64, limits: Limits = Limits(), observer: Observer
  ) -> Simulation<Self> {
    var simulation = Simulation(
      model: Self(scenario: scenario, seed: seed, limits: limits, observer: observer),
      capacity: 1024)
    switch scenario.load.arrival {
    case .poisson:
      simulation.schedule(.arrival, at: .zero)
    case .closed(let users, _):
      for user in 0..<min(users, simulation.model.arrivals.total) {
        simulation.schedule(.userReady(UserID(raw: Int32(user))), at: .zero)
      }
    }
    return simulation
  }

  /// Handles one event.
  public mutating func handle(_ event: Event, scheduler: inout Scheduler<Event>) {
    switch event {
    case .arrival:
      guard arrivals.hasMore else { return }
      if let gap = arrivals.gapToNext() { scheduler.schedule(.arrival, after: gap) }
      startSession(user: .none, scheduler: &scheduler)
    case .userReady(let user):
      guard arrivals.hasMore else { return }
      startSession(user: user, scheduler: &scheduler)
    case .resume(let frame):
      advance(frame, scheduler: &scheduler)
    case .iterationDone(let replica, let version):
      guard batching.replicas[replica].stretchVersion == version else { return }
      finishIteration(replica, scheduler: &scheduler)
    }
    if activeSessions > limits.maximumActiveSessions && overload == nil {
      noteOverload(reason: .sessionsInFlight(activeSessions), scheduler: &scheduler)
    }
    while deferredFrame.exists { resumeDeferred(scheduler: &scheduler) }
  }

  /// Defers `frame`'s resumption at `time` (a message's arrival) to the end of the event being
  /// handled: then, if no other event comes first, the clock moves there and the frame resumes
  /// at once (`Scheduler.advanceInPlace`), else the resumption is queued in the place it would
  /// have had. The same order of handling and the same count of events as scheduling it now,
  /// without a trip through the queue: the agent loop's request to its tool pool is a tenth of a
  /// microsecond. One deferral per event; a second is scheduled at once.
  @inline(__always)
  mutating func deferResume(_ frame: FrameID, at time: SimTime, scheduler: inout Scheduler<Event>) {
    guard limits.resumesMessagesInPlace, deferredFrame.isNone else {
      scheduler.schedule(.resume(frame), at: time)
      return
    }
    deferredFrame = frame
    deferredTime = time
    deferredSequence = scheduler.reserveSequence()
  }

  /// Handles the deferred resumption: in place when it is the next event, else through the queue.
  mutating func resumeDeferred(scheduler: inout Scheduler<Event>) {
    let frame = deferredFrame
    deferredFrame = .none
    guard scheduler.advanceInPlace(to: deferredTime) else {
      scheduler.schedule(.resume(frame), at: deferredTime, sequence: deferredSequence)
      return
    }
    resumedInPlace += 1
    advance(frame, scheduler: &scheduler)
    if activeSessions > limits.maximumActiveSessions && overload == nil {
      noteOverload(reason: .sessionsInFlight(activeSessions), scheduler: &scheduler)
    }
  }

  // MARK: - Sessions

  mutating func startSession(user: UserID, scheduler: inout Scheduler<Event>) {
    let ordinal = arrivals.begin()
    activeSessions += 1
    if ordinal == 0 { firstArrival = scheduler.now }
    if scheduler.now.nanosecondsSinceStart > limits.simulatedTimeHorizon.nanoseconds {
      noteRunaway(.simulatedTime, step: nil, scheduler: &scheduler)
      return
    }
    if ordinal == scenario.load.warmupSessions { firstMeasuredArrival = scheduler.now }
    if Observer.isActive { observer.sessionStarted(ordinal: ordinal, at: scheduler.now) }
    if ordinal == arrivals.total - 1, case .poisson = scenario.load.arrival {
      backlogAtLastArrival = siteBacklogs()
    }
    let id = sessions.allocate()
    stepSums.reserve(session: id)
    sessions[id].ordinal = ordinal
    sessions[id].work = 0
    sessions[id].arrival = scheduler.now
    sessions[id].user = user
    sessions[id].deviceBusyUntil = scheduler.now
    let root = allocateFrame(
      node: scenario.program.root, parent: .none, session: id,
      generator: Xoshiro256StarStar(seed: seed, stream: streamBase &+ UInt64(ordinal)))
    frames[root].contextOwner = root
    if caches.isActive { caches.cache.forget(owner: root) }
    frames[root].contextPendingTokens = Int32(clamping: scenario.initialContextTokens)
    sessions[id].root = root
    start(root, scheduler: &scheduler)
  }

  /// Per site: requests waiting and requests received so far, over its pools and tool workers.
  func siteBacklogs() -> [(waiting: Int, arrived: Int)] {
    var backlogs = scenario.sites.indices.map { site in
      let tools = ToolPools.id(site: site)
      return (waiting: toolPools.waitingCount(at: tools), arrived: toolPools.arrivals(at: tools))
    }
    for (index, pool) in scenario.pools.enumerated() {
      let first = poolFirstReplica[index]
      for replica in replicas[first..<(first + pool.replicas)] {
        backlogs[pool.site].waiting += replica.waiting.count
        backlogs[pool.site].arrived += replica.arrived
      }
    }
    return backlogs
  }

  mutating func allocateFrame(
    node: Int, parent: FrameID, session: SessionID, generator: Xoshiro256StarStar
  ) -> FrameID {
    // A frame's cancel scope is its nearest enclosing first-k parallel section (-1: none).
    var scope = FrameID.none
    if parent.exists {
      let entry = program.entries[Int(frames[parent].node)]
      scope =
        entry.kind == .parallel && entry.probability > 0
        ? parent : frames[parent].cancelScope
    }
    let id = frames.allocateForReset()
    frames[id].reset(
      node: Int32(node), parent: parent, session: session,
      contextOwner: parent.exists ? frames[parent].contextOwner : id,
      generator: generator, cancelScope: scope)
    sessions[session].liveFrames += 1
    return id
  }

  /// Creates a child frame of `parent` running `node`, seeded from the parent's generator.
  mutating func spawnChild(
    of parent: FrameID, node: Int, ownsContext: Bool, scheduler: inout Scheduler<Event>
  ) {
    let childSeed = frames[parent].generator.next()
    if limits.runsLeavesInPlace, !ownsContext, frames[parent].cancelScope.isNone {
      let entry = program.entries[node]
      if entry.kind == .tool || entry.kind == .transfer {
        startInlineLeaf(node, in: parent, seed: childSeed, scheduler: &scheduler)
        return
      }
      if entry.kind == .sequence, entry.count > 0, limits.runsSequencesInPlace,
        frames[parent].inlineSequence < 0
      {
        startInlineSequence(node, entry, in: parent, seed: childSeed, scheduler: &scheduler)
        return
      }
    }
    let child = allocateFrame(
      node: node, parent: parent, session: frames[parent].session,
      generator: Xoshiro256StarStar(seed: childSeed))
    if ownsContext {
      // A parallel child continues a copy of the conversation so far (history, initial tokens,
      // pending tool results): its calls see what a call in sequence would see.
      let owner = frames[parent].contextOwner
      frames[child].contextOwner = child
      if caches.isActive { caches.cache.forget(owner: child) }
      frames[child].contextCachedTokens = frames[owner].contextCachedTokens
      frames[child].contextPendingTokens = frames[owner].contextPendingTokens
      frames[child].contextSite = frames[owner].contextSite
    }
    start(child, scheduler: &scheduler)
  }

  /// Runs leaf `node` (a tool or a transfer) in `frame`, its sequence, loop or branch parent,
  /// instead of in a child frame: the same draws (its generator is seeded with `seed`, drawn from
  /// the parent's as a child frame's is), the same events and times, without allocating,
  /// starting, completing and releasing a frame per step. Not for leaves under a cancelling join
  /// (`cancelScope`), whose cancellation works on leaf frames, nor for model calls, which replicas
  /// and prefix caches know by their frame.
  mutating func startInlineLeaf(
    _ node: Int, in frame: FrameID, seed: UInt64, scheduler: inout Scheduler<Event>
  ) {
    let slot = frames.address(frame)
    slot.pointee.suspendedGenerator = slot.pointee.generator
    slot.pointee.suspendedTimes = slot.pointee.times
    beginLeafInPlace(node, program.entries[node], in: frame, seed: seed, scheduler: &scheduler)
  }

  /// Starts leaf `node` (a tool or a transfer, `entry`) in `frame`, whose own generator and
  /// times are already set aside in `suspendedGenerator` and `suspendedTimes`.
  @inline(__always)
  mutating func beginLeafInPlace(
    _ node: Int, _ entry: CompiledProgram.Entry, in frame: FrameID, seed: UInt64,
    scheduler: inout Scheduler<Event>
  ) {
    let slot = frames.address(frame)
    slot.pointee.generator = Xoshiro256StarStar(seed: seed)
    slot.pointee.times = ComponentTimes()
    slot.pointee.inlineLeaf = Int32(node)
    // The leaf scratch as a fresh frame has it (tools and transfers read `site` and
    // `responseLatency` only after writing them, but a fresh start keeps that an implementation
    // detail of theirs).
    slot.pointee.site = -1
    slot.pointee.outputTokens = 0
    slot.pointee.responseLatency = .zero
    slot.pointee.phaseStart = .zero
    slot.pointee.enqueuedAt = .zero
    slot.pointee.startPhase()
    if entry.kind == .tool {
      startTool(frame, Int(entry.index), scheduler: &scheduler)
    } else {
      advanceTransfer(frame, Int(entry.index), scheduler: &scheduler)
    }
  }

  /// The step cursor: a leaf that ran in place in `frame` is done (its figures summed, no record;
  /// its times still in `times`),
  /// and the frame's next step is a leaf too: the next child of the sequence it runs (in place or
  /// as its own node), or the first child of the next run of its loop's sequence (or the loop's
  /// leaf body). Starts that leaf at once, in place, with the same draws in the same order as
  /// `childCompleted` then `spawnChild` (and `startInlineSequence`) would make: each generator
  /// advances where it is set aside (`suspendedGenerator`, `outerGenerator`) instead of being
  /// restored, advanced and set aside again, and the leaf's times add to the frame's set-aside
  /// times. `SimulationLimits.stepsInPlace`.
  ///
  /// - Returns: Whether it did; `false` (having changed nothing) when the next step is anything
  ///   else: a model call, a sequence or branch, a parallel section, the frame's end.
  mutating func stepToNextLeaf(_ frame: FrameID, scheduler: inout Scheduler<Event>) -> Bool {
    let slot = frames.address(frame)
    let inlineSequence = slot.pointee.inlineSequence
    let own = program.entries[Int(slot.pointee.node)]
    if inlineSequence >= 0 {
      let sequence = program.entries[Int(inlineSequence)]
      let next = slot.pointee.inlineCounter
      if next < sequence.count {
        // The in-place sequence's next child.
        let node = Int(program.children[Int(sequence.index + next)])
        guard let entry = leafToRunInPlace(node) else { return false }
        slot.pointee.inlineCounter = next + 1
        beginNextLeaf(node, entry, in: frame, scheduler: &scheduler)
        return true
      }
      // The in-place sequence is done: the next run of the frame's loop runs it again.
      guard own.kind == .loop, Int(own.index) == Int(inlineSequence),
        let runs = nextLoopRun(slot, own)
      else { return false }
      let node = Int(program.children[Int(sequence.index)])
      guard let entry = leafToRunInPlace(node) else { return false }
      slot.pointee.suspendedTimes.addOnPath(slot.pointee.times)
      slot.pointee.counter = runs
      // The loop's generator seeds the sequence's, which seeds its first child's.
      var sequenceGenerator = Xoshiro256StarStar(seed: slot.pointee.outerGenerator.next())
      let seed = sequenceGenerator.next()
      slot.pointee.suspendedGenerator = sequenceGenerator
      slot.pointee.inlineCounter = 1
      beginLeafInPlace(node, entry, in: frame, seed: seed, scheduler: &scheduler)
      return true
    }
    switch own.kind {
    case .sequence:
      let next = slot.pointee.counter
      guard next < own.count else { return false }
      let node = Int(program.children[Int(own.index + next)])
      guard let entry = leafToRunInPlace(node) else { return false }
      slot.pointee.counter = next + 1
      beginNextLeaf(node, entry, in: frame, scheduler: &scheduler)
      return true
    case .loop:
      let node = Int(own.index)
      guard let entry = leafToRunInPlace(node), let runs = nextLoopRun(slot, own)
      else { return false }
      slot.pointee.counter = runs
      beginNextLeaf(node, entry, in: frame, scheduler: &scheduler)
      return true
    default:
      return false
    }
  }

  /// Program node `node`'s entry when the step cursor can run it in place: a tool or a transfer.
  @inline(__always)
  func leafToRunInPlace(_ node: Int) -> CompiledProgram.Entry? {
    let entry = program.entries[node]
    return entry.kind == .tool || entry.kind == .transfer ? entry : nil
  }

  /// The step cursor's move to the next leaf of the sequence `frame` runs (its counter already
  /// advanced): the finished leaf's times join the set-aside ones, and the leaf at `node` starts
  /// in place with a seed from the sequence's set-aside generator, as a child frame's would.
  @inline(__always)
  mutating func beginNextLeaf(
    _ node: Int, _ entry: CompiledProgram.Entry, in frame: FrameID,
    scheduler: inout Scheduler<Event>
  ) {
    let slot = frames.address(frame)
    slot.pointee.suspendedTimes.addOnPath(slot.pointee.times)
    let seed = slot.pointee.suspendedGenerator.next()
    beginLeafInPlace(node, entry, in: frame, seed: seed, scheduler: &scheduler)
  }

  /// The count of runs after the one that just ended when loop `entry` (the node of the frame at
  /// `slot`) runs again without a draw (a fixed or drawn count), or nil: it is done, or its
  /// repetition draws (a geometric loop, left to `childCompleted`).
  @inline(__always)
  func nextLoopRun(_ slot: UnsafeMutablePointer<Frame>, _ entry: CompiledProgram.Entry) -> Int32? {
    guard entry.probability < 0 else { return nil }
    let runs = slot.pointee.counter + 1
    let limit =
      entry.probability == CompiledProgram.drawnCount ? slot.pointee.outstanding : entry.parameter
    return runs < limit ? runs : nil
  }

  /// Runs sequence `node` (not empty) in `frame`, its sequence, loop or branch parent, instead of
  /// in a child frame: its generator is seeded with `seed`, drawn from the parent's as a child
  /// frame's is, and its children are spawned from `frame` (leaves among them run in place too).
  /// What its children hand back goes straight to `frame`'s times and step chain, where the
  /// sequence would hand it when done: the same sums in the same order. One level only: a
  /// sequence under the in-place one takes a frame. Not under a cancelling join (`cancelScope`),
  /// whose cancellation works frame by frame.
  mutating func startInlineSequence(
    _ node: Int, _ entry: CompiledProgram.Entry, in frame: FrameID, seed: UInt64,
    scheduler: inout Scheduler<Event>
  ) {
    let slot = frame
    frames[slot].outerGenerator = frames[slot].generator
    frames[slot].generator = Xoshiro256StarStar(seed: seed)
    frames[slot].inlineSequence = Int32(node)
    frames[slot].inlineCounter = 1
    spawnChild(
      of: frame, node: Int(program.children[Int(entry.index)]), ownsContext: false,
      scheduler: &scheduler)
  }

  mutating func releaseFrame(_ id: FrameID) {
    let session = frames[id].session
    frames.release(id)
    sessions[session].liveFrames -= 1
    releaseSessionIfIdle(session)
  }

  mutating func releaseSessionIfIdle(_ id: SessionID) {
    let state = sessions[id]
    if state.isFinished && state.liveFrames == 0 { sessions.release(id) }
  }

  mutating func finishSession(
    _ id: SessionID, rootTimes: ComponentTimes, chain: RecordID,
    scheduler: inout Scheduler<Event>
  ) {
    let state = sessions[id]
    let latency = scheduler.now - state.arrival
    activeSessions -= 1
    finishedSessions += 1
    lastCompletion = scheduler.now
    if state.ordinal >= scenario.load.warmupSessions {
      lastMeasuredCompletion = scheduler.now
      var energy = 0.0
      if let watts = orchestratorPowerWatts {
        energy = Double(state.deviceBusyNanoseconds) * 1e-9 * watts
      }
      let firstVisible =
        state.firstVisible >= 0 ? state.firstVisible - state.arrival.nanosecondsSinceStart : nil
      if statistics.batches.isOpening {
        statistics.batches.open(costSoFar: costSoFar)
      }
      statistics.recordSession(
        latency: latency, times: rootTimes, chain: chain, records: records.slots,
        stepSums: stepSums.block(session: id), firstVisibleNanoseconds: firstVisible,
        energyJoules: energy, costDollars: state.costDollars)
      if statistics.batches.isFull {
        statistics.batches.close(costSoFar: costSoFar)
      }
    } else if stepSums.isPerSession {
      // A warm-up session's sums are not recorded; its slot starts the next session at zero.
      stepSums.block(session: id).update(repeating: 0, count: stepSums.stride)
    }
    if Observer.isActive { observe(state, latency: latency, times: rootTimes, chain: chain) }
    releaseChain(chain)
    sessions[id].isFinished = true
    if state.user.exists, let think = arrivals.thinkTime(afterSession: state.ordinal) {
      scheduler.schedule(.userReady(state.user), after: think)
    }
    if finishedSessions == arrivals.total {
      scheduler.requestStop()
    } else if limits.progressInterval > 0, finishedSessions % limits.progressInterval == 0 {
      // A pause, not an end: `WorkflowSimulation.run` reports progress and resumes. Checked
      // per finished session, so a run without progress pays nothing per event.
      scheduler.requestStop()
    }
  }

  /// Hands a finished session to the observer (only built for an active one).
  mutating func observe(
    _ state: SessionState, latency: SimDuration, times: ComponentTimes, chain: RecordID
  ) {
    var steps: [(step: Int, times: ComponentTimes)] = []
    var cursor = chain
    while cursor.exists {
      steps.append((Int(records[cursor].step), records[cursor].times))
      cursor = records[cursor].next
    }
    observer.sessionFinished(
      ObservedSession(
        ordinal: state.ordinal, isMeasured: state.ordinal >= scenario.load.warmupSessions,
        arrival: state.arrival, latency: latency,
        firstVisible: state.firstVisible >= 0
          ? SimDuration(nanoseconds: state.firstVisible - state.arrival.nanosecondsSinceStart)
          : nil,
        times: times, steps: steps, modelCalls: Int(state.modelCalls),
        firstVisibleCall: state.visibleDecodeNanoseconds >= 0
          ? ObservedSession.VisibleCall(
            decode: SimDuration(nanoseconds: state.visibleDecodeNanoseconds),
            outputTokens: Int(state.visibleOutputTokens)) : nil))
  }

  /// Reports a replica's counters to the observer.
  @inline(__always)
  mutating func observeReplica(_ replica: ReplicaID, now: SimTime) {
    guard Observer.isActive else { return }
    let pool = batching.replicas[replica].pool
    // The public observer API keeps the replica a plain index (`ReplicaID` is opaque outside the
    // module): converted here, at the boundary. `Scenario.pools` is a plain array, by the pool's
    // index.
    observer.replicaChanged(
      at: now, replica: replica.index, site: scenario.pools[pool.index].site,
      running: batching.replicas[replica].running.count,
      waiting: batching.replicas[replica].waiting.count,
      kvTokens: batching.replicas[replica].kvUsedTokens)
  }

  // MARK: - Critical-path bookkeeping

  mutating func appendChain(to frame: FrameID, head: RecordID, tail: RecordID) {
    guard head.exists else { return }
    let currentTail = frames[frame].chainTail
    if currentTail.isNone {
      frames[frame].chainHead = head
    } else {
      records[currentTail].next = head
    }
    frames[frame].chainTail = tail
  }

  mutating func releaseChain(_ head: RecordID) {
    var cursor = head
    while cursor.exists {
      let next = records[cursor].next
      records.release(cursor)
      cursor = next
    }
  }

  /// A leaf is done: record its step and notify its parent.
  ///
  /// A leaf outside every parallel section adds its step's figures to its session's sums at once
  /// (`SessionStepSums`); others (and every leaf for an active observer, which lists a session's
  /// steps) take a record on their frame's chain, which the join hands on or drops.
  mutating func completeLeaf(_ frame: FrameID, step: Int, scheduler: inout Scheduler<Event>) {
    countWork(frame, step: step, scheduler: &scheduler)
    let leaf = frames[frame].inlineLeaf
    if leaf >= 0, sumsStepsInPlace, limits.stepsInPlace,
      program.entries[Int(leaf)].isOutsideParallel
    {
      // The step cursor's way: the leaf's times are read where they are, not copied out.
      let slot = frames.address(frame)
      SessionStepSums.add(
        slot.pointee.times, step: step, into: stepSums.block(session: slot.pointee.session))
      if stepToNextLeaf(frame, scheduler: &scheduler) {
        steppedInPlace += 1
        return
      }
      // As below (`stepToNextLeaf` changed nothing and allocated no frame: `slot` holds).
      let times = slot.pointee.times
      slot.pointee.inlineLeaf = -1
      slot.pointee.generator = slot.pointee.suspendedGenerator
      slot.pointee.times = slot.pointee.suspendedTimes
      childCompleted(parent: frame, times: times, head: .none, tail: .none, scheduler: &scheduler)
      return
    }
    let times = frames[frame].times
    var record = RecordID.none
    if sumsStepsInPlace
      && program.entries[Int(leaf >= 0 ? leaf : frames[frame].node)].isOutsideParallel
    {
      SessionStepSums.add(
        times, step: step, into: stepSums.block(session: frames[frame].session))
    } else {
      record = records.allocate(
        initializedTo: StepRecord(step: Int32(step), times: times, next: .none))
    }
    if leaf >= 0 {
      // A leaf run in place: the frame is its parent again, which takes the leaf's result as it
      // takes a child frame's.
      frames[frame].inlineLeaf = -1
      frames[frame].generator = frames[frame].suspendedGenerator
      frames[frame].times = frames[frame].suspendedTimes
      childCompleted(
        parent: frame, times: times, head: record, tail: record, scheduler: &scheduler)
      return
    }
    frames[frame].chainHead = record
    frames[frame].chainTail = record
    complete(frame, scheduler: &scheduler)
  }

  /// A parallel child is done before its section's join: what it added to its copy of the
  /// conversation (tool results, prompts, outputs) is collected in the parallel frame and reaches
  /// the conversation at the join.
  mutating func foldContext(of frame: FrameID, into parent: FrameID) {
    guard frames[frame].contextOwner == frame,
      program.entries[Int(frames[parent].node)].kind == .parallel,
      !frames[parent].isJoined
    else { return }
    let owner = frames[parent].contextOwner
    let before = frames[owner].contextCachedTokens + frames[owner].contextPendingTokens
    let after =
      frames[frame].contextCachedTokens + frames[frame].contextPendingTokens
    frames[parent].collectedContextTokens += max(0, after - before)
  }

  /// A frame is done: hand its time and chain to its parent (or finish the session).
  mutating func complete(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    let parent = frames[frame].parent
    let times = frames[frame].times
    let head = frames[frame].chainHead
    if parent.isNone {
      finishSession(
        frames[frame].session, rootTimes: times, chain: head, scheduler: &scheduler)
      releaseFrame(frame)
      return
    }
    let tail = frames[frame].chainTail
    foldContext(of: frame, into: parent)
    // The child's chain is handed over or released here; the child frame is gone after this.
    releaseFrame(frame)
    childCompleted(parent: parent, times: times, head: head, tail: tail, scheduler: &scheduler)
  }
}

extension ObservedSessionSimulator {
  /// Counts one unit of a session's work (a step completed, a speculative round) and stops the
  /// run as a runaway past the per-session budget or the simulated-time horizon.
  @inline(__always)
  mutating func countWork(_ frame: FrameID, step: Int, scheduler: inout Scheduler<Event>) {
    let session = frames[frame].session
    sessions[session].work += 1
    if sessions[session].work > limits.maximumWorkPerSession {
      noteRunaway(.sessionWork, step: step, scheduler: &scheduler)
    } else if scheduler.now.nanosecondsSinceStart > limits.simulatedTimeHorizon.nanoseconds {
      noteRunaway(.simulatedTime, step: step, scheduler: &scheduler)
    }
  }

  mutating func noteRunaway(
    _ limit: RunawayNotice.Limit, step: Int?, scheduler: inout Scheduler<Event>
  ) {
    guard runaway == nil else { return }
    let value: Double
    let bound: Double
    switch limit {
    case .simulatedTime:
      value = scheduler.now.seconds
      bound = limits.simulatedTimeHorizon.seconds
    case .sessionWork:
      value = Double(limits.maximumWorkPerSession + 1)
      bound = Double(limits.maximumWorkPerSession)
    }
    runaway = RunawayNotice(
      limit: limit, step: step.map { scenario.program.stepNames[$0] }, value: value,
      bound: bound, completedSessions: finishedSessions)
    scheduler.requestStop()
  }
}

/// Why a run was stopped as a runaway: the workflow asks for more simulated time or work than a
/// run can hold. Reported as an input error (exit status 2), never as a result.
public struct RunawayNotice: Hashable, Sendable {
  /// The limit that tripped.
  public enum Limit: String, Sendable {
    /// The simulated clock passed `Limits.simulatedTimeHorizon`.
    case simulatedTime = "simulated_time"
    /// One session completed more than `Limits.maximumWorkPerSession` steps and rounds.
    case sessionWork = "session_work"
  }

  /// The limit that tripped.
  public var limit: Limit
  /// The step that was running when it tripped; `nil` when a session was about to start.
  public var step: String?
  /// The value that passed the limit: seconds of simulated time, or units of work.
  public var value: Double
  /// The limit, in the same unit.
  public var bound: Double
  /// Sessions that had finished.
  public var completedSessions: Int
}

/// The kind of a site, without its payload.
enum SiteKindTag: UInt8 {
  case device, shared, hostedAPI
}

/// Why a run stopped before every session finished.
public struct OverloadNotice: Hashable, Sendable {
  /// The site whose waiting line grew without bound.
  public var site: String
  /// Requests arriving ÷ requests completing at that site over the run (> 1 when overloaded).
  public var utilization: Double
  /// What tripped the limit.
  public var reason: OverloadCause
}

/// Limits that turn an overloaded run into a report instead of an endless run.
public struct SimulationLimits: Sendable {
  /// Stop when this many sessions are in flight at once.
  public var maximumActiveSessions: Int
  /// Stop when a replica's or tool pool's waiting line reaches this length.
  public var maximumQueueLength: Int

  /// Whether runs of identical decode-only iterations are simulated as one event (exact up to
  /// nanosecond rounding; off only to test exactly that).
  public var fastForwardsDecode: Bool
  /// Whether tools and transfers under a sequence, loop or branch run in their parent's frame
  /// rather than a frame of their own (the same draws, events and results; off only to test
  /// exactly that).
  public var runsLeavesInPlace: Bool
  /// Whether a sequence under a sequence, loop or branch runs in its parent's frame rather than a
  /// frame of its own (the same draws, events and results; off only to test exactly that). Only
  /// with `runsLeavesInPlace`.
  public var runsSequencesInPlace: Bool
  /// Whether a tool call's request that arrives after a delay resumes its frame in place when no
  /// other event comes first (`deferResume`), rather than through the event queue (the same
  /// order, events and results; off only to test exactly that).
  public var resumesMessagesInPlace: Bool
  /// Whether a leaf run in place that completes starts the frame's next step at once when that is
  /// a leaf too (the next child of its sequence, or the first of its loop's next run), rather than
  /// through `childCompleted` and `spawnChild` (the same draws, events and results; off only to
  /// test exactly that). Only with `runsLeavesInPlace` and `sumsStepsInPlace`.
  public var stepsInPlace: Bool
  /// Whether steps outside parallel sections add to their session's step sums as they complete
  /// rather than through a record on the critical-path chain (the same figures; off only to test
  /// exactly that).
  public var sumsStepsInPlace: Bool
  /// Stop (as a runaway) once the clock passes this: a century by default, which leaves the
  /// Int64 nanosecond clock (about 292 years) room for the waits already scheduled, each at
  /// most `SimDuration.saturationLimit`. Checked when a session starts and a step completes,
  /// not per event.
  public var simulatedTimeHorizon: SimDuration
  /// Stop (as a runaway) when one session has completed this many steps and speculative
  /// rounds: a session that never ends (nested loops of ten thousand, ten million speculated
  /// tokens) ends the run with a message instead of hanging it.
  public var maximumWorkPerSession: Int
  /// Pause the run every this many finished sessions so a caller can report progress (0:
  /// never). Pausing changes nothing about the results.
  public var progressInterval: Int

  /// Creates limits.
  public init(
    maximumActiveSessions: Int = 200_000, maximumQueueLength: Int = 100_000,
    fastForwardsDecode: Bool = true, runsLeavesInPlace: Bool = true,
    runsSequencesInPlace: Bool = true, sumsStepsInPlace: Bool = true,
    resumesMessagesInPlace: Bool = true, stepsInPlace: Bool = true,
    simulatedTimeHorizon: SimDuration = .seconds(100 * 365.25 * 86_400),
    maximumWorkPerSession: Int = 1_000_000, progressInterval: Int = 0
  ) {
    self.maximumActiveSessions = maximumActiveSessions
    self.maximumQueueLength = maximumQueueLength
    self.fastForwardsDecode = fastForwardsDecode
    self.runsLeavesInPlace = runsLeavesInPlace
    self.runsSequencesInPlace = runsSequencesInPlace
    self.sumsStepsInPlace = sumsStepsInPlace
    self.resumesMessagesInPlace = resumesMessagesInPlace
    self.stepsInPlace = stepsInPlace
    self.simulatedTimeHorizon = simulatedTimeHorizon
    self.maximumWorkPerSession = maximumWorkPerSession
    self.progressInterval = progressInterval
  }
}

extension ObservedSessionSimulator where Observer == NoObserver {
  /// Creates the unobserved model for a scenario.
  ///
  /// - Parameters:
  ///   - scenario: The resolved workflow and placement.
  ///   - seed: The run's seed.
  ///   - limits: Overload limits.
  public init(scenario: Scenario, seed: UInt64, limits: Limits = Limits()) {
    self.init(scenario: scenario, seed: seed, limits: limits, observer: NoObserver())
  }

  /// A ready-to-run unobserved simulation: the first arrivals scheduled.
  public static func makeSimulation(
    scenario: Scenario, seed: UInt64, limits: Limits = Limits()
  ) -> Simulation<Self> {
    makeSimulation(scenario: scenario, seed: seed, limits: limits, observer: NoObserver())
  }
}
