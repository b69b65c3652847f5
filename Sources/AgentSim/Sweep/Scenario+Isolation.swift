extension Scenario {
  /// A copy whose inference engines own their text (hardware and model names, sources).
  ///
  /// The catalog's entries carry long strings built at run time, so every scenario built from
  /// one catalog shares their storage, and the simulator copies engines (retaining and releasing
  /// those strings) on every batch iteration. On several threads, atomic reference counts on one
  /// shared object bounce its cache line between cores. Private copies make the points of a sweep
  /// share nothing they write to, as separate processes would; the numbers are unchanged.
  ///
  /// - Complexity: O(engines × length of their strings).
  func isolated() -> Scenario {
    var copy = self
    for index in copy.pools.indices {
      copy.pools[index].engine = copy.pools[index].engine.isolated()
    }
    for index in copy.sites.indices {
      guard case .device(var device) = copy.sites[index].kind else { continue }
      device.engines = device.engines.map { $0?.isolated() }
      copy.sites[index].kind = .device(device)
    }
    return copy
  }
}

extension InferenceEngine {
  /// The same engine with its own copies of its hardware's and model's strings (or itself when
  /// they cannot be rebuilt, which cannot happen for an engine that was built once).
  fileprivate func isolated() -> InferenceEngine {
    var hardware = self.hardware
    hardware.name = hardware.name.ownedCopy()
    hardware.source = hardware.source.ownedCopy()
    hardware.calibration = hardware.calibration.ownedCopy()
    var model = self.model
    model.name = model.name.ownedCopy()
    model.source = model.source.ownedCopy()
    return
      (try? InferenceEngine(
        hardware: hardware, model: model, precision: precision,
        acceleratorCount: acceleratorCount)) ?? self
  }
}

extension String {
  /// The same text in newly allocated storage (short strings are stored inline anyway).
  fileprivate func ownedCopy() -> String {
    String(decoding: Array(utf8), as: UTF8.self)
  }
}
