/// A stable 64-bit digest (FNV-1a) of bytes, printed in reports so a result can be matched to the
/// exact workflow text (and overrides) that produced it.
///
/// Not cryptographic; stable across runs, machines and Swift versions, unlike `Hasher`.
public enum StableDigest {
  /// The FNV-1a 64 digest of `bytes` as 16 lowercase hex digits.
  ///
  /// - Complexity: O(*n*).
  public static func hex(of bytes: some Sequence<UInt8>) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
