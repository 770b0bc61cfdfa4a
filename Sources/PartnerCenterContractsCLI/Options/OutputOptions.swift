import PartnerCenterContracts

/// How much a command says and whether in color: `--quiet`, `--verbose` and `--color`, one
/// declaration and one reading for every command (clig.dev's conventions).
struct OutputOptions: Sendable {
  /// `-q, --quiet`: every command has it.
  static let quiet: ArgumentSpec.Option = .flag(
    "--quiet", short: "-q",
    help: "Say nothing on success; on failure only what failed and the summary.")
  /// `--verbose`: for the commands that make calls, one line per call.
  static let verbose: ArgumentSpec.Option = .flag(
    "--verbose", help: "One line per call on standard error, besides the progress line.")
  /// `--color WHEN`.
  static let color: ArgumentSpec.Option = .value(
    "--color", valueName: "WHEN", allowed: ["auto", "always", "never"],
    help:
      "Color: auto (default; only on a terminal, never with NO_COLOR set or TERM=dumb), always, never."
  )

  /// Whether `--quiet` was given.
  var quiet: Bool
  /// Whether `--verbose` was given.
  var verbose: Bool
  /// What `--color` says (`auto` when not given).
  var color: String
  /// The environment the color choice honours.
  var environment: [String: String]

  /// Reads the options from `arguments`; a command that does not declare one reads it as not
  /// given.
  init(_ arguments: ParsedArguments, environment: [String: String]) {
    quiet = arguments.flag(Self.quiet)
    verbose = arguments.flag(Self.verbose)
    color = arguments.value(Self.color) ?? "auto"
    self.environment = environment
  }

  /// Whether to color a stream that is (`isTerminal`) or is not a terminal: `always` and
  /// `never` say so; `auto` colors a terminal unless `NO_COLOR` is set and not empty
  /// (no-color.org) or `TERM` is `dumb`.
  func colors(terminal isTerminal: Bool) -> Bool {
    switch color {
    case "always": return true
    case "never": return false
    default:
      let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
      return isTerminal && !noColor && environment["TERM"] != "dumb"
    }
  }
}
