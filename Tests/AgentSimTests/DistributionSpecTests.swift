import AgentSim
import Foundation
import SimulationKernel
import Testing

@Suite("Distribution specifications")
struct DistributionSpecTests {
  @Test("convert to the kernel's distributions")
  func conversion() throws {
    #expect(try DistributionSpec.constant(5).makeDistribution() == .constant(5))
    #expect(
      try DistributionSpec.uniform(min: 1, max: 3).makeDistribution()
        == .uniform(lower: 1, upper: 3))
    #expect(
      try DistributionSpec.erlang(stages: 4, mean: 80).makeDistribution()
        == .gamma(shape: 4, scale: 20))
    let lognormal = try DistributionSpec.lognormalQuantiles(median: 300, p99: 900)
      .makeDistribution()
    #expect(abs(lognormal.quantile(0.5) - 300) < 1e-6)
    #expect(abs(lognormal.quantile(0.99) - 900) < 1e-6)
    let table = try DistributionSpec.empiricalPercentiles([
      PercentilePoint(percentile: 0, value: 1), PercentilePoint(percentile: 50, value: 10),
      PercentilePoint(percentile: 100, value: 40),
    ]).makeDistribution()
    #expect(abs(table.quantile(0.5) - 10) < 1e-9)
    let mixture = try DistributionSpec.mixture([
      MixtureComponentSpec(weight: 1, distribution: .constant(10)),
      MixtureComponentSpec(weight: 3, distribution: .exponential(mean: 20)),
    ]).makeDistribution()
    #expect(abs(mixture.mean - 17.5) < 1e-9)
  }

  @Test("reject an invalid hand-built empirical table")
  func invalidTable() {
    #expect(throws: DistributionError.self) {
      try DistributionSpec.empiricalSamples([]).makeDistribution()
    }
  }

  @Test("every distribution of every example converts without problems")
  func examples() throws {
    var count = 0
    for file in try ExampleWorkflowTests.exampleFiles() {
      let workflow = try Workflow.load(contentsOf: file)
      for specification in Self.distributions(in: workflow) {
        #expect(try specification.makeDistribution().validationProblems() == [])
        count += 1
      }
    }
    #expect(count > 20)
  }

  static func distributions(in workflow: Workflow) -> [DistributionSpec] {
    func count(_ count: CountSpec) -> [DistributionSpec] {
      switch count {
      case .constant: return []
      case .distribution(let distribution): return [distribution]
      }
    }
    func llm(_ step: LLMStep) -> [DistributionSpec] {
      count(step.promptTokens) + count(step.outputTokens)
    }
    var result: [DistributionSpec] = []
    for step in workflow.allSteps {
      switch step.kind {
      case .llm(let call): result += llm(call)
      case .tool(let tool): result += [tool.duration] + count(tool.resultTokens)
      case .transfer(let transfer): result += count(transfer.bytes)
      case .speculative(let speculative):
        result += count(speculative.promptTokens) + count(speculative.outputTokens)
      case .cascade(let cascade): result += llm(cascade.first) + llm(cascade.then)
      case .sequence, .parallel, .branch, .loop: break
      }
    }
    if case .closed(_, let thinkTime) = workflow.load.arrival { result.append(thinkTime) }
    return result
  }
}
