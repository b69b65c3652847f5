// swift-tools-version:6.0
// agentsim: a discrete-event simulator of the latency of agentic LLM workflows.
// No package dependencies by design: Foundation, Dispatch and the toolchain's test frameworks only.
import PackageDescription

let package = Package(
  name: "agentsim",
  products: [
    .library(name: "SimulationKernel", targets: ["SimulationKernel"]),
    .library(name: "AgentSim", targets: ["AgentSim"]),
    .executable(name: "agentsim", targets: ["agentsim"]),
  ],
  targets: [
    // The domain-free discrete-event kernel: time, event queue, run loop, random streams,
    // distributions, resources and streaming statistics. Imports no Foundation.
    .target(name: "SimulationKernel"),
    // The domain: catalogs, cost model, workflows, session simulation, reports, sweeps.
    .target(name: "AgentSim", dependencies: ["SimulationKernel"]),
    // The command-line layer as a library, so that parsing and rendering are testable in-process.
    .target(name: "AgentSimCLI", dependencies: ["AgentSim", "SimulationKernel"]),
    // The executable: a one-line entry point into AgentSimCLI.
    .executableTarget(name: "agentsim", dependencies: ["AgentSimCLI"]),
    .testTarget(name: "SimulationKernelTests", dependencies: ["SimulationKernel"]),
    // Fixtures/ (calibration rows) and Golden/ (expected outputs) are read by path from the
    // tests: nothing to bundle.
    .testTarget(
      name: "AgentSimTests", dependencies: ["AgentSim", "SimulationKernel"],
      exclude: ["Fixtures", "Golden"]),
    // Fixtures/rejected/ holds workflows `run` rejects, read by path: nothing to bundle.
    .testTarget(
      name: "AgentSimCLITests", dependencies: ["AgentSimCLI", "AgentSim", "SimulationKernel"],
      exclude: ["Fixtures", "Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
