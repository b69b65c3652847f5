/// Small helpers for showing JSON text in messages.
enum JSONText {
  /// `value` with quotes, backslashes and control characters escaped as in JSON.
  static func escaped(_ value: String) -> String {
    var text = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      default:
        if scalar.value < 0x20 {
          text += "\\u" + hex(scalar.value, width: 4)
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text
  }

  /// A number as a person would write it: integers without a fraction (`-3`, not `-3.0`).
  static func format(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }

  /// `value` in upper-case hexadecimal, zero-padded to `width` digits.
  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
