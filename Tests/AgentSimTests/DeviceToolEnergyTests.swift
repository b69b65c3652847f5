import AgentSim
import Foundation
import Testing

/// A device tool's time counts toward device energy at the hardware's active power, unless the
/// workflow says the tool only waits (`"device_busy": false`).
@Suite("Device tool energy")
struct DeviceToolEnergyTests {
  /// One session of a 2-second tool on an M3 Max laptop, with `deviceBusy` as the key's value
  /// (nil: the key left out).
  static func energy(deviceBusy: Bool?) throws -> Double {
    let key = deviceBusy.map { #", "device_busy": \#($0)"# } ?? ""
    let text = """
      {"version": 1, "name": "device-tool",
       "sites": {"laptop": {"tier": "device", "hardware": "apple-m3-max"}},
       "load": {"arrival": "poisson", "rate_per_s": 0.01, "sessions": 20, "warmup_sessions": 0},
       "steps": [{"tool": {"name": "wait", "site": "laptop", "duration_ms": 2000\(key)}}]}
      """
    let url = try UnmeasuredRunTests.write(text, name: "device-tool.json")
    let loaded = try WorkflowLoader.load(contentsOf: url, file: "device-tool.json")
    return WorkflowSimulation.run(try loaded.scenario(), seed: 7).deviceEnergyJoulesPerSession
  }

  @Test("a busy device tool bills 2 s at active power; a waiting one bills nothing")
  func billing() throws {
    let power = try Catalog.builtIn.hardware(named: "apple-m3-max").activePowerWatts
    #expect(abs(try Self.energy(deviceBusy: nil) - 2 * power) < 1e-6)
    #expect(abs(try Self.energy(deviceBusy: true) - 2 * power) < 1e-6)
    #expect(try Self.energy(deviceBusy: false) == 0)
  }

  @Test("device_busy must be a boolean")
  func badValue() throws {
    let text = """
      {"version": 1, "name": "device-tool",
       "sites": {"laptop": {"tier": "device", "hardware": "apple-m3-max"}},
       "load": {"arrival": "poisson", "rate_per_s": 0.01, "sessions": 20},
       "steps": [{"tool": {"name": "wait", "site": "laptop", "duration_ms": 2000,
                           "device_busy": "no"}}]}
      """
    let url = try UnmeasuredRunTests.write(text, name: "device-tool-bad.json")
    #expect(throws: DiagnosticError.self) {
      _ = try WorkflowLoader.load(contentsOf: url, file: "device-tool-bad.json").scenario()
    }
  }
}
