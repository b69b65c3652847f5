/// The published measurements the built-in catalog is calibrated on: the text of
/// `Tests/AgentSimTests/Fixtures/calibration-rows.csv` (a test keeps the two identical), each row
/// pointing at its line of the team's `public-measurements.csv`; the fixture's README names each
/// source's primary document.
enum CalibrationData {
  /// The fixture's text.
  static let csv = """
    csv_line,source,fitted,hardware,accelerators,engine,model,precision,prompt_tokens,output_tokens,metric,value,assumption,weight_format
    6,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,int8,512,0,prefill_tok_s,117.25,,
    7,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,int8,0,128,decode_tok_s,7.91,,
    8,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,117.96,,
    9,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,14.15,,
    10,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,599.53,,
    11,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,23.03,,
    12,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,int8,512,0,prefill_tok_s,537.37,,
    13,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,int8,0,128,decode_tok_s,40.2,,
    14,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,530.06,,
    15,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,61.19,,
    20,llama.cpp #4167,yes,apple-m3-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,66.31,,
    24,llama.cpp #4167,yes,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,1238,,
    25,llama.cpp #4167,yes,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,94.3,,
    30,llama.cpp #4167,yes,apple-m4-max,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,886,,
    31,llama.cpp #4167,yes,apple-m4-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,83.1,,
    36,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,130.58,,Q4_K_M
    37,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,7138.99,,Q4_K_M
    38,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,54.84,,
    39,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,9382.0,,
    50,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,35.73,,Q4_K_M
    51,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,408.23,,Q4_K_M
    52,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,18.75,,
    53,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,517.34,,
    54,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,78.81,,Q4_K_M
    55,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,994.04,,Q4_K_M
    56,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,36.9,,
    57,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,1175.4,,
    58,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,48.97,,Q4_K_M
    59,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,693.32,,Q4_K_M
    60,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,22.04,,
    61,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,769.84,,
    62,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-70b,q4,0,512,decode_tok_s,4.34,,Q4_K_M
    63,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-70b,q4,512,0,prefill_tok_s,34.96,,Q4_K_M
    64,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,q4,0,512,decode_tok_s,12.48,,Q4_K_M
    65,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,q4,512,0,prefill_tok_s,118.79,,Q4_K_M
    66,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,fp16,0,512,decode_tok_s,4.76,,
    67,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,fp16,512,0,prefill_tok_s,147.58,,
    68,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-70b,q4,0,512,decode_tok_s,7.65,,Q4_K_M
    69,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-70b,q4,512,0,prefill_tok_s,70.19,,Q4_K_M
    74,XiongjieDai llama.cpp (datacenter GPUs),yes,a100-80gb,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,136.24,generation 128 assumed,
    75,XiongjieDai llama.cpp (datacenter GPUs),no,a100-80gb,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,3443.98,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    76,XiongjieDai llama.cpp (datacenter GPUs),yes,a100-80gb,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,73.83,generation 128 assumed,
    77,XiongjieDai llama.cpp (datacenter GPUs),no,a100-80gb,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,5105.77,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    78,XiongjieDai llama.cpp (datacenter GPUs),yes,a100-80gb,1,llama.cpp,llama-2-70b,q4,0,128,decode_tok_s,25.68,generation 128 assumed,
    79,XiongjieDai llama.cpp (datacenter GPUs),no,a100-80gb,1,llama.cpp,llama-2-70b,q4,512,0,prefill_tok_s,612.41,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    80,XiongjieDai llama.cpp (datacenter GPUs),yes,h100-pcie,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,133.77,generation 128 assumed,
    81,XiongjieDai llama.cpp (datacenter GPUs),no,h100-pcie,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,4868.59,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    82,XiongjieDai llama.cpp (datacenter GPUs),yes,h100-pcie,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,83.32,generation 128 assumed,
    83,XiongjieDai llama.cpp (datacenter GPUs),no,h100-pcie,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,7367,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    84,XiongjieDai llama.cpp (datacenter GPUs),yes,h100-pcie,1,llama.cpp,llama-2-70b,q4,0,128,decode_tok_s,25.88,generation 128 assumed,
    85,XiongjieDai llama.cpp (datacenter GPUs),no,h100-pcie,1,llama.cpp,llama-2-70b,q4,512,0,prefill_tok_s,855.73,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    86,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,149.37,generation 128 assumed,
    87,XiongjieDai llama.cpp,no,rtx-4090,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,5531.19,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    88,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,60.78,generation 128 assumed,
    89,XiongjieDai llama.cpp,no,rtx-4090,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,7348.69,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    94,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,91.89,generation 128 assumed,
    95,XiongjieDai llama.cpp,no,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,1217.03,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    96,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-2-70b,q4,0,128,decode_tok_s,14.37,generation 128 assumed,
    97,XiongjieDai llama.cpp,no,apple-m2-ultra,1,llama.cpp,llama-2-70b,q4,512,0,prefill_tok_s,133.18,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    98,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,63.11,generation 128 assumed,
    99,XiongjieDai llama.cpp,no,apple-m3-max,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,740.97,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated,
    104,Qualcomm AI Hub,yes,snapdragon-8-gen-3,1,qnn,llama-3.1-8b,q4,1024,1,decode_ms_per_token,72.856,context 1024 assumed,
    106,Qualcomm AI Hub,yes,snapdragon-8-gen-3,1,qnn,llama-3.1-8b,q4,1024,0,prefill_tok_s,781.67,,
    107,Qualcomm AI Hub,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1024,1,decode_ms_per_token,79.17,context 1024 assumed,
    109,Qualcomm AI Hub,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1024,0,prefill_tok_s,613.83,,
    114,TensorRT-LLM,yes,h100-sxm,1,tensorrt-llm,llama-2-7b,fp8,128,1,ttft_ms,7,,
    115,TensorRT-LLM,yes,h100-sxm,1,tensorrt-llm,llama-2-7b,fp8,2048,1,ttft_ms,36,,
    116,TensorRT-LLM,yes,h100-sxm,4,tensorrt-llm,llama-2-70b,fp8,128,1,ttft_ms,26,,
    117,TensorRT-LLM,yes,h100-sxm,4,tensorrt-llm,llama-2-70b,fp8,2048,1,ttft_ms,109,,
    118,TensorRT-LLM,yes,l40s,1,tensorrt-llm,llama-2-7b,fp8,128,1,ttft_ms,14,,
    119,TensorRT-LLM,yes,l40s,1,tensorrt-llm,llama-2-7b,fp8,2048,1,ttft_ms,73,,
    120,TensorRT-LLM,yes,a100-80gb,1,tensorrt-llm,llama-2-7b,fp16,128,1,ttft_ms,16,,
    121,TensorRT-LLM,yes,a100-80gb,1,tensorrt-llm,llama-2-7b,fp16,2048,1,ttft_ms,133,,
    122,TensorRT-LLM,yes,a100-80gb,4,tensorrt-llm,llama-2-70b,fp16,128,1,ttft_ms,47,,
    123,TensorRT-LLM,yes,a100-80gb,4,tensorrt-llm,llama-2-70b,fp16,2048,1,ttft_ms,377,,
    134,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,5000,500,ttft_ms,406.77,,
    135,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,5000,500,itl_ms,18.58,,
    144,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,500,2000,ttft_ms,47.77,,
    145,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,500,2000,itl_ms,18.91,,

    """

  /// The project's own rows (`Tests/AgentSimTests/Fixtures/public-rows.csv`, kept identical by a
  /// test): measurements found in public threads and documents that the team's table lacks, each
  /// with its URL, the date of the post and what was measured.
  static let publicRows = """
    source,url,date,fitted,hardware,accelerators,engine,model,precision,batch,prompt_tokens,output_tokens,metric,value,measured,weight_format
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,260,0,prefill_tok_s,75.871,mlx_lm 0.20.4 / mlx 0.21.1; Llama-3.3-70B-Instruct-4bit (group 64: 4.5 bits); M3 Max 64 GB (the 64 GB M3 Max has the 40-core GPU); prompt processing speed at 260 prompt tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,260,309,decode_tok_s,9.351,same run; token generation speed over 309 generated tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,1171,0,prefill_tok_s,83.843,same setup; prompt processing speed at 1171 prompt tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,1171,744,decode_tok_s,9.287,same run; token generation speed over 744 generated tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,4126,0,prefill_tok_s,79.41,same setup; prompt processing speed at 4126 prompt tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,4126,724,decode_tok_s,8.917,same run; token generation speed over 724 generated tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,10088,0,prefill_tok_s,72.363,same setup; prompt processing speed at 10088 prompt tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,10088,887,decode_tok_s,8.328,same run; token generation speed over 887 generated tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,20236,0,prefill_tok_s,64.452,same setup; prompt processing speed at 20236 prompt tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/issues/1029,2024-12-15,yes,apple-m3-max,1,mlx,llama-3.1-70b,q4,1,20236,625,decode_tok_s,7.423,same run; token generation speed over 625 generated tokens,
    MLX (mlx-examples threads),https://github.com/ml-explore/mlx-examples/pull/1069,2024-10-24,yes,apple-m2-ultra,1,mlx,llama-3.1-70b,bf16,1,16,100,decode_tok_s,4.7,mlx_lm.generate; Meta-Llama-3-70B-Instruct in 16-bit with wired memory; M2 Ultra (GPU cores not stated; both variants have 800 GB/s); generation of 100 tokens after a 16-token prompt,
    SGLang bench_latency,https://github.com/sgl-project/sglang/issues/1008,2024-08-09,yes,h100-sxm,1,sglang-v0.3,llama-3.1-8b,bf16,1,128,0,decode_step_ms,7.37,sglang.bench_latency Meta-Llama-3-8B TP1 with CUDA graphs; median decode step at batch 1 after a 128-token prompt; GPU not stated in the excerpt: H100 SXM assumed (an A100's 2.0 TB/s cannot read 16 GB in 7.4 ms),
    SGLang bench_latency,https://github.com/sgl-project/sglang/issues/1008,2024-08-09,no,h100-sxm,1,sglang-v0.3,llama-3.1-8b,bf16,128,128,0,decode_step_ms,11.84,same setup; median decode step at batch 128 after 128-token prompts; reference only: its memory and compute times are comparable and overlap imperfectly (the step is close to their sum) which the roofline's max does not model; fitting it would push the gap into SGLang's fixed overheads,
    SGLang bench_latency,https://github.com/sgl-project/sglang/issues/1008,2024-08-09,yes,h100-sxm,1,sglang,llama-3.1-8b,bf16,1,128,0,decode_step_ms,6.42,the issue's second line: the same sglang.bench_latency run with --enable-torch-compile (torch.compile fuses the norm; rotary and activation kernels around FlashInfer attention under the same CUDA graphs); median decode step at batch 1 after a 128-token prompt; the configuration SGLang latency benchmarks use since (No Bubbles: 'CUDA graphs and torch compilation'); H100 SXM as for the first line,
    SGLang bench_latency,https://github.com/sgl-project/sglang/issues/1008,2024-08-09,no,h100-sxm,1,sglang,llama-3.1-8b,bf16,128,128,0,decode_step_ms,12.31,same torch.compile run at batch 128; reference only for the reason its CUDA-graph sibling is,
    SGLang bench_latency,https://github.com/sgl-project/sglang/issues/1008,2024-08-09,yes,h100-sxm,8,sglang-v0.3,llama-3.1-8b,bf16,1,128,0,decode_step_ms,3.35,same setup at tensor parallel 8; median decode step at batch 1,
    vLLM benchmark_latency,https://github.com/vllm-project/vllm/pull/10933,2024-12-05,yes,h100-sxm,1,vllm,llama-3.1-8b,bf16,1,32,128,latency_ms,970.4,benchmark_latency.py Meta-Llama-3-8B batch 1 (defaults: 32 input and 128 output tokens) on the main branch; average whole-request latency; GPU not stated: H100 SXM assumed (128 steps of 16 GB in 0.97 s exceed an A100's bandwidth),
    vLLM benchmark_latency,https://github.com/vllm-project/vllm/pull/11000,2024-12-09,yes,h100-sxm,1,vllm,llama-3.1-8b,bf16,1,32,128,latency_ms,944.7,same benchmark under the V1 engine (VLLM_USE_V1=1); average whole-request latency,
    No Bubbles (Hazy Research),https://hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles,2025-05-27,yes,h100-sxm,1,vllm,llama-3.2-1b,bf16,1,96,0,decode_step_ms,2.368,Llama-3.2-1B batch-1 decode after a 32-token prompt (128 generated: the middle step has 96 tokens of context); the megakernel streams the weights at 78% of H100 bandwidth and vLLM is 2.5x slower: 2.5 x the megakernel's step (recomputed by a test),
    No Bubbles (Hazy Research),https://hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles,2025-05-27,no,b200,1,vllm,llama-3.2-1b,bf16,1,96,0,decode_step_ms,2.38,same setup on a B200: the megakernel runs a forward pass in under 680 us and vLLM is over 3.5x slower: 3.5 x 0.68 ms (recomputed by a test); reference only: both figures are bounds and vLLM's Blackwell decode path of May 2025 predates its SM100 attention backends (FlashInfer TRT-LLM decode kernels: vllm-project/vllm#19825 of July 2025) so the row measures kernels the current profile does not stand for,
    No Bubbles (Hazy Research),https://hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles,2025-05-27,yes,b200,1,sglang,llama-3.2-1b,bf16,1,96,0,decode_step_ms,1.02,same setup on a B200; SGLang (CUDA graphs and torch compilation; the post's words) is more than 1.5x slower than the megakernel's under-680-us forward pass: 1.5 x 0.68 ms (recomputed by a test),
    No Bubbles (Hazy Research),https://hazyresearch.stanford.edu/blog/2025-05-27-no-bubbles,2025-05-27,yes,h100-sxm,1,sglang,llama-3.2-1b,bf16,1,96,0,decode_step_ms,1.421,same setup; SGLang (CUDA graphs and torch compilation; the post's words) is 1.5x slower than the megakernel: 1.5 x its step (recomputed by a test),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v3_2_3b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-3.2-3b,q4,1,128,0,prefill_ms,125.936,Llama-v3.2-3B-Instruct w4a16 (a few layers w8a16) on the Snapdragon X Elite CRD NPU through Genie; time_to_first_token_range_milliseconds min: info.yaml says the lower bound is one iteration of the 128-token prompt processor (the max is exactly 32 times it: computed not measured so not used),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v3_2_3b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-3.2-3b,q4,1,4096,0,decode_tok_s,18.4176,same entry; tokens_per_second (response rate after the first token) at context_length 4096: the compiled token generator attends over its whole 4096-token KV cache whatever the prompt so the step is taken at context 4096,
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v3_1_8b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1,128,0,prefill_ms,207.727,Llama-v3.1-8B-Instruct w4a16 (a few layers w8a16) on the X Elite CRD NPU through Genie; TTFT range min = one 128-token prompt-processor iteration (info.yaml),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v3_1_8b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1,4096,0,decode_tok_s,9.357,same entry; tokens_per_second at context_length 4096 (static 4096-token KV cache),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v3_8b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1,128,0,prefill_ms,211.644,Llama-v3-8B-Instruct (same shape as Llama 3.1 8B) w4a16 on the X Elite CRD NPU through Genie; TTFT range min = one 128-token prompt-processor iteration (info.yaml),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v3_8b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1,4096,0,decode_tok_s,10.0367,same entry; tokens_per_second at context_length 4096 (static 4096-token KV cache),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/phi_3_5_mini_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,phi-3-mini,q4,1,128,0,prefill_ms,185.833,Phi-3.5-Mini-Instruct (same shape as Phi-3 mini) w4a16 on the X Elite CRD NPU (qnn_context_binary runtime); TTFT range min = one 128-token prompt-processor iteration (info.yaml),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/phi_3_5_mini_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,phi-3-mini,q4,1,4096,0,decode_tok_s,6.2,same entry; tokens_per_second at context_length 4096 (static 4096-token KV cache),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/phi_3_5_mini_instruct/perf.yaml,2026-02-11,yes,snapdragon-8-gen-3,1,qnn,phi-3-mini,q4,1,128,0,prefill_ms,146.9056,same model on the Samsung Galaxy S24 (Snapdragon 8 Gen 3) NPU (qnn_context_binary); TTFT range min = one 128-token prompt-processor iteration (info.yaml),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/phi_3_5_mini_instruct/perf.yaml,2026-02-11,yes,snapdragon-8-gen-3,1,qnn,phi-3-mini,q4,1,4096,0,decode_tok_s,13.01,same entry (Galaxy S24); tokens_per_second at context_length 4096 (static 4096-token KV cache),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/qwen2_5_7b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,qwen2.5-7b,q4,1,128,0,prefill_ms,174.9494,Qwen2.5-7B-Instruct w4a16 on the X Elite CRD NPU (qnn_context_binary); TTFT range min = one 128-token prompt-processor iteration (info.yaml),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/qwen2_5_7b_instruct/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,qwen2.5-7b,q4,1,4096,0,decode_tok_s,12.33811,same entry; tokens_per_second at context_length 4096 (static 4096-token KV cache),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v2_7b_chat/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-2-7b,q4,1,1024,0,prefill_ms,1919.0,Llama-v2-7B-Chat w4a16 (part w8a16) on the X Elite CRD NPU (qnn_context_binary); TTFT min = max: info.yaml says the prompt processor takes the full 1024-token context in one iteration,
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v2_7b_chat/perf.yaml,2026-02-11,yes,snapdragon-x-elite,1,qnn,llama-2-7b,q4,1,1024,0,decode_tok_s,11.2,same entry; tokens_per_second at context_length 1024 (static 1024-token KV cache),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v2_7b_chat/perf.yaml,2026-02-11,yes,snapdragon-8-gen-3,1,qnn,llama-2-7b,q4,1,1024,0,prefill_ms,1495.83,same model on the Samsung Galaxy S24 (Snapdragon 8 Gen 3) NPU; one 1024-token prompt-processor iteration (info.yaml),
    Qualcomm AI Hub v0.46.1,https://github.com/quic/ai-hub-models/blob/v0.46.1/qai_hub_models/models/llama_v2_7b_chat/perf.yaml,2026-02-11,yes,snapdragon-8-gen-3,1,qnn,llama-2-7b,q4,1,1024,0,decode_tok_s,12.85,same entry (Galaxy S24); tokens_per_second at context_length 1024 (static 1024-token KV cache),
    SGLang PR #1401,https://github.com/sgl-project/sglang/pull/1401,2024-09-12,yes,h100-sxm,1,sglang-v0.3,llama-3.1-8b,bf16,1,128,8,decode_step_ms,7.06,sglang.bench_latency Meta-Llama-3-8B --batch-size 1 --input 128 --output 8 --attention-backend triton with CUDA graphs (the PR's 'triton w/ cuda graph' line); median decode step; the attention kernel is a small part of a 128-token batch-1 step (its KV cache is 16 MB against 16 GB of weights); H100 SXM as for the FlashInfer line,
    SGLang PR #1401,https://github.com/sgl-project/sglang/pull/1401,2024-09-12,yes,h100-sxm,1,sglang-v0.3,llama-3.1-8b,bf16,1,128,8,decode_step_ms,7.35,sglang.bench_latency Meta-Llama-3-8B --batch-size 1 --input 128 --output 8 with the default FlashInfer attention backend and CUDA graphs (the PR's 'flashinfer w/ cuda graph' line); median decode step; GPU not stated: H100 SXM assumed (16 GB of weights in 7.35 ms exceed an A100's 2.0 TB/s); the PR's no-CUDA-graph lines run decode eagerly (a configuration no profile stands for) and are not used,
    MLC llm-perf-bench,https://github.com/mlc-ai/llm-perf-bench/blob/d401356/README.md,2023-11-14,yes,rtx-4090,1,mlc,llama-2-7b,q4,1,7,256,decode_tok_s,204.8,mlc_chat.cli.benchmark Llama-2-7b-chat-hf q4f16_1 (4-bit weights with an fp16 scale per 32: 4.5 bits like Q4_0) built with --use-cuda-graph; MLC LLM commit 8e94910e (2023-10-04); single GPU batch 1; 256 generated tokens after the 7-token prompt 'What is the meaning of life?' (the README's --input-len 7),
    MLC llm-perf-bench,https://github.com/mlc-ai/llm-perf-bench/blob/d401356/README.md,2023-11-14,yes,rtx-4090,1,mlc,llama-2-13b,q4,1,7,256,decode_tok_s,113.5,same setup; Llama-2-13b-chat-hf q4f16_1,
    MLC llm-perf-bench,https://github.com/mlc-ai/llm-perf-bench/blob/d401356/README.md,2023-11-14,yes,rtx-4090,1,llama.cpp,llama-2-7b,q4,1,7,256,decode_tok_s,151.1,llama.cpp main -p 'What is the meaning of life?' -n 256 -ngl 999 --ignore-eos at commit 9476b012 (2023-10-02); the value entered with commit bcbde76 whose instructions used llama-2-7b.Q4_K_M.gguf and was not re-measured when the instructions moved to Q4_0 (commit 83b6285 changed only the RTX 3090 Ti values): Q4_K_M,Q4_K_M
    MLC llm-perf-bench,https://github.com/mlc-ai/llm-perf-bench/blob/d401356/README.md,2023-11-14,yes,rtx-4090,1,llama.cpp,llama-2-13b,q4,1,7,256,decode_tok_s,88.0,same setup; Llama-2-13B Q4_K_M (see the 7B row),Q4_K_M
    MLC llm-perf-bench,https://github.com/mlc-ai/llm-perf-bench/pull/1,2023-08-05,yes,rtx-4090,1,mlc,llama-2-7b,q4,1,7,256,decode_tok_s,191.0,earlier run of the same benchmark (README at commit 167f82b and the review comment in PR #1): MLC LLM commit 502f6808 with CUDA 11.8; Llama-2-7B q4f16_1 batch 1 decoding 256 tokens after the same 7-token prompt,
    MLC llm-perf-bench,https://github.com/mlc-ai/llm-perf-bench/pull/1,2023-08-05,yes,rtx-4090,1,mlc,llama-2-13b,q4,1,7,256,decode_tok_s,108.8,same run; Llama-2-13B q4f16_1,
    EAGLE-3 (SGLang baseline),https://arxiv.org/abs/2503.01840,2025-03-03,yes,h100-sxm,1,sglang,llama-3.1-8b,bf16,1,256,256,decode_tok_s,158.34,the paper's SGLang table (SGLang v0.4.4; also in SGLang's speculative-decoding docs): LLaMA-Instruct 3.1 8B on MT-bench at batch 1 without speculation on one H100; throughput over whole requests (the prefill of an MT-bench prompt is under 1% of a generation); 16-bit weights; prompt and output lengths not stated: 256 and 256 assumed (the context moves the 8B step by under 1%); H100 SXM assumed (the PCIe card's 2.0 TB/s cannot read 16 GB in 6.3 ms),
    llama.cpp Adreno OpenCL (PR #19840),https://github.com/ggml-org/llama.cpp/pull/19840,2026-02-27,yes,snapdragon-x-elite,1,llama.cpp,qwen3-0.6b,q4,1,235,0,prefill_tok_s,441.08,llama.cpp OpenCL backend on the X Elite's Adreno X1-85 GPU (all layers offloaded); Qwen3-0.6B-Q4_1 (5 bits per weight); the first model of the PR thread's 'Before' run (Q4_1 through the generic kernels that the PR then replaces; rows in the thread's order: Qwen3-0.6B then Qwen3-4B then Llama-3.2-3B); common_perf_print prompt eval 532.78 ms for 235 tokens,Q4_1,gpu
    llama.cpp Adreno OpenCL (PR #19840),https://github.com/ggml-org/llama.cpp/pull/19840,2026-02-27,yes,snapdragon-x-elite,1,llama.cpp,qwen3-0.6b,q4,1,235,256,decode_tok_s,45.77,same run; eval 5592.80 ms for 256 runs (21.85 ms per token) after the 235-token prompt,Q4_1,gpu
    llama.cpp Adreno OpenCL (PR #19840),https://github.com/ggml-org/llama.cpp/pull/19840,2026-02-27,yes,snapdragon-x-elite,1,llama.cpp,qwen3-4b,q4,1,235,0,prefill_tok_s,64.34,same 'Before' run; Qwen3-4B-Q4_1; prompt eval 3652.33 ms for 235 tokens,Q4_1,gpu
    llama.cpp Adreno OpenCL (PR #19840),https://github.com/ggml-org/llama.cpp/pull/19840,2026-02-27,yes,snapdragon-x-elite,1,llama.cpp,qwen3-4b,q4,1,235,256,decode_tok_s,10.94,same run; eval 23390.10 ms for 256 runs (91.37 ms per token) after the 235-token prompt,Q4_1,gpu
    llama.cpp Adreno OpenCL (PR #19840),https://github.com/ggml-org/llama.cpp/pull/19840,2026-02-27,yes,snapdragon-x-elite,1,llama.cpp,llama-3.2-3b,q4,1,236,0,prefill_tok_s,83.50,llama.cpp OpenCL backend on the X Elite's Adreno X1-85 GPU (all layers offloaded); Llama-3.2-3B-Instruct-Q4_1 (5 bits per weight); the 'Before' run of the PR thread (Q4_1 through the generic kernels that the PR then replaces); common_perf_print prompt eval 2826.35 ms for 236 tokens,Q4_1,gpu
    llama.cpp Adreno OpenCL (PR #19840),https://github.com/ggml-org/llama.cpp/pull/19840,2026-02-27,yes,snapdragon-x-elite,1,llama.cpp,llama-3.2-3b,q4,1,236,256,decode_tok_s,13.23,same run; eval 19356.50 ms for 256 runs (75.61 ms per token) after the 236-token prompt,Q4_1,gpu
    llama.cpp PR #9921 (Poco F5),https://github.com/ggml-org/llama.cpp/pull/9921,2024-11-30,yes,snapdragon-7-plus-gen-2,1,llama.cpp,llama-3.2-1b,q4,1,512,0,prefill_tok_s,149.77,llama-bench pp512 on a Poco F5 (Snapdragon 7+ Gen 2) CPU; 'llama 1B Q4_0' of 1.24 B parameters (Llama-3.2-1B; the file's 0.71 GiB includes its output and embedding tensors) with the default thread count; 149.77 +- 19.69 t/s,,cpu
    llama.cpp PR #9921 (Poco F5),https://github.com/ggml-org/llama.cpp/pull/9921,2024-11-30,yes,snapdragon-7-plus-gen-2,1,llama.cpp,llama-3.2-1b,q4,1,0,128,decode_tok_s,30.10,same run; llama-bench tg128 (128 tokens generated from an empty context); 30.10 +- 1.96 t/s,,cpu
    llama.cpp PR #9921 (Poco F5),https://github.com/ggml-org/llama.cpp/pull/9921,2024-11-30,yes,snapdragon-7-plus-gen-2,1,llama.cpp,llama-3.2-1b,q4,1,512,0,prefill_tok_s,169.06,same phone and build; the same weights repacked as Q4_0_4_8 (Q4_0's bytes interleaved for the i8mm GEMM kernels); pp512 169.06 +- 9.21 t/s,,cpu
    llama.cpp PR #9921 (Poco F5),https://github.com/ggml-org/llama.cpp/pull/9921,2024-11-30,yes,snapdragon-7-plus-gen-2,1,llama.cpp,llama-3.2-1b,q4,1,0,128,decode_tok_s,33.53,same run as Q4_0_4_8; tg128 33.53 +- 0.83 t/s,,cpu
    llama.cpp #14337 (Snapdragon 8 Gen 3 OpenCL),https://github.com/ggml-org/llama.cpp/issues/14337,2025-06-23,yes,snapdragon-8-gen-3,1,llama.cpp,qwen2.5-1.5b,q4,1,148,0,prefill_tok_s,238.94,llama.cpp OpenCL backend on a Snapdragon 8 Gen 3 phone's Adreno 750 (the issue's opening post); 'Qwen 1.5B' (Qwen2 and Qwen2.5 1.5B share one shape); file type not stated: Q4_0 assumed (the only 4-bit type the Adreno kernels then optimized; F16 is ruled out by physics: its 3.1 GB at the measured 27.3 tok/s would need 84 GB/s of a 76.8 GB/s memory); llama_perf prompt eval 619.41 ms for 148 tokens,,gpu
    llama.cpp #14337 (Snapdragon 8 Gen 3 OpenCL),https://github.com/ggml-org/llama.cpp/issues/14337,2025-06-23,yes,snapdragon-8-gen-3,1,llama.cpp,qwen2.5-1.5b,q4,1,148,742,decode_tok_s,27.34,same run; eval 27143.21 ms for 742 runs (36.58 ms per token) after the 148-token prompt,,gpu
    llama.cpp PR #10693 (Xiaomi 14 OpenCL),https://github.com/ggml-org/llama.cpp/pull/10693,2024-12-19,yes,snapdragon-8-gen-3,1,llama.cpp,llama-3.2-1b,q4,1,0,32,decode_tok_s,23.10,llama-bench tg32 on a Xiaomi 14 (Snapdragon 8 Gen 3) Adreno 750 through the OpenCL backend as first merged (December 2024 Adreno Q4_0 kernels: an earlier kernel generation than the June 2025 build of #14337 so a source of its own); 'llama 1B Q4_0' of 1.24 B parameters (Llama-3.2-1B); -ngl 99; 23.10 +- 0.34 t/s; rows ordered decode first so that the in-sample row is the memory-bound one the unit lacks (two rows: the second is held out); the same comment's F16 runs are left out (F16 matmuls then ran through generic kernels: pp128 33.68 t/s),,gpu
    llama.cpp PR #10693 (Xiaomi 14 OpenCL),https://github.com/ggml-org/llama.cpp/pull/10693,2024-12-19,yes,snapdragon-8-gen-3,1,llama.cpp,llama-3.2-1b,q4,1,128,0,prefill_tok_s,327.75,same run; llama-bench pp128; 327.75 +- 1.58 t/s,,gpu

    """
}
