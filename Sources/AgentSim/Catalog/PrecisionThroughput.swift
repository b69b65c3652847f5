/// Peak dense tensor throughput of one accelerator per numeric format, in TFLOPS (or TOPS for
/// integer formats), without 2:4 structured sparsity.
///
/// A missing entry means the hardware has no native path for that format. In JSON this is an
/// object keyed by precision name: `{"bf16": 989.4, "fp8": 1978.9}`.
public struct PrecisionThroughput: Codable, Hashable, Sendable {
  /// bfloat16 peak, TFLOPS.
  public var bf16: Double?
  /// fp16 peak, TFLOPS.
  public var fp16: Double?
  /// fp8 peak, TFLOPS.
  public var fp8: Double?
  /// int8 peak, TOPS.
  public var int8: Double?
  /// 4-bit peak (FP4 or INT4 tensor cores, both operands 4-bit), TOPS.
  public var q4: Double?

  /// Creates a throughput table; leave out the formats the hardware has no native path for.
  ///
  /// - Parameters:
  ///   - bf16: bfloat16 peak, TFLOPS.
  ///   - fp16: fp16 peak, TFLOPS.
  ///   - fp8: fp8 peak, TFLOPS.
  ///   - int8: int8 peak, TOPS.
  ///   - q4: 4-bit peak, TOPS.
  public init(
    bf16: Double? = nil, fp16: Double? = nil, fp8: Double? = nil, int8: Double? = nil,
    q4: Double? = nil
  ) {
    self.bf16 = bf16
    self.fp16 = fp16
    self.fp8 = fp8
    self.int8 = int8
    self.q4 = q4
  }

  /// The listed peak for exactly `precision`, or `nil`.
  ///
  /// - Parameter precision: The format.
  /// - Returns: The peak in TFLOPS (TOPS), or `nil` when none is listed.
  public subscript(precision: Precision) -> Double? {
    switch precision {
    case .bf16: return bf16
    case .fp16: return fp16
    case .fp8: return fp8
    case .int8: return int8
    case .q4: return q4
    }
  }

  /// The 16-bit peak (bf16, else fp16), TFLOPS.
  public var sixteenBit: Double? { bf16 ?? fp16 }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case bf16, fp16, fp8, int8, q4
  }

  /// Decodes from a JSON object keyed by precision name, rejecting unknown keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a malformed value or an unknown key.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    bf16 = try container.decodeIfPresent(Double.self, forKey: .bf16)
    fp16 = try container.decodeIfPresent(Double.self, forKey: .fp16)
    fp8 = try container.decodeIfPresent(Double.self, forKey: .fp8)
    int8 = try container.decodeIfPresent(Double.self, forKey: .int8)
    q4 = try container.decodeIfPresent(Double.self, forKey: .q4)
  }
}
