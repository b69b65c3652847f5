import SimulationKernel
import Testing

@Suite("SamplerTable")
struct SamplerTableTests {
  @Test("every family draws what Distribution.sample draws, bit for bit, using the same outputs")
  func matchesDistribution() {
    var families = DistributionDeterminismTests.recorded.map { ($0.name, $0.distribution) }
    families.append(("constant", .constant(3.25)))
    var table = SamplerTable()
    let ids = families.map { table.add($0.1) }
    #expect(table.count == families.count)
    for ((name, distribution), id) in zip(families, ids) {
      for stream in 0..<20 {
        var reference = Xoshiro256StarStar(seed: 99, stream: UInt64(stream))
        var viaTable = reference
        for _ in 0..<50 {
          let expected = distribution.sample(using: &reference)
          let actual = table.sample(id, using: &viaTable)
          #expect(actual.bitPattern == expected.bitPattern, "\(name)")
        }
        // The generators consumed the same outputs: their next words agree.
        #expect(reference.next() == viaTable.next(), "\(name)")
      }
    }
  }

  @Test("only constants are constant")
  func constants() {
    var table = SamplerTable()
    let constant = table.add(.constant(0))
    let exponential = table.add(.exponential(mean: 1))
    #expect(table.isConstant(constant))
    #expect(!table.isConstant(exponential))
  }
}
