import SimulationKernel
import Testing

@Suite("SampleQuantiles")
struct SampleQuantilesTests {
  @Test("nearest rank: k = max(1, ⌈p·n⌉), with decimal probabilities taken as written")
  func nearestRank() {
    #expect(SampleQuantiles.nearestRank(0, count: 10) == 1)
    #expect(SampleQuantiles.nearestRank(1, count: 10) == 10)
    #expect(SampleQuantiles.nearestRank(0.5, count: 10) == 5)
    #expect(SampleQuantiles.nearestRank(0.51, count: 10) == 6)
    #expect(SampleQuantiles.nearestRank(0.99, count: 100) == 99)
    #expect(SampleQuantiles.nearestRank(0.999, count: 1000) == 999)
    #expect(SampleQuantiles.nearestRank(0.001, count: 10) == 1)
    #expect(SampleQuantiles.nearestRank(0.5, count: 1) == 1)
    // 0.07 × 100 is 7.000000000000001 in binary; it is the 7th value as written.
    #expect(0.07 * 100.0 > 7)
    #expect(SampleQuantiles.nearestRank(0.07, count: 100) == 7)
    for n in [1, 2, 3, 7, 100, 1000, 12_345] {
      for k in 1...min(n, 200) {
        // p = k/n exactly (as nearly as a double can say it) is the k-th value.
        #expect(SampleQuantiles.nearestRank(Double(k) / Double(n), count: n) == k)
      }
    }
  }

  @Test("quantiles are order statistics of the sorted values, whatever the order added")
  func exactQuantiles() {
    var sample = SampleQuantiles()
    #expect(sample.quantile(0.5).isNaN)
    for x in [5.0, 1, 4, 2, 3, 10, 9, 8, 7, 6] { sample.add(x) }
    #expect(sample.count == 10)
    #expect(sample.values == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    #expect(sample.quantile(0) == 1)
    #expect(sample.quantile(0.1) == 1)
    #expect(sample.quantile(0.11) == 2)
    #expect(sample.quantile(0.5) == 5)
    #expect(sample.quantile(0.9) == 9)
    #expect(sample.quantile(0.95) == 10)
    #expect(sample.quantile(1) == 10)
    #expect(sample.quantiles([0, 0.5, 1]) == [1, 5, 10])
    var sorted = sample
    sorted.sort()
    #expect(sorted.quantile(0.3) == sample.quantile(0.3))
    var merged = SampleQuantiles([1, 2])
    merged.merge(SampleQuantiles([0.5]))
    #expect(merged.values == [0.5, 1, 2])
  }
}
