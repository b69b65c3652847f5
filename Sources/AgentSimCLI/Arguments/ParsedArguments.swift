import AgentSim

/// The result of parsing a command line against a `CommandSpec`, with typed accessors that fail
/// with a precise `UsageError`.
public struct ParsedArguments: Sendable {
  /// The command these arguments belong to.
  public let spec: CommandSpec
  /// Positional arguments, in order.
  public var positionals: [String]
  /// Every value given for each option, in order (flags map to `["true"]`).
  public var values: [String: [String]]

  /// Parses `arguments` (without the command name).
  ///
  /// Accepts `--name value`, `--name=value`, repeated options where allowed, and `--` to end
  /// options.
  ///
  /// - Throws: `UsageError` for an unknown option (with "did you mean"), a missing value, a
  ///   repeated option that is not repeatable, or a wrong number of positional arguments.
  public init(_ arguments: [String], spec: CommandSpec) throws {
    self.spec = spec
    positionals = []
    values = [:]
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = String(argument.drop(while: { $0 == "-" }))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard let option = spec.options.first(where: { $0.name == name }) else {
        let known = spec.options.map(\.name) + ["help"]
        let suggestion = NearestName.suggestion(for: name, among: known).map {
          "did you mean '--\($0)'?"
        }
        throw UsageError(
          "unknown option '\(argument)' for '\(spec.name)'",
          suggestion: suggestion ?? "see 'agentsim \(spec.name) --help'",
          commandName: spec.name)
      }
      let value: String
      if option.isFlag {
        if let inlineValue {
          throw UsageError(
            "flag '--\(name)' takes no value, found '\(inlineValue)'", commandName: spec.name)
        }
        value = "true"
      } else if let inlineValue {
        value = inlineValue
      } else if index < arguments.count {
        value = arguments[index]
        index += 1
      } else {
        throw UsageError(
          "option '--\(name)' needs a value <\(option.valueName ?? "value")>",
          commandName: spec.name)
      }
      if values[name] != nil && !option.isRepeatable {
        throw UsageError(
          "option '--\(name)' was given more than once", commandName: spec.name)
      }
      values[name, default: []].append(value)
    }
    try checkPositionals()
  }

  private func checkPositionals() throws {
    let required = spec.positionals.filter { !$0.isOptional }.count
    let isRepeating = spec.positionals.last?.isRepeating ?? false
    if positionals.count < required {
      let missing = spec.positionals[positionals.count]
      throw UsageError("missing argument <\(missing.name)>", commandName: spec.name)
    }
    if !isRepeating && positionals.count > spec.positionals.count {
      throw UsageError(
        "unexpected argument '\(positionals[spec.positionals.count])'", commandName: spec.name)
    }
  }

  /// Whether the flag was given.
  public func flag(_ name: String) -> Bool {
    values[name] != nil
  }

  /// The last value given for an option, or `nil`.
  public func string(_ name: String) -> String? {
    values[name]?.last
  }

  /// Every value given for a repeatable option, in order.
  public func strings(_ name: String) -> [String] {
    values[name] ?? []
  }

  /// The option's value as an integer in `range`, or `defaultValue` when absent.
  ///
  /// Accepts digit groups with underscores (`1_000_000`).
  ///
  /// - Throws: `UsageError` when the value is not an integer in range.
  public func integer(
    _ name: String, default defaultValue: Int, in range: ClosedRange<Int> = Int.min...Int.max
  ) throws -> Int {
    guard let text = string(name) else { return defaultValue }
    guard let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value)
    else {
      throw UsageError(
        "option '--\(name)' expects an integer in \(describe(range)), found '\(text)'",
        commandName: spec.name)
    }
    return value
  }

  /// The option's value as a finite number in `range`, or `defaultValue` when absent.
  ///
  /// - Throws: `UsageError` when the value is not a finite number in range.
  public func number(
    _ name: String, default defaultValue: Double,
    in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
  ) throws -> Double {
    guard let text = string(name) else { return defaultValue }
    guard let value = Double(text), value.isFinite, range.contains(value) else {
      throw UsageError(
        "option '--\(name)' expects a number in \(range.lowerBound)...\(range.upperBound), "
          + "found '\(text)'",
        commandName: spec.name)
    }
    return value
  }

  /// The option's value, which must be one of `choices`, or `defaultValue` when absent.
  ///
  /// - Throws: `UsageError` naming the choices and the nearest one.
  public func choice(_ name: String, from choices: [String], default defaultValue: String) throws
    -> String
  {
    guard let text = string(name) else { return defaultValue }
    guard choices.contains(text) else {
      let nearest = NearestName.suggestion(for: text, among: choices)
      throw UsageError(
        "option '--\(name)' expects one of \(choices.joined(separator: ", ")), found '\(text)'",
        suggestion: nearest.map { "did you mean '\($0)'?" }, commandName: spec.name)
    }
    return text
  }

  private func describe(_ range: ClosedRange<Int>) -> String {
    switch (range.lowerBound, range.upperBound) {
    case (Int.min, Int.max): return "any range"
    case (let low, Int.max): return "\(low)..."
    default: return "\(range.lowerBound)...\(range.upperBound)"
    }
  }
}
