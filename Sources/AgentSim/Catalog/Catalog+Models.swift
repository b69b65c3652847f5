extension Catalog {
  /// The built-in models. Every number is from the model's `config.json` on Hugging Face (the
  /// `source` names the repository); parameter counts derived from them are checked against the
  /// published totals in the tests.
  static let builtInModels: [ModelArchitecture] = [
    ModelArchitecture(
      name: "llama-2-7b", layers: 32, hiddenSize: 4096, intermediateSize: 11_008,
      attentionHeads: 32, kvHeads: 32, headDimension: 128, vocabularySize: 32_000,
      tiedEmbeddings: false, maxContextTokens: 4096,
      source: "huggingface.co/meta-llama/Llama-2-7b-hf config.json"),
    ModelArchitecture(
      name: "llama-2-13b", layers: 40, hiddenSize: 5120, intermediateSize: 13_824,
      attentionHeads: 40, kvHeads: 40, headDimension: 128, vocabularySize: 32_000,
      tiedEmbeddings: false, maxContextTokens: 4096,
      source: "huggingface.co/meta-llama/Llama-2-13b-hf config.json"),
    ModelArchitecture(
      name: "llama-2-70b", layers: 80, hiddenSize: 8192, intermediateSize: 28_672,
      attentionHeads: 64, kvHeads: 8, headDimension: 128, vocabularySize: 32_000,
      tiedEmbeddings: false, maxContextTokens: 4096,
      source: "huggingface.co/meta-llama/Llama-2-70b-hf config.json"),
    ModelArchitecture(
      name: "llama-3.2-1b", layers: 16, hiddenSize: 2048, intermediateSize: 8192,
      attentionHeads: 32, kvHeads: 8, headDimension: 64, vocabularySize: 128_256,
      tiedEmbeddings: true, maxContextTokens: 131_072,
      source: "huggingface.co/meta-llama/Llama-3.2-1B config.json"),
    ModelArchitecture(
      name: "llama-3.2-3b", layers: 28, hiddenSize: 3072, intermediateSize: 8192,
      attentionHeads: 24, kvHeads: 8, headDimension: 128, vocabularySize: 128_256,
      tiedEmbeddings: true, maxContextTokens: 131_072,
      source: "huggingface.co/meta-llama/Llama-3.2-3B config.json"),
    ModelArchitecture(
      name: "llama-3.1-8b", layers: 32, hiddenSize: 4096, intermediateSize: 14_336,
      attentionHeads: 32, kvHeads: 8, headDimension: 128, vocabularySize: 128_256,
      tiedEmbeddings: false, maxContextTokens: 131_072,
      source: "huggingface.co/meta-llama/Llama-3.1-8B config.json (Llama 3 8B has the same shape"
        + " with an 8,192-token context)"),
    ModelArchitecture(
      name: "llama-3.1-70b", layers: 80, hiddenSize: 8192, intermediateSize: 28_672,
      attentionHeads: 64, kvHeads: 8, headDimension: 128, vocabularySize: 128_256,
      tiedEmbeddings: false, maxContextTokens: 131_072,
      source: "huggingface.co/meta-llama/Llama-3.1-70B config.json (Llama 3 70B and Llama 3.3"
        + " 70B have the same shape)"),
    ModelArchitecture(
      name: "llama-3.1-405b", layers: 126, hiddenSize: 16_384, intermediateSize: 53_248,
      attentionHeads: 128, kvHeads: 8, headDimension: 128, vocabularySize: 128_256,
      tiedEmbeddings: false, maxContextTokens: 131_072,
      source: "huggingface.co/meta-llama/Llama-3.1-405B config.json"),
    ModelArchitecture(
      name: "mistral-7b", layers: 32, hiddenSize: 4096, intermediateSize: 14_336,
      attentionHeads: 32, kvHeads: 8, headDimension: 128, vocabularySize: 32_768,
      tiedEmbeddings: false, maxContextTokens: 32_768,
      source: "huggingface.co/mistralai/Mistral-7B-v0.3 config.json"),
    ModelArchitecture(
      name: "phi-3-mini", layers: 32, hiddenSize: 3072, intermediateSize: 8192,
      attentionHeads: 32, kvHeads: 32, headDimension: 96, vocabularySize: 32_064,
      tiedEmbeddings: false, maxContextTokens: 4096,
      source: "huggingface.co/microsoft/Phi-3-mini-4k-instruct config.json"),
    ModelArchitecture(
      name: "qwen2.5-1.5b", layers: 28, hiddenSize: 1536, intermediateSize: 8960,
      attentionHeads: 12, kvHeads: 2, headDimension: 128, vocabularySize: 151_936,
      tiedEmbeddings: true, maxContextTokens: 32_768,
      source: "huggingface.co/Qwen/Qwen2.5-1.5B-Instruct config.json (Qwen2-1.5B has the same"
        + " shape)"),
    ModelArchitecture(
      name: "qwen2.5-3b", layers: 36, hiddenSize: 2048, intermediateSize: 11_008,
      attentionHeads: 16, kvHeads: 2, headDimension: 128, vocabularySize: 151_936,
      tiedEmbeddings: true, maxContextTokens: 32_768,
      source: "huggingface.co/Qwen/Qwen2.5-3B-Instruct config.json"),
    ModelArchitecture(
      name: "qwen2.5-7b", layers: 28, hiddenSize: 3584, intermediateSize: 18_944,
      attentionHeads: 28, kvHeads: 4, headDimension: 128, vocabularySize: 152_064,
      tiedEmbeddings: false, maxContextTokens: 32_768,
      source: "huggingface.co/Qwen/Qwen2.5-7B-Instruct config.json"),
    ModelArchitecture(
      name: "qwen2.5-14b", layers: 48, hiddenSize: 5120, intermediateSize: 13_824,
      attentionHeads: 40, kvHeads: 8, headDimension: 128, vocabularySize: 152_064,
      tiedEmbeddings: false, maxContextTokens: 32_768,
      source: "huggingface.co/Qwen/Qwen2.5-14B-Instruct config.json"),
    ModelArchitecture(
      name: "qwen2.5-32b", layers: 64, hiddenSize: 5120, intermediateSize: 27_648,
      attentionHeads: 40, kvHeads: 8, headDimension: 128, vocabularySize: 152_064,
      tiedEmbeddings: false, maxContextTokens: 32_768,
      source: "huggingface.co/Qwen/Qwen2.5-32B-Instruct config.json"),
    ModelArchitecture(
      name: "qwen2.5-72b", layers: 80, hiddenSize: 8192, intermediateSize: 29_568,
      attentionHeads: 64, kvHeads: 8, headDimension: 128, vocabularySize: 152_064,
      tiedEmbeddings: false, maxContextTokens: 32_768,
      source: "huggingface.co/Qwen/Qwen2.5-72B-Instruct config.json"),
    ModelArchitecture(
      name: "qwen3-0.6b", layers: 28, hiddenSize: 1024, intermediateSize: 3072,
      attentionHeads: 16, kvHeads: 8, headDimension: 128, vocabularySize: 151_936,
      tiedEmbeddings: true, maxContextTokens: 40_960,
      source: "huggingface.co/Qwen/Qwen3-0.6B config.json"),
    ModelArchitecture(
      name: "qwen3-4b", layers: 36, hiddenSize: 2560, intermediateSize: 9728,
      attentionHeads: 32, kvHeads: 8, headDimension: 128, vocabularySize: 151_936,
      tiedEmbeddings: true, maxContextTokens: 40_960,
      source: "huggingface.co/Qwen/Qwen3-4B config.json"),
    ModelArchitecture(
      name: "gemma-2-9b", layers: 42, hiddenSize: 3584, intermediateSize: 14_336,
      attentionHeads: 16, kvHeads: 8, headDimension: 256, vocabularySize: 256_000,
      tiedEmbeddings: true, maxContextTokens: 8192,
      source: "huggingface.co/google/gemma-2-9b config.json (alternating 4,096-token sliding"
        + " window not modelled: KV is counted for the full context)"),
    ModelArchitecture(
      name: "gemma-2-27b", layers: 46, hiddenSize: 4608, intermediateSize: 36_864,
      attentionHeads: 32, kvHeads: 16, headDimension: 128, vocabularySize: 256_000,
      tiedEmbeddings: true, maxContextTokens: 8192,
      source: "huggingface.co/google/gemma-2-27b config.json (alternating 4,096-token sliding"
        + " window not modelled)"),
    ModelArchitecture(
      name: "mixtral-8x7b", layers: 32, hiddenSize: 4096, intermediateSize: 14_336,
      attentionHeads: 32, kvHeads: 8, headDimension: 128, vocabularySize: 32_000,
      tiedEmbeddings: false, experts: 8, activeExperts: 2, maxContextTokens: 32_768,
      source: "huggingface.co/mistralai/Mixtral-8x7B-v0.1 config.json"),
    ModelArchitecture(
      name: "deepseek-v3", layers: 61, hiddenSize: 7168, intermediateSize: 18_432,
      attentionHeads: 128, kvHeads: 128, headDimension: 128, vocabularySize: 129_280,
      tiedEmbeddings: false, experts: 256, activeExperts: 8, sharedExperts: 1,
      expertIntermediateSize: 2048, denseLayers: 3,
      latentAttention: LatentAttention(
        queryRank: 1536, keyValueRank: 512, nopeHeadDimension: 128, ropeHeadDimension: 64,
        valueHeadDimension: 128),
      maxContextTokens: 163_840,
      source: "huggingface.co/deepseek-ai/DeepSeek-V3 config.json (the 14B-parameter"
        + " multi-token-prediction module is not counted)"),
    ModelArchitecture(
      name: "gpt-oss-20b", layers: 24, hiddenSize: 2880, intermediateSize: 2880,
      attentionHeads: 64, kvHeads: 8, headDimension: 64, vocabularySize: 201_088,
      tiedEmbeddings: false, experts: 32, activeExperts: 4, maxContextTokens: 131_072,
      source: "huggingface.co/openai/gpt-oss-20b config.json (alternating 128-token sliding"
        + " window not modelled; native MXFP4 experts correspond to q4)"),
    ModelArchitecture(
      name: "gpt-oss-120b", layers: 36, hiddenSize: 2880, intermediateSize: 2880,
      attentionHeads: 64, kvHeads: 8, headDimension: 64, vocabularySize: 201_088,
      tiedEmbeddings: false, experts: 128, activeExperts: 4, maxContextTokens: 131_072,
      source: "huggingface.co/openai/gpt-oss-120b config.json (alternating 128-token sliding"
        + " window not modelled; native MXFP4 experts correspond to q4)"),
  ]
}
