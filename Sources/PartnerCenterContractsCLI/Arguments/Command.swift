/// One `pc-contract` command.
///
/// A command declares its command line once; ``PCContract`` parses it, prints `--help`, turns
/// a ``UsageError`` into exit code 2, and calls ``run(_:environment:io:)`` with the result.
public protocol Command: Sendable {
  /// The command's name as typed after `pc-contract`, `validate`.
  static var name: String { get }
  /// The command line; its `overview` is also the line in `pc-contract --help`.
  static var arguments: ArgumentSpec { get }
  /// What its text report calls one subject: `input` (the default), `recording`.
  static var reportSubject: String { get }
  /// Runs the command; returns its exit code (see ``ExitCode``). Throws ``UsageError`` for
  /// checks the spec cannot express (exit 2), ``CommandFailure`` for a run that stops with
  /// its own code, and any other error when the command could not run (exit 3); see
  /// ``CommandFailure/exitCode(of:)``.
  ///
  /// Runs on its caller's executor (for `pc-contract`, the main thread), so a command's own
  /// work stays on one thread and its memory in the allocator's main arena, as a synchronous
  /// tool's would; concurrency only where a command asks for it.
  nonisolated(nonsending) static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  )
    async throws -> Int32
}

extension Command {
  public static var reportSubject: String { "input" }
}

/// The exit codes of every command (DESIGN.md): nothing else is ever returned.
public enum ExitCode {
  /// Nothing at or above the fail-on level.
  public static let success: Int32 = 0
  /// Findings at or above the fail-on level.
  public static let findings: Int32 = 1
  /// The command line is wrong.
  public static let usage: Int32 = 2
  /// The command could not run: network, authentication, unreadable input.
  public static let couldNotRun: Int32 = 3
}
