extension Catalog {
  /// The built-in network links, from `reference-data.md` §3 (tables 3a–3c).
  ///
  /// Per-request overhead is the first-use connection setup: a TCP handshake plus a TLS 1.3
  /// handshake (RFC 8446 §2: one round trip), so two median RTTs. The reference data has no p99
  /// for cellular or datacenter paths (§5 gap 8); where a p99 is not measured the source says which
  /// assumption stands in for it. No outage rates were found for any path, so every built-in link
  /// is always up; users may add `mtbf_s` / `mttr_s`.
  static let builtInLinks: [LinkProfile] = [
    LinkProfile(
      name: "wifi-edge", rttMedianMilliseconds: 10, rttP99Milliseconds: 250,
      uplinkMegabitsPerSecond: 23.71, downlinkMegabitsPerSecond: 213.75,
      perRequestOverheadMilliseconds: 20,
      source: "median: 58% of users reach a nearby edge server in under 10 ms (Charyyev et al.,"
        + " GLOBECOM 2020; §3a); p99: Wi-Fi hop p99 about 250 ms (WiFiSeer, MobiSys 2016; §3a);"
        + " bandwidth: US fixed 213.75/23.71 Mbit/s (Ookla Q3 2023; §3b)"),
    LinkProfile(
      name: "5g-edge", rttMedianMilliseconds: 25, rttP99Milliseconds: 125,
      uplinkMegabitsPerSecond: 21.08, downlinkMegabitsPerSecond: 166.13,
      perRequestOverheadMilliseconds: 50,
      source: "median: 5G NSA one-way <7 ms downlink + about 18 ms uplink (Rohde & Schwarz, 2022;"
        + " §3a), D; p99: assumption 5 × median (no 5G-MEC p99 published, §5 gap 8);"
        + " bandwidth: global 5G median 166.13/21.08 Mbit/s (Ookla Q3 2021; §3b)"),
    LinkProfile(
      name: "lte-edge", rttMedianMilliseconds: 31, rttP99Milliseconds: 155,
      uplinkMegabitsPerSecond: 9.01, downlinkMegabitsPerSecond: 97.09,
      perRequestOverheadMilliseconds: 62,
      source: "median: US mobile median latency to nearby test servers 31 ms (Ookla Q3 2023 and"
        + " end-2022; §3b); p99: assumption 5 × median (§5 gap 8); bandwidth: US mobile"
        + " 97.09/9.01 Mbit/s (Ookla Q3 2023; §3b)"),
    LinkProfile(
      name: "wifi-region", rttMedianMilliseconds: 16, rttP99Milliseconds: 250,
      uplinkMegabitsPerSecond: 23.71, downlinkMegabitsPerSecond: 213.75,
      perRequestOverheadMilliseconds: 32,
      source: "median: US fixed multi-server latency 16 ms, best provider (Ookla Q3 2023; §3b);"
        + " p99: the Wi-Fi hop's p99 about 250 ms dominates (WiFiSeer; §3a); bandwidth: US"
        + " fixed 213.75/23.71 Mbit/s (§3b)"),
    LinkProfile(
      name: "fixed-region", rttMedianMilliseconds: 16, rttP99Milliseconds: 48,
      uplinkMegabitsPerSecond: 23.71, downlinkMegabitsPerSecond: 213.75,
      perRequestOverheadMilliseconds: 32,
      source: "wired access: median US fixed multi-server latency 16 ms (Ookla Q3 2023; §3b);"
        + " p99: assumption 3 × median (wired paths lack the Wi-Fi tail); bandwidth: US fixed"
        + " 213.75/23.71 Mbit/s (§3b)"),
    LinkProfile(
      name: "5g-region", rttMedianMilliseconds: 50, rttP99Milliseconds: 250,
      uplinkMegabitsPerSecond: 21.08, downlinkMegabitsPerSecond: 166.13,
      perRequestOverheadMilliseconds: 100,
      source: "median: T-Mobile 5G multi-server latency 50 ms, best US 5G (Ookla Q3 2023; §3b);"
        + " p99: assumption 5 × median (§5 gap 8); bandwidth: global 5G median 166.13/21.08"
        + " Mbit/s (Ookla Q3 2021; §3b)"),
    LinkProfile(
      name: "lte-region", rttMedianMilliseconds: 46, rttP99Milliseconds: 230,
      uplinkMegabitsPerSecond: 9.01, downlinkMegabitsPerSecond: 97.09,
      perRequestOverheadMilliseconds: 92,
      source: "median: D, lte-edge 31 ms + edge-region 14.67 ms (§3b, §3c); p99: assumption"
        + " 5 × median (§5 gap 8); bandwidth: US mobile 97.09/9.01 Mbit/s (Ookla Q3 2023; §3b)"),
    LinkProfile(
      name: "edge-region", rttMedianMilliseconds: 14.67, rttP99Milliseconds: 19.67,
      uplinkMegabitsPerSecond: 10_000, downlinkMegabitsPerSecond: 10_000,
      perRequestOverheadMilliseconds: 29.34,
      source: "median: AWS us-east-1 → us-east-2 p50 14.67 ms, a metro-to-region distance"
        + " (cloudping.co one-year p50; §3c); p99: assumption median + 5 ms (backbone pairs"
        + " drift by 1–3 ms, IBM Cloud 2024; §3c); bandwidth: assumption 10 Gbit/s"),
    LinkProfile(
      name: "region-region-intra", rttMedianMilliseconds: 5.35, rttP99Milliseconds: 10.35,
      uplinkMegabitsPerSecond: 10_000, downlinkMegabitsPerSecond: 10_000,
      perRequestOverheadMilliseconds: 10.7,
      source: "median: AWS us-east-1 intra-region p50 5.35 ms (cloudping.co; §3c); p99:"
        + " assumption median + 5 ms; bandwidth: assumption 10 Gbit/s"),
    LinkProfile(
      name: "region-region-same-continent", rttMedianMilliseconds: 27.29,
      rttP99Milliseconds: 32.29, uplinkMegabitsPerSecond: 10_000,
      downlinkMegabitsPerSecond: 10_000, perRequestOverheadMilliseconds: 54.58,
      source: "median: AWS eu-west-1 → eu-central-1 p50 27.29 ms (cloudping.co; §3c); p99:"
        + " assumption median + 5 ms; bandwidth: assumption 10 Gbit/s"),
    LinkProfile(
      name: "region-region-us-coast-to-coast", rttMedianMilliseconds: 64.27,
      rttP99Milliseconds: 69.27, uplinkMegabitsPerSecond: 10_000,
      downlinkMegabitsPerSecond: 10_000, perRequestOverheadMilliseconds: 128.54,
      source: "median: AWS us-east-1 → us-west-2 p50 64.27 ms (cloudping.co; §3c); p99:"
        + " assumption median + 5 ms; bandwidth: assumption 10 Gbit/s"),
    LinkProfile(
      name: "region-region-transatlantic", rttMedianMilliseconds: 69.56,
      rttP99Milliseconds: 74.56, uplinkMegabitsPerSecond: 10_000,
      downlinkMegabitsPerSecond: 10_000, perRequestOverheadMilliseconds: 139.12,
      source: "median: AWS us-east-1 → eu-west-1 p50 69.56 ms (cloudping.co; §3c); p99:"
        + " assumption median + 5 ms; bandwidth: assumption 10 Gbit/s"),
    LinkProfile(
      name: "region-region-transpacific", rttMedianMilliseconds: 98.46,
      rttP99Milliseconds: 103.46, uplinkMegabitsPerSecond: 10_000,
      downlinkMegabitsPerSecond: 10_000, perRequestOverheadMilliseconds: 196.92,
      source: "median: AWS ap-northeast-1 → us-west-2 p50 98.46 ms (cloudping.co; §3c); p99:"
        + " assumption median + 5 ms; bandwidth: assumption 10 Gbit/s"),
    LinkProfile(
      name: "region-region-us-asia", rttMedianMilliseconds: 219.11,
      rttP99Milliseconds: 224.11, uplinkMegabitsPerSecond: 10_000,
      downlinkMegabitsPerSecond: 10_000, perRequestOverheadMilliseconds: 438.22,
      source: "median: AWS us-east-1 → ap-southeast-1 p50 219.11 ms (cloudping.co; §3c); p99:"
        + " assumption median + 5 ms; bandwidth: assumption 10 Gbit/s"),
  ]
}
