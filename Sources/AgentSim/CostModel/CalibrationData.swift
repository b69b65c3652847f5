/// The published measurements the built-in catalog is calibrated on: the text of
/// `Tests/AgentSimTests/Fixtures/calibration-rows.csv` (a test keeps the two identical), each row
/// pointing at its line of the team's `public-measurements.csv`; the fixture's README names each
/// source's primary document.
enum CalibrationData {
  /// The fixture's text.
  static let csv = """
    csv_line,source,fitted,hardware,accelerators,engine,model,precision,prompt_tokens,output_tokens,metric,value,assumption
    6,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,int8,512,0,prefill_tok_s,117.25,
    7,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,int8,0,128,decode_tok_s,7.91,
    8,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,117.96,
    9,llama.cpp #4167,yes,apple-m1,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,14.15,
    10,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,599.53,
    11,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,23.03,
    12,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,int8,512,0,prefill_tok_s,537.37,
    13,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,int8,0,128,decode_tok_s,40.2,
    14,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,530.06,
    15,llama.cpp #4167,yes,apple-m1-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,61.19,
    20,llama.cpp #4167,yes,apple-m3-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,66.31,
    24,llama.cpp #4167,yes,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,1238,
    25,llama.cpp #4167,yes,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,94.3,
    30,llama.cpp #4167,yes,apple-m4-max,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,886,
    31,llama.cpp #4167,yes,apple-m4-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,83.1,
    36,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,130.58,
    37,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,7138.99,
    38,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,54.84,
    39,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,9382.0,
    50,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,35.73,
    51,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,408.23,
    52,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,18.75,
    53,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,517.34,
    54,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,78.81,
    55,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,994.04,
    56,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,36.9,
    57,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,1175.4,
    58,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,q4,0,512,decode_tok_s,48.97,
    59,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,q4,512,0,prefill_tok_s,693.32,
    60,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,fp16,0,512,decode_tok_s,22.04,
    61,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-8b,fp16,512,0,prefill_tok_s,769.84,
    62,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-70b,q4,0,512,decode_tok_s,4.34,
    63,XiongjieDai llama.cpp,yes,apple-m1-max,1,llama.cpp,llama-3.1-70b,q4,512,0,prefill_tok_s,34.96,
    64,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,q4,0,512,decode_tok_s,12.48,
    65,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,q4,512,0,prefill_tok_s,118.79,
    66,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,fp16,0,512,decode_tok_s,4.76,
    67,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-3.1-70b,fp16,512,0,prefill_tok_s,147.58,
    68,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-70b,q4,0,512,decode_tok_s,7.65,
    69,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-3.1-70b,q4,512,0,prefill_tok_s,70.19,
    74,XiongjieDai llama.cpp (datacenter GPUs),yes,a100-80gb,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,136.24,generation 128 assumed
    75,XiongjieDai llama.cpp (datacenter GPUs),no,a100-80gb,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,3443.98,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    76,XiongjieDai llama.cpp (datacenter GPUs),yes,a100-80gb,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,73.83,generation 128 assumed
    77,XiongjieDai llama.cpp (datacenter GPUs),no,a100-80gb,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,5105.77,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    78,XiongjieDai llama.cpp (datacenter GPUs),yes,a100-80gb,1,llama.cpp,llama-2-70b,q4,0,128,decode_tok_s,25.68,generation 128 assumed
    79,XiongjieDai llama.cpp (datacenter GPUs),no,a100-80gb,1,llama.cpp,llama-2-70b,q4,512,0,prefill_tok_s,612.41,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    80,XiongjieDai llama.cpp (datacenter GPUs),yes,h100-pcie,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,133.77,generation 128 assumed
    81,XiongjieDai llama.cpp (datacenter GPUs),no,h100-pcie,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,4868.59,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    82,XiongjieDai llama.cpp (datacenter GPUs),yes,h100-pcie,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,83.32,generation 128 assumed
    83,XiongjieDai llama.cpp (datacenter GPUs),no,h100-pcie,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,7367,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    84,XiongjieDai llama.cpp (datacenter GPUs),yes,h100-pcie,1,llama.cpp,llama-2-70b,q4,0,128,decode_tok_s,25.88,generation 128 assumed
    85,XiongjieDai llama.cpp (datacenter GPUs),no,h100-pcie,1,llama.cpp,llama-2-70b,q4,512,0,prefill_tok_s,855.73,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    86,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,149.37,generation 128 assumed
    87,XiongjieDai llama.cpp,no,rtx-4090,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,5531.19,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    88,XiongjieDai llama.cpp,yes,rtx-4090,1,llama.cpp,llama-2-7b,fp16,0,128,decode_tok_s,60.78,generation 128 assumed
    89,XiongjieDai llama.cpp,no,rtx-4090,1,llama.cpp,llama-2-7b,fp16,512,0,prefill_tok_s,7348.69,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    94,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,91.89,generation 128 assumed
    95,XiongjieDai llama.cpp,no,apple-m2-ultra,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,1217.03,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    96,XiongjieDai llama.cpp,yes,apple-m2-ultra,1,llama.cpp,llama-2-70b,q4,0,128,decode_tok_s,14.37,generation 128 assumed
    97,XiongjieDai llama.cpp,no,apple-m2-ultra,1,llama.cpp,llama-2-70b,q4,512,0,prefill_tok_s,133.18,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    98,XiongjieDai llama.cpp,yes,apple-m3-max,1,llama.cpp,llama-2-7b,q4,0,128,decode_tok_s,63.11,generation 128 assumed
    99,XiongjieDai llama.cpp,no,apple-m3-max,1,llama.cpp,llama-2-7b,q4,512,0,prefill_tok_s,740.97,prompt 512 assumed; reference only: the overview table averages runs whose prompt lengths are not stated
    104,Qualcomm AI Hub,yes,snapdragon-8-gen-3,1,qnn,llama-3.1-8b,q4,1024,1,decode_ms_per_token,72.856,context 1024 assumed
    106,Qualcomm AI Hub,yes,snapdragon-8-gen-3,1,qnn,llama-3.1-8b,q4,1024,0,prefill_tok_s,781.67,
    107,Qualcomm AI Hub,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1024,1,decode_ms_per_token,79.17,context 1024 assumed
    109,Qualcomm AI Hub,yes,snapdragon-x-elite,1,qnn,llama-3.1-8b,q4,1024,0,prefill_tok_s,613.83,
    114,TensorRT-LLM,yes,h100-sxm,1,tensorrt-llm,llama-2-7b,fp8,128,1,ttft_ms,7,
    115,TensorRT-LLM,yes,h100-sxm,1,tensorrt-llm,llama-2-7b,fp8,2048,1,ttft_ms,36,
    116,TensorRT-LLM,yes,h100-sxm,4,tensorrt-llm,llama-2-70b,fp8,128,1,ttft_ms,26,
    117,TensorRT-LLM,yes,h100-sxm,4,tensorrt-llm,llama-2-70b,fp8,2048,1,ttft_ms,109,
    118,TensorRT-LLM,yes,l40s,1,tensorrt-llm,llama-2-7b,fp8,128,1,ttft_ms,14,
    119,TensorRT-LLM,yes,l40s,1,tensorrt-llm,llama-2-7b,fp8,2048,1,ttft_ms,73,
    120,TensorRT-LLM,yes,a100-80gb,1,tensorrt-llm,llama-2-7b,fp16,128,1,ttft_ms,16,
    121,TensorRT-LLM,yes,a100-80gb,1,tensorrt-llm,llama-2-7b,fp16,2048,1,ttft_ms,133,
    122,TensorRT-LLM,yes,a100-80gb,4,tensorrt-llm,llama-2-70b,fp16,128,1,ttft_ms,47,
    123,TensorRT-LLM,yes,a100-80gb,4,tensorrt-llm,llama-2-70b,fp16,2048,1,ttft_ms,377,
    134,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,5000,500,ttft_ms,406.77,
    135,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,5000,500,itl_ms,18.58,
    144,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,500,2000,ttft_ms,47.77,
    145,NVIDIA NIM,yes,h100-sxm,2,tensorrt-llm,llama-3.1-70b,fp8,500,2000,itl_ms,18.91,

    """
}
