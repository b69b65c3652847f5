import SimulationKernel
import Testing

@Suite("EmpiricalDistribution")
struct EmpiricalDistributionTests {
  @Test("samples: a sorted copy, interpolated between order statistics")
  func fromSamples() throws {
    let table = try EmpiricalDistribution(samples: [3, 1, 2])
    #expect(table.knots.map(\.value) == [1, 2, 3])
    #expect(table.knots.map(\.p) == [0, 0.5, 1])
    #expect(table.quantile(0) == 1)
    #expect(table.quantile(0.25) == 1.5)
    #expect(table.quantile(0.5) == 2)
    #expect(table.quantile(1) == 3)
    #expect(table.cdf(0.5) == 0)
    #expect(table.cdf(1.5) == 0.25)
    #expect(table.cdf(3) == 1)
    #expect(table.mean == 2)
    // Uniform on [1, 3]: (3 − 1)²/12.
    #expect(abs(table.variance - 1.0 / 3.0) <= 1e-15)
    #expect(table.lowerBound == 1)
    #expect(table.upperBound == 3)
    #expect(try EmpiricalDistribution(samples: [2, 3, 1]) == table)
    #expect(
      try EmpiricalDistribution(samples: [-0.0, 1]) == EmpiricalDistribution(samples: [0, 1]))
  }

  @Test("one sample is a point mass")
  func singleSample() throws {
    let table = try EmpiricalDistribution(samples: [7])
    #expect(table.quantile(0.3) == 7)
    #expect(table.cdf(6.99) == 0)
    #expect(table.cdf(7) == 1)
    #expect(table.mean == 7)
    #expect(table.variance == 0)
    var generator = Xoshiro256StarStar(seed: 1)
    #expect(Distribution.empirical(table).sample(using: &generator) == 7)
  }

  @Test("percentile table: linear between rows, right-continuous at a point mass")
  func fromPercentiles() throws {
    let table = try EmpiricalDistribution(percentiles: [
      (p: 0, value: 10), (p: 0.5, value: 20), (p: 0.8, value: 20), (p: 1, value: 60),
    ])
    #expect(table.quantile(0.25) == 15)
    #expect(table.quantile(0.6) == 20)
    #expect(table.quantile(0.9) == 40)
    #expect(table.cdf(15) == 0.25)
    // 20 carries the mass from 0.5 to 0.8: the CDF jumps there.
    #expect(table.cdf(19.999) < 0.5)
    #expect(table.cdf(20) == 0.8)
    #expect(table.cdf(40) == 0.9)
    // ½·15 + 0.3·20 + 0.2·40.
    #expect(abs(table.mean - 21.5) <= 1e-13)
  }

  @Test("bad input throws every problem at once, quoting the values")
  func errors() {
    func problems(_ build: () throws -> EmpiricalDistribution) -> [String] {
      do {
        _ = try build()
        return []
      } catch let error as DistributionError {
        return error.problems
      } catch {
        return ["unexpected \(error)"]
      }
    }
    #expect(
      problems { try EmpiricalDistribution(samples: []) } == [
        "empirical samples must not be empty; give at least one observation"
      ])
    #expect(
      problems { try EmpiricalDistribution(samples: [1, .nan, 3, .infinity]) } == [
        "samples[1] must be finite, found nan", "samples[3] must be finite, found inf",
      ])
    #expect(
      problems { try EmpiricalDistribution(samples: Array(repeating: .nan, count: 12)) }.last
        == "2 more samples are not finite")
    #expect(
      problems {
        try EmpiricalDistribution(percentiles: [
          (p: 0, value: 10), (p: 0.5, value: 40), (p: 0.4, value: 30), (p: 1, value: 100),
        ])
      } == [
        "percentiles[2].p must be greater than percentiles[1].p (0.5), found 0.4",
        "percentiles[2].value must not be less than percentiles[1].value (40), found 30",
      ])
    #expect(
      problems {
        try EmpiricalDistribution(percentiles: [(p: 0.5, value: 40), (p: 0.99, value: 90)])
      } == [
        "percentiles[0].p must be 0, so the table starts at the smallest value, found 0.5; "
          + "add a row for p = 0",
        "percentiles[1].p must be 1, so the table ends at the largest value, found 0.99; "
          + "add a row for p = 1",
      ])
    #expect(
      problems { try EmpiricalDistribution(percentiles: [(p: 0, value: 1)]) } == [
        "a percentile table needs at least two rows, one for p = 0 and one for p = 1; found 1"
      ])
    #expect(
      problems {
        try EmpiricalDistribution(percentiles: [(p: 0, value: .nan), (p: 1.5, value: 2)])
      } == [
        "percentiles[0].value must be finite, found nan",
        "percentiles[1].p must be a probability in [0, 1], found 1.5",
        "percentiles[1].p must be 1, so the table ends at the largest value, found 1.5; "
          + "add a row for p = 1",
      ])
    let error = DistributionError(problems: ["a", "b"])
    #expect(error.description == "a; b")
  }
}
