import Foundation

/// Fits engine overheads and hardware efficiencies to measurements, each parameter from the rows
/// that observe it.
///
/// Each row's predicted time is linear in the parameters once the side of its roofline is known:
///
/// - decode rows (`decode_tok_s`, `decode_ms_per_token`, `itl_ms`):
///   `bytes / peak_bandwidth × (1/η_memory) + t_iteration + layers × t_layer`;
/// - prefill rows (`prefill_tok_s`): `FLOPs / peak(path) × (1/η_compute(path)) + t_iteration +
///   layers × t_layer` (or the memory term when the prompt is too short to be compute bound);
/// - time-to-first-token rows (`ttft_ms`): the prefill plus `t_request`, the engine's
///   once-per-request work (llama-bench's `pp` rates time the prompt alone, so only TTFT rows
///   see it).
///
/// Tensor-parallel all-reduces are a known term, not fitted. The fit minimises
/// `Σ ((predicted − measured) / (0.1 · measured))² + Σ ((θ − θ₀) / σ)²` — squared relative errors,
/// each 10% worth one unit, plus a weak prior that keeps a parameter near its starting value only
/// as far as the rows leave it free — by weighted linear least squares, re-deciding each row's
/// roofline side from the solution until the sides stop changing. Bounds (overheads ≥ 0,
/// η_compute ≤ 1, η_memory ≤ `memoryEfficiencyCeiling`) are enforced by fixing a violating
/// parameter at its bound and solving again. Deterministic: no random starts, no iteration order
/// that depends on hashing. Rows that name their compute unit (`CalibrationPoint.backend`: a phone's
/// CPU or GPU) stay out of this fit; `fitUnits` fits each unit's own two fractions on them after it.
public enum Calibrator {
  /// The highest fraction of peak bandwidth a fit may give η_memory: streaming copies (STREAM /
  /// BabelStream class) on HBM and GDDR reach about 0.9 of the datasheet bandwidth (issue 10 cites
  /// 0.89 for H100 SXM), and a decode step reads no faster than a copy.
  public static let memoryEfficiencyCeiling = 0.9

  /// One fitted parameter with its uncertainty.
  public struct Parameter: Hashable, Sendable {
    /// `engine llama.cpp`, `hardware h100-sxm`.
    public var owner: String
    /// What it is.
    public var kind: Kind
    /// The fitted value, in the kind's unit.
    public var value: Double
    /// One standard deviation, same unit (from the fit's covariance, scaled by the residual
    /// variance when there are more rows than parameters); `nil` when the parameter was not
    /// fitted.
    public var standardError: Double?
    /// `nil` when the rows identify the parameter; otherwise why it kept its starting value.
    public var note: String?
  }

  /// The parameters the calibrator fits.
  public enum Kind: String, CaseIterable, Hashable, Sendable {
    /// Once-per-request work, ms.
    case requestOverhead = "request_overhead_ms"
    /// Fixed work per iteration, ms.
    case iterationOverhead = "iteration_overhead_ms"
    /// Fixed work per layer per iteration, ms.
    case layerOverhead = "layer_overhead_ms"
    /// η_memory.
    case memoryEfficiency = "memory_efficiency"
    /// η_compute on 16-bit paths.
    case computeEfficiency = "compute_efficiency"
    /// η_compute on 8- and 4-bit paths.
    case lowPrecisionComputeEfficiency = "low_precision_compute_efficiency"
    /// Extra read time of an int8 weight byte, in peak-bandwidth byte times (engine).
    case int8ReadOverhead = "int8_read_overhead"
    /// Extra read time of a q4 weight byte, in peak-bandwidth byte times (engine).
    case q4ReadOverhead = "q4_read_overhead"
  }

  /// The result of a fit: the catalog with fitted profiles, and the parameters.
  public struct Fit: Sendable {
    /// The input catalog with every fitted hardware and engine profile replaced.
    public var catalog: Catalog
    /// Every parameter the rows touch, in (engines, hardware) first-appearance order.
    public var parameters: [Parameter]
    /// Rows used.
    public var rows: Int
  }

  /// Where the weak prior that keeps poorly observed parameters in place is centred.
  public enum PriorCenter: Sendable {
    /// Typical values, independent of the catalog (the built-in fit, so that the committed
    /// constants are a fixed point of it): η_memory 0.8, η_compute 0.5, 5 ms per request, 1 ms per
    /// iteration, 0.05 ms per layer.
    case typical
    /// The starting profiles' own values (`agentsim calibrate`: start from BASE).
    case startingValues
  }

  /// Fits the engines and hardware the used points name.
  ///
  /// - Parameters:
  ///   - points: Measurements; only `isFitted && !isHeldOut` points are used.
  ///   - catalog: Where the starting profiles and the models come from.
  ///   - prior: Where the prior is centred.
  ///   - rowScale: The relative error that counts as one unit: 0.1 for published rows (different
  ///     builds and setups scatter by about 10%), about 0.01 for a user's own repeated
  ///     measurements on one machine (the data then outweigh the prior wherever they can).
  /// - Returns: The fit.
  /// - Throws: `Diagnostic` for a point naming an unknown hardware, engine or model, or an
  ///   unsupported precision.
  /// - Complexity: O(rows × parameters² + parameters³) per pass, a few passes.
  public static func fit(
    _ points: [CalibrationPoint], catalog: Catalog, prior: PriorCenter = .typical,
    rowScale: Double = 0.1
  ) throws -> Fit {
    let fitted = points.filter { $0.isFitted && !$0.isHeldOut }
    // Rows that name their compute unit (a phone's CPU or GPU) fit that unit's own fractions
    // after the main fit (`fitUnits`); they never move the profile's own fractions or the
    // engines' overheads, which the main fit takes from the rows that name no unit.
    let used = fitted.filter { $0.backend == nil }
    let unitRows = fitted.filter { $0.backend != nil }
    var layout = Layout()
    layout.isTypical = prior == .typical
    var rows: [Row] = []
    for point in used {
      let hardware = try catalog.hardware(named: point.hardware)
      let engine = try catalog.engine(named: point.engine)
      rows.append(try Row(point: point, hardware: hardware, engine: engine, catalog: catalog))
      layout.note(point: point, hardware: hardware, engine: engine, row: rows[rows.count - 1])
    }
    layout.dropUnidentified()
    let (values, errors) = solve(rows: rows, layout: layout, rowScale: rowScale)
    var result = catalog
    var parameters: [Parameter] = []
    var engines: [EngineProfile] = []
    var hardwareProfiles: [HardwareProfile] = []
    for name in layout.engineNames {
      var engine = try catalog.engine(named: name)
      for kind in [
        Kind.requestOverhead, .iterationOverhead, .layerOverhead, .int8ReadOverhead,
        .q4ReadOverhead,
      ] {
        let key = Key(owner: name, kind: kind)
        let index = layout.index[key]
        // Read overheads appear only where the engine's rows use the precision.
        if kind.isReadOverhead && index == nil && layout.notes[key] == nil { continue }
        // (Fitted overheads are in seconds inside the solver; read overheads are unitless.)
        let scale = kind.isReadOverhead ? 1.0 : 1000
        let value = index.map { values[$0] * scale } ?? layout.start(engine: engine, kind)
        switch kind {
        case .requestOverhead: engine.requestOverheadMilliseconds = value
        case .iterationOverhead: engine.iterationOverheadMilliseconds = value
        case .int8ReadOverhead: engine.int8ReadOverhead = value
        case .q4ReadOverhead: engine.q4ReadOverhead = value
        default: engine.layerOverheadMilliseconds = value
        }
        parameters.append(
          Parameter(
            owner: "engine \(name)", kind: kind, value: value,
            standardError: index.flatMap { errors[$0] }.map { $0 * scale },
            note: layout.notes[key]))
      }
      engines.append(engine)
    }
    for name in layout.hardwareNames {
      var hardware = try catalog.hardware(named: name)
      for kind in [Kind.memoryEfficiency, .computeEfficiency, .lowPrecisionComputeEfficiency] {
        for engine in hardware.engineMemoryEfficiency.keys.sorted() where kind == .memoryEfficiency
        {
          let engineKey = Key(owner: memoryOwner(name, engine), kind: kind)
          guard let engineIndex = layout.index[engineKey] else { continue }
          let engineEfficiency = 1 / values[engineIndex]
          hardware.engineMemoryEfficiency[engine] = engineEfficiency
          parameters.append(
            Parameter(
              owner: "hardware \(memoryOwner(name, engine))", kind: kind, value: engineEfficiency,
              standardError: errors[engineIndex].map { $0 * engineEfficiency * engineEfficiency },
              note: nil))
        }
        let key = Key(owner: name, kind: kind)
        guard let index = layout.index[key] else {
          if let note = layout.notes[key] {
            parameters.append(
              Parameter(
                owner: "hardware \(name)", kind: kind,
                value: layout.start(hardware: hardware, kind),
                standardError: nil, note: note))
          }
          continue
        }
        let efficiency = 1 / values[index]
        switch kind {
        case .memoryEfficiency: hardware.memoryEfficiency = efficiency
        case .computeEfficiency: hardware.computeEfficiency = efficiency
        default: hardware.lowPrecisionComputeEfficiency = efficiency
        }
        // d(1/x) = dx / x²: the inverse's standard error at the fitted value.
        parameters.append(
          Parameter(
            owner: "hardware \(name)", kind: kind, value: efficiency,
            standardError: errors[index].map { $0 * efficiency * efficiency }, note: nil))
      }
      hardwareProfiles.append(hardware)
    }
    result = try result.adding(CatalogDefinitions(hardware: hardwareProfiles, engines: engines))
    let units = try fitUnits(unitRows, catalog: result)
    return Fit(
      catalog: units.catalog, parameters: parameters + units.parameters,
      rows: rows.count + unitRows.count)
  }

  // MARK: - Compute units

  /// Fits each named compute unit's two fractions from the rows that ran on it, with the
  /// engines' overheads as fitted by the main fit (known terms here): `1/η_compute` from the rows
  /// whose roofline is compute bound (prefill), `1/η_memory` from the memory-bound ones (decode),
  /// each by weighted least squares on relative error, bounded by physics (η_compute ≤ 1,
  /// η_memory ≤ `memoryEfficiencyCeiling`). A fraction no row measures keeps its starting value
  /// (the unit's listed one, else the primary unit's) and is reported with the reason.
  ///
  /// - Parameters:
  ///   - points: In-sample rows that name their unit.
  ///   - catalog: The catalog after the main fit.
  /// - Returns: The catalog with each measured unit's fractions, and the parameters.
  /// - Throws: `Diagnostic` for unknown names.
  static func fitUnits(
    _ points: [CalibrationPoint], catalog: Catalog
  ) throws -> (catalog: Catalog, parameters: [Parameter]) {
    var groups: [(hardware: String, unit: ComputeBackend, points: [CalibrationPoint])] = []
    for point in points {
      guard let unit = point.backend else { continue }
      if let index = groups.firstIndex(where: { $0.hardware == point.hardware && $0.unit == unit })
      {
        groups[index].points.append(point)
      } else {
        groups.append((point.hardware, unit, [point]))
      }
    }
    var result = catalog
    var parameters: [Parameter] = []
    for group in groups {
      var hardware = try result.hardware(named: group.hardware)
      let start =
        hardware.backendEfficiency[group.unit]
        ?? UnitEfficiency(compute: hardware.computeEfficiency, memory: hardware.memoryEfficiency)
      let probe = hardware
      var rows: [(row: Row, known: Double, read: Double)] = []
      for point in group.points {
        let engine = try result.engine(named: point.engine)
        let row = try Row(point: point, hardware: probe, engine: engine, catalog: result)
        var known = row.constant + row.iterations * engine.iterationOverheadMilliseconds / 1000
        known += row.layerIterations * row.layers * engine.layerOverheadMilliseconds / 1000
        if row.hasRequest { known += engine.requestOverheadMilliseconds / 1000 }
        rows.append((row, known, engine.readOverhead(for: point.precision)))
      }
      var inverse = (compute: 1 / start.compute, memory: 1 / start.memory)
      var errors: (compute: Double?, memory: Double?) = (nil, nil)
      var counts = (compute: 0, memory: 0)
      // Sides depend on the values; a few passes settle them (two parameters, few rows).
      for _ in 0..<10 {
        var sums = (cc: 0.0, ct: 0.0, mm: 0.0, mt: 0.0)
        var parts: [(compute: Double, memory: Double, target: Double, weight: Double)] = []
        for (row, known, read) in rows {
          var compute = 0.0
          var memory = 0.0
          var fixed = known
          for segment in row.segments {
            if segment.compute * inverse.compute
              > segment.memory * inverse.memory + segment.weights * read
            {
              compute += segment.count * segment.compute
            } else {
              memory += segment.count * segment.memory
              fixed += segment.count * segment.weights * read
            }
          }
          let weight = 1 / (row.measured * row.measured)
          let target = row.measured - fixed
          parts.append((compute, memory, target, weight))
          if memory == 0 {
            sums.cc += weight * compute * compute
            sums.ct += weight * compute * target
          } else if compute == 0 {
            sums.mm += weight * memory * memory
            sums.mt += weight * memory * target
          }
        }
        var next = inverse
        if sums.cc > 0 { next.compute = max(1, sums.ct / sums.cc) }
        if sums.mm > 0 { next.memory = max(1 / memoryEfficiencyCeiling, sums.mt / sums.mm) }
        counts = (0, 0)
        var residuals = (compute: 0.0, memory: 0.0)
        for part in parts {
          let error = part.compute * next.compute + part.memory * next.memory - part.target
          if part.memory == 0 {
            counts.compute += 1
            residuals.compute += part.weight * error * error
          } else if part.compute == 0 {
            counts.memory += 1
            residuals.memory += part.weight * error * error
          }
        }
        // Standard error of 1/η from the residual scatter (one row: the 10% scatter published
        // rows carry between setups), mapped to η by d(1/x) = dx / x².
        func spread(_ residual: Double, _ count: Int, _ sum: Double, _ value: Double) -> Double? {
          guard count > 0, sum > 0 else { return nil }
          let variance = count > 1 ? max(0.01, residual / Double(count - 1)) : 0.01
          return (variance / sum).squareRoot() / (value * value)
        }
        errors = (
          spread(residuals.compute, counts.compute, sums.cc, next.compute),
          spread(residuals.memory, counts.memory, sums.mm, next.memory)
        )
        let moved =
          abs(next.compute - inverse.compute) > 1e-12 || abs(next.memory - inverse.memory) > 1e-12
        inverse = next
        if !moved { break }
      }
      let fitted = UnitEfficiency(compute: 1 / inverse.compute, memory: 1 / inverse.memory)
      hardware.backendEfficiency[group.unit] = fitted
      let sides: [(kind: Kind, side: String, value: Double, rows: Int, error: Double?)] = [
        (.computeEfficiency, "compute", fitted.compute, counts.compute, errors.compute),
        (.memoryEfficiency, "memory", fitted.memory, counts.memory, errors.memory),
      ]
      for fit in sides {
        // A side no row measured kept its starting value: no standard error, and why.
        parameters.append(
          Parameter(
            owner: "hardware \(group.hardware) \(group.unit.rawValue)", kind: fit.kind,
            value: fit.value, standardError: fit.rows > 0 ? fit.error : nil,
            note: fit.rows > 0
              ? nil
              : "no in-sample \(fit.side)-bound row on the unit: kept its listed \(fit.side) "
                + "efficiency (the profile's where the unit lists none)"))
      }
      result = try result.adding(CatalogDefinitions(hardware: [hardware], engines: []))
    }
    return (result, parameters)
  }

  /// The owner name of `engine`'s own η_memory on `hardware` (`a100-80gb/llama.cpp`).
  static func memoryOwner(_ hardware: String, _ engine: String) -> String {
    "\(hardware)/\(engine)"
  }

  // MARK: - Rows

  /// Identifies a parameter: its owner (engine or hardware name) and kind.
  struct Key: Hashable {
    var owner: String
    var kind: Kind
  }

  /// A row's predicted time as features: `Σ coefficient × parameter + constant`, per roofline
  /// side.
  struct Row {
    /// Per segment: seconds to stream its bytes at peak bandwidth, seconds to stream its weight
    /// bytes alone at peak (what a read overhead multiplies), seconds of its FLOPs at the path's
    /// peak, and how many times it runs.
    var segments: [(memory: Double, weights: Double, compute: Double, count: Double)]
    /// Known seconds (tensor-parallel communication, and the eager per-layer overheads of
    /// iterations that prefill where the engine has them: not fitted here).
    var constant: Double
    /// Iterations in the measured time.
    var iterations: Double
    /// Iterations that pay the fitted per-layer overhead: all of them, except those that prefill
    /// in an engine with an eager per-layer overhead (which the constant holds instead).
    var layerIterations: Double
    /// Layers of the model.
    var layers: Double
    /// Whether the row includes the per-request overhead.
    var hasRequest: Bool
    /// The measured time, s.
    var measured: Double
    var hardware: String
    var engine: String
    /// The owner of the row's η_memory: the hardware, or `Calibrator.memoryOwner(_:_:)` where
    /// the hardware lists the engine in `engineMemoryEfficiency`.
    var memoryOwner: String
    var computeKind: Kind
    /// The engine's read overhead the row's weights pay, `nil` for 16-bit and fp8 weights.
    var readKind: Kind?
    /// Whether the row has a prefill segment (so it can see the compute efficiency).
    var isPrefill: Bool
    /// Whether the row has a decode segment (so it sees the model depth's per-step overheads
    /// and the weights' read overhead).
    var hasDecode: Bool

    init(
      point: CalibrationPoint, hardware: HardwareProfile, engine: EngineProfile, catalog: Catalog
    ) throws {
      // Probes at unit efficiency and zero overhead expose the raw roofline terms.
      var unitHardware = hardware
      unitHardware.memoryEfficiency = 1
      unitHardware.engineMemoryEfficiency = [:]
      unitHardware.computeEfficiency = 1
      unitHardware.lowPrecisionComputeEfficiency = 1
      unitHardware.backendEfficiency = BackendEfficiency()
      var bareEngine = engine
      bareEngine.requestOverheadMilliseconds = 0
      bareEngine.iterationOverheadMilliseconds = 0
      bareEngine.layerOverheadMilliseconds = 0
      bareEngine.int8ReadOverhead = 0
      bareEngine.q4ReadOverhead = 0
      let probe = try point.engine(hardware: unitHardware, engine: bareEngine, catalog: catalog)
      // A unit read overhead adds the weight bytes' time at peak to the memory term.
      var readEngine = bareEngine
      readEngine.int8ReadOverhead = 1
      readEngine.q4ReadOverhead = 1
      let readProbe = try point.engine(
        hardware: unitHardware, engine: readEngine, catalog: catalog)
      segments = []
      constant = 0
      iterations = 0
      layerIterations = 0
      isPrefill = false
      hasDecode = false
      for segment in point.segments where segment.count > 0 && segment.work.tokens > 0 {
        let parts = probe.roofline.components(segment.work)
        let read = readProbe.roofline.components(segment.work).memory - parts.memory
        segments.append((parts.memory, read, parts.compute, segment.count))
        constant += segment.count * parts.communication
        iterations += segment.count
        if let eager = engine.eagerLayerOverheadMilliseconds, engine.runsEagerly(segment.work) {
          constant += segment.count * Double(probe.model.layers) * eager / 1000
        } else {
          layerIterations += segment.count
        }
        if segment.work.prefillTokens > 0 { isPrefill = true }
        if segment.work.decodeSequences > 0 { hasDecode = true }
      }
      layers = Double(probe.model.layers)
      hasRequest = point.includesRequestOverhead
      measured = point.measuredSeconds
      self.hardware = hardware.name
      self.engine = engine.name
      memoryOwner =
        hardware.engineMemoryEfficiency[engine.name] == nil
        ? hardware.name : Calibrator.memoryOwner(hardware.name, engine.name)
      switch probe.computePath {
      case .bf16, .fp16: computeKind = .computeEfficiency
      case .fp8, .int8, .q4: computeKind = .lowPrecisionComputeEfficiency
      }
      switch point.precision {
      case .bf16, .fp16, .fp8: readKind = nil
      case .int8: readKind = .int8ReadOverhead
      case .q4: readKind = .q4ReadOverhead
      }
    }
  }

  /// Which parameters exist, their starting values and prior widths, and which the rows cannot
  /// identify.
  struct Layout {
    var engineNames: [String] = []
    var hardwareNames: [String] = []
    var keys: [Key] = []
    var index: [Key: Int] = [:]
    var starts: [Double] = []
    var widths: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    var notes: [Key: String] = [:]
    /// Every parameter's starting value in fitting units (s, or 1/η), fitted or not.
    var allStarts: [Key: Double] = [:]
    /// Prior centres in fitting units, per parameter.
    var centers: [Double] = []
    /// Whether the prior is centred on typical values rather than the starting ones.
    var isTypical = true
    var decodeDepths: [String: Set<Int>] = [:]
    var requestRows: [String: Int] = [:]
    var prefillRows: [String: Int] = [:]

    mutating func note(
      point: CalibrationPoint, hardware: HardwareProfile, engine: EngineProfile, row: Row
    ) {
      if !engineNames.contains(engine.name) {
        engineNames.append(engine.name)
        add(
          Key(owner: engine.name, kind: .requestOverhead),
          start: start(engine: engine, .requestOverhead) / 1000, width: 0.005, lower: 0,
          upper: .infinity)
        add(
          Key(owner: engine.name, kind: .iterationOverhead),
          start: start(engine: engine, .iterationOverhead) / 1000, width: 0.001, lower: 0,
          upper: .infinity)
        add(
          Key(owner: engine.name, kind: .layerOverhead),
          start: start(engine: engine, .layerOverhead) / 1000, width: 0.0001, lower: 0,
          upper: .infinity)
      }
      if !hardwareNames.contains(hardware.name) { hardwareNames.append(hardware.name) }
      allStarts[Key(owner: hardware.name, kind: row.computeKind)] =
        1 / start(hardware: hardware, row.computeKind)
      if let readKind = row.readKind {
        allStarts[Key(owner: engine.name, kind: readKind)] = start(engine: engine, readKind)
      }
      if row.isPrefill {
        add(
          Key(owner: hardware.name, kind: row.computeKind),
          start: 1 / start(hardware: hardware, row.computeKind), width: 1, lower: 1,
          upper: .infinity)
        prefillRows[hardware.name, default: 0] += 1
      }
      add(
        Key(owner: row.memoryOwner, kind: .memoryEfficiency),
        start: 1 / hardware.memoryEfficiency(for: engine.name), width: 0.5,
        lower: 1 / memoryEfficiencyCeiling, upper: .infinity)
      if row.hasRequest { requestRows[engine.name, default: 0] += 1 }
      if row.hasDecode {
        decodeDepths[engine.name, default: []].insert(Int(row.layers))
        if let readKind = row.readKind {
          add(
            Key(owner: engine.name, kind: readKind), start: start(engine: engine, readKind),
            width: 0.5, lower: 0, upper: .infinity)
        }
      }
    }

    mutating func add(_ key: Key, start: Double, width: Double, lower: Double, upper: Double) {
      guard index[key] == nil else { return }
      allStarts[key] = start
      index[key] = keys.count
      keys.append(key)
      starts.append(start)
      centers.append(isTypical ? Self.typical(key.kind) : start)
      widths.append(width)
      self.lower.append(lower)
      self.upper.append(upper)
    }

    /// Drops the parameters no row identifies, recording why.
    mutating func dropUnidentified() {
      for name in engineNames {
        if requestRows[name, default: 0] == 0 {
          remove(
            Key(owner: name, kind: .requestOverhead),
            "no time-to-first-token row: kept the starting per-request overhead")
        }
        if decodeDepths[name, default: []].count < 2 {
          remove(
            Key(owner: name, kind: .layerOverhead),
            "one model depth only: per-layer overhead and bandwidth are confounded; kept the"
              + " starting per-layer overhead")
        }
      }
      for name in hardwareNames where prefillRows[name, default: 0] == 0 {
        notes[Key(owner: name, kind: .computeEfficiency)] =
          "no prefill or time-to-first-token row: kept the starting compute efficiency"
      }
    }

    /// Typical values in fitting units.
    static func typical(_ kind: Kind) -> Double {
      switch kind {
      case .requestOverhead: return 0.005
      case .iterationOverhead: return 0.001
      case .layerOverhead: return 0.000_05
      case .memoryEfficiency: return 1 / 0.8
      case .computeEfficiency, .lowPrecisionComputeEfficiency: return 1 / 0.5
      case .int8ReadOverhead, .q4ReadOverhead: return 0
      }
    }

    mutating func remove(_ key: Key, _ note: String) {
      notes[key] = note
      guard let position = index[key] else { return }
      keys.remove(at: position)
      starts.remove(at: position)
      centers.remove(at: position)
      widths.remove(at: position)
      lower.remove(at: position)
      upper.remove(at: position)
      index = [:]
      for (offset, key) in keys.enumerated() { index[key] = offset }
    }

    func start(engine: EngineProfile, _ kind: Kind) -> Double {
      switch kind {
      case .requestOverhead: return engine.requestOverheadMilliseconds
      case .iterationOverhead: return engine.iterationOverheadMilliseconds
      case .int8ReadOverhead: return engine.int8ReadOverhead
      case .q4ReadOverhead: return engine.q4ReadOverhead
      default: return engine.layerOverheadMilliseconds
      }
    }

    func start(hardware: HardwareProfile, _ kind: Kind) -> Double {
      switch kind {
      case .memoryEfficiency: return hardware.memoryEfficiency
      case .lowPrecisionComputeEfficiency:
        return hardware.lowPrecisionComputeEfficiency ?? hardware.computeEfficiency
      default: return hardware.computeEfficiency
      }
    }
  }

  // MARK: - Solving

  /// The fitted values and standard errors (`nil` for a parameter held at a bound).
  static func solve(rows: [Row], layout: Layout, rowScale: Double) -> ([Double], [Double?]) {
    let count = layout.keys.count
    var values = layout.starts
    var fixed = [Bool](repeating: false, count: count)
    var covariance: [[Double]] = []
    var residualScale = 1.0
    for _ in 0..<20 {
      // Roofline sides at the current values.
      var matrix = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
      var vector = [Double](repeating: 0, count: count)
      var residualSum = 0.0
      for row in rows {
        var features = [Double](repeating: 0, count: count)
        var known = row.constant
        // A parameter the rows cannot identify keeps its starting value as a known term.
        func term(_ key: Key, _ weight: Double) {
          if let index = layout.index[key] {
            features[index] += weight
          } else {
            known += weight * (layout.allStarts[key] ?? 0)
          }
        }
        func current(_ key: Key) -> Double {
          layout.index[key].map { values[$0] } ?? layout.allStarts[key] ?? 1
        }
        let memoryKey = Key(owner: row.memoryOwner, kind: .memoryEfficiency)
        let computeKey = Key(owner: row.hardware, kind: row.computeKind)
        let readKey = row.readKind.map { Key(owner: row.engine, kind: $0) }
        for segment in row.segments {
          let read = readKey.map { segment.weights * current($0) } ?? 0
          if segment.compute * current(computeKey) > segment.memory * current(memoryKey) + read {
            term(computeKey, segment.count * segment.compute)
          } else {
            term(memoryKey, segment.count * segment.memory)
            if let readKey { term(readKey, segment.count * segment.weights) }
          }
        }
        term(Key(owner: row.engine, kind: .iterationOverhead), row.iterations)
        term(Key(owner: row.engine, kind: .layerOverhead), row.layerIterations * row.layers)
        if row.hasRequest { term(Key(owner: row.engine, kind: .requestOverhead), 1) }
        let scale = 1 / (rowScale * row.measured)
        let target = (row.measured - known) * scale
        var predicted = 0.0
        for i in 0..<count where features[i] != 0 {
          features[i] *= scale
          predicted += features[i] * values[i]
        }
        residualSum += (predicted - target) * (predicted - target)
        for i in 0..<count where features[i] != 0 {
          vector[i] += features[i] * target
          for j in 0..<count where features[j] != 0 { matrix[i][j] += features[i] * features[j] }
        }
      }
      for i in 0..<count {
        let precision = 1 / (layout.widths[i] * layout.widths[i])
        matrix[i][i] += precision
        vector[i] += precision * layout.centers[i]
      }
      // A parameter held at its bound is known: its column moves to the right-hand side.
      for i in 0..<count where fixed[i] {
        for j in 0..<count where j != i {
          vector[j] -= matrix[j][i] * values[i]
          matrix[i][j] = 0
          matrix[j][i] = 0
        }
        matrix[i][i] = 1
        vector[i] = values[i]
      }
      guard let solution = LinearSystem.solve(matrix, vector), solution.allSatisfy(\.isFinite)
      else { break }
      var next = solution
      var changed = false
      for i in 0..<count {
        if next[i] < layout.lower[i] {
          next[i] = layout.lower[i]
          if !fixed[i] {
            fixed[i] = true
            changed = true
          }
        } else if next[i] > layout.upper[i] {
          next[i] = layout.upper[i]
          if !fixed[i] {
            fixed[i] = true
            changed = true
          }
        }
      }
      let moved = zip(next, values).contains { abs($0 - $1) > 1e-12 * max(1, abs($1)) }
      values = next
      covariance = LinearSystem.inverse(matrix) ?? []
      let freedom = rows.count - fixed.filter { !$0 }.count
      residualScale = freedom > 0 ? max(1, residualSum / Double(freedom)) : 1
      if !moved && !changed { break }
    }
    let errors: [Double?] = (0..<count).map { index in
      guard !fixed[index], index < covariance.count else { return nil }
      // Residuals are in units of `rowScale` relative error; the covariance is in those units.
      return (covariance[index][index] * residualScale).squareRoot()
    }
    return (values, errors)
  }
}

extension Calibrator.Kind {
  /// Whether the kind is an engine's read overhead of quantized weights (unitless, not ms).
  var isReadOverhead: Bool { self == .int8ReadOverhead || self == .q4ReadOverhead }
}
