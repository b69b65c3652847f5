import SimulationKernel

extension ObservedSessionSimulator {
  /// Starts a frame. Never completes it synchronously: a frame with nothing to do schedules a
  /// zero-delay resume, so long loops of empty iterations cannot recurse deeply.
  mutating func start(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    let entry = program.entries[Int(frames[frame].node)]
    switch entry.kind {
    case .llm, .tool, .transfer, .speculative:
      frames[frame].startPhase()
      advance(frame, scheduler: &scheduler)
    case .sequence:
      if entry.count > 0 {
        frames[frame].counter = 1
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
      frames[frame].outstanding = entry.count
      for offset in 0..<Int(entry.count) {
        spawnChild(
          of: frame, node: Int(program.children[Int(entry.index) + offset]), ownsContext: true,
          scheduler: &scheduler)
      }
    case .branch:
      let draw = frames[frame].generator.nextUniform()
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
        frames[frame].outstanding = Int32(runs)
      }
      if entry.probability < 0
        && (entry.probability == CompiledProgram.drawnCount
          ? frames[frame].outstanding : entry.parameter) == 0
      {
        completeLater(frame, scheduler: &scheduler)
      } else {
        spawnChild(of: frame, node: Int(entry.index), ownsContext: false, scheduler: &scheduler)
      }
    }
  }

  /// Marks a composite frame done at the current time through the event queue.
  mutating func completeLater(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    frames[frame].markCompletionPending()
    scheduler.schedule(.resume(frame), after: .zero)
  }

  /// A child of `parent` finished with critical-path `times` and step records `head…tail`.
  mutating func childCompleted(
    parent: FrameID, times: ComponentTimes, head: RecordID, tail: RecordID,
    scheduler: inout Scheduler<Event>
  ) {
    if frames[parent].cancelScope.exists, !frames[parent].isJoined,
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
    let inlineSequence = frames[parent].inlineSequence
    if inlineSequence >= 0 {
      // A child of the sequence running in place: its result goes straight to the frame.
      frames[parent].times.addOnPath(times)
      appendChain(to: parent, head: head, tail: tail)
      let sequence = program.entries[Int(inlineSequence)]
      let next = frames[parent].inlineCounter
      if next < sequence.count {
        frames[parent].inlineCounter += 1
        spawnChild(
          of: parent, node: Int(program.children[Int(sequence.index + next)]),
          ownsContext: false, scheduler: &scheduler)
        return
      }
      // The sequence is done: the frame is its own node again, and takes the sequence's result
      // (already added) as it takes a child frame's.
      frames[parent].inlineSequence = -1
      frames[parent].generator = frames[parent].outerGenerator
      times = ComponentTimes()
      head = .none
      tail = .none
    }
    let entry = program.entries[Int(frames[parent].node)]
    switch entry.kind {
    case .sequence:
      frames[parent].times.addOnPath(times)
      appendChain(to: parent, head: head, tail: tail)
      let next = frames[parent].counter
      if next < entry.count {
        frames[parent].counter += 1
        spawnChild(
          of: parent, node: Int(program.children[Int(entry.index + next)]), ownsContext: false,
          scheduler: &scheduler)
      } else {
        complete(parent, scheduler: &scheduler)
      }
    case .parallel:
      frames[parent].outstanding -= 1
      if frames[parent].isJoined {
        // A straggler after a first-k join: not on the critical path.
        releaseChain(head)
        if frames[parent].outstanding == 0 { releaseFrame(parent) }
        return
      }
      frames[parent].counter += 1
      if frames[parent].counter < entry.parameter {
        releaseChain(head)
        return
      }
      // The join-th child to finish is the critical path: all children started with the parallel.
      frames[parent].times = times
      frames[parent].chainHead = head
      frames[parent].chainTail = tail
      frames[parent].isJoined = true
      // What the children that finished by the join produced reaches the conversation, as it
      // would after the same steps in sequence.
      let owner = frames[parent].contextOwner
      frames[owner].contextPendingTokens += frames[parent].collectedContextTokens
      let cancelsStragglers = entry.probability > 0 && frames[parent].outstanding > 0
      completeParallel(parent, scheduler: &scheduler)
      // After the hand-over, which keeps the frame while stragglers run: their ends release it.
      if cancelsStragglers { cancelRequests(under: parent, scheduler: &scheduler) }
    case .branch:
      frames[parent].times.addOnPath(times)
      appendChain(to: parent, head: head, tail: tail)
      complete(parent, scheduler: &scheduler)
    case .loop:
      frames[parent].times.addOnPath(times)
      appendChain(to: parent, head: head, tail: tail)
      frames[parent].counter += 1
      let runs = frames[parent].counter
      let again =
        entry.probability == CompiledProgram.drawnCount
        ? runs < frames[parent].outstanding
        : entry.probability < 0
          ? runs < entry.parameter
          : runs < entry.parameter
            && frames[parent].generator.nextUniform() < entry.probability
      if again {
        spawnChild(of: parent, node: Int(entry.index), ownsContext: false, scheduler: &scheduler)
      } else {
        complete(parent, scheduler: &scheduler)
      }
    case .llm, .tool, .transfer, .speculative:
      preconditionFailure("leaf node \(frames[parent].node) cannot have children")
    }
  }

  /// Hands a joined parallel frame's result to its parent, keeping the frame alive while
  /// stragglers run.
  mutating func completeParallel(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    let stillRunning = frames[frame].outstanding > 0
    let parent = frames[frame].parent
    let times = frames[frame].times
    let head = frames[frame].chainHead
    let tail = frames[frame].chainTail
    if parent.isNone {
      finishSession(
        frames[frame].session, rootTimes: times, chain: head, scheduler: &scheduler)
      if !stillRunning { releaseFrame(frame) }
      return
    }
    frames[frame].chainHead = .none
    frames[frame].chainTail = .none
    foldContext(of: frame, into: parent)
    if !stillRunning { releaseFrame(frame) }
    childCompleted(parent: parent, times: times, head: head, tail: tail, scheduler: &scheduler)
  }

  /// Continues a frame's state machine after a timer or a completed request.
  mutating func advance(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    if frames[frame].cancelScope.exists, isCancelled(frame) {
      abandonLeaf(frame, scheduler: &scheduler)
      return
    }
    // A frame running a leaf in place continues the leaf (never pending completion).
    let inline = frames[frame].inlineLeaf
    let entry = program.entries[Int(inline >= 0 ? inline : frames[frame].node)]
    if frames[frame].isCompletionPending {
      frames[frame].startPhase()
      if entry.kind == .parallel {
        frames[frame].isJoined = true
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
  mutating func draw(_ id: SamplerID, frame: FrameID) -> Double {
    program.samplers.sample(id, using: &frames[frame].generator)
  }

  /// Draws a token count: rounded, clamped to [minimum, `ValueLimits.maximumTokens`] (the decoder
  /// already keeps every distribution's largest draw within it).
  mutating func drawTokens(_ id: SamplerID, frame: FrameID, minimum: Int32) -> Int32 {
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
  mutating func fitContextWindow(_ frame: FrameID, window: Int32) {
    let slot = frame
    let output = frames[slot].outputTokens
    let total =
      Int64(frames[slot].cachedTokens) + Int64(frames[slot].newTokens) + Int64(output)
    guard total > Int64(window) else { return }
    contextTruncations += 1
    let fitted = min(output, window)
    frames[slot].outputTokens = fitted
    frames[slot].cachedTokens = 0
    frames[slot].newTokens = window - fitted
  }

  // MARK: - LLM calls

  /// Moves the call through its `LLMPhase`s: request, compute, response, done.
  mutating func advanceLLM(_ frame: FrameID, _ index: Int, scheduler: inout Scheduler<Event>) {
    switch frames[frame].llmPhase {
    case .start:
      if Observer.isActive { countModelCall(frame) }
      let prompt = drawTokens(program.llms[index].promptTokens, frame: frame, minimum: 0)
      let output = drawTokens(program.llms[index].outputTokens, frame: frame, minimum: 1)
      frames[frame].promptTokens = prompt
      frames[frame].outputTokens = output
      let site = resolveSite(
        program.llms[index].site, policy: program.llms[index].outageResponse, frame: frame,
        now: scheduler.now)
      frames[frame].site = Int32(site)
      let owner = frames[frame].contextOwner
      let entry = LLMSemantics.entry(
        isConversation: program.llms[index].isConversation, site: site,
        contextSite: Int(frames[owner].contextSite),
        cached: frames[owner].contextCachedTokens,
        pending: frames[owner].contextPendingTokens)
      frames[frame].cachedTokens = entry.cached
      frames[frame].newTokens = LLMSemantics.newTokens(prompt: prompt, entry: entry)
      fitContextWindow(frame, window: program.llms[index].contextWindow)
      frames[frame].llmPhase = .sendingRequest
      sendRequest(
        frame, to: site,
        bytes: LLMSemantics.requestBytes(
          prompt: prompt, entry: entry, bytesPerToken: scenario.bytesPerToken),
        extraTransferBytes: LLMSemantics.movedBytes(
          entry: entry, bytesPerToken: scenario.bytesPerToken),
        scheduler: &scheduler)
    case .sendingRequest:
      frames[frame].llmPhase = .computing
      let model = program.llms[index].model
      startCompute(
        frame, site: Int(frames[frame].site), model: model,
        newTokens: frames[frame].newTokens,
        cachedTokens: frames[frame].cachedTokens,
        outputTokens: frames[frame].outputTokens, scheduler: &scheduler)
    case .computing:
      if program.llms[index].isConversation {
        let owner = frames[frame].contextOwner
        frames[owner].contextSite = frames[frame].site
        frames[owner].contextCachedTokens = LLMSemantics.cachedAfter(
          cached: frames[frame].cachedTokens,
          newTokens: frames[frame].newTokens,
          output: frames[frame].outputTokens)
        frames[owner].contextPendingTokens = 0
      }
      if program.llms[index].isVisible {
        noteVisible(
          frame,
          at: frames[frame].firstTokenAt + frames[frame].responseLatency)
        if Observer.isActive { noteVisibleDecode(frame, now: scheduler.now) }
      }
      frames[frame].llmPhase = .responding
      sendResponse(frame, scheduler: &scheduler)
    case .responding:
      completeLeaf(frame, step: program.llms[index].step, scheduler: &scheduler)
    }
  }

  /// Counts a model call for the observer's per-session figures.
  mutating func countModelCall(_ frame: FrameID) {
    sessions[frames[frame].session].modelCalls += 1
  }

  /// Keeps, for the observer, the decode time and output tokens of the session's first visible
  /// call to complete (`now`: the call's last token, as its first token is `firstTokenAt`).
  mutating func noteVisibleDecode(_ frame: FrameID, now: SimTime) {
    let session = frames[frame].session
    guard sessions[session].visibleDecodeNanoseconds < 0 else { return }
    sessions[session].visibleDecodeNanoseconds = max(
      0, (now - frames[frame].firstTokenAt).nanoseconds)
    sessions[session].visibleOutputTokens = Int32(clamping: frames[frame].outputTokens)
  }

  mutating func noteVisible(_ frame: FrameID, at time: SimTime) {
    let session = frames[frame].session
    let current = sessions[session].firstVisible
    if current < 0 || time.nanosecondsSinceStart < current {
      sessions[session].firstVisible = time.nanosecondsSinceStart
    }
  }

  // MARK: - Tools

  /// Moves the call through its `ToolPhase`s: request, run (queueing for a worker at shared
  /// sites), response, done.
  ///
  /// One function per phase, each continuing into the next when no time passes: a tool's two
  /// events take two short paths instead of one long function, whose register pressure cost
  /// about a sixth of its instructions in stack spills (callgrind).
  @inline(__always)
  mutating func advanceTool(_ frame: FrameID, _ index: Int, scheduler: inout Scheduler<Event>) {
    switch frames[frame].toolPhase {
    case .start: startTool(frame, index, scheduler: &scheduler)
    case .sendingRequest: requestToolWorker(frame, scheduler: &scheduler)
    case .running: finishTool(frame, index, scheduler: &scheduler)
    case .responding: completeLeaf(frame, step: program.tools[index].step, scheduler: &scheduler)
    }
  }

  /// A tool call's start: draws its run time and result, picks its site and sends the request;
  /// continues with `requestToolWorker` when it arrives at once.
  @inline(never)
  mutating func startTool(_ frame: FrameID, _ index: Int, scheduler: inout Scheduler<Event>) {
    // One address for the frame's fields (`frames.address`): nothing here allocates a frame
    // before the calls that end the use of `slot` (`advance`, `requestToolWorker`).
    let slot = frames.address(frame)
    let tool = program.tools[index]
    let duration = ToolSemantics.runMilliseconds(
      program.samplers.sample(tool.duration, using: &slot.pointee.generator))
    slot.pointee.phaseStart = SimTime(
      nanosecondsSinceStart: SimDuration.milliseconds(duration).nanoseconds)
    slot.pointee.outputTokens =
      tool.fixedResultTokens >= 0
      ? tool.fixedResultTokens
      : CompiledProgram.tokenCount(
        program.samplers.sample(tool.resultTokens, using: &slot.pointee.generator), minimum: 0)
    let site = resolveSite(
      tool.site, policy: tool.outageResponse, frame: frame, now: scheduler.now)
    slot.pointee.site = Int32(site)
    slot.pointee.toolPhase = .sendingRequest
    if sendToolRequest(frame, to: site, scheduler: &scheduler) { return }
    // Arrived at once: continue here rather than through `advance`, unless a join may cancel
    // the frame (the check `advance` makes).
    if slot.pointee.cancelScope.exists {
      advance(frame, scheduler: &scheduler)
      return
    }
    requestToolWorker(frame, scheduler: &scheduler)
  }

  /// A tool call's request arrived at its site: it takes a worker and runs, or waits for one.
  @inline(__always)
  mutating func requestToolWorker(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    let slot = frames.address(frame)
    slot.pointee.toolPhase = .running
    slot.pointee.enqueuedAt = scheduler.now
    // A site's tool pool has the site's index.
    let pool = ToolPoolID(raw: slot.pointee.site)
    switch toolPools.acquire(frame, at: pool, now: scheduler.now) {
    case .runsNow:
      runTool(frame, scheduler: &scheduler)
    case .waits(let waiting):
      if waiting >= limits.maximumQueueLength, overload == nil {
        noteOverload(reason: .toolCallsWaiting(waiting), scheduler: &scheduler)
      }
    }
  }

  /// A tool call's run ended: it frees its worker, its result joins the conversation and the
  /// response goes back; the step completes when it arrives at once.
  @inline(never)
  mutating func finishTool(_ frame: FrameID, _ index: Int, scheduler: inout Scheduler<Event>) {
    // Releasing the worker may start a waiting call, which allocates no frame: `slot` holds
    // until `advance` or `completeLeaf`.
    let slot = frames.address(frame)
    // A site's tool pool has the site's index.
    releaseToolWorker(at: ToolPoolID(raw: slot.pointee.site), scheduler: &scheduler)
    let owner = slot.pointee.contextOwner
    frames[owner].contextPendingTokens = ToolSemantics.pendingAfter(
      pending: frames[owner].contextPendingTokens,
      result: slot.pointee.outputTokens)
    slot.pointee.toolPhase = .responding
    if sendResponseOrArrive(frame, scheduler: &scheduler) { return }
    if slot.pointee.cancelScope.exists {
      advance(frame, scheduler: &scheduler)
      return
    }
    completeLeaf(frame, step: program.tools[index].step, scheduler: &scheduler)
  }

  /// Starts a tool that holds its worker (or needs none): its wait so far is queueing.
  @inline(__always)
  mutating func runTool(_ frame: FrameID, scheduler: inout Scheduler<Event>) {
    let slot = frames.address(frame)
    let waited = scheduler.now - slot.pointee.enqueuedAt
    slot.pointee.times.addOnPath(waited, to: .queueing)
    let duration = SimDuration(nanoseconds: slot.pointee.phaseStart.nanosecondsSinceStart)
    slot.pointee.times.addOnPath(duration, to: .tool)
    // A tool on the device keeps it busy: it counts toward the session's device energy, unless
    // the workflow says it only waits (`device_busy: false`). The tool is the frame's in-place
    // leaf, or the frame's own node.
    if siteKinds[Int(slot.pointee.site)] == .device, keepsDeviceBusy(frame) {
      sessions[slot.pointee.session].deviceBusyNanoseconds += duration.nanoseconds
    }
    scheduler.schedule(.resume(frame), after: duration)
  }

  /// Whether the tool `frame` runs (its in-place leaf, or its own node) bills device energy.
  @inline(__always)
  func keepsDeviceBusy(_ frame: FrameID) -> Bool {
    let leaf = frames[frame].inlineLeaf
    let node = Int(leaf >= 0 ? leaf : frames[frame].node)
    return program.tools[Int(program.entries[node].index)].keepsDeviceBusy
  }

  // MARK: - Transfers

  /// Moves the transfer through its `TransferPhase`s: send the bytes from `from` to `to`, done.
  mutating func advanceTransfer(
    _ frame: FrameID, _ index: Int, scheduler: inout Scheduler<Event>
  ) {
    if frames[frame].transferPhase == .start {
      frames[frame].transferPhase = .sending
      let bytes = TransferSemantics.bytes(draw(program.transfers[index].bytes, frame: frame))
      sendMessage(
        frame, from: program.transfers[index].from, to: program.transfers[index].to,
        bytes: bytes, component: .transfer, scheduler: &scheduler)
    } else {
      completeLeaf(frame, step: program.transfers[index].step, scheduler: &scheduler)
    }
  }
}
