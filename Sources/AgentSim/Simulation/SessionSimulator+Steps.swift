import SimulationKernel

extension ObservedSessionSimulator {
  /// Starts a frame. Never completes it synchronously: a frame with nothing to do schedules a
  /// zero-delay resume, so long loops of empty iterations cannot recurse deeply.
  mutating func start(_ frame: Int32, scheduler: inout Scheduler<Event>) {
    let entry = program.entries[Int(frames.slots[Int(frame)].node)]
    switch entry.kind {
    case .llm, .tool, .transfer, .speculative:
      frames.slots[Int(frame)].phase = 0
      advance(frame, scheduler: &scheduler)
    case .sequence:
      if entry.count > 0 {
        frames.slots[Int(frame)].counter = 1
        spawnChild(
          of: frame, node: Int(program.children[Int(entry.index)]), ownsContext: false,
          scheduler: &scheduler)
      } else {
        completeLater(frame, scheduler: &scheduler)
      }
    case .parallel:
      guard entry.count > 0 else {
        completeLater(frame, scheduler: &scheduler)
        return
      }
      frames.slots[Int(frame)].outstanding = entry.count
      for offset in 0..<Int(entry.count) {
        spawnChild(
          of: frame, node: Int(program.children[Int(entry.index) + offset]), ownsContext: true,
          scheduler: &scheduler)
      }
    case .branch:
      let draw = frames.slots[Int(frame)].generator.nextUniform()
      var chosen = -1
      for offset in 0..<Int(entry.count)
      where draw < program.targets[Int(entry.index) + offset].cumulativeProbability {
        chosen = program.targets[Int(entry.index) + offset].node
        break
      }
      if chosen >= 0 {
        spawnChild(of: frame, node: chosen, ownsContext: false, scheduler: &scheduler)
      } else {
        completeLater(frame, scheduler: &scheduler)
      }
    case .loop:
      if entry.probability == CompiledProgram.drawnCount {
        // The run's count, drawn once; kept in `outstanding`, which only parallels use otherwise.
        let drawn = draw(SamplerID(rawValue: entry.count), frame: frame)
        let runs = drawn.isFinite ? min(max(drawn.rounded(), 0), Double(entry.parameter)) : 0
        frames.slots[Int(frame)].outstanding = Int32(runs)
      }
      if entry.probability < 0
        && (entry.probability == CompiledProgram.drawnCount
          ? frames.slots[Int(frame)].outstanding : entry.parameter) == 0
      {
        completeLater(frame, scheduler: &scheduler)
      } else {
        spawnChild(of: frame, node: Int(entry.index), ownsContext: false, scheduler: &scheduler)
      }
    }
  }

  /// Marks a composite frame done at the current time through the event queue.
  mutating func completeLater(_ frame: Int32, scheduler: inout Scheduler<Event>) {
    frames.slots[Int(frame)].phase = -1
    scheduler.schedule(.resume(frame), after: .zero)
  }

  /// A child of `parent` finished with critical-path `times` and step records `head…tail`.
  mutating func childCompleted(
    parent: Int32, times: ComponentTimes, head: Int32, tail: Int32,
    scheduler: inout Scheduler<Event>
  ) {
    if frames.slots[Int(parent)].cancelScope >= 0, !frames.slots[Int(parent)].isJoined,
      isCancelled(parent)
    {
      // Inside a section a join cancelled: nothing more starts here.
      releaseChain(head)
      dropChild(of: parent)
      return
    }
    var times = times
    var head = head
    var tail = tail
    let inlineSequence = frames.slots[Int(parent)].inlineSequence
    if inlineSequence >= 0 {
      // A child of the sequence running in place: its result goes straight to the frame.
      frames.slots[Int(parent)].times += times
      appendChain(to: parent, head: head, tail: tail)
      let sequence = program.entries[Int(inlineSequence)]
      let next = frames.slots[Int(parent)].inlineCounter
      if next < sequence.count {
        frames.slots[Int(parent)].inlineCounter += 1
        spawnChild(
          of: parent, node: Int(program.children[Int(sequence.index + next)]),
          ownsContext: false, scheduler: &scheduler)
        return
      }
      // The sequence is done: the frame is its own node again, and takes the sequence's result
      // (already added) as it takes a child frame's.
      frames.slots[Int(parent)].inlineSequence = -1
      frames.slots[Int(parent)].generator = frames.slots[Int(parent)].outerGenerator
      times = ComponentTimes()
      head = -1
      tail = -1
    }
    let entry = program.entries[Int(frames.slots[Int(parent)].node)]
    switch entry.kind {
    case .sequence:
      frames.slots[Int(parent)].times += times
      appendChain(to: parent, head: head, tail: tail)
      let next = frames.slots[Int(parent)].counter
      if next < entry.count {
        frames.slots[Int(parent)].counter += 1
        spawnChild(
          of: parent, node: Int(program.children[Int(entry.index + next)]), ownsContext: false,
          scheduler: &scheduler)
      } else {
        complete(parent, scheduler: &scheduler)
      }
    case .parallel:
      frames.slots[Int(parent)].outstanding -= 1
      if frames.slots[Int(parent)].isJoined {
        // A straggler after a first-k join: not on the critical path.
        releaseChain(head)
        if frames.slots[Int(parent)].outstanding == 0 { releaseFrame(parent) }
        return
      }
      frames.slots[Int(parent)].counter += 1
      if frames.slots[Int(parent)].counter < entry.parameter {
        releaseChain(head)
        return
      }
      // The join-th child to finish is the critical path: all children started with the parallel.
      frames.slots[Int(parent)].times = times
      frames.slots[Int(parent)].chainHead = head
      frames.slots[Int(parent)].chainTail = tail
      frames.slots[Int(parent)].isJoined = true
      // What the children that finished by the join produced reaches the conversation, as it
      // would after the same steps in sequence.
      let owner = Int(frames.slots[Int(parent)].contextOwner)
      frames.slots[owner].contextPendingTokens += frames.slots[Int(parent)].collectedContextTokens
      let cancelsStragglers = entry.probability > 0 && frames.slots[Int(parent)].outstanding > 0
      completeParallel(parent, scheduler: &scheduler)
      // After the hand-over, which keeps the frame while stragglers run: their ends release it.
      if cancelsStragglers { cancelRequests(under: parent, scheduler: &scheduler) }
    case .branch:
      frames.slots[Int(parent)].times += times
      appendChain(to: parent, head: head, tail: tail)
      complete(parent, scheduler: &scheduler)
    case .loop:
      frames.slots[Int(parent)].times += times
      appendChain(to: parent, head: head, tail: tail)
      frames.slots[Int(parent)].counter += 1
      let runs = frames.slots[Int(parent)].counter
      let again =
        entry.probability == CompiledProgram.drawnCount
        ? runs < frames.slots[Int(parent)].outstanding
        : entry.probability < 0
          ? runs < entry.parameter
          : runs < entry.parameter
            && frames.slots[Int(parent)].generator.nextUniform() < entry.probability
      if again {
        spawnChild(of: parent, node: Int(entry.index), ownsContext: false, scheduler: &scheduler)
      } else {
        complete(parent, scheduler: &scheduler)
      }
    case .llm, .tool, .transfer, .speculative:
      preconditionFailure("leaf node \(frames.slots[Int(parent)].node) cannot have children")
    }
  }

  /// Hands a joined parallel frame's result to its parent, keeping the frame alive while
  /// stragglers run.
  mutating func completeParallel(_ frame: Int32, scheduler: inout Scheduler<Event>) {
    let stillRunning = frames.slots[Int(frame)].outstanding > 0
    let parent = frames.slots[Int(frame)].parent
    let times = frames.slots[Int(frame)].times
    let head = frames.slots[Int(frame)].chainHead
    let tail = frames.slots[Int(frame)].chainTail
    if parent < 0 {
      finishSession(
        frames.slots[Int(frame)].session, rootTimes: times, chain: head, scheduler: &scheduler)
      if !stillRunning { releaseFrame(frame) }
      return
    }
    frames.slots[Int(frame)].chainHead = -1
    frames.slots[Int(frame)].chainTail = -1
    foldContext(of: frame, into: parent)
    if !stillRunning { releaseFrame(frame) }
    childCompleted(parent: parent, times: times, head: head, tail: tail, scheduler: &scheduler)
  }

  /// Continues a frame's state machine after a timer or a completed request.
  mutating func advance(_ frame: Int32, scheduler: inout Scheduler<Event>) {
    if frames.slots[Int(frame)].cancelScope >= 0, isCancelled(frame) {
      abandonLeaf(frame, scheduler: &scheduler)
      return
    }
    // A frame running a leaf in place continues the leaf (whose phase is never -1).
    let inline = frames.slots[Int(frame)].inlineLeaf
    let entry = program.entries[Int(inline >= 0 ? inline : frames.slots[Int(frame)].node)]
    if frames.slots[Int(frame)].phase == -1 {
      frames.slots[Int(frame)].phase = 0
      if entry.kind == .parallel {
        frames.slots[Int(frame)].isJoined = true
        completeParallel(frame, scheduler: &scheduler)
      } else {
        complete(frame, scheduler: &scheduler)
      }
      return
    }
    switch entry.kind {
    case .llm: advanceLLM(frame, Int(entry.index), scheduler: &scheduler)
    case .tool: advanceTool(frame, Int(entry.index), scheduler: &scheduler)
    case .transfer: advanceTransfer(frame, Int(entry.index), scheduler: &scheduler)
    case .speculative: advanceSpeculative(frame, Int(entry.index), scheduler: &scheduler)
    case .sequence, .parallel, .branch, .loop:
      preconditionFailure("composite node resumed without a pending completion")
    }
  }

  /// Draws from the program's distribution `id` with the frame's generator.
  ///
  /// `mutating` although it writes only through the frame table: a non-mutating method called from
  /// the mutating handlers gets a copy of the whole simulator (1.3 kB, measured with callgrind).
  @inline(__always)
  mutating func draw(_ id: SamplerID, frame: Int32) -> Double {
    program.samplers.sample(id, using: &frames.slots[Int(frame)].generator)
  }

  /// Draws a token count: rounded, clamped to [minimum, `ValueLimits.maximumTokens`] (the decoder
  /// already keeps every distribution's largest draw within it).
  mutating func drawTokens(_ id: SamplerID, frame: Int32, minimum: Int32) -> Int32 {
    CompiledProgram.tokenCount(draw(id, frame: frame), minimum: minimum)
  }

  /// `a + b + c`, capped at ``ConversationLimit/maximumTokens``.
  @inline(__always)
  static func tokenSum(_ a: Int32, _ b: Int32, _ c: Int32 = 0) -> Int32 {
    Int32.conversationSum(a, b, c)
  }

  /// Truncates a call whose context (cached + new tokens + output) exceeds `window`, as agents
  /// do: the oldest history goes first, which shifts every position, so nothing of the cached
  /// prefix is reused and the call prefills the `window − output` tokens it keeps; an output
  /// longer than the window stops at it. Counted in `contextTruncations`.
  @inline(__always)
  mutating func fitContextWindow(_ frame: Int32, window: Int32) {
    let slot = Int(frame)
    let output = frames.slots[slot].outputTokens
    let total =
      Int64(frames.slots[slot].cachedTokens) + Int64(frames.slots[slot].newTokens) + Int64(output)
    guard total > Int64(window) else { return }
    contextTruncations += 1
    let fitted = min(output, window)
    frames.slots[slot].outputTokens = fitted
    frames.slots[slot].cachedTokens = 0
    frames.slots[slot].newTokens = window - fitted
  }

  // MARK: - LLM calls

  /// Phases: 0 draw and send the request; 1 compute at the site; 2 send the response; 3 done.
  mutating func advanceLLM(_ frame: Int32, _ index: Int, scheduler: inout Scheduler<Event>) {
    switch frames.slots[Int(frame)].phase {
    case 0:
      if Observer.isActive { countModelCall(frame) }
      let prompt = drawTokens(program.llms[index].promptTokens, frame: frame, minimum: 0)
      let output = drawTokens(program.llms[index].outputTokens, frame: frame, minimum: 1)
      frames.slots[Int(frame)].promptTokens = prompt
      frames.slots[Int(frame)].outputTokens = output
      let site = resolveSite(
        program.llms[index].site, policy: program.llms[index].outageResponse, frame: frame,
        now: scheduler.now)
      frames.slots[Int(frame)].site = Int32(site)
      let owner = Int(frames.slots[Int(frame)].contextOwner)
      let entry = LLMSemantics.entry(
        isConversation: program.llms[index].isConversation, site: site,
        contextSite: Int(frames.slots[owner].contextSite),
        cached: frames.slots[owner].contextCachedTokens,
        pending: frames.slots[owner].contextPendingTokens)
      frames.slots[Int(frame)].cachedTokens = entry.cached
      frames.slots[Int(frame)].newTokens = LLMSemantics.newTokens(prompt: prompt, entry: entry)
      fitContextWindow(frame, window: program.llms[index].contextWindow)
      frames.slots[Int(frame)].phase = 1
      sendRequest(
        frame, to: site,
        bytes: LLMSemantics.requestBytes(
          prompt: prompt, entry: entry, bytesPerToken: scenario.bytesPerToken),
        extraTransferBytes: LLMSemantics.movedBytes(
          entry: entry, bytesPerToken: scenario.bytesPerToken),
        scheduler: &scheduler)
    case 1:
      frames.slots[Int(frame)].phase = 2
      let model = program.llms[index].model
      startCompute(
        frame, site: Int(frames.slots[Int(frame)].site), model: model,
        newTokens: frames.slots[Int(frame)].newTokens,
        cachedTokens: frames.slots[Int(frame)].cachedTokens,
        outputTokens: frames.slots[Int(frame)].outputTokens, scheduler: &scheduler)
    case 2:
      if program.llms[index].isConversation {
        let owner = Int(frames.slots[Int(frame)].contextOwner)
        frames.slots[owner].contextSite = frames.slots[Int(frame)].site
        frames.slots[owner].contextCachedTokens = LLMSemantics.cachedAfter(
          cached: frames.slots[Int(frame)].cachedTokens,
          newTokens: frames.slots[Int(frame)].newTokens,
          output: frames.slots[Int(frame)].outputTokens)
        frames.slots[owner].contextPendingTokens = 0
      }
      if program.llms[index].isVisible {
        noteVisible(
          frame,
          at: frames.slots[Int(frame)].firstTokenAt + frames.slots[Int(frame)].responseLatency)
      }
      frames.slots[Int(frame)].phase = 3
      sendResponse(frame, scheduler: &scheduler)
    default:
      completeLeaf(frame, step: program.llms[index].step, scheduler: &scheduler)
    }
  }

  /// Counts a model call for the observer's per-session figures.
  mutating func countModelCall(_ frame: Int32) {
    sessions.slots[Int(frames.slots[Int(frame)].session)].modelCalls += 1
  }

  mutating func noteVisible(_ frame: Int32, at time: SimTime) {
    let session = Int(frames.slots[Int(frame)].session)
    let current = sessions.slots[session].firstVisible
    if current < 0 || time.nanosecondsSinceStart < current {
      sessions.slots[session].firstVisible = time.nanosecondsSinceStart
    }
  }

  // MARK: - Tools

  /// Phases: 0 draw and send; 1 run (queueing for a worker at shared sites); 2 worker done;
  /// 3 response sent; 4 done.
  mutating func advanceTool(_ frame: Int32, _ index: Int, scheduler: inout Scheduler<Event>) {
    switch frames.slots[Int(frame)].phase {
    case 0:
      let duration = ToolSemantics.runMilliseconds(
        draw(program.tools[index].duration, frame: frame))
      frames.slots[Int(frame)].phaseStart = SimTime(
        nanosecondsSinceStart: SimDuration.milliseconds(duration).nanoseconds)
      let fixedTokens = program.tools[index].fixedResultTokens
      frames.slots[Int(frame)].outputTokens =
        fixedTokens >= 0
        ? fixedTokens : drawTokens(program.tools[index].resultTokens, frame: frame, minimum: 0)
      let site = resolveSite(
        program.tools[index].site, policy: program.tools[index].outageResponse, frame: frame,
        now: scheduler.now)
      frames.slots[Int(frame)].site = Int32(site)
      frames.slots[Int(frame)].phase = 1
      if sendToolRequest(frame, to: site, scheduler: &scheduler) { return }
      // Arrived at once: continue here rather than through `advance`, unless a join may cancel
      // the frame (the check `advance` makes).
      if frames.slots[Int(frame)].cancelScope >= 0 {
        advance(frame, scheduler: &scheduler)
        return
      }
      fallthrough
    case 1:
      frames.slots[Int(frame)].phase = 2
      let site = Int(frames.slots[Int(frame)].site)
      frames.slots[Int(frame)].enqueuedAt = scheduler.now
      switch toolPools.acquire(frame, at: site, now: scheduler.now) {
      case .runsNow:
        runTool(frame, scheduler: &scheduler)
      case .waits(let waiting):
        if waiting >= limits.maximumQueueLength, overload == nil {
          noteOverload(reason: .toolCallsWaiting(waiting), scheduler: &scheduler)
        }
      }
    case 2:
      releaseToolWorker(at: Int(frames.slots[Int(frame)].site), scheduler: &scheduler)
      let owner = Int(frames.slots[Int(frame)].contextOwner)
      frames.slots[owner].contextPendingTokens = ToolSemantics.pendingAfter(
        pending: frames.slots[owner].contextPendingTokens,
        result: frames.slots[Int(frame)].outputTokens)
      frames.slots[Int(frame)].phase = 3
      if sendResponseOrArrive(frame, scheduler: &scheduler) { return }
      if frames.slots[Int(frame)].cancelScope >= 0 {
        advance(frame, scheduler: &scheduler)
        return
      }
      fallthrough
    default:
      completeLeaf(frame, step: program.tools[index].step, scheduler: &scheduler)
    }
  }

  /// Starts a tool that holds its worker (or needs none): its wait so far is queueing.
  mutating func runTool(_ frame: Int32, scheduler: inout Scheduler<Event>) {
    let waited = scheduler.now - frames.slots[Int(frame)].enqueuedAt
    frames.slots[Int(frame)].times.add(waited, to: .queueing)
    let duration = SimDuration(
      nanoseconds: frames.slots[Int(frame)].phaseStart.nanosecondsSinceStart)
    frames.slots[Int(frame)].times.add(duration, to: .tool)
    // A tool on the device keeps it busy: it counts toward the session's device energy, unless
    // the workflow says it only waits (`device_busy: false`). The tool is the frame's in-place
    // leaf, or the frame's own node.
    if siteKinds[Int(frames.slots[Int(frame)].site)] == .device, keepsDeviceBusy(frame) {
      let session = Int(frames.slots[Int(frame)].session)
      sessions.slots[session].deviceBusyNanoseconds += duration.nanoseconds
    }
    scheduler.schedule(.resume(frame), after: duration)
  }

  /// Whether the tool `frame` runs (its in-place leaf, or its own node) bills device energy.
  @inline(__always)
  func keepsDeviceBusy(_ frame: Int32) -> Bool {
    let leaf = frames.slots[Int(frame)].inlineLeaf
    let node = Int(leaf >= 0 ? leaf : frames.slots[Int(frame)].node)
    return program.tools[Int(program.entries[node].index)].keepsDeviceBusy
  }

  // MARK: - Transfers

  /// Phases: 0 send the bytes from `from` to `to`; 1 done.
  mutating func advanceTransfer(
    _ frame: Int32, _ index: Int, scheduler: inout Scheduler<Event>
  ) {
    if frames.slots[Int(frame)].phase == 0 {
      frames.slots[Int(frame)].phase = 1
      let bytes = TransferSemantics.bytes(draw(program.transfers[index].bytes, frame: frame))
      sendMessage(
        frame, from: program.transfers[index].from, to: program.transfers[index].to,
        bytes: bytes, component: .transfer, scheduler: &scheduler)
    } else {
      completeLeaf(frame, step: program.transfers[index].step, scheduler: &scheduler)
    }
  }
}
