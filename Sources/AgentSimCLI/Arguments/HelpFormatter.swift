/// Renders `--help` and usage lines from a `CommandSpec`, in swift-argument-parser's layout.
public enum HelpFormatter {
  /// The one-line usage: `USAGE: agentsim run <workflow> [--sessions <n>] …`.
  public static func usage(for spec: CommandSpec) -> String {
    var parts = ["agentsim", spec.name]
    for positional in spec.positionals {
      var text = "<\(positional.name)>"
      if positional.isRepeating { text += " ..." }
      parts.append(positional.isOptional ? "[\(text)]" : text)
    }
    for option in spec.options {
      let text = option.valueName.map { "--\(option.name) <\($0)>" } ?? "--\(option.name)"
      parts.append("[\(text)\(option.isRepeatable ? " ..." : "")]")
    }
    return "USAGE: " + parts.joined(separator: " ")
  }

  /// The full help of a command.
  public static func help(for spec: CommandSpec) -> String {
    var text = "OVERVIEW: \(spec.abstract)\n"
    if !spec.discussion.isEmpty { text += "\n\(spec.discussion)\n" }
    text += "\n\(usage(for: spec))\n"
    if !spec.positionals.isEmpty {
      text += "\nARGUMENTS:\n"
      for positional in spec.positionals {
        text += row("<\(positional.name)>", positional.help)
      }
    }
    text += "\nOPTIONS:\n"
    for option in spec.options {
      let label = option.valueName.map { "--\(option.name) <\($0)>" } ?? "--\(option.name)"
      var help = option.help
      if let defaultValue = option.defaultValue { help += " (default: \(defaultValue))" }
      text += row(label, help)
    }
    text += row("-h, --help", "Show help information.")
    return text
  }

  /// One two-column row, wrapped at 80 columns with the help aligned at column 26.
  static func row(_ label: String, _ help: String) -> String {
    let indent = String(repeating: " ", count: 26)
    var lines: [String] = []
    var current = "  " + label
    if current.count >= 25 {
      lines.append(current)
      current = indent
    } else {
      current += String(repeating: " ", count: 26 - current.count)
    }
    var isLineEmpty = true
    for word in help.split(separator: " ") {
      if !isLineEmpty && current.count + 1 + word.count > 80 {
        lines.append(current)
        current = indent
        isLineEmpty = true
      }
      current += (isLineEmpty ? "" : " ") + word
      isLineEmpty = false
    }
    lines.append(current)
    return lines.joined(separator: "\n") + "\n"
  }
}
