/// The declared command line of one command: its options and positional arguments, from
/// which both parsing and `--help` come.
///
/// Accepted forms: `--name value`, `--name=value`, flags as `--name`, repeated options when
/// declared repeatable, `--` to end options, and `-` as a positional (standard input).
/// Anything else that starts with `-` is a usage error, as is a missing or unexpected value.
public struct ArgumentSpec: Sendable {
  /// One option.
  public struct Option: Sendable, Equatable {
    /// The long name with its dashes, `--format`.
    public var name: String
    /// A one-letter alias with its dash, `-o`, if any.
    public var shortName: String?
    /// The value's placeholder in help (`FORMAT`), or nil for a flag.
    public var valueName: String?
    /// The values allowed, or nil for any.
    public var allowedValues: [String]?
    /// Whether the option may be given more than once (its values accumulate).
    public var isRepeatable: Bool
    /// One line of help.
    public var help: String
    /// The value taken when the option is given without one (`--variants` alone), or nil when
    /// a value is required.
    public var implicitValue: String? = nil

    /// Declares a flag (no value).
    public static func flag(_ name: String, short: String? = nil, help: String) -> Option {
      Option(
        name: name, shortName: short, valueName: nil, allowedValues: nil, isRepeatable: false,
        help: help)
    }

    /// Declares an option that takes a value.
    public static func value(
      _ name: String, short: String? = nil, valueName: String, allowed: [String]? = nil,
      repeatable: Bool = false, help: String
    ) -> Option {
      Option(
        name: name, shortName: short, valueName: valueName, allowedValues: allowed,
        isRepeatable: repeatable, help: help)
    }

    /// Declares an option whose value may be left out; then it is `implicit`.
    public static func optionalValue(
      _ name: String, valueName: String, implicit: String, allowed: [String]? = nil, help: String
    ) -> Option {
      var option = value(name, valueName: valueName, allowed: allowed, help: help)
      option.implicitValue = implicit
      return option
    }
  }

  /// The command path as typed, `pc-contract validate`.
  public var commandName: String
  /// One line: what the command does.
  public var overview: String
  /// The usage line after the command name, `[options] [INPUT ...]`.
  public var usage: String
  /// The options (`-h, --help` is added for every command).
  public var options: [Option]
  /// Positional arguments for help: name and one line each.
  public var positionals: [(name: String, help: String)]
  /// The most positionals allowed, or nil for any number.
  public var maximumPositionals: Int?
  /// Free text shown after the options (examples, exit codes).
  public var discussion: String?

  /// Declares a command line.
  public init(
    commandName: String, overview: String, usage: String, options: [Option],
    positionals: [(name: String, help: String)] = [], maximumPositionals: Int? = nil,
    discussion: String? = nil
  ) {
    self.commandName = commandName
    self.overview = overview
    self.usage = usage
    self.options = options
    self.positionals = positionals
    self.maximumPositionals = maximumPositionals
    self.discussion = discussion
  }

  /// Parses `arguments` (after the command name).
  public func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var remaining = arguments[...]
    var optionsEnded = false
    while let argument = remaining.popFirst() {
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "-h" || argument == "--help" {
        parsed.wantsHelp = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let option = options.first(where: { $0.name == name || $0.shortName == name }) else {
        throw .unknownOption(
          name, command: commandName,
          suggestion: NearestName.suggestion(for: name, among: options.map(\.name) + ["--help"]))
      }
      if parsed.values[option.name] != nil && !option.isRepeatable {
        throw .repeated(option.name)
      }
      guard let valueName = option.valueName else {
        if inlineValue != nil { throw .unexpectedValue(option.name) }
        parsed.values[option.name] = [""]
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if let next = remaining.first,
        next == "-" || !next.hasPrefix("-") || Self.isNumber(next)
      {
        value = next
        remaining.removeFirst()
      } else if let implicit = option.implicitValue {
        value = implicit
      } else {
        throw .missingValue(option.name, valueName: valueName)
      }
      if let allowed = option.allowedValues, !allowed.contains(value) {
        throw .notAllowed(option.name, value: value, allowed: allowed)
      }
      parsed.values[option.name, default: []].append(value)
    }
    if !parsed.wantsHelp, let maximum = maximumPositionals, parsed.positionals.count > maximum {
      throw .tooManyArguments(Array(parsed.positionals.dropFirst(maximum)), command: commandName)
    }
    return parsed
  }

  /// Whether `text` is a negative number (`-3`, `-0.5`), taken as an option's value so that the
  /// option can say why it is out of range instead of "needs a value".
  private static func isNumber(_ text: String) -> Bool {
    text.count > 1 && text.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
  }

  /// The `--help` text.
  public var helpText: String {
    var lines = ["OVERVIEW: \(overview)", "", "USAGE: \(commandName) \(usage)"]
    if !positionals.isEmpty {
      lines += ["", "ARGUMENTS:"]
      lines += positionals.map { Self.helpLine($0.name, $0.help) }
    }
    lines += ["", "OPTIONS:"]
    for option in options {
      var names = option.shortName.map { "\($0), \(option.name)" } ?? option.name
      if let valueName = option.valueName {
        names += option.implicitValue == nil ? " \(valueName)" : " [\(valueName)]"
      }
      var help = option.help
      if let allowed = option.allowedValues, !help.contains(allowed[0]) {
        help += " (\(allowed.joined(separator: "|")))"
      }
      lines.append(Self.helpLine(names, help))
    }
    lines.append(Self.helpLine("-h, --help", "Show this help."))
    if let discussion { lines += ["", discussion] }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func helpLine(_ names: String, _ help: String) -> String {
    let column = 26
    let padded = "  " + names
    if padded.count < column - 1 {
      return padded + String(repeating: " ", count: column - padded.count) + help
    }
    return padded + "\n" + String(repeating: " ", count: column) + help
  }
}

/// The result of parsing a command line.
public struct ParsedArguments: Sendable {
  /// The values given per option long name; a flag holds one empty string.
  public var values: [String: [String]] = [:]
  /// The positional arguments, in order.
  public var positionals: [String] = []
  /// Whether `-h` or `--help` was given.
  public var wantsHelp = false

  /// Whether the flag `option` was given.
  public func flag(_ option: ArgumentSpec.Option) -> Bool { values[option.name] != nil }

  /// The last value of `option`, if given.
  public func value(_ option: ArgumentSpec.Option) -> String? { values[option.name]?.last }

  /// Every value of `option`, in order.
  public func allValues(_ option: ArgumentSpec.Option) -> [String] { values[option.name] ?? [] }

  /// The whole number `option` gives, if given; a value outside `range` is a usage error that
  /// names the range.
  public func wholeNumber(_ option: ArgumentSpec.Option, in range: ClosedRange<Int>)
    throws(UsageError) -> Int?
  {
    guard let text = value(option) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      throw .invalid(
        "option '\(option.name)' needs a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
      )
    }
    return number
  }
}

/// A command line that cannot be run as typed. Commands print it on one line and exit 2.
public enum UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An option the command does not have, and the one it may have been meant to be.
  case unknownOption(String, command: String, suggestion: String? = nil)
  /// An option that takes a value was given none.
  case missingValue(String, valueName: String)
  /// A flag was given a value (`--strict=yes`).
  case unexpectedValue(String)
  /// A value outside the allowed ones.
  case notAllowed(String, value: String, allowed: [String])
  /// An option that may appear once appeared twice.
  case repeated(String)
  /// More positional arguments than the command takes.
  case tooManyArguments([String], command: String)
  /// Anything else a command checks itself (a missing argument, conflicting options).
  case invalid(String)

  public var description: String {
    switch self {
    case .unknownOption(let option, let command, let suggestion?):
      "unknown option '\(option)'; did you mean '\(suggestion)'? See '\(command) --help'"
    case .unknownOption("-v", let command, nil):
      "unknown option '-v'; for the version, run 'pc-contract --version'; see '\(command) --help'"
    case .unknownOption(let option, let command, nil):
      "unknown option '\(option)'; see '\(command) --help'"
    case .missingValue(let option, let valueName): "option '\(option)' needs a value (\(valueName))"
    case .unexpectedValue(let option): "option '\(option)' takes no value"
    case .notAllowed(let option, let value, let allowed):
      "option '\(option)' does not accept '\(value)'; use one of: \(allowed.joined(separator: ", "))"
    case .repeated(let option): "option '\(option)' given more than once"
    case .tooManyArguments(let extra, let command):
      "unexpected argument '\(extra[0])'; see '\(command) --help'"
    case .invalid(let message): message
    }
  }
}
