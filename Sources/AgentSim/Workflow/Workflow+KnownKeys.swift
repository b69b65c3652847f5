extension Workflow {
  /// The keys the decoder accepts in each kind of JSON object, by the name of the matching
  /// definition in `workflows/schema.json` (`"workflow"` is the top level). A test keeps the
  /// schema's `properties` equal to these.
  public static let knownKeys: [String: [String]] = [
    "workflow": [
      "$schema", "version", "name", "description", "models", "sites", "links", "load", "budget",
      "context", "steps",
    ],
    "model": ["model", "precision"],
    "site": [
      "tier", "hardware", "hosted_api", "serves", "replicas", "accelerators_per_replica",
      "max_batch", "chunk_tokens", "tool_workers", "price_per_hour", "engine", "backend",
      "kv_precision", "prefix_cache", "routing", "affinity_queue_limit",
    ],
    "prefix_cache": ["capacity_gb", "policy", "ttl_s", "host_gb", "host_link_gb_per_s"],
    "hosted_api": [
      "ttft_ms", "per_token_ms", "input_price_per_million", "output_price_per_million",
      "cached_input_price_per_million", "cache_write_price_per_million", "cached_ttft_ms",
    ],
    "link": [
      "between", "profile", "rtt_median_ms", "rtt_p99_ms", "uplink_mbps", "downlink_mbps",
      "overhead_ms", "outage",
    ],
    "outage": ["mtbf_s", "mttr_s"],
    "load": [
      "arrival", "rate_per_s", "concurrency", "think_time_ms", "sessions", "warmup_sessions",
    ],
    "budget": ["p50_ms", "p99_ms", "ttft_ms"],
    "context": ["initial_tokens"],
    "step": StepKindName.allCases.map(\.rawValue),
    "llm": ["name"] + llmCallKeys,
    "llm_call": llmCallKeys,
    "fallback": ["fallback"],
    "tool": ["name", "site", "pin", "duration_ms", "result_tokens", "on_outage", "device_busy"],
    "transfer": ["name", "from", "to", "bytes"],
    "sequence": ["name", "steps"],
    "parallel": ["name", "steps", "join"],
    "join_first": ["first", "cancel_rest"],
    "branch": ["name", "options"],
    "branch_option": ["probability", "step"],
    "loop": ["name", "count", "repeat_probability", "max_iterations", "body"],
    "speculative": [
      "name", "draft_model", "draft_site", "target_model", "target_site", "draft_tokens",
      "acceptance_rate", "prompt_tokens", "output_tokens", "context", "visible",
    ],
    "cascade": ["name", "first", "escalate_probability", "then"],
    "distribution": DistributionKindName.allCases.map(\.rawValue),
    "uniform": ["min", "max"],
    "exponential": ["mean"],
    "normal": ["mean", "sd"],
    "lognormal": ["median", "p99", "mu", "sigma"],
    "gamma": ["shape", "scale"],
    "erlang": ["k", "mean"],
    "empirical": ["samples", "percentiles"],
    "mixture_component": ["weight", "distribution"],
  ]

  private static let llmCallKeys = [
    "model", "site", "pin", "prompt_tokens", "output_tokens", "context", "visible", "on_outage",
  ]

  /// The keys of one kind of object (empty for an unknown kind).
  static func keys(_ kind: String) -> [String] {
    knownKeys[kind] ?? []
  }
}

/// The kinds of step, as the key that names them in a step object.
enum StepKindName: String, CaseIterable {
  case llm, tool, transfer, sequence, parallel, branch, loop, speculative, cascade
}

/// The kinds of distribution, as the key that names them in a distribution object.
enum DistributionKindName: String, CaseIterable {
  case constant, uniform, exponential, normal, lognormal, gamma, erlang, empirical, mixture
}
