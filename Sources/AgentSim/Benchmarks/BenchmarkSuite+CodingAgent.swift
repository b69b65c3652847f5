import Foundation

extension BenchmarkSuite {
  /// The workflow `agentsim bench --only coding-agent` runs: `workflows/coding-agent.json` as it
  /// was before issue 13 reworked the example after published agent statistics (tens of model
  /// calls and a 6 k-token context per session, no prefix cache). Kept here, byte for byte but
  /// for line breaks, so the benchmark times the same model from version to version; the example
  /// now runs hundreds of calls with contexts near 128 k tokens and would not compare.
  static let codingAgentWorkflow = #"""
    // A coding agent on a developer's laptop: plan in the region, then edit, run the tests locally
    // and triage the output in a loop, and summarize for the user.
    //
    // Sources (see calibration/reference-data.md):
    // - Step counts: TraceLab (uw-syfi/TraceLab) averages 83.7 LLM steps and 1.21 tool calls per
    //   step per session; SWE-Bench Pro median trajectories are 29-78 steps (§4a). Scaled down
    //   here to about 18 model calls (1 + 2 per iteration x mean 7.9 iterations + 1) so a session stays
    //   simulable; the loop's repeat probability 0.9 with at most 15 iterations gives that mean.
    // - Tokens: TraceLab mean output is about 523 tokens per step but often under 50, with long,
    //   mostly cached contexts (95.8% of input tokens cached) (§4a): outputs are lognormal with a
    //   small median and a heavy tail, and the conversation context is kept ("conversation").
    // - Network: US fixed broadband median latency 13 ms and 213.75/23.71 Mbps down/up (Ookla Q3
    //   2023, §3b); home Wi-Fi p99 about 90 ms with a mesh (§3b, tail).
    // - Tool durations (reading files, running a test suite) are assumptions: no per-tool latency
    //   percentiles were captured from TraceLab (reference-data §5, gap 9).
    {
      "$schema": "./schema.json",
      "version": 1,
      "name": "coding-agent",
      "description":
        "Plan, edit, run tests on the laptop, triage failures, repeat; then summarize.",
      "models": {
        "small": {"model": "llama-3.2-3b", "precision": "q4"},
        "large": {"model": "llama-3.1-70b", "precision": "fp8"},
      },
      "sites": {
        "laptop": {"tier": "device", "hardware": "apple-m3-max", "serves": ["small"],
                   "tool_workers": 4},
        "region": {
          "tier": "region", "hardware": "h100-sxm", "replicas": 4, "accelerators_per_replica": 4,
          "serves": ["large", "small"], "max_batch": 128, "chunk_tokens": 512,
        },
      },
      "links": [
        // Ookla US fixed broadband, Q3 2023: 13 ms median, 213.75 down / 23.71 up (Mbps).
        {"between": ["laptop", "region"], "rtt_median_ms": 13, "rtt_p99_ms": 90,
         "uplink_mbps": 23.71, "downlink_mbps": 213.75, "overhead_ms": 30},
      ],
      // Sessions last minutes; 0.1 new sessions per second keeps the region pool lightly loaded.
      "load": {"arrival": "poisson", "rate_per_s": 0.1, "sessions": 2000, "warmup_sessions": 100},
      "budget": {"p50_ms": 90000, "p99_ms": 300000},
      "context": {"initial_tokens": 6000},  // system prompt, tool descriptions and a repository map
      "steps": [
        {"llm": {"name": "plan", "model": "large", "site": "region", "prompt_tokens": 400,
                 "output_tokens": {"lognormal": {"median": 300, "p99": 1500}}}},
        {"loop": {"name": "fix-loop", "repeat_probability": 0.9, "max_iterations": 15, "body":
          {"sequence": {"name": "iteration", "steps": [
            {"tool": {"name": "read-files", "site": "laptop", "pin": "device",
                      "duration_ms": {"lognormal": {"median": 40, "p99": 600}},
                      "result_tokens": {"lognormal": {"median": 1200, "p99": 8000}}}},
            {"llm": {"name": "edit", "model": "large", "site": "region", "prompt_tokens": 60,
                     "output_tokens": {"lognormal": {"median": 180, "p99": 2000}}}},
            {"tool": {"name": "run-tests", "site": "laptop", "pin": "device",
                      "duration_ms": {"lognormal": {"median": 6000, "p99": 60000}},
                      "result_tokens": {"lognormal": {"median": 400, "p99": 4000}}}},
            // Triage runs the 3B model on the laptop, or in the region beside the 70B model: the
            // sweep weighs the laptop's slower decode against a round trip and region time.
            {"llm": {"name": "triage", "model": "small", "site": ["laptop", "region"],
                     "context": "fresh",
                     "prompt_tokens": {"lognormal": {"median": 400, "p99": 4000}},
                     "output_tokens": {"lognormal": {"median": 40, "p99": 200}}}},
          ]}}}},
        {"llm": {"name": "summarize", "model": "large", "site": "region", "prompt_tokens": 50,
                 "output_tokens": {"lognormal": {"median": 250, "p99": 800}}, "visible": true}},
      ],
    }
    """#

  /// The name diagnostics give the embedded coding-agent workflow.
  static let codingAgentFile = "bench/coding-agent.json"
}
