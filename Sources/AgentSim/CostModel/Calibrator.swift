import Foundation

/// Fits a hardware profile's efficiencies and overheads to published measurements.
///
/// The four parameters (η_memory, η_compute, step overhead, layer overhead) minimise
/// `Σ (ln(predicted / measured) / 0.1)² + Σ ((θ − θ₀) / σ)²`: squared log errors, each worth a 10%
/// miss, plus a weak prior that keeps parameters the data cannot see at physically typical values
/// (η_memory ≈ 0.8, η_compute ≈ 0.5, overheads around 1 ms per step and 0.05 ms per layer, wide
/// in log space). Efficiencies are fitted through a logistic so they stay in (0, 1). The minimiser
/// is Nelder–Mead from the profile's current values.
public enum Calibrator {
  /// The fitted copy of `hardware`.
  ///
  /// - Parameters:
  ///   - hardware: The profile to start from (its specification numbers are kept).
  ///   - points: Measurements of this hardware; points with `isFitted == false` are ignored.
  ///   - catalog: Where the points' models come from.
  /// - Returns: The profile with fitted `memoryEfficiency`, `computeEfficiency`,
  ///   `stepOverheadMilliseconds` and `layerOverheadMilliseconds`.
  /// - Throws: `Diagnostic` for a point naming an unknown model or unsupported precision.
  /// - Complexity: O(iterations × points); a few thousand engine evaluations.
  public static func fit(
    _ hardware: HardwareProfile, to points: [CalibrationPoint], catalog: Catalog
  ) throws -> HardwareProfile {
    let used = points.filter { $0.isFitted && $0.hardware == hardware.name }
    for point in used { _ = try point.engine(hardware: hardware, catalog: catalog) }
    let start = parameters(of: hardware)
    let best = minimize(start) { vector in
      (try? objective(vector, hardware: hardware, points: used, catalog: catalog)) ?? .infinity
    }
    return profile(hardware, with: best)
  }

  /// The fit's objective at the profile's current parameters (lower is better).
  ///
  /// - Parameters:
  ///   - hardware: The profile.
  ///   - points: Measurements; only fitted points of this hardware count.
  ///   - catalog: Where the models come from.
  /// - Returns: The penalised sum of squared log errors.
  /// - Throws: `Diagnostic` for an unknown model or unsupported precision.
  public static func objective(
    of hardware: HardwareProfile, points: [CalibrationPoint], catalog: Catalog
  ) throws -> Double {
    let used = points.filter { $0.isFitted && $0.hardware == hardware.name }
    return try objective(
      parameters(of: hardware), hardware: hardware, points: used, catalog: catalog)
  }

  private static let priorMeans = [logit(0.8), logit(0.5), log(1.0), log(0.05)]
  private static let priorWidths = [1.5, 1.5, 2.5, 2.5]
  private static let floorMilliseconds = 1e-4

  private static func parameters(of hardware: HardwareProfile) -> [Double] {
    [
      logit(hardware.memoryEfficiency), logit(hardware.computeEfficiency),
      log(max(hardware.stepOverheadMilliseconds, floorMilliseconds)),
      log(max(hardware.layerOverheadMilliseconds, floorMilliseconds)),
    ]
  }

  private static func profile(_ hardware: HardwareProfile, with vector: [Double])
    -> HardwareProfile
  {
    var result = hardware
    result.memoryEfficiency = logistic(vector[0])
    result.computeEfficiency = logistic(vector[1])
    result.stepOverheadMilliseconds = exp(vector[2])
    result.layerOverheadMilliseconds = exp(vector[3])
    return result
  }

  private static func objective(
    _ vector: [Double], hardware: HardwareProfile, points: [CalibrationPoint], catalog: Catalog
  ) throws -> Double {
    let candidate = profile(hardware, with: vector)
    var total = 0.0
    for point in points {
      let engine = try point.engine(hardware: candidate, catalog: catalog)
      let error = log(point.predictedValue(using: engine) / point.value) / 0.1
      total += error * error
    }
    for index in vector.indices {
      let z = (vector[index] - priorMeans[index]) / priorWidths[index]
      total += z * z
    }
    return total
  }

  private static func logit(_ p: Double) -> Double { log(p / (1 - p)) }
  private static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  /// Nelder–Mead simplex minimisation (standard coefficients 1, 2, 0.5, 0.5), run three times,
  /// each from the previous result, to escape a collapsed simplex.
  private static func minimize(_ start: [Double], _ f: ([Double]) -> Double) -> [Double] {
    var best = start
    for _ in 0..<3 { best = simplex(from: best, f) }
    return best
  }

  private static func simplex(from start: [Double], _ f: ([Double]) -> Double) -> [Double] {
    let n = start.count
    var points = [start]
    for index in 0..<n {
      var vertex = start
      vertex[index] += 0.5
      points.append(vertex)
    }
    var values = points.map(f)
    for _ in 0..<2000 {
      let order = values.indices.sorted { values[$0] < values[$1] }
      points = order.map { points[$0] }
      values = order.map { values[$0] }
      if let last = values.last, let first = values.first, last - first < 1e-10 { break }
      var centroid = [Double](repeating: 0, count: n)
      for vertex in points.dropLast() {
        for i in 0..<n { centroid[i] += vertex[i] / Double(n) }
      }
      let worst = points[n]
      func along(_ t: Double) -> [Double] {
        (0..<n).map { centroid[$0] + t * (worst[$0] - centroid[$0]) }
      }
      let reflected = along(-1)
      let reflectedValue = f(reflected)
      if reflectedValue < values[0] {
        let expanded = along(-2)
        let expandedValue = f(expanded)
        (points[n], values[n]) =
          expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
      } else if reflectedValue < values[n - 1] {
        (points[n], values[n]) = (reflected, reflectedValue)
      } else {
        let contracted = reflectedValue < values[n] ? along(-0.5) : along(0.5)
        let contractedValue = f(contracted)
        if contractedValue < min(reflectedValue, values[n]) {
          (points[n], values[n]) = (contracted, contractedValue)
        } else {
          for index in 1...n {
            points[index] = (0..<n).map {
              points[0][$0] + 0.5 * (points[index][$0] - points[0][$0])
            }
            values[index] = f(points[index])
          }
        }
      }
    }
    let bestIndex = values.indices.min { values[$0] < values[$1] } ?? 0
    return points[bestIndex]
  }
}
