import AgentSim
import Foundation
import Testing

@Suite("Sweep runner: determinism, shards and merge, recommendation")
struct SweepRunnerTests {
  static let candidates = ["classify": ["phone", "edge", "region"]]

  @Test("--jobs 1 and --jobs 2 give byte-identical JSON")
  func jobsDoNotMatter() throws {
    let plan = try SweepFixture.plan(
      axes: [ParameterAxis(key: "links[1].rtt_median_ms", values: ["20", "60"])])
    let serial = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 1).run(plan))
    let parallel = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let many = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 5).run(plan))
    #expect(serial.points.count == 24)
    #expect(try SweepFixture.json(serial) == SweepFixture.json(parallel))
    #expect(try SweepFixture.json(serial) == SweepFixture.json(many))
  }

  @Test("a point equals 'agentsim run' with its seed, placement and settings")
  func pointReproducesRun() throws {
    let plan = try SweepFixture.plan()
    let results = SweepRunner(jobs: 2).run(plan)
    let point = plan.point(at: 5)
    let report = WorkflowSimulation.run(try plan.scenario(for: point), seed: 42)
    #expect(results[5].metrics == SweepMetrics(report))
  }

  @Test("common random numbers across --vary: a placement off the varied link is unchanged")
  func commonRandomNumbersAcrossSettings() throws {
    // From 25 ms on, phone → region goes direct (30 ms) rather than through the edge (25 + 10).
    let rtts = ["25", "40", "55"]
    let plan = try SweepFixture.plan(
      axes: [ParameterAxis(key: "links[0].rtt_median_ms", values: rtts)])
    let results = SweepRunner(jobs: 2).run(plan)
    let placements = plan.count / rtts.count
    var usesEdge = 0
    for placement in 0..<placements {
      let metrics = (0..<rtts.count).map { results[$0 * placements + placement].metrics }
      guard let first = metrics[0] else { continue }
      if !results[placement].placement.values.contains("edge") {
        // links[0] joins phone and edge: a placement without edge never crosses it.
        #expect(metrics.allSatisfy { $0 == first }, "placement \(placement)")
      } else {
        usesEdge += 1
        let means = metrics.map { $0?.meanMilliseconds ?? .nan }
        // 30 ms more per crossing; not strictly monotone in between, since a narrower lognormal
        // (p99 stays 60 ms) also shortens the slowest draws, which matters at a congested pool.
        #expect(means[0] < means[2], "placement \(placement): \(means)")
      }
    }
    #expect(usesEdge > 0 && usesEdge < placements)
    // And a point of a later setting is 'agentsim run' with that setting and the sweep's seed.
    let point = plan.point(at: 2 * placements + 1)
    let loaded = try WorkflowLoader.load(
      contentsOf: SweepFixture.url, file: "sweep-small.json",
      overrides: ["links[0].rtt_median_ms=55"])
    var scenario = try loaded.scenario(placement: point.placement)
    scenario.load.sessions = 150
    let report = WorkflowSimulation.run(scenario, seed: 42)
    #expect(point.seed == 42)
    #expect(results[point.index].metrics == SweepMetrics(report))
  }

  @Test("merged shards are byte for byte the unsharded report")
  func shardsMerge() throws {
    let plan = try SweepFixture.plan(
      axes: [ParameterAxis(key: "load.rate_per_s", values: ["1", "3"])])
    let whole = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-shards-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    for index in 0..<5 {
      let shard = SweepShard(index: index, count: 5)
      let results = SweepRunner(jobs: 1).run(plan, shard: shard)
      #expect(results.map(\.index) == Array(stride(from: index, to: plan.count, by: 5)))
      let file = try SweepShardFile.write(
        identity: plan.identity, shard: shard, results: results, to: directory)
      #expect(file.lastPathComponent == "points-\(index)-of-5.jsonl")
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(text.split(separator: "\n").count == results.count + 1)
    }
    let merged = try SweepShardFile.merge(contentsOf: [directory])
    #expect(try SweepFixture.json(merged) == SweepFixture.json(whole))
    #expect(SweepRenderer.pointsCSV(merged) == SweepRenderer.pointsCSV(whole))
  }

  @Test("merge refuses an incomplete set, a repeated shard and shards of another sweep")
  func mergeChecks() throws {
    let plan = try SweepFixture.plan()
    let other = try SweepFixture.plan(settings: SweepSettings(seed: 7, sessions: 150))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agentsim-merge-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    func write(_ plan: SweepPlan, _ index: Int, _ count: Int, into folder: String) throws -> URL {
      let shard = SweepShard(index: index, count: count)
      return try SweepShardFile.write(
        identity: plan.identity, shard: shard,
        results: SweepRunner(jobs: 1).run(plan, shard: shard),
        to: directory.appendingPathComponent(folder))
    }
    let first = try write(plan, 0, 3, into: "a")
    let second = try write(plan, 1, 3, into: "a")
    do {
      _ = try SweepShardFile.merge(contentsOf: [directory.appendingPathComponent("a")])
      Issue.record("an incomplete set merged")
    } catch {
      #expect(error.diagnostics.map(\.message) == ["1 of 3 shards are missing: 2"])
    }
    do {
      _ = try SweepShardFile.merge(contentsOf: [first, second, first])
      Issue.record("a repeated shard merged")
    } catch {
      #expect(error.diagnostics.contains { $0.message.hasPrefix("repeats shard 0 of 3") })
    }
    let foreign = try write(other, 2, 3, into: "b")
    do {
      _ = try SweepShardFile.merge(contentsOf: [first, second, foreign])
      Issue.record("shards of different sweeps merged")
    } catch {
      #expect(error.diagnostics.first?.message.contains("different seed") == true)
    }
  }

  @Test("the recommendation is the cheapest point that meets the budget, in one sentence")
  func recommendation() throws {
    let plan = try SweepFixture.plan()
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let meeting = report.points.filter(\.meetsBudget)
    #expect(!meeting.isEmpty)
    let cheapest = try #require(
      meeting.min {
        ($0.metrics?.costDollars ?? 0, $0.index) < ($1.metrics?.costDollars ?? 0, $1.index)
      })
    #expect(report.recommended == cheapest.index)
    let metrics = try #require(cheapest.metrics)
    let sites = cheapest.placement
    #expect(
      report.recommendation.hasPrefix(
        "classify on \(sites["classify"] ?? "")") || report.recommendation.contains("classify"))
    #expect(
      report.recommendation.contains(
        "p99 \(DisplayFormat.duration(milliseconds: metrics.p99Milliseconds)) within the 900 ms "
          + "budget at \(DisplayFormat.dollars(metrics.costDollars)) per session, the cheapest "
          + "that meets it."))
    #expect(report.front.contains(cheapest.index))
    #expect(
      report.ranking.first.flatMap { index in report.points.first { $0.index == index }?.rank } == 1
    )
  }

  @Test("the recommendation sentence says where each step runs and names the budget")
  func sentence() throws {
    let plan = try SweepFixture.plan(candidates: ["classify": ["edge"], "search": ["region"]])
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let point = try #require(report.points.first { $0.index == report.recommended })
    let answer = point.placement["answer"] ?? ""
    let preposition = answer == "region" ? "in" : "on"
    #expect(report.recommendation.hasPrefix("answer \(preposition) \(answer): p99 "))
    let none = try SweepFixture.plan(
      overrides: ["budget.p99_ms=1"], candidates: ["classify": ["edge"], "search": ["region"]])
    let missed = SweepReport(sweep: none.identity, results: SweepRunner(jobs: 2).run(none))
    #expect(missed.recommended == nil)
    #expect(missed.front.isEmpty)
    #expect(
      missed.recommendation.hasPrefix(
        "No point meets the budget (p99 ≤ 1 ms); the fastest, answer "))
  }

  @Test("the sweep table fits in 80 columns and marks budget and front")
  func table() throws {
    let plan = try SweepFixture.plan(candidates: ["sense": ["phone", "edge"]])
    let report = SweepReport(sweep: plan.identity, results: SweepRunner(jobs: 2).run(plan))
    let text = SweepRenderer.renderTable(report, style: .unicodePlain)
    for line in text.split(separator: "\n") {
      #expect(line.count <= 80, "\(line)")
    }
    #expect(text.contains("✓"))
    #expect(text.contains("◆"))
    #expect(text.contains("12 infeasible"))
    #expect(text.contains("Recommendation: "))
    let ascii = SweepRenderer.renderTable(report, style: .asciiPlain)
    #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    let csv = SweepRenderer.pointsCSV(report)
    #expect(csv.split(separator: "\n").count == 25)
    let html = SweepRenderer.renderHTML(report)
    #expect(html.contains("<svg"))
    #expect(html.contains("<circle"))
  }
}
