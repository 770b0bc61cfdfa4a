import PartnerCenterContracts

/// Where a command writes: standard output and standard error, passed in so tests can read them.
public protocol CommandIO: Sendable {
  /// Writes `text` to standard output.
  func out(_ text: String)
  /// Writes `text` to standard error.
  func err(_ text: String)
}

/// The `pc-contract` command line: dispatches to one type per command.
public enum PCContract {
  /// The top-level help text.
  public static let help = """
    OVERVIEW: Contract tests for the Partner Center license-usage analytics API.

    USAGE: pc-contract <command> [options]

    COMMANDS:
      (the validate, capture, replay, diff and check commands are on their way)

    OPTIONS:
      -h, --help     Show this help.
      --version      Show the version.

    EXIT CODES: 0 nothing at or above the fail-on level, 1 findings at or above it,
    2 usage error, 3 could not run.

    """

  /// Runs `pc-contract` with `arguments` (without the program name); returns the exit code.
  public static func run(arguments: [String], environment: [String: String], io: some CommandIO)
    async -> Int32
  {
    switch arguments.first {
    case nil, "-h", "--help", "help":
      io.out(help)
      return 0
    case "--version":
      io.out("pc-contract \(ToolVersion.current)\n")
      return 0
    case let command?:
      io.err("pc-contract: unknown command '\(command)'; see 'pc-contract --help'\n")
      return 2
    }
  }
}
