/// What a command accepts: its name, help text, positional arguments and options.
///
/// Help and usage are generated from this, and parsing checks input against it, so the two never
/// disagree.
public struct CommandSpec: Sendable {
  /// The subcommand name (`run`).
  public var name: String
  /// One sentence: what the command does.
  public var abstract: String
  /// Further paragraphs for `--help`: semantics, examples.
  public var discussion: String
  /// The positional arguments, in order.
  public var positionals: [PositionalSpec]
  /// The options, in the order `--help` lists them.
  public var options: [OptionSpec]

  /// Creates a command description.
  public init(
    name: String, abstract: String, discussion: String = "",
    positionals: [PositionalSpec] = [], options: [OptionSpec] = []
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.positionals = positionals
    self.options = options
  }
}

/// A positional argument.
public struct PositionalSpec: Sendable {
  /// The name shown in usage (`workflow`).
  public var name: String
  /// What it is.
  public var help: String
  /// Whether it may be left out.
  public var isOptional: Bool
  /// Whether it takes every remaining positional argument.
  public var isRepeating: Bool

  /// Creates a positional argument.
  public init(_ name: String, help: String, isOptional: Bool = false, isRepeating: Bool = false) {
    self.name = name
    self.help = help
    self.isOptional = isOptional
    self.isRepeating = isRepeating
  }
}

/// An option: `--name value` (or `--name=value`), or a flag `--name`.
public struct OptionSpec: Sendable {
  /// The long name without dashes (`sessions`).
  public var name: String
  /// The value's placeholder in help (`n`); `nil` makes the option a flag.
  public var valueName: String?
  /// What it does.
  public var help: String
  /// The default, as help shows it.
  public var defaultValue: String?
  /// Whether it may be given more than once (`--set a=1 --set b=2`).
  public var isRepeatable: Bool

  /// Creates an option that takes a value.
  public static func value(
    _ name: String, _ valueName: String, help: String, default defaultValue: String? = nil,
    repeatable: Bool = false
  ) -> OptionSpec {
    OptionSpec(
      name: name, valueName: valueName, help: help, defaultValue: defaultValue,
      isRepeatable: repeatable)
  }

  /// Creates a flag.
  public static func flag(_ name: String, help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil, isRepeatable: false)
  }

  /// Whether the option is a flag (takes no value).
  public var isFlag: Bool { valueName == nil }
}
