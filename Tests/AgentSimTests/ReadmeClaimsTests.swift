import AgentSim
import Foundation
import Testing

/// The README's claims about the examples: how many there are, and how many points each sweeps.
@Suite("README claims")
struct ReadmeClaimsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The README's example rows: name → the "`sweep` chooses" cell.
  static func exampleRows() throws -> [String: String] {
    let readme = try String(
      contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    var rows: [String: String] = [:]
    for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 3, cells[0].hasPrefix("`"), cells[0].hasSuffix("`") else { continue }
      rows[String(cells[0].dropFirst().dropLast())] = cells[2]
    }
    return rows
  }

  @Test("every example is in the README's table, and the count in words is right")
  func examples() throws {
    let files = try FileManager.default.contentsOfDirectory(
      atPath: Self.root.appendingPathComponent("workflows").path
    ).filter { $0.hasSuffix(".json") && $0 != "schema.json" }.map { String($0.dropLast(5)) }
    let rows = try Self.exampleRows()
    #expect(Set(rows.keys) == Set(files))
    let words = ["seven", "eight", "nine", "ten", "eleven", "twelve"]
    let readme = try String(
      contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    let word = try #require(words.dropFirst(files.count - 7).first)
    #expect(readme.contains("holds\n\(word) examples"))
  }

  @Test("the number of points the README says each example sweeps is the sweep's")
  func sweptPoints() throws {
    for (name, cell) in try Self.exampleRows() {
      let plan = try SweepPlan.load(
        contentsOf: Self.root.appendingPathComponent("workflows/\(name).json"),
        file: "\(name).json", overrides: [], axes: [], candidates: [:],
        settings: SweepSettings(sessions: 10))
      let count = plan.identity.pointCount
      if cell.hasPrefix("nothing") {
        #expect(count == 1, "\(name)")
      } else {
        #expect(
          cell.contains("\(DisplayFormat.grouped(count)) points")
            || cell.contains("(\(count) points)"), "\(name): \(count) points, README: \(cell)")
      }
    }
  }
}
