import AgentSim
import Foundation
import Testing

/// Hardware no calibration row covers takes its family's fitted efficiencies (the "Cost model"
/// article, "Priors where no row exists"); these tests recompute each family value from the
/// fitted profiles, so a refit that moves a fitted profile without moving its family's prior
/// fails here.
@Suite("Family priors")
struct FamilyPriorTests {
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func hardware(_ name: String) throws -> HardwareProfile {
    try Catalog.builtIn.hardware(named: name)
  }

  /// The profiles the fit produced (their calibration note says so).
  static func fitted(_ names: [String]) throws -> [HardwareProfile] {
    let profiles = try names.map(hardware)
    for profile in profiles {
      #expect(profile.calibration.contains("fitted"), "\(profile.name) is not a fitted profile")
    }
    return profiles
  }

  @Test("the A17 Pro and A18 Pro take the median of the fitted Apple M-series efficiencies")
  func appleFamily() throws {
    let fittedApple = try Self.fitted(
      Catalog.builtIn.hardware.map(\.name).filter { $0.hasPrefix("apple-m") })
    #expect(fittedApple.count >= 4)
    let memory = Self.median(fittedApple.map(\.memoryEfficiency))
    let compute = Self.median(fittedApple.map(\.computeEfficiency))
    for name in ["apple-a17-pro", "apple-a18-pro"] {
      let phone = try Self.hardware(name)
      #expect(abs(phone.memoryEfficiency - memory) <= 0.0005, "\(name) η_memory")
      #expect(abs(phone.computeEfficiency - compute) <= 0.0005, "\(name) η_compute")
    }
  }

  @Test("the Jetsons take the fitted RTX 4090 efficiencies")
  func nvidiaEdgeFamily() throws {
    let rtx = try Self.fitted(["rtx-4090"])[0]
    for name in ["jetson-orin-nano-super", "jetson-agx-orin"] {
      let jetson = try Self.hardware(name)
      #expect(jetson.memoryEfficiency == rtx.memoryEfficiency, "\(name)")
      #expect(jetson.computeEfficiency == rtx.computeEfficiency, "\(name)")
      #expect(jetson.computeEfficiency(on: .int8) == rtx.computeEfficiency(on: .int8), "\(name)")
    }
  }

  @Test("datacenter GPUs take the median of the fitted datacenter efficiencies no row sets")
  func datacenterFamily() throws {
    let memory = Self.median(
      try Self.fitted(["a100-80gb", "h100-sxm", "h100-pcie"]).map(\.memoryEfficiency))
    let a100 = try Self.hardware("a100-80gb")
    let compute = Self.median([
      a100.computeEfficiency, try Self.hardware("h100-sxm").computeEfficiency(on: .fp8),
      try Self.hardware("l40s").computeEfficiency(on: .fp8),
    ])
    for name in ["l4", "a10g", "b200", "mi300x"] {
      let gpu = try Self.hardware(name)
      // The B200's η_memory is fitted on its one in-sample row (No Bubbles' SGLang step); it
      // has no prefill row, so its η_compute is the family's.
      if name != "b200" {
        #expect(abs(gpu.memoryEfficiency - memory) <= 0.0005, "\(name) η_memory")
      }
      #expect(abs(gpu.computeEfficiency - compute) <= 0.0005, "\(name) η_compute")
    }
  }

  @Test("the H200 takes the H100 SXM's bandwidth and 8-bit compute efficiencies")
  func h200() throws {
    let h100 = try Self.hardware("h100-sxm")
    let h200 = try Self.hardware("h200")
    #expect(h200.memoryEfficiency == h100.memoryEfficiency)
    #expect(h200.computeEfficiency(on: .fp8) == h100.computeEfficiency(on: .fp8))
  }
}
