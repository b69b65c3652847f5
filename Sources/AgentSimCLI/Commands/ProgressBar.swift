import AgentSim
import Foundation

/// A one-line progress bar on standard error (points or sessions done, rate, time left), redrawn
/// at most ten times a second; silent when standard error is not a terminal, and until `delay`
/// has passed (a run that ends within it draws nothing).
final class ProgressBar: @unchecked Sendable {
  private let context: CommandContext
  private let lock = NSLock()
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private var lastDraw: ContinuousClock.Instant?
  private var hasDrawn = false
  private let unit: String
  private let delay: Duration

  /// Creates a bar counting `unit` ("points", "sessions"), drawn only after `delay`.
  init(context: CommandContext, unit: String = "points", delay: Duration = .zero) {
    self.context = context
    self.unit = unit
    self.delay = delay
    start = clock.now
  }

  /// Redraws the bar for `progress` (when enough time has passed).
  func update(_ progress: SweepProgress) {
    guard context.isErrorTerminal else { return }
    lock.withLock {
      let now = clock.now
      if now - start < delay { return }
      if let lastDraw, now - lastDraw < .milliseconds(100), progress.done < progress.total {
        return
      }
      lastDraw = now
      hasDrawn = true
      context.writeError(
        "\r" + Self.line(progress, elapsed: seconds(now - start), unit: unit) + "\u{1B}[K")
    }
  }

  /// Clears the bar.
  func finish() {
    lock.withLock {
      if hasDrawn { context.writeError("\r\u{1B}[K") }
    }
  }

  private func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }

  /// `[#######.............]  1,234/6,561 points  410/s  0:13 left` (or `sessions`).
  static func line(_ progress: SweepProgress, elapsed: Double, unit: String = "points") -> String {
    let width = 24
    let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 0
    let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let rate = elapsed > 0 ? Double(progress.done) / elapsed : 0
    var text =
      "[\(bar)] \(DisplayFormat.grouped(progress.done))/\(DisplayFormat.grouped(progress.total)) "
      + unit
    // Rate and time left only once a point is done: before that there is nothing to go on.
    if rate > 0 {
      text += "  \(DisplayFormat.significant(rate, 3))/s"
      let left = Int((Double(progress.total - progress.done) / rate).rounded(.up))
      let seconds = left % 60
      text += "  \(left / 60):\(seconds < 10 ? "0" : "")\(seconds) left"
    }
    return text
  }
}
