extension Catalog {
  /// The calibration note of a fitted profile.
  static let fitted =
    "fitted by Calibrator on the in-sample rows of Tests/AgentSimTests/Fixtures/"
    + "calibration-rows.csv that measure it (each row cites its source; see the 'Cost model'"
    + " article); a 16-bit η_compute no row measures is the datacenter median"

  /// The built-in hardware. Each entry's `source` names the primary document of its
  /// specifications and price (datasheets, vendor pages, price lists); the
  /// efficiencies and overheads are fitted on `public-measurements.csv` (see the "Cost model"
  /// article) or, where no row covers the device, taken from the fit of its family.
  static let builtInHardware: [HardwareProfile] = [
    // MARK: Devices
    HardwareProfile(
      name: "apple-a17-pro", tier: .device, memoryGigabytes: 8, usableMemoryFraction: 0.5,
      memoryBandwidthGigabytesPerSecond: 51.2,
      peakThroughput: PrecisionThroughput(fp16: 2.15),
      memoryEfficiency: AppleFamily.memoryEfficiency,
      computeEfficiency: AppleFamily.computeEfficiency,
      backendPeakThroughput: BackendThroughput(npu: PrecisionThroughput(int8: 35)),
      activePowerWatts: 8,
      source:
        "Apple September 2023 event (reported by cultofmac.com, usbusinessreviews.com): 35 TOPS Neural Engine (Apple, precision"
        + " unstated). Not published by Apple, estimates: 8 GB LPDDR5-6400 on a 64-bit bus ="
        + " 51.2 GB/s (iPhone 15 Pro teardown reports); 6-core GPU about 2.15 TFLOPS fp16;"
        + " 8 W active; half the RAM usable by one app",
      calibration: AppleFamily.prior),
    HardwareProfile(
      name: "apple-a18-pro", tier: .device, memoryGigabytes: 8, usableMemoryFraction: 0.5,
      memoryBandwidthGigabytesPerSecond: 60,
      peakThroughput: PrecisionThroughput(fp16: 2.4),
      memoryEfficiency: AppleFamily.memoryEfficiency,
      computeEfficiency: AppleFamily.computeEfficiency,
      backendPeakThroughput: BackendThroughput(npu: PrecisionThroughput(int8: 35)),
      activePowerWatts: 8,
      source:
        "Apple September 2024 event (reported by clubic.com, phonearena.com): 35 TOPS Neural Engine. Not published by"
        + " Apple, estimates: 8 GB LPDDR5X-7500 on a 64-bit bus = 60 GB/s; 6-core GPU about"
        + " 2.4 TFLOPS fp16; 8 W active; half the RAM usable by one app",
      calibration: AppleFamily.prior),
    HardwareProfile(
      name: "apple-m1", tier: .device, memoryGigabytes: 16, usableMemoryFraction: 0.67,
      memoryBandwidthGigabytesPerSecond: 68,
      peakThroughput: PrecisionThroughput(fp16: 2.6),
      memoryEfficiency: 0.8826, computeEfficiency: 0.5968, activePowerWatts: 20,
      source: "apple.com/newsroom (Nov 2020): 68 GB/s. 8-core GPU 2.6 TFLOPS (Apple newsroom,"
        + " Nov 2020; fp16 at the fp32 rate). 16 GB configuration; two thirds usable by Metal."
        + " Estimate: 20 W active (TDP not published)",
      calibration: fitted),
    HardwareProfile(
      name: "apple-m1-max", tier: .device, memoryGigabytes: 64, usableMemoryFraction: 0.75,
      memoryBandwidthGigabytesPerSecond: 400,
      peakThroughput: PrecisionThroughput(fp16: 10.4),
      memoryEfficiency: 0.7465, computeEfficiency: 0.6322, activePowerWatts: 60,
      source: "apple.com/newsroom 2021/10 (M1 Pro and M1 Max): 64 GB, 400 GB/s"
        + " (apple.com/newsroom 2021/10). 32-core GPU 10.4 TFLOPS (Apple, Oct 2021). Estimate:"
        + " 60 W active (TDP not published)",
      calibration: fitted),
    HardwareProfile(
      name: "apple-m2-ultra", tier: .device, memoryGigabytes: 192, usableMemoryFraction: 0.75,
      memoryBandwidthGigabytesPerSecond: 800,
      peakThroughput: PrecisionThroughput(fp16: 27.2),
      memoryEfficiency: 0.7886, computeEfficiency: 0.6642, activePowerWatts: 130,
      source: "apple.com/newsroom 2023/06 (M2 Ultra): 192 GB, 800 GB/s"
        + " (apple.com/newsroom 2023/06). 76-core GPU 27.2 TFLOPS (Apple, Jun 2023). Estimate:"
        + " 130 W active (TDP not published)",
      calibration: fitted),
    HardwareProfile(
      name: "apple-m3-max", tier: .device, memoryGigabytes: 128, usableMemoryFraction: 0.75,
      memoryBandwidthGigabytesPerSecond: 400,
      peakThroughput: PrecisionThroughput(fp16: 16.4),
      memoryEfficiency: 0.9, computeEfficiency: 0.6793, activePowerWatts: 70,
      source:
        "support.apple.com/en-gb/118552 (MacBook Pro M3 Max tech specs): 400 GB/s with the 40-core GPU"
        + " (support.apple.com/118552). Estimates: 128 GB configuration; 40-core GPU about 16.4"
        + " TFLOPS (40 cores × 128 lanes × 2 × 1.6 GHz; Apple publishes none); 70 W active",
      calibration: fitted),
    HardwareProfile(
      name: "apple-m4-max", tier: .device, memoryGigabytes: 128, usableMemoryFraction: 0.75,
      memoryBandwidthGigabytesPerSecond: 546,
      peakThroughput: PrecisionThroughput(fp16: 18.4),
      memoryEfficiency: 0.8, computeEfficiency: 0.6359,
      backendPeakThroughput: BackendThroughput(npu: PrecisionThroughput(int8: 38)),
      activePowerWatts: 70,
      source:
        "apple.com/newsroom 2024/10 and support.apple.com/en-gb/121553: 128 GB, 546 GB/s with the"
        + " 40-core GPU, Neural Engine 38 TOPS (support.apple.com/121553). Estimates: 40-core"
        + " GPU about 18.4 TFLOPS (40 × 128 × 2 × 1.8 GHz); 70 W active",
      calibration: fitted),
    HardwareProfile(
      name: "snapdragon-8-gen-3", tier: .device, memoryGigabytes: 12, usableMemoryFraction: 0.5,
      memoryBandwidthGigabytesPerSecond: 76.8,
      peakThroughput: PrecisionThroughput(fp16: 22.5, int8: 45),
      memoryEfficiency: 0.8344, computeEfficiency: 0.495, lowPrecisionComputeEfficiency: 0.2243,
      primaryBackend: .npu,
      backendPeakThroughput: BackendThroughput(
        cpu: PrecisionThroughput(fp16: 0.8, int8: 3.19), gpu: PrecisionThroughput(fp16: 5.6)),
      backendEfficiency: BackendEfficiency(
        cpu: ArmPhoneCPUFamily.cpu, gpu: UnitEfficiency(compute: 0.1161, memory: 0.3527)),
      activePowerWatts: 8,
      source:
        "runlocalai.co/hardware/snapdragon-8-gen-3 and ertas.ai (third-party; Qualcomm publishes neither figure): 76.8 GB/s and Hexagon NPU 45"
        + " TOPS int8 (third-party; Qualcomm publishes neither). Estimates: 12 GB phone, half"
        + " usable; fp16 at half the int8 rate; 8 W active. CPU and GPU peaks are estimates"
        + " (Qualcomm publishes neither): the CPU's 8 cores (1 Cortex-X4 at 3.3 GHz, 5 A720 at"
        + " 3.2 GHz, 2 A520 at 2.3 GHz: fonearena.com/blog/408835, Qualcomm's launch figures) by"
        + " ArmPhoneCPUFamily's per-core rule, 3.19 TOPS int8 and 0.8 TFLOPS fp16; Adreno 750"
        + " 5.6 TFLOPS fp16 (about 2.8 TFLOPS fp32 at twice the rate; no published figure)."
        + " The GPU's fractions are the 2025-2026 OpenCL kernels': compute fitted on the"
        + " in-sample prefill rows of llama.cpp #14337 (June 2025; Qwen 1.5B Q4_0) and of the"
        + " OnePlus 12 sweep (github.com/johnmaster/Cross-Backend_LLM_Inference_on_SnapDragon"
        + " data/gpu/opencl_ngl_sweep.log; llama.cpp b9612 June 2026; Qwen2.5-3B Q4_0 pp512),"
        + " memory on that sweep's Q4_0 tg128; PR #10693's December 2024 rows (the first merged"
        + " kernels: decode about a third slower) are kept for reference only; the CPU's"
        + " fractions are"
        + " ArmPhoneCPUFamily's (no public row with the model file, thread count and lengths"
        + " stated measures this phone's CPU)",
      calibration: fitted),
    HardwareProfile(
      name: "snapdragon-7-plus-gen-2", tier: .device, memoryGigabytes: 12,
      usableMemoryFraction: 0.5, memoryBandwidthGigabytesPerSecond: 51.2,
      peakThroughput: PrecisionThroughput(fp16: 0.54, int8: 2.16),
      memoryEfficiency: ArmPhoneCPUFamily.cpu.memory,
      computeEfficiency: ArmPhoneCPUFamily.cpu.compute,
      primaryBackend: .cpu,
      backendEfficiency: BackendEfficiency(cpu: ArmPhoneCPUFamily.cpu),
      activePowerWatts: 6,
      source:
        "xda-developers.com/qualcomm-snapdragon-7-gen-2 (Qualcomm's launch specifications, March"
        + " 2023): 1 Cortex-X2 at 2.91 GHz, 3 Cortex-A710 at 2.49 GHz, 4 Cortex-A510 at 1.8 GHz;"
        + " LPDDR5 at 3200 MHz (6400 MT/s on a 64-bit bus = 51.2 GB/s). Estimates: the CPU's peaks"
        + " by ArmPhoneCPUFamily's per-core rule, 2.16 TOPS int8 and 0.54 TFLOPS fp16 (Qualcomm"
        + " publishes neither, nor the Adreno or Hexagon peaks, so only the CPU is listed);"
        + " 12 GB (the Poco F5's larger configuration), half usable; 6 W active",
      calibration:
        "fitted (Calibrator.fitUnits) on the in-sample CPU rows of llama.cpp PR #9921 (Poco F5)"
        + " in Tests/AgentSimTests/Fixtures/public-rows.csv"),
    HardwareProfile(
      name: "snapdragon-x-elite", tier: .device, memoryGigabytes: 32, usableMemoryFraction: 0.6,
      memoryBandwidthGigabytesPerSecond: 136,
      peakThroughput: PrecisionThroughput(fp16: 22.5, int8: 45),
      memoryEfficiency: 0.4265, computeEfficiency: 0.39, lowPrecisionComputeEfficiency: 0.1891,
      primaryBackend: .npu,
      backendPeakThroughput: BackendThroughput(
        cpu: PrecisionThroughput(fp16: 2.58, int8: 4.29), gpu: PrecisionThroughput(fp16: 9.2)),
      backendEfficiency: BackendEfficiency(
        cpu: ArmPhoneCPUFamily.cpu, gpu: UnitEfficiency(compute: 0.04877, memory: 0.2)),
      activePowerWatts: 23,
      source:
        "windowscentral.com, mspoweruser.com and tweaktown.com (launch specifications): LPDDR5x-8533,"
        + " 136 GB/s, Hexagon NPU 45 TOPS. Estimates: 32 GB laptop; fp16 at half the int8"
        + " rate; 23 W active (the low configurable TDP). CPU peaks measured by cpufp on 12"
        + " threads (github.com/pigirons/cpufp/pull/30): i8mm smmla 4.29 TOPS int8, fmla fp16"
        + " 2.58 TFLOPS. Adreno X1-85 GPU: 4.6 TFLOPS fp32 (Qualcomm's Snapdragon X Elite"
        + " product brief), fp16 at twice the fp32 rate (estimate). The GPU's fractions are"
        + " fitted on the in-sample rows of llama.cpp PR #19840's 'Before' runs (Q4_1 through"
        + " the generic OpenCL kernels)",
      calibration: fitted),
    // MARK: Edge
    HardwareProfile(
      name: "jetson-orin-nano-super", tier: .edge, memoryGigabytes: 8, usableMemoryFraction: 0.75,
      memoryBandwidthGigabytesPerSecond: 102,
      peakThroughput: PrecisionThroughput(fp16: 16.75, int8: 33.5),
      memoryEfficiency: NvidiaEdgeFamily.memoryEfficiency,
      computeEfficiency: NvidiaEdgeFamily.computeEfficiency,
      lowPrecisionComputeEfficiency: NvidiaEdgeFamily.lowPrecisionComputeEfficiency,
      activePowerWatts: 25,
      source:
        "NVIDIA Jetson Orin Nano Super Developer Kit datasheet (Dec 2024): 8 GB, 102 GB/s, 67 TOPS"
        + " int8 sparse = 33.5 dense, 25 W. Estimate: fp16 at half the int8 rate",
      calibration: NvidiaEdgeFamily.prior),
    HardwareProfile(
      name: "jetson-agx-orin", tier: .edge, memoryGigabytes: 64, usableMemoryFraction: 0.75,
      memoryBandwidthGigabytesPerSecond: 204.8,
      peakThroughput: PrecisionThroughput(fp16: 42.5, int8: 85),
      memoryEfficiency: NvidiaEdgeFamily.memoryEfficiency,
      computeEfficiency: NvidiaEdgeFamily.computeEfficiency,
      lowPrecisionComputeEfficiency: NvidiaEdgeFamily.lowPrecisionComputeEfficiency,
      activePowerWatts: 60,
      source:
        "NVIDIA Jetson AGX Orin technical brief (as cited at blog.us.fixstars.com): 64 GB, 275 TOPS int8 sparse"
        + " (with DLAs), 60 W. Not captured there: 204.8 GB/s (256-bit LPDDR5-6400, NVIDIA AGX"
        + " Orin datasheet); GPU-only 170 TOPS sparse = 85 int8 dense; fp16 at half (estimate)",
      calibration: NvidiaEdgeFamily.prior),
    HardwareProfile(
      name: "rtx-4090", tier: .edge, memoryGigabytes: 24, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 1008,
      peakThroughput: PrecisionThroughput(fp16: 165.15, fp8: 330.3, int8: 330.3),
      memoryEfficiency: 0.9, computeEfficiency: 0.8495, lowPrecisionComputeEfficiency: 0.3332,
      activePowerWatts: 450,
      source:
        "thefpsreview.com RTX 4090 specifications; NVIDIA Ada Lovelace architecture whitepaper tensor figures (as listed at waredb.com/processor/nvidia-geforce-rtx-4090): 24 GB GDDR6X, 1,008 GB/s, fp16 165.15"
        + " dense, fp8 330.3 dense, int8 660.6 sparse = 330.3 dense, 450 W TGP",
      calibration: fitted),
    HardwareProfile(
      name: "l4", tier: .edge, memoryGigabytes: 24, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 300,
      peakThroughput: PrecisionThroughput(fp16: 121, fp8: 242.5, int8: 242.5),
      memoryEfficiency: DatacenterFamily.memoryEfficiency,
      computeEfficiency: DatacenterFamily.computeEfficiency, activePowerWatts: 72,
      source: "NVIDIA L4 datasheet: 24 GB, 300 GB/s, fp16 121 dense, fp8/int8 242.5"
        + " dense, 72 W. No verified price",
      calibration: DatacenterFamily.prior),
    HardwareProfile(
      name: "l40s", tier: .edge, memoryGigabytes: 48, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 864,
      peakThroughput: PrecisionThroughput(fp16: 362.05, fp8: 733, int8: 733),
      memoryEfficiency: 0.8, computeEfficiency: 0.545, lowPrecisionComputeEfficiency: 0.5627,
      activePowerWatts: 350,
      pricePerHour: 1.861,
      source:
        "NVIDIA L40S datasheet (copy at mullet.se, product 355414): 48 GB, 864 GB/s, fp16 362.05 dense, fp8 733"
        + " dense, 350 W. Price: AWS g6e.xlarge (1× L40S)"
        + " $1.861/h on-demand us-east-1, the basis of a10g's price (modal.com/blog/"
        + "nvidia-l40s-price-article, Aug 2025; secondary)",
      calibration: fitted),
    // MARK: Region
    HardwareProfile(
      name: "a10g", tier: .region, memoryGigabytes: 24, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 600,
      peakThroughput: PrecisionThroughput(fp16: 70, int8: 140),
      memoryEfficiency: DatacenterFamily.memoryEfficiency,
      computeEfficiency: DatacenterFamily.computeEfficiency, activePowerWatts: 300,
      pricePerHour: 1.006,
      source:
        "baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference (AWS-only part): 24 GB, 600 GB/s; AWS g5.xlarge $1.006/h"
        + " on-demand us-east-1 (June 2026). Not published by NVIDIA, estimates: 70 TFLOPS fp16"
        + " dense, 140 int8 (baseten.co comparison); 300 W",
      calibration: DatacenterFamily.prior),
    HardwareProfile(
      name: "a100-80gb", tier: .region, memoryGigabytes: 80, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 2039,
      peakThroughput: PrecisionThroughput(bf16: 312, fp16: 312, int8: 624),
      memoryEfficiency: 0.6434, computeEfficiency: 0.6973,
      engineMemoryEfficiency: [EngineKind.llamaCpp.rawValue: 0.6052],
      interconnectGigabytesPerSecond: 300, activePowerWatts: 400, pricePerHour: 1.79,
      source:
        "NVIDIA A100 datasheet (as tabulated at glennklockwood.com/garden/processors/A100): 80 GB, 2,039 GB/s, bf16 312 dense,"
        + " int8 624 dense, no fp8, 400 W; Lambda on-demand $1.79/h (alpha-one-index.github.io). NVLink 3: 600 GB/s total ="
        + " 300 per direction (NVIDIA A100 datasheet)",
      calibration: fitted),
    HardwareProfile(
      name: "h100-sxm", tier: .region, memoryGigabytes: 80, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 3350,
      peakThroughput: PrecisionThroughput(bf16: 989.4, fp16: 989.4, fp8: 1978.9, int8: 1978.9),
      memoryEfficiency: 0.7433, computeEfficiency: 0.5,
      lowPrecisionComputeEfficiency: 0.4715, interconnectGigabytesPerSecond: 450,
      activePowerWatts: 700, pricePerHour: 4.916,
      source:
        "NVIDIA H100 datasheet (as tabulated at glennklockwood.com/garden/processors/h100): 80 GB, 3,350 GB/s, bf16 989.4 dense,"
        + " fp8/int8 1,978.9 dense, 700 W; $4.916 per GPU-hour (AWS EC2 Capacity Blocks p5.48xlarge, us-east, rates before"
        + " 2025-01-01, aws.amazon.com/ec2/capacityblocks/pricing). NVLink 4: 900 GB/s total = 450 per direction (NVIDIA H100 datasheet)",
      calibration: fitted),
    HardwareProfile(
      name: "h100-pcie", tier: .region, memoryGigabytes: 80, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 2000,
      peakThroughput: PrecisionThroughput(bf16: 756, fp16: 756, fp8: 1513, int8: 1513),
      memoryEfficiency: 0.6896, computeEfficiency: DatacenterFamily.computeEfficiency,
      lowPrecisionComputeEfficiency: 0.4715, interconnectGigabytesPerSecond: 64,
      activePowerWatts: 350,
      source:
        "NVIDIA H100 PCIe product brief PB-11133-001_v02 (Nov 2022): 80 GB HBM2e, 2,000 GB/s, bf16 756 dense,"
        + " fp8/int8 1,513 dense, 350 W (product brief PB-11133-001). PCIe Gen5 x16: 64 GB/s"
        + " per direction",
      calibration: "η_memory fitted on its llama.cpp decode rows (XiongjieDai); 8-bit η_compute"
        + " of h100-sxm (same GH100 silicon), 16-bit η_compute the datacenter median (its"
        + " prefill rows are reference only)"),
    HardwareProfile(
      name: "h200", tier: .region, memoryGigabytes: 141, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 4800,
      peakThroughput: PrecisionThroughput(bf16: 989, fp16: 989, fp8: 1979, int8: 1979),
      memoryEfficiency: 0.7433, computeEfficiency: DatacenterFamily.computeEfficiency,
      lowPrecisionComputeEfficiency: 0.4715, interconnectGigabytesPerSecond: 450,
      activePowerWatts: 700, pricePerHour: 5.408,
      source:
        "NVIDIA H200 specifications (as tabulated at lzwjava.github.io/nvidia-h200-gpu-specs-en): 141 GB HBM3e, 4,800 GB/s, bf16 989"
        + " dense, fp8 1,979 dense, 700 W; $5.408 per GPU-hour (AWS EC2 Capacity Blocks p5e, aws.amazon.com/ec2/capacityblocks/pricing)."
        + " NVLink 4: 450 GB/s per direction",
      calibration: "no calibration row: η_memory and 8-bit η_compute of h100-sxm (same GH100"
        + " compute; a measured H200 bandwidth fraction was not found), 16-bit η_compute the"
        + " datacenter median"),
    HardwareProfile(
      name: "b200", tier: .region, memoryGigabytes: 180, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 8000,
      peakThroughput: PrecisionThroughput(
        bf16: 2250, fp16: 2250, fp8: 4500, int8: 4500, q4: 9000),
      memoryEfficiency: 0.7379,
      computeEfficiency: DatacenterFamily.computeEfficiency,
      interconnectGigabytesPerSecond: 900, activePowerWatts: 1000,
      source:
        "NVIDIA Blackwell datasheet (as cited at glennklockwood.com/garden/processors/B200) and nvidia.com/en-us/data-center/dgx-b200: 180 GB, 8,000 GB/s,"
        + " bf16 2,250 dense, fp8/int8 4,500 dense, FP4 9,000 dense (q4 here), 1,000 W."
        + " NVLink 5: 1,800 GB/s total = 900 per direction. No verified price",
      calibration: "η_memory fitted on its one in-sample row, SGLang's Llama-3.2-1B step in Hazy"
        + " Research's No Bubbles post (1.5 x the megakernel's 680 us): the row cannot separate"
        + " bandwidth from SGLang's step time, so the weak prior (0.8) and sglang's H100 row share"
        + " it (standard error 0.49); η_compute the datacenter median (no prefill row)"),
    HardwareProfile(
      name: "mi300x", tier: .region, memoryGigabytes: 192, usableMemoryFraction: 0.9,
      memoryBandwidthGigabytesPerSecond: 5300,
      peakThroughput: PrecisionThroughput(bf16: 1300, fp16: 1300, fp8: 2600, int8: 2600),
      memoryEfficiency: DatacenterFamily.memoryEfficiency,
      computeEfficiency: DatacenterFamily.computeEfficiency,
      interconnectGigabytesPerSecond: 448, activePowerWatts: 750, pricePerHour: 1.71,
      source:
        "jaredwatkins.com accelerator notes and awesomeagents.ai (AMD datasheet not captured): 192 GB, 5,300 GB/s, about 1,300"
        + " TFLOPS fp16 and 2,600 fp8 dense (exact AMD datasheet figures not captured), 750 W;"
        + " $1.71/h (TensorWave, via gpu.blog/gpus/instinct-mi300x-mi300x). Estimate: Infinity Fabric 7 links × 64 GB/s = 448 GB/s",
      calibration: DatacenterFamily.prior),
  ]
}

/// Apple-silicon efficiencies for devices no calibration row covers: the median of the fitted
/// Apple M-series profiles (llama.cpp, Metal).
private enum AppleFamily {
  static let memoryEfficiency = 0.8
  static let computeEfficiency = 0.6359
  static let prior =
    "no calibration row (no measurement of these phones was found): median of the fitted Apple M-series profiles"
}

/// Efficiencies for NVIDIA edge modules no row covers: the fitted RTX 4090 profile (llama.cpp,
/// CUDA), the nearest measured NVIDIA part running the same stack.
private enum NvidiaEdgeFamily {
  static let memoryEfficiency = 0.9
  static let computeEfficiency = 0.8495
  static let lowPrecisionComputeEfficiency = 0.3332
  static let prior = "no calibration row: efficiencies of the fitted rtx-4090 profile"
}

/// Efficiencies for datacenter GPUs no row covers: the median of the fitted datacenter values
/// (η_memory of a100-80gb, h100-sxm and h100-pcie; η_compute of a100-80gb's 16-bit and h100-sxm's
/// and l40s's 8-bit paths).
private enum DatacenterFamily {
  static let memoryEfficiency = 0.6896
  static let computeEfficiency = 0.5627
  static let prior =
    "no calibration row (no batch-1 row with stated conditions): median of the fitted datacenter profiles"
}

/// The CPU cores' achievable fractions under llama.cpp's CPU backend (int8 i8mm kernels for q4
/// prefill), fitted on the in-sample Poco F5 (Snapdragon 7+ Gen 2) rows of `public-rows.csv`;
/// the Snapdragon 8 Gen 3's and X Elite's CPUs take the same pair (same kernels; no row with
/// stated conditions measures them). Phone CPU peaks no vendor publishes follow one rule so that
/// the fraction carries over: per core, its 128-bit SIMD pipes (Cortex-X: 4, A7xx: 2, A5xx: 1)
/// × 64 int8 operations (i8mm `smmla`) or 16 fp16 operations (`fmla`) per pipe per cycle × the
/// core's clock. The rule's fp16 figure for the X Elite (12 cores × 4 pipes × 16 × 3.4 GHz =
/// 2.6 TFLOPS) matches cpufp's measured 2.58.
enum ArmPhoneCPUFamily {
  static let cpu = UnitEfficiency(compute: 0.1492, memory: 0.4764)
}
