import SimulationKernel

/// The prefix caches of the replicas (and hosted APIs) that keep conversations between calls: per
/// cache, an LRU list of conversation prefixes in accelerator memory, optionally a second LRU list
/// in host memory, a lifetime for unused prefixes, and the counters the report shows.
///
/// A cache holds at most one prefix per conversation: its whole KV cache after its last call
/// (history, prompt and output). While a call runs, its conversation's prefix is *claimed*: it
/// leaves the cache and lives in the running batch's KV reservation, so it is never evicted
/// under a running request and never counted twice; the call *stores* the longer prefix when it
/// completes. This is the behaviour of vLLM's automatic prefix caching (blocks of running requests
/// are pinned, finished requests' blocks join an LRU free queue) and of SGLang's radix cache
/// (locked nodes while in use, LRU eviction of unlocked leaves), at the granularity of one
/// conversation rather than one block.
///
/// A parallel section's branches continue copies of one conversation: a branch's first call reads
/// the parent conversation's prefix without claiming it (`Claim.inherited`), as a radix tree
/// shares the common prefix.
///
/// Conversations are named by the simulator's frame ids, which are reused: `forget(owner:)` (when
/// a frame becomes a conversation's owner: a session's root, a parallel branch) moves the id to a
/// new generation, so an earlier conversation's prefixes keep their memory until evicted but can
/// never be hit again.
///
/// The component knows no frames, sessions or pools beyond these keys and slot numbers, and
/// schedules nothing: it can be driven on its own (see its tests).
struct PrefixCache {
  /// One cache's configuration, lists and counters.
  struct Slot {
    /// Accelerator-memory capacity in tokens; nil: the caller passes the limit each time (what
    /// the running batch leaves).
    var capacityTokens: Int?
    /// Nanoseconds an unused prefix lives; `Int64.max`: for ever.
    var timeToLive: Int64
    /// Host-memory capacity in tokens (0: no host tier).
    var hostCapacityTokens: Int
    var lists = (accelerator: LRUList(), host: LRUList())
    var counters = Counters()
  }

  /// What one cache has done, for the report.
  struct Counters: Equatable {
    /// Calls that found their conversation's prefix (in either tier).
    var hits = 0
    /// Calls that continued a conversation held here but found no prefix (evicted or expired).
    var misses = 0
    /// Misses whose prefix had outlived its lifetime.
    var expiredMisses = 0
    /// Hits served from the host tier.
    var hostHits = 0
    /// Tokens of prefixes evicted from accelerator memory to make room (moved to the host tier
    /// or dropped).
    var evictedTokens = 0
    /// Tokens prefilled again because a call's prefix was gone.
    var reprefilledTokens = 0
    /// Tokens a hit did not have to prefill.
    var hitTokens = 0
    /// Seconds of prefill the re-prefilled tokens cost (the caller's estimate per miss).
    var reprefillSeconds = 0.0

    /// Adds `other`'s counts to these (replicas' counters summed per site).
    mutating func add(_ other: Counters) {
      hits += other.hits
      misses += other.misses
      expiredMisses += other.expiredMisses
      hostHits += other.hostHits
      evictedTokens += other.evictedTokens
      reprefilledTokens += other.reprefilledTokens
      hitTokens += other.hitTokens
      reprefillSeconds += other.reprefillSeconds
    }
  }

  /// A doubly linked list of entries, least recently used first.
  struct LRUList {
    var head: Int32 = -1
    var tail: Int32 = -1
    var usedTokens = 0
  }

  /// One cached prefix.
  struct Entry {
    var slot: Int32 = -1
    var key: Int64 = -1
    var tokens = 0
    var lastUse = SimTime.zero
    var previous: Int32 = -1
    var next: Int32 = -1
    var isInHost = false
  }

  /// Where a cache entry is found: a cache and a conversation.
  struct EntryKey: Hashable {
    var slot: Int32
    var conversation: Int64
  }

  /// What a lookup found.
  enum Claim: Equatable {
    /// The conversation's own prefix, now claimed by the call: `tokens` of it, in host memory
    /// when `fromHost`.
    case own(tokens: Int, fromHost: Bool)
    /// An enclosing conversation's prefix, read and left in place.
    case inherited(tokens: Int, fromHost: Bool)
    /// Nothing: the prefix expired (`wasExpired`) or was evicted, or never was here.
    case none(wasExpired: Bool)

    /// The tokens found (0 for `none`).
    var tokens: Int {
      switch self {
      case .own(let tokens, _), .inherited(let tokens, _): return tokens
      case .none: return 0
      }
    }

    /// Whether the tokens found sit in host memory.
    var isFromHost: Bool {
      switch self {
      case .own(_, let fromHost), .inherited(_, let fromHost): return fromHost
      case .none: return false
      }
    }
  }

  private(set) var slots = ContiguousArray<Slot>()
  private var entries = ContiguousArray<Entry>()
  private var freeEntries = ContiguousArray<Int32>()
  private var index: [EntryKey: Int32] = [:]
  /// Per frame id: its generation (see `forget(owner:)`).
  private var generations = ContiguousArray<UInt32>()

  /// Whether any cache exists (the simulator skips every call when not).
  var isActive: Bool { !slots.isEmpty }

  /// Adds a cache and returns its slot number.
  ///
  /// - Parameters:
  ///   - capacityTokens: Accelerator-memory tokens; nil: the caller's limit at each call.
  ///   - timeToLive: How long an unused prefix lives; nil: for ever.
  ///   - hostCapacityTokens: Host-memory tokens (0: none).
  mutating func addSlot(capacityTokens: Int?, timeToLive: SimDuration?, hostCapacityTokens: Int)
    -> Int
  {
    slots.append(
      Slot(
        capacityTokens: capacityTokens, timeToLive: timeToLive?.nanoseconds ?? .max,
        hostCapacityTokens: max(0, hostCapacityTokens)))
    return slots.count - 1
  }

  /// The key of the conversation a frame owns, in its current generation.
  func key(owner: FrameID) -> Int64 {
    let generation = owner.index < generations.count ? generations[owner.index] : 0
    return Int64(generation) << 32 | Int64(owner.raw)
  }

  /// The frame id `owner` starts a new conversation: earlier ones with its id are other
  /// conversations.
  mutating func forget(owner: FrameID) {
    let id = owner.index
    if id >= generations.count {
      generations.append(contentsOf: repeatElement(0, count: id + 1 - generations.count))
    }
    generations[id] &+= 1
  }

  /// The accelerator-memory limit of `slot` given what the running batch leaves.
  func limit(_ slot: Int, left: Int) -> Int {
    slots[slot].capacityTokens ?? max(0, left)
  }

  /// Tokens of `conversation`'s live prefix in `slot` (0 if none or expired), without touching it.
  ///
  /// - Complexity: O(1) expected.
  func heldTokens(_ slot: Int, conversation: Int64, now: SimTime) -> Int {
    guard let id = index[EntryKey(slot: Int32(slot), conversation: conversation)] else { return 0 }
    let entry = entries[Int(id)]
    return isExpired(entry, now: now) ? 0 : entry.tokens
  }

  /// Looks `conversation` up in `slot` at `now`. An expired prefix is dropped. A live one is
  /// claimed (taken out of the cache) when `claims`, else marked used and left in place.
  ///
  /// - Complexity: O(1) expected.
  mutating func lookUp(_ slot: Int, conversation: Int64, claims: Bool, now: SimTime) -> Claim {
    let entryKey = EntryKey(slot: Int32(slot), conversation: conversation)
    guard let id = index[entryKey] else { return .none(wasExpired: false) }
    let entry = entries[Int(id)]
    if isExpired(entry, now: now) {
      remove(id)
      return .none(wasExpired: true)
    }
    if claims {
      remove(id)
      return .own(tokens: entry.tokens, fromHost: entry.isInHost)
    }
    unlink(id)
    entries[Int(id)].lastUse = now
    link(id)
    return .inherited(tokens: entry.tokens, fromHost: entry.isInHost)
  }

  /// Counts one call that continued a conversation of `wantedTokens` held here and found `claim`.
  mutating func count(_ slot: Int, wantedTokens: Int, found claim: Claim) {
    let found = min(claim.tokens, wantedTokens)
    if found > 0 {
      slots[slot].counters.hits += 1
      slots[slot].counters.hitTokens += found
      if claim.isFromHost { slots[slot].counters.hostHits += 1 }
    } else {
      slots[slot].counters.misses += 1
      if case .none(true) = claim { slots[slot].counters.expiredMisses += 1 }
    }
    slots[slot].counters.reprefilledTokens += wantedTokens - found
  }

  /// Adds the prefill time a miss cost to `slot`'s counters.
  mutating func addReprefill(_ slot: Int, seconds: Double) {
    slots[slot].counters.reprefillSeconds += seconds
  }

  /// Stores `conversation`'s prefix of `tokens` in `slot`, used at `now` (most recently used),
  /// replacing any earlier one, then evicts least recently used prefixes until the accelerator
  /// tier holds at most `limit` tokens (to the host tier while it has room).
  ///
  /// - Complexity: O(1) expected, plus O(1) per eviction.
  mutating func store(
    _ slot: Int, conversation: Int64, tokens: Int, now: SimTime, limit: Int
  ) {
    let entryKey = EntryKey(slot: Int32(slot), conversation: conversation)
    if let old = index[entryKey] { remove(old) }
    let id: Int32
    if let free = freeEntries.popLast() {
      id = free
    } else {
      entries.append(Entry())
      id = Int32(entries.count - 1)
    }
    entries[Int(id)] = Entry(slot: Int32(slot), key: conversation, tokens: tokens, lastUse: now)
    index[entryKey] = id
    link(id)
    trim(slot, limit: limit)
  }

  /// Evicts least recently used prefixes of `slot` until its accelerator tier holds at most
  /// `limit` tokens; evicted prefixes move to the host tier if it has one (evicting its own least
  /// recently used to fit), else are dropped.
  ///
  /// - Complexity: O(1) per eviction.
  mutating func trim(_ slot: Int, limit: Int) {
    while slots[slot].lists.accelerator.usedTokens > limit {
      let victim = slots[slot].lists.accelerator.head
      let tokens = entries[Int(victim)].tokens
      slots[slot].counters.evictedTokens += tokens
      unlink(victim)
      if tokens <= slots[slot].hostCapacityTokens {
        entries[Int(victim)].isInHost = true
        link(victim)
        while slots[slot].lists.host.usedTokens > slots[slot].hostCapacityTokens {
          remove(slots[slot].lists.host.head)
        }
      } else {
        index[EntryKey(slot: Int32(slot), conversation: entries[Int(victim)].key)] = nil
        freeEntries.append(victim)
      }
    }
  }

  /// Tokens held in `slot`'s accelerator and host tiers.
  func usedTokens(_ slot: Int) -> (accelerator: Int, host: Int) {
    (slots[slot].lists.accelerator.usedTokens, slots[slot].lists.host.usedTokens)
  }

  private func isExpired(_ entry: Entry, now: SimTime) -> Bool {
    let ttl = slots[Int(entry.slot)].timeToLive
    return ttl != .max && (now - entry.lastUse).nanoseconds > ttl
  }

  /// Unlinks an entry and frees it.
  private mutating func remove(_ id: Int32) {
    unlink(id)
    let entry = entries[Int(id)]
    index[EntryKey(slot: entry.slot, conversation: entry.key)] = nil
    freeEntries.append(id)
  }

  /// Appends an entry at the most recently used end of its tier's list.
  private mutating func link(_ id: Int32) {
    let slot = Int(entries[Int(id)].slot)
    let isInHost = entries[Int(id)].isInHost
    var list = isInHost ? slots[slot].lists.host : slots[slot].lists.accelerator
    entries[Int(id)].previous = list.tail
    entries[Int(id)].next = -1
    if list.tail >= 0 { entries[Int(list.tail)].next = id } else { list.head = id }
    list.tail = id
    list.usedTokens += entries[Int(id)].tokens
    if isInHost { slots[slot].lists.host = list } else { slots[slot].lists.accelerator = list }
  }

  /// Takes an entry out of its tier's list (it stays indexed).
  private mutating func unlink(_ id: Int32) {
    let slot = Int(entries[Int(id)].slot)
    let isInHost = entries[Int(id)].isInHost
    var list = isInHost ? slots[slot].lists.host : slots[slot].lists.accelerator
    let previous = entries[Int(id)].previous
    let next = entries[Int(id)].next
    if previous >= 0 { entries[Int(previous)].next = next } else { list.head = next }
    if next >= 0 { entries[Int(next)].previous = previous } else { list.tail = previous }
    list.usedTokens -= entries[Int(id)].tokens
    entries[Int(id)].previous = -1
    entries[Int(id)].next = -1
    if isInHost { slots[slot].lists.host = list } else { slots[slot].lists.accelerator = list }
  }
}
