import PartnerCenterContracts

/// Why a command could not do its work, and the exit code that says so.
///
/// A command throws it, or any other error, which means the command could not run (exit 3);
/// ``PCContract`` prints it on one line, leaves every report the command line named with a
/// `run.failed` finding, and exits with ``exitCode(of:)``: one place for every command.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
  /// One line: what stopped the command.
  public var description: String
  /// The exit code (``ExitCode``).
  public var exitCode: Int32
  /// Whether the reports named on the command line are still left; not when writing them is
  /// what failed.
  var leavesReports = true

  /// The command could not run: `reason` on one line, exit 3.
  static func couldNotRun(_ reason: String) -> CommandFailure {
    CommandFailure(description: reason, exitCode: ExitCode.couldNotRun)
  }

  /// A report file could not be written: exit 3, and no second attempt at the reports.
  static func unwritable(_ error: AtomicFileError) -> CommandFailure {
    CommandFailure(
      description: "cannot write '\(error.path)': \(error.reason)",
      exitCode: ExitCode.couldNotRun, leavesReports: false)
  }

  /// The exit code `error` ends a command with: 2 for a command line, or a configuration,
  /// that says something invalid; a failure's own code; 3 for anything else.
  static func exitCode(of error: any Error) -> Int32 {
    switch error {
    case let failure as CommandFailure: failure.exitCode
    case is UsageError: ExitCode.usage
    case ConfigurationLoadError.invalid: ExitCode.usage
    default: ExitCode.couldNotRun
    }
  }

  /// Writes `text` to `path` whole, creating its folder; a file that cannot be written ends
  /// the command (``unwritable(_:)``).
  static func write(_ text: String, to path: String) throws(CommandFailure) {
    do throws(AtomicFileError) {
      try AtomicFile.write(text, creatingFolderOf: path)
    } catch {
      throw .unwritable(error)
    }
  }

  /// Whether a command that ended with `error` still leaves the reports it was asked for.
  static func leavesReports(_ error: any Error) -> Bool {
    (error as? CommandFailure)?.leavesReports ?? true
  }
}
