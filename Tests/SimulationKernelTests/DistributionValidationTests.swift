import SimulationKernel
import Testing

@Suite("Distribution: validation problems")
struct DistributionValidationTests {
  static let cases: [(distribution: Distribution, problems: [String])] = [
    (.constant(4), []),
    (.constant(.nan), ["constant value must be finite, found nan"]),
    (.uniform(lower: 1, upper: 1), []),
    (
      .uniform(lower: 5, upper: 3),
      ["uniform lower bound (5) must not exceed the upper bound (3)"]
    ),
    (.uniform(lower: -.infinity, upper: 3), ["uniform lower bound must be finite, found -inf"]),
    (.exponential(mean: 2.5), []),
    (.exponential(mean: -2), ["exponential mean must be positive and finite, found -2"]),
    (.exponential(mean: 0), ["exponential mean must be positive and finite, found 0"]),
    (.exponential(mean: .nan), ["exponential mean must be positive and finite, found nan"]),
    (
      .normal(mean: .nan, standardDeviation: -1),
      [
        "normal mean must be finite, found nan",
        "normal standard deviation must be positive and finite, found -1",
      ]
    ),
    (.lognormal(median: 100, p99: 400), []),
    (
      .lognormal(mu: 0, sigma: 0),
      [
        "lognormal sigma must be positive and finite, found 0 (when built from a median and a p99, "
          + "the median must be positive and the p99 greater than the median)"
      ]
    ),
    (.gamma(shape: 0.5, scale: 2), []),
    (
      .gamma(shape: -1, scale: .infinity),
      [
        "gamma shape must be positive and finite, found -1",
        "gamma scale must be positive and finite, found inf",
      ]
    ),
    (
      .erlang(stages: 0, mean: 5),
      [
        "gamma shape must be positive and finite, found 0",
        "gamma scale must be positive and finite, found inf",
      ]
    ),
    (.mixture([]), ["a mixture needs at least one component"]),
    (
      .mixture([
        MixtureComponent(weight: 0, distribution: .constant(1)),
        MixtureComponent(weight: 0, distribution: .exponential(mean: 1)),
      ]),
      ["mixture weights must have a positive, finite total, found 0"]
    ),
    (
      .mixture([
        MixtureComponent(weight: -1, distribution: .constant(1)),
        MixtureComponent(weight: 2, distribution: .exponential(mean: -3)),
      ]),
      [
        "mixture component 0 weight must be non-negative and finite, found -1",
        "mixture component 1: exponential mean must be positive and finite, found -3",
      ]
    ),
  ]

  @Test("each bad parameter is reported once, quoting its value", arguments: Self.cases.indices)
  func problems(index: Int) {
    let (distribution, expected) = Self.cases[index]
    #expect(distribution.validationProblems() == expected, "\(distribution)")
  }

  @Test("a p99 below the median is reported as a bad sigma with the reason")
  func p99BelowMedian() {
    let problems = Distribution.lognormal(median: 100, p99: 50).validationProblems()
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasPrefix("lognormal sigma must be positive and finite, found -0.29") == true)
    #expect(problems.first?.hasSuffix("the p99 greater than the median)") == true)
    #expect(Distribution.lognormal(median: -1, p99: 50).validationProblems().count == 2)
  }
}
