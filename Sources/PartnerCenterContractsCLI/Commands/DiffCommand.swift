import Foundation
import JSONCore
import PartnerCenterContracts

/// `pc-contract diff OLD NEW`: the drift between two recordings (or plain JSON bodies), or
/// between two folders of recordings paired by endpoint and customer.
public enum DiffCommand: Command {
  public static let name = "diff"
  public static let reportSubject = "recording"

  static let ignore: ArgumentSpec.Option = .value(
    "--ignore", valueName: "POINTER", repeatable: true,
    help: "Ignore values at this JSON Pointer pattern ('*' for any token); repeatable.")
  static let config = ConfigurationOptions.config(
    help: "Read ignore rules, identity keys, fail-on and accepted drift from FILE.")

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract diff",
    overview: "Show the drift between old and new recordings, classified.",
    usage: "[options] OLD NEW",
    options: ReportOptions.declarations + [OutputOptions.quiet, OutputOptions.color] + [
      FailOnOption.declaration,
      ignore,
      config,
      ConfigurationOptions.today,
    ],
    positionals: [
      ("OLD", "The old recording, JSON body, or recordings folder."),
      ("NEW", "The new one, of the same kind; findings point into it."),
    ],
    maximumPositionals: 2,
    discussion: """
      Two folders are paired by endpoint and customer: a recording that is gone is an
      error for the partner endpoint and a warning for a customer; a new one is info.
      Shape drift is summarised per path with array indices as '*' (/items/*/usagePercent):
      removed, retyped, null or optional properties, lost GUID or date-time formats and new
      status codes or media types are breaking; new enum-like values ('serviceName',
      'channel', 'workloadName', 'objectType') and envelope changes are warnings; added
      properties and data drift (items matched by identity keys) are info.

      --output takes FORMAT=FILE (sarif=drift.sarif, junit=drift.xml, markdown=summary.md)
      or a FILE whose extension names the format (.sarif, .xml, .json, .md, .txt, .github).
      Files are written whole or not at all. Without --config, ./pc-contract.json is read
      when it exists. Accepted drift is left out of every report; an expired acceptance
      is reported as a warning.

      EXIT CODES: 0 no drift at or above --fail-on, 1 drift at or above it,
      2 usage error, 3 an input could not be read.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    guard arguments.positionals.count == 2 else {
      throw UsageError.invalid("needs two arguments, OLD and NEW; see 'pc-contract diff --help'")
    }
    let reports = try ReportOptions(arguments, subjectNoun: reportSubject)
    let output = OutputOptions(arguments, environment: environment)
    let today = try ConfigurationOptions.day(arguments)
    var ignored: [PointerPattern] = []
    for text in arguments.allValues(Self.ignore) {
      guard !text.isEmpty else {
        throw UsageError.invalid(
          "option '--ignore' needs a path such as /items/*/processedDateTime; an empty one would hide every drift"
        )
      }
      do {
        ignored.append(try PointerPattern(parsing: text))
      } catch {
        throw UsageError.invalid(
          "option '--ignore' needs a JSON Pointer pattern (/items/*/name): \(error)")
      }
    }
    let configuration = try ConfigurationOptions.load(arguments)
    var options = configuration.driftOptions
    options.ignore += ignored
    let failLevel =
      FailOnOption.level(arguments, configured: configuration.failOn)
    let result: (subjects: [Report.Subject], findings: [Finding])
    do throws(DiffInputError) {
      result = try DiffInputs.diff(
        old: arguments.positionals[0], new: arguments.positionals[1],
        engine: DriftEngine(options: options))
    } catch {
      if case .mixed = error { throw UsageError.invalid(error.description) }
      throw error
    }
    let findings = configuration.apply(to: result.findings, today: today)
    let report = Report(
      command: name, subjects: result.subjects, findings: findings, failLevel: failLevel)
    try reports.writeFiles(report)
    reports.print(report, output: output, io: io)
    return report.fails ? ExitCode.findings : ExitCode.success
  }
}
