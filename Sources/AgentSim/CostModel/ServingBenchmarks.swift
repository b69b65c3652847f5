import Foundation

/// Published serving runs under load that `ServingFidelity` simulates, each with its primary
/// document and the engine configuration the run used. Only vLLM's and SGLang's all-reduce
/// latency is fitted on them, on the runs not held out.
///
/// - SGLang's reproduction of SGLang v0.3.0 against vLLM v0.6.0 (github.com/sgl-project/sglang
///   `benchmark/benchmark_vllm_060/README.md`, September 2024): Llama 3.1 8B Instruct on one
///   A100 80GB and Llama 3.1 70B Instruct on 4 × H100 80GB (bf16), ShareGPT requests at 4 and 8
///   requests per second with Poisson arrivals (`sglang.bench_serving`), radix cache off, vLLM
///   with `--num-scheduler-steps 10 --max_model_len 4096`; median TTFT and median end-to-end
///   latency.
/// - NVIDIA NIM 1.8.0 LLM benchmarking (docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance):
///   Llama-3.3-70B-Instruct at fp8 on 2 × H100 80GB (TensorRT-LLM), 5,000 input and 500 output
///   tokens, closed loops of 1–100 concurrent users; mean TTFT and mean inter-token latency (the
///   concurrency-1 pair is also a calibration row).
/// - vLLM pull request #20759 (github.com/vllm-project/vllm/pull/20759, July 2025), its baseline
///   table: Llama-3.1-70B-Instruct bf16 on 4 × B200 under vLLM V1 (chunked prefill, prefix
///   caching off), `vllm bench serve` on the sonnet dataset (550 input tokens with a 200-token
///   shared prefix, 150 output tokens: the tool's defaults) at 1, 5 and 10 requests per second,
///   Poisson arrivals for 60 s; mean TTFT and mean time per output token. Its author's sibling
///   pull request with the same method (#20691) tabulates means and medians only; #20759 has no
///   99th percentiles either.
/// - DigitalOcean's GTC 2026 Dynamo-on-DOKS repository, its phase-0 vLLM baseline
///   (github.com/DO-Solutions/gtc-2026-doks `dev/vllm/benchmarks/phase0/20260224-185458/report.md`,
///   February 2026): Llama-3.1-70B-Instruct FP8 (ModelOpt) on one H200 under vLLM 0.14.1 V1 with
///   an fp8 KV cache, chunked prefill of 8,192 tokens, `vllm bench serve` on ShareGPT (300 prompts
///   per rate, the same sample every rate) at 0.5–3 requests per second, Poisson arrivals; mean,
///   median and 99th-percentile TTFT, time per output token and end-to-end latency (the only
///   source here with tail figures, and the only one with a mean or p99 end-to-end latency).
///
/// Every source's runs are split the same deterministic way (`isHeldOut(index:count:)`): a
/// quarter of them, evenly spaced and at least one, are held out. The scheduling model was
/// developed and the all-reduce latency fitted against the others; the held-out runs were not
/// consulted.
public enum ServingBenchmarks {
  /// One published figure: a statistic of one latency metric over the run's requests.
  public struct Measurement: Hashable, Sendable {
    /// The metric.
    public var metric: ServingFidelity.Metric
    /// The statistic.
    public var statistic: ServingFidelity.Statistic
    /// The published value, ms.
    public var milliseconds: Double
  }

  /// How a run's engine was configured where it differs from the built-in profile (`nil`: the
  /// profile's value).
  public struct EngineSettings: Hashable, Sendable {
    /// Decode iterations per scheduling pass (vLLM `--num-scheduler-steps`).
    public var schedulerSteps: Int?
    /// Whether prefill iterations run alone (vLLM v0 without chunked prefill).
    public var separatesPrefill: Bool?
    /// Prefill tokens per iteration (vLLM `max_num_batched_tokens`).
    public var prefillTokenBudget: Int?
    /// Whether a prompt may be split over iterations (vLLM v0 without chunked prefill: no).
    public var chunksPrefill: Bool?
    /// Tokens up to which an iteration with prompt tokens runs under graphs (vLLM v0: none).
    public var graphTokenLimit: Int?
    /// Whether the engine composes a batch while the iteration before it runs (vLLM's async
    /// scheduling).
    public var asyncScheduling: Bool? = nil
  }

  /// One published run.
  public struct Benchmark: Hashable, Sendable {
    /// Group name.
    public var source: String
    /// Primary document.
    public var url: String
    /// Catalog engine name.
    public var engine: String
    /// The run's engine configuration, where it differs from the catalog's profile.
    public var settings: EngineSettings
    /// Catalog hardware name.
    public var hardware: String
    /// Tensor-parallel accelerators.
    public var accelerators: Int
    /// Catalog model name.
    public var model: String
    /// Weight precision.
    public var precision: Precision
    /// KV-cache precision where the run set one (`nil`: the engine's default for the weights).
    public var kvPrecision: KVPrecision? = nil
    /// The load.
    public var load: ServingFidelity.Load
    /// Prompt tokens as a workflow count (JSON).
    public var promptTokens: String
    /// Output tokens as a workflow count (JSON).
    public var outputTokens: String
    /// Mean output tokens per request (for the inter-token latency).
    public var meanOutputTokens: Double
    /// The published figures.
    public var measurements: [Measurement]
    /// Whether the run is held out (see `isHeldOut(index:count:)`).
    public var isHeldOut = false
  }

  /// Every run, in source order (SGLang's table, NIM's, vLLM #20759's, DigitalOcean's), with the
  /// split applied.
  public static var all: [Benchmark] {
    [sglangTable, nimTable, vllmV1Table, digitalOceanTable].flatMap { table in
      table.enumerated().map { index, run in
        var run = run
        run.isHeldOut = isHeldOut(index: index, count: table.count)
        return run
      }
    }
  }

  /// The split: of a source's `count` runs in table order, run `index` is held out when it ends a
  /// quarter, `⌊(i + 1) h / n⌋ > ⌊i h / n⌋` with `h = ⌈n / 4⌉`, so `h` runs (at least one, at
  /// least 25%) spread evenly over the table are held out.
  ///
  /// - Parameters:
  ///   - index: The run's position in its source's table, from 0.
  ///   - count: Runs in that table.
  /// - Returns: Whether the run is held out.
  public static func isHeldOut(index: Int, count: Int) -> Bool {
    let heldOut = (count + 3) / 4
    return (index + 1) * heldOut / count > index * heldOut / count
  }

  /// SGLang's table: (engine, hardware, accelerators, model, rate, median E2E, median TTFT,
  /// median TPOT), ms.
  static let sglangRows:
    [(
      engine: String, hardware: String, accelerators: Int, model: String, rate: Double,
      endToEnd: Double, ttft: Double, tpot: Double
    )] = [
      ("sglang-v0.3", "a100-80gb", 1, "llama-3.1-8b", 4, 1564.17, 31.98, 13.17),
      ("vllm", "a100-80gb", 1, "llama-3.1-8b", 4, 1691.97, 100.48, 14.14),
      ("sglang-v0.3", "a100-80gb", 1, "llama-3.1-8b", 8, 2175.02, 35.68, 17.85),
      ("vllm", "a100-80gb", 1, "llama-3.1-8b", 8, 2137.16, 120.39, 17.09),
      ("sglang-v0.3", "h100-sxm", 4, "llama-3.1-70b", 4, 3005.24, 53.94, 25.03),
      ("vllm", "h100-sxm", 4, "llama-3.1-70b", 4, 2915.60, 179.15, 23.58),
      ("sglang-v0.3", "h100-sxm", 4, "llama-3.1-70b", 8, 4064.98, 58.11, 33.07),
      ("vllm", "h100-sxm", 4, "llama-3.1-70b", 8, 3752.38, 207.12, 29.15),
    ]

  /// vLLM v0.6.0 as SGLang's benchmark ran it: `--num-scheduler-steps 10` (one scheduling pass
  /// per ten decode steps, github.com/vllm-project/vllm/pull/7000; newly arrived prompts wait
  /// for the group to end, issue #6854), and, with `--max_model_len 4096` below the 32K at which
  /// v0.6 turned chunked prefill on by itself, the default scheduler: prompt-only prefill
  /// iterations of at most `max(max_model_len, 2048)` = 4,096 tokens
  /// (vllm/engine/arg_utils.py, v0.6.0), each prompt whole: the default scheduler's
  /// `_schedule_prefills` stops at the first waiting prompt the remaining budget cannot take
  /// (vllm/core/scheduler.py, v0.6.0). Its CUDA graphs take decode-only batches only
  /// (vllm-project/vllm#4056), so every prompt iteration runs eagerly (no graph token limit).
  static let vllm060 = EngineSettings(
    schedulerSteps: 10, separatesPrefill: true, prefillTokenBudget: 4096, chunksPrefill: false,
    graphTokenLimit: 0)

  /// ShareGPT as `bench_serving` samples it: prompts of at most 1,024 tokens and prompt plus
  /// output at most 2,048 (`sample_sharegpt_requests`), mean output 194.3 tokens (the same
  /// benchmark's offline SGLang run: 4,281.51 output tokens/s at 22.03 requests/s), mean prompt
  /// 229.7 tokens (1,000 such prompts: 229,711 tokens, github.com/vllm-project/vllm/pull/18566).
  /// The median output is what the table implies, `(E2E − TTFT) / TPOT + 1` of the median
  /// request, taken over the eight runs; both lengths are lognormal with the spread that mean
  /// and median give, cut at the sampler's limits.
  static let shareGPTMeanOutput = 4281.51 / 22.03
  static let shareGPTMeanPrompt = 229_711.0 / 1000

  /// The median output length the table implies.
  static var shareGPTMedianOutput: Double {
    let implied = sglangRows.map { ($0.endToEnd - $0.ttft) / $0.tpot + 1 }.sorted()
    return (implied[implied.count / 2 - 1] + implied[implied.count / 2]) / 2
  }

  /// A lognormal count of mean `mean` whose shape σ is `sigma`, as an empirical percentile table
  /// clipped to `[4, limit]` tokens (`bench_serving` drops shorter and longer requests).
  static func clippedLognormal(mean: Double, sigma: Double, limit: Double) -> String {
    let mu = log(mean) - sigma * sigma / 2
    // Standard normal quantiles at the listed percentiles.
    let points: [(String, Double)] = [
      ("p1", -2.326_348), ("p5", -1.644_854), ("p10", -1.281_552), ("p25", -0.674_490),
      ("p50", 0), ("p75", 0.674_490), ("p90", 1.281_552), ("p95", 1.644_854),
      ("p99", 2.326_348),
    ]
    return percentileTable(points, limit: limit) { z in exp(mu + sigma * z) }
  }

  /// The JSON of an empirical distribution: `p0` = 4, each named percentile at `quantile` of its
  /// point clipped to `[4, limit]`, and `p100` = `limit`.
  static func percentileTable(
    _ points: [(name: String, point: Double)], limit: Double, quantile: (Double) -> Double
  ) -> String {
    var entries = [#""p0": 4"#]
    for (name, point) in points {
      let value = min(limit, max(4, quantile(point)))
      entries.append(#""\#(name)": \#(String(format: "%.1f", value))"#)
    }
    entries.append(#""p100": \#(String(format: "%.0f", limit))"#)
    return #"{"empirical": {"percentiles": {\#(entries.joined(separator: ", "))}}}"#
  }

  static var sglangTable: [Benchmark] {
    let sigma = (2 * log(shareGPTMeanOutput / shareGPTMedianOutput)).squareRoot()
    let prompt = clippedLognormal(mean: shareGPTMeanPrompt, sigma: sigma, limit: 1024)
    let output = clippedLognormal(mean: shareGPTMeanOutput, sigma: sigma, limit: 1024)
    return sglangRows.map { row in
      Benchmark(
        source: "SGLang v0.3.0 vs vLLM v0.6.0, ShareGPT, Poisson",
        url: "https://github.com/sgl-project/sglang/blob/main/benchmark/benchmark_vllm_060/"
          + "README.md",
        engine: row.engine,
        settings: row.engine == "vllm" ? vllm060 : EngineSettings(),
        hardware: row.hardware, accelerators: row.accelerators,
        model: row.model, precision: .bf16, load: .poisson(ratePerSecond: row.rate),
        promptTokens: prompt, outputTokens: output, meanOutputTokens: shareGPTMeanOutput,
        measurements: [
          Measurement(metric: .ttft, statistic: .median, milliseconds: row.ttft),
          Measurement(metric: .endToEnd, statistic: .median, milliseconds: row.endToEnd),
        ])
    }
  }

  /// NIM's Llama-3.3-70B table: (concurrency, mean TTFT, mean ITL), ms
  /// (`public-measurements.csv` lines 134–143).
  static let nimRows: [(users: Int, ttft: Double, itl: Double)] = [
    (1, 406.77, 18.58), (5, 546.7, 21.83), (25, 688.69, 38.75), (50, 834.51, 59.73),
    (100, 7996.25, 92.91),
  ]

  static var nimTable: [Benchmark] {
    nimRows.map { row in
      Benchmark(
        source: "NVIDIA NIM 1.8.0, 5000 in / 500 out, closed loop",
        url: "https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance",
        engine: "tensorrt-llm", settings: EngineSettings(), hardware: "h100-sxm",
        accelerators: 2, model: "llama-3.1-70b", precision: .fp8, load: .concurrency(row.users),
        promptTokens: "5000", outputTokens: "500", meanOutputTokens: 500,
        measurements: [
          Measurement(metric: .ttft, statistic: .mean, milliseconds: row.ttft),
          Measurement(metric: .interToken, statistic: .mean, milliseconds: row.itl),
        ])
    }
  }

  /// vLLM #20759's baseline on 4 × B200: (requests/s, mean TTFT, median TTFT, mean TPOT), ms.
  static let vllmV1Rows: [(rate: Double, meanTTFT: Double, medianTTFT: Double, tpot: Double)] = [
    (1, 45.021, 44.248, 12.880), (5, 48.574, 46.048, 14.120), (10, 55.482, 51.188, 17.674),
  ]

  static var vllmV1Table: [Benchmark] {
    vllmV1Rows.map { row in
      Benchmark(
        source: "vLLM V1 #20759 baseline, sonnet 550 in / 150 out, Poisson",
        url: "https://github.com/vllm-project/vllm/pull/20759",
        engine: "vllm", settings: EngineSettings(), hardware: "b200", accelerators: 4,
        model: "llama-3.1-70b", precision: .bf16, load: .poisson(ratePerSecond: row.rate),
        promptTokens: "550", outputTokens: "150", meanOutputTokens: 150,
        measurements: [
          Measurement(metric: .ttft, statistic: .mean, milliseconds: row.meanTTFT),
          Measurement(metric: .ttft, statistic: .median, milliseconds: row.medianTTFT),
          Measurement(metric: .interToken, statistic: .mean, milliseconds: row.tpot),
        ])
    }
  }

  /// DigitalOcean's phase-0 ShareGPT baseline on one H200: (requests/s, median TTFT, p99 TTFT,
  /// median TPOT, p99 TPOT), ms (`report.md`, table "Results", columns "TTFT p50", "TTFT p99",
  /// "TPOT p50" and "TPOT p99"; TPOT is each request's time per output token after the first).
  ///
  /// With 300 requests a run's 99th percentile is about its third-slowest request, so a single
  /// slow request moves it: the report itself calls the 0.5 req/s tail (180.7 ms against about
  /// 72 ms at 0.75–1.25 req/s) a cold-cache artifact of the first run after warm-up. It is kept,
  /// as published.
  static let digitalOceanRows:
    [(rate: Double, medianTTFT: Double, p99TTFT: Double, medianTPOT: Double, p99TPOT: Double)] = [
      (0.5, 66.5, 180.7, 20.4, 23.1), (0.75, 57.4, 71.6, 20.3, 20.6),
      (1.0, 56.5, 72.9, 20.4, 20.8), (1.25, 58.9, 72.7, 20.4, 21.2),
      (1.5, 59.7, 74.0, 20.5, 21.7), (2.0, 60.2, 75.0, 20.8, 22.0),
      (2.5, 63.7, 78.7, 21.2, 27.6), (3.0, 64.2, 85.9, 21.5, 27.7),
    ]

  /// The same runs' figures that `report.md` leaves out, from each rate's own `vllm bench serve`
  /// output (`rate-R.log`, block "Serving Benchmark Result", run with `--percentile-metrics
  /// ttft,tpot,itl,e2el`; the same values unrounded in `rate-R.json`): (mean TTFT, mean TPOT,
  /// mean, median and p99 end-to-end latency), ms, in the order of `digitalOceanRows`. End-to-end
  /// latency ("E2EL") is each request's time from sending it to its last token.
  ///
  /// The end-to-end figures are mostly the output lengths: the median request's 3.0 s against a
  /// 4.1 s mean, and a 15–16 s 99th percentile about 750 output tokens long at 20 ms each.
  static let digitalOceanEndToEndRows:
    [(meanTTFT: Double, meanTPOT: Double, mean: Double, median: Double, p99: Double)] = [
      (80.41, 20.50, 4116.54, 3042.22, 15663.22), (56.32, 20.29, 4073.69, 3035.01, 15618.28),
      (56.65, 20.38, 4050.49, 3023.57, 15202.62), (58.24, 20.48, 4081.30, 3041.21, 15241.80),
      (59.53, 20.61, 4101.41, 3052.86, 15319.22), (60.33, 20.88, 4188.63, 3089.54, 15963.73),
      (62.82, 21.62, 4311.18, 3117.51, 16136.28), (64.67, 22.76, 4521.58, 3283.26, 15850.11),
    ]

  /// The 300-prompt ShareGPT sample `vllm bench serve` drew for every rate: 62,238 prompt tokens
  /// and 59,105–59,704 output tokens per run ("Token Statistics"), so means of 207.5 and 198.0
  /// tokens. Prompt lengths are lognormal as in SGLang's table (the same ShareGPT file and the
  /// same sampler limits of 1,024 prompt and 2,048 total tokens); output lengths are the sample's
  /// own, `digitalOceanOutputLengths`.
  static let digitalOceanMeanPrompt = 62_238.0 / 300
  static let digitalOceanMeanOutput = (59_105.0 + 59_704.0) / 2 / 300

  /// The least-loaded run's end-to-end median and p99 and its median TTFT and TPOT, ms
  /// (`rate-0.5.json`: `median_e2el_ms`, `p99_e2el_ms`, `median_ttft_ms`, `median_tpot_ms`).
  static let digitalOceanLightestRun = (
    medianEndToEnd: 3042.2221, p99EndToEnd: 15663.2246, medianTTFT: 66.4708, medianTPOT: 20.3686
  )

  /// The output lengths of the 300 prompts every rate replays, recovered from the least-loaded
  /// run rather than assumed: a request's end-to-end latency is its TTFT plus one TPOT per output
  /// token after the first, and at 0.5 req/s TPOT hardly varies (standard deviation 0.6 ms on
  /// 20.4), so the run's end-to-end quantiles are output-length quantiles,
  /// `(E2E − TTFT) / TPOT + 1`: a median of 147.1 tokens and a 99th percentile of 766.7. ShareGPT's
  /// lognormal shape from SGLang's table put that percentile at the 1,024-token cut (end-to-end p99
  /// 41–49% long). A Weibull distribution through the two points (shape 1.147, scale 202.5 tokens)
  /// has a mean of 192.6 tokens against the 198.3 the run generated and a 95th percentile of 527
  /// against the 592 its p95 implies; cut to the sampler's `[4, 1024]`.
  ///
  /// This is the benchmark's workload, read from the run as a trace replay would read it; what
  /// the other seven rates' end-to-end figures then test is the decode and queueing model. The
  /// 0.5 req/s run stays in sample.
  static var digitalOceanOutputLengths: String {
    let run = digitalOceanLightestRun
    func tokens(_ endToEnd: Double) -> Double {
      (endToEnd - run.medianTTFT) / run.medianTPOT + 1
    }
    return clippedWeibull(
      median: tokens(run.medianEndToEnd), p99: tokens(run.p99EndToEnd), limit: 1024)
  }

  /// A Weibull count through `median` and `p99` as an empirical percentile table clipped to
  /// `[4, limit]` tokens, with the 99.9th percentile listed so that the top percent keeps its shape.
  static func clippedWeibull(median: Double, p99: Double, limit: Double) -> String {
    // F(x) = 1 − exp(−(x/λ)^k): the q-quantile is λ·(−ln(1 − q))^(1/k).
    let shape = log(log(100) / log(2)) / log(p99 / median)
    let scale = median / pow(log(2), 1 / shape)
    let points: [(String, Double)] = [
      ("p1", 0.01), ("p5", 0.05), ("p10", 0.1), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75),
      ("p90", 0.9), ("p95", 0.95), ("p99", 0.99), ("p99.9", 0.999),
    ]
    return percentileTable(points, limit: limit) { q in scale * pow(-log(1 - q), 1 / shape) }
  }

  /// vLLM 0.14 as DigitalOcean ran it: its defaults, with async scheduling on ("Server
  /// Configuration": "Async Scheduling | Enabled").
  static let vllm014 = EngineSettings(asyncScheduling: true)

  /// What vLLM prefills of a prompt whose blocks it holds: V1 reuses every full 16-token block
  /// but the one holding the last prompt token (`get_computed_blocks` keeps at least one token to
  /// compute), so 1 to 16 tokens, evenly spread over prompt lengths.
  static let cachedPromptTail = #"{"empirical": {"percentiles": {"p0": 1, "p100": 16}}}"#

  static var digitalOceanTable: [Benchmark] {
    let sigma = (2 * log(shareGPTMeanOutput / shareGPTMedianOutput)).squareRoot()
    let prompt = clippedLognormal(mean: digitalOceanMeanPrompt, sigma: sigma, limit: 1024)
    let output = digitalOceanOutputLengths
    return zip(digitalOceanRows, digitalOceanEndToEndRows).enumerated().map {
      index, rows in
      let (row, endToEnd) = rows
      return Benchmark(
        source: "DigitalOcean vLLM 0.14 baseline, ShareGPT, Poisson",
        url: "https://github.com/DO-Solutions/gtc-2026-doks/blob/main/dev/vllm/benchmarks/"
          + "phase0/20260224-185458/report.md",
        engine: "vllm", settings: vllm014, hardware: "h200", accelerators: 1,
        model: "llama-3.1-70b", precision: .fp8, kvPrecision: .fp8,
        load: .poisson(ratePerSecond: row.rate),
        promptTokens: index == 0 ? prompt : cachedPromptTail, outputTokens: output,
        meanOutputTokens: digitalOceanMeanOutput,
        measurements: [
          Measurement(metric: .ttft, statistic: .mean, milliseconds: endToEnd.meanTTFT),
          Measurement(metric: .ttft, statistic: .median, milliseconds: row.medianTTFT),
          Measurement(metric: .ttft, statistic: .p99, milliseconds: row.p99TTFT),
          Measurement(
            metric: .timePerOutputToken, statistic: .mean, milliseconds: endToEnd.meanTPOT),
          Measurement(
            metric: .timePerOutputToken, statistic: .median, milliseconds: row.medianTPOT),
          Measurement(metric: .timePerOutputToken, statistic: .p99, milliseconds: row.p99TPOT),
          Measurement(metric: .endToEnd, statistic: .mean, milliseconds: endToEnd.mean),
          Measurement(metric: .endToEnd, statistic: .median, milliseconds: endToEnd.median),
          Measurement(metric: .endToEnd, statistic: .p99, milliseconds: endToEnd.p99),
        ])
    }
  }
}
