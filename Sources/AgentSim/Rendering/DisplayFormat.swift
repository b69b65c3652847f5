import Foundation

/// Locale-independent number formatting for everything agentsim prints or writes.
///
/// Nothing here consults the user's locale, so terminal goldens, CSV files and JSON are the same on
/// every machine: the decimal separator is always `.`, and thousands are grouped with `,` only in
/// text meant for people (never in CSV). Non-finite values print as `n/a` rather than trapping or
/// printing `inf`, because a report with a broken number must still be readable; magnitudes of
/// 10¹⁵ and more print in exponent notation (`1.23e+20`), never as hundreds of digits.
public enum DisplayFormat {
  /// A number with exactly `fractionDigits` digits after the point, rounded half away from zero.
  ///
  /// `fixed(1234.5678, fractionDigits: 2)` is `"1234.57"`; no grouping, no exponent, `-0` prints
  /// as `0`.
  ///
  /// - Parameters:
  ///   - value: The number.
  ///   - fractionDigits: Digits after the decimal point, 0 to 15.
  /// - Returns: The digits, with a leading `-` for negative values.
  /// - Complexity: O(number of digits).
  public static func fixed(_ value: Double, fractionDigits: Int) -> String {
    guard value.isFinite else { return nonFinite(value) }
    let digits = min(max(fractionDigits, 0), 15)
    let scaled = (abs(value) * power(ofTen: digits)).rounded(.toNearestOrAwayFromZero)
    // Beyond 2^53 a Double has no fractional digits left to print, and Int64 would overflow:
    // cap the width with an exponent (C's formatter is locale-independent when Foundation passes
    // no locale).
    guard scaled < 9.0e15 else { return Self.exponent(value) }
    let units = Int64(scaled)
    let sign = value < 0 && units != 0 ? "-" : ""
    guard digits > 0 else { return sign + String(units) }
    let text = String(units)
    let padded = String(repeating: "0", count: max(0, digits + 1 - text.count)) + text
    let split = padded.index(padded.endIndex, offsetBy: -digits)
    return sign + padded[..<split] + "." + padded[split...]
  }

  /// An integer with `,` between groups of three digits: `1,234,567`.
  ///
  /// - Parameter value: The integer.
  /// - Returns: The grouped digits.
  /// - Complexity: O(number of digits).
  public static func grouped<Integer: BinaryInteger>(_ value: Integer) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
  }

  /// A number rounded to the nearest integer and grouped: `grouped(1234.6)` is `1,235`.
  ///
  /// - Parameter value: The number.
  /// - Returns: The grouped digits, `n/a` for non-finite values, or an exponent from 9·10¹⁵.
  public static func grouped(_ value: Double) -> String {
    guard value.isFinite else { return nonFinite(value) }
    guard abs(value) < 9.0e15 else { return Self.exponent(value) }
    return grouped(Int64(value.rounded(.toNearestOrAwayFromZero)))
  }

  /// A number with `significantDigits` significant digits, never in exponent notation.
  ///
  /// `significant(0.000312, 2)` is `"0.00031"`, `significant(1843.2, 3)` is `"1843"` (integers are
  /// never rounded away), `significant(2.5, 3)` is `"2.50"`.
  ///
  /// - Parameters:
  ///   - value: The number.
  ///   - significantDigits: At least 1.
  ///   - trimsTrailingZeros: Whether to drop zeros (and a bare point) after the last non-zero
  ///     fractional digit: `2.50` becomes `2.5`, `1.00` becomes `1`.
  /// - Returns: The digits.
  public static func significant(
    _ value: Double, _ significantDigits: Int, trimsTrailingZeros: Bool = false
  ) -> String {
    guard value.isFinite else { return nonFinite(value) }
    let text = roundedSignificant(value, max(significantDigits, 1))
    return trimsTrailingZeros ? trimmingZeros(text) : text
  }

  /// A duration in the unit that reads best, with three significant digits: `75.0 µs`, `820 ms`,
  /// `1.84 s`, `12.5 min`, `3.20 h`.
  ///
  /// Rounding happens before the unit is chosen, so 999.7 ms prints as `1.00 s`, not `1000 ms`.
  ///
  /// - Parameters:
  ///   - milliseconds: The duration, in milliseconds.
  ///   - unicode: Whether `µs` may be written with the micro sign; `us` otherwise.
  ///   - trimsTrailingZeros: Whether to print round targets as `1 s` rather than `1.00 s`.
  /// - Returns: The number, a space and the unit.
  public static func duration(
    milliseconds: Double, unicode: Bool = true, trimsTrailingZeros: Bool = false
  ) -> String {
    guard milliseconds.isFinite else { return nonFinite(milliseconds) }
    if milliseconds == 0 { return "0 ms" }
    let units: [(name: String, milliseconds: Double)] = [
      ("ns", 1e-6), (unicode ? "µs" : "us", 1e-3), ("ms", 1), ("s", 1e3), ("min", 6e4),
      ("h", 3.6e6),
    ]
    let magnitude = abs(milliseconds)
    var index = units.lastIndex { magnitude >= $0.milliseconds } ?? 0
    var number = roundedSignificant(magnitude / units[index].milliseconds, 3)
    // 999.7 ms rounds to 1000 at three significant digits: say it in the next unit instead.
    if index + 1 < units.count,
      (Double(number) ?? 0) * units[index].milliseconds >= units[index + 1].milliseconds
    {
      index += 1
      number = roundedSignificant(magnitude / units[index].milliseconds, 3)
    }
    if trimsTrailingZeros { number = trimmingZeros(number) }
    return (milliseconds < 0 ? "-" : "") + number + " " + units[index].name
  }

  /// Money in US dollars with enough digits to tell tiny amounts apart: `$12.34`, `$0.42`,
  /// `$0.00031`.
  ///
  /// Amounts of a dollar or more get cents; smaller amounts get three significant digits (at least
  /// two decimals), trailing zeros trimmed.
  ///
  /// - Parameter dollars: The amount.
  /// - Returns: The amount with a `$` sign.
  public static func dollars(_ dollars: Double) -> String {
    guard dollars.isFinite else { return nonFinite(dollars) }
    let sign = dollars < 0 ? "-" : ""
    let magnitude = abs(dollars)
    if magnitude == 0 { return "$0" }
    if magnitude >= 1 {
      let cents = fixed(magnitude, fractionDigits: 2)
      let parts = cents.split(separator: ".")
      let whole = Double(parts.first ?? "0").map { grouped($0) } ?? String(parts.first ?? "0")
      return sign + "$" + whole + "." + (parts.count > 1 ? parts[1] : "00")
    }
    var text = trimmingZeros(roundedSignificant(magnitude, 3))
    // Keep cents visible ("$0.50", not "$0.5"): people read money in cents.
    let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
    if decimals < 2 { text = fixed(magnitude, fractionDigits: 2) }
    return sign + "$" + text
  }

  /// Energy in joules with three significant digits, grouped from a thousand up: `0 J`, `1.54 J`,
  /// `48.2 J`, `1,356 J` (digits of large amounts are never rounded away, as in the tables).
  ///
  /// - Parameter joules: The energy.
  /// - Returns: The number, a space and `J`.
  public static func joules(_ joules: Double) -> String {
    guard joules.isFinite else { return nonFinite(joules) + " J" }
    if joules == 0 { return "0 J" }
    if abs(joules) >= 1_000 { return grouped(joules.rounded()) + " J" }
    return significant(joules, 3) + " J"
  }

  /// A grouped count with its noun, singular for one: `1 point`, `6,561 points`.
  ///
  /// - Parameters:
  ///   - count: How many.
  ///   - singular: The noun for one.
  ///   - plural: The noun for any other count (`singular + "s"` when nil).
  /// - Returns: The count, a space and the noun.
  public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(grouped(count)) " + (count == 1 ? singular : plural ?? singular + "s")
  }

  /// A fraction as a percentage with one decimal: `0.123` is `12.3%`.
  ///
  /// - Parameter fraction: The fraction (1 is 100%).
  /// - Returns: The percentage, with a `%` sign.
  public static func percent(_ fraction: Double) -> String {
    fixed(fraction * 100, fractionDigits: 1) + "%"
  }

  /// `value` rounded to `significant` significant digits, in fixed notation; rounding up to the
  /// next power of ten (9.996 → 10.0) keeps the count of significant digits.
  static func roundedSignificant(_ value: Double, _ significant: Int) -> String {
    let digits = fractionDigits(for: value, significant: significant)
    let text = fixed(value, fractionDigits: digits)
    guard digits > 0, let rounded = Double(text),
      fractionDigits(for: rounded, significant: significant) < digits
    else { return text }
    return fixed(value, fractionDigits: digits - 1)
  }

  /// Digits after the point that leave `significant` significant digits (0 for values ≥ 10^(s-1)).
  static func fractionDigits(for value: Double, significant: Int) -> Int {
    let magnitude = abs(value)
    guard magnitude > 0, magnitude.isFinite else { return max(significant - 1, 0) }
    let exponent = Int(log10(magnitude).rounded(.down))
    return min(max(significant - 1 - exponent, 0), 15)
  }

  private static func trimmingZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = text
    while result.hasSuffix("0") { result.removeLast() }
    if result.hasSuffix(".") { result.removeLast() }
    return result
  }

  private static func power(ofTen exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent { result *= 10 }
    return result
  }

  /// What a non-finite number prints as: no table or file ever shows `inf` or `nan`.
  public static let notANumber = "n/a"

  private static func nonFinite(_ value: Double) -> String {
    notANumber
  }

  /// Three significant digits and an exponent: `1.23e+20`.
  private static func exponent(_ value: Double) -> String {
    String(format: "%.2e", value)
  }
}
