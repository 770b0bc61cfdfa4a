import PartnerCenterContracts

/// The `pc-contract` command line: dispatches to one type per command.
public enum PCContract {
  /// The commands, in the order `--help` lists them.
  public static let commands: [any Command.Type] = [
    CheckCommand.self,
    CaptureCommand.self,
    ValidateCommand.self,
    SchemasCommand.self,
    ReplayCommand.self,
    DiffCommand.self,
    OpenAPICommand.self,
    RulesCommand.self,
    ExplainCommand.self,
    AcceptCommand.self,
  ]

  /// The top-level help text.
  public static var help: String {
    let width = max(10, (commands.map { $0.name.count }.max() ?? 0) + 2)
    let lines = commands.map {
      "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + $0.arguments.overview
    }
    return """
      OVERVIEW: Contract tests for the Partner Center license-usage analytics API.

      USAGE: pc-contract <command> [options]

      COMMANDS:
      \(lines.joined(separator: "\n"))

      OPTIONS:
        -h, --help     Show this help.
        -v, --version  Show the version.

      See 'pc-contract help <command>' or 'pc-contract <command> --help' for a command's options.

      EXIT CODES: 0 nothing at or above the fail-on level, 1 findings at or above it,
      2 usage error, 3 could not run.

      """
  }

  /// Runs `pc-contract` with `arguments` (without the program name); returns the exit code.
  nonisolated(nonsending) public static func run(
    arguments: [String], environment: [String: String], io: some CommandIO
  )
    async -> Int32
  {
    switch arguments.first {
    case nil, "-h", "--help":
      io.out(help)
      return ExitCode.success
    case "help":
      guard let name = arguments.dropFirst().first else {
        io.out(help)
        return ExitCode.success
      }
      guard let command = commands.first(where: { $0.name == name }) else {
        io.err(unknownCommand(name))
        return ExitCode.usage
      }
      io.out(command.arguments.helpText)
      return ExitCode.success
    case "--version", "-v", "version":
      io.out("pc-contract \(ToolVersion.current)\n")
      return ExitCode.success
    case let name?:
      guard let command = commands.first(where: { $0.name == name }) else {
        io.err(unknownCommand(name))
        return ExitCode.usage
      }
      return await run(
        command, arguments: Array(arguments.dropFirst()), environment: environment, io: io)
    }
  }

  /// The line that says there is no command `name`, and which one was perhaps meant.
  static func unknownCommand(_ name: String) -> String {
    let names = commands.map { $0.name }
    if name.hasPrefix("-") {
      return
        "pc-contract: unknown option '\(name)'; \(NearestName.hint(for: name, among: ["--help", "--version"])) 'pc-contract --help'\n"
    }
    if let suggestion = NearestName.suggestion(for: name, among: names) {
      return
        "pc-contract: unknown command '\(name)'; did you mean '\(suggestion)'? See 'pc-contract --help'\n"
    }
    return
      "pc-contract: unknown command '\(name)'; the commands are \(names.joined(separator: ", "))\n"
  }

  nonisolated(nonsending) private static func run(
    _ command: any Command.Type, arguments: [String], environment: [String: String],
    io: some CommandIO
  ) async -> Int32 {
    var parsed: ParsedArguments?
    do {
      let arguments = try command.arguments.parse(arguments)
      parsed = arguments
      if arguments.wantsHelp {
        io.out(command.arguments.helpText)
        return ExitCode.success
      }
      return try await command.run(arguments, environment: environment, io: io)
    } catch {
      io.err("pc-contract \(command.name): \(error)\n")
      // A command line that names its reports gets them, whatever stopped the command: a CI
      // step that runs `if: always()` finds its files.
      if let parsed, CommandFailure.leavesReports(error),
        command.arguments.options.contains(ReportOptions.outputOption),
        let reports = try? ReportOptions(parsed, subjectNoun: command.reportSubject)
      {
        let reason = error is UsageError ? "usage error: \(error)" : "\(error)"
        reports.leaveReports(command.name, reason, io: io)
      }
      return CommandFailure.exitCode(of: error)
    }
  }
}
