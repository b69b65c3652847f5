import Foundation

extension ResultsWriter {
  /// The longest sanitized workflow name, in characters; with the timestamp and a suffix the
  /// folder name stays far below every file system's 255-byte limit.
  public static let maximumNameLength = 64

  /// A workflow name made safe as a folder name on every file system.
  ///
  /// Lowercased; every run of characters outside `[a-z0-9-_.]` (slashes, spaces, non-ASCII)
  /// becomes one `-`; leading dots and dashes are dropped (no hidden folders, no `..`, nothing
  /// that reads as a command-line option) and so are trailing ones; at most
  /// `maximumNameLength` characters. `"../evil name"` becomes `"evil-name"`; a name with nothing
  /// left becomes `"workflow"`.
  ///
  /// - Parameter name: The workflow's name, as the user wrote it.
  /// - Returns: A non-empty name of ASCII letters, digits, `-`, `_` and `.`.
  /// - Complexity: O(n) in the length of `name`.
  public static func sanitizedName(_ name: String) -> String {
    var result = ""
    for scalar in name.lowercased().unicodeScalars {
      let isKept =
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
        || scalar == "_" || scalar == "."
      let character: Character = isKept ? Character(scalar) : "-"
      if character == "-", result.hasSuffix("-") { continue }
      result.append(character)
    }
    let trimmable: Set<Character> = [".", "-"]
    while let first = result.first, trimmable.contains(first) { result.removeFirst() }
    if result.count > maximumNameLength { result = String(result.prefix(maximumNameLength)) }
    while let last = result.last, trimmable.contains(last) { result.removeLast() }
    return result.isEmpty ? "workflow" : result
  }

  /// `yyyyMMdd-HHmmss` in UTC, independent of the machine's time zone, calendar and locale.
  ///
  /// - Parameter date: The instant.
  /// - Returns: For example `20250314-092653`.
  public static func timestamp(for date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
    return "\(yearText)\(two(month))\(two(day))-\(two(secondOfDay / 3600))"
      + "\(two(secondOfDay % 3600 / 60))\(two(secondOfDay % 60))"
  }

  /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
  /// `civil_from_days`, http://howardhinnant.github.io/date_algorithms.html).
  static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
