import Foundation
import JSONCore
import PartnerCenterContracts

/// `pc-contract explain KIND|FINGERPRINT`: what a finding kind means, why it matters and how to
/// accept it; for a fingerprint, the finding it names in a JSON report, or the acceptance in
/// pc-contract.json that names it.
public enum ExplainCommand: Command {
  public static let name = "explain"

  static let report: ArgumentSpec.Option = .value(
    "--report", valueName: "FILE",
    help: "A JSON report (--output json=FILE) to find the fingerprint in.")
  static let config = ConfigurationOptions.config(
    help:
      "The configuration to look for an acceptance of the fingerprint in (default: the nearest pc-contract.json)."
  )

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract explain",
    overview: "Explain a finding kind, or the finding a fingerprint names.",
    usage: "KIND | FINGERPRINT [--report FILE] [--config FILE]",
    options: [
      report,
      config,
      OutputOptions.quiet,
    ],
    positionals: [
      ("KIND", "A finding kind, drift.type-changed, or a family, schema."),
      ("FINGERPRINT", "The 16 hexadecimal digits a report gives a finding."),
    ],
    maximumPositionals: 1,
    discussion: """
      EXIT CODES: 0 explained, 2 usage error (an unknown kind, a fingerprint found nowhere),
      3 the report or configuration could not be read.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    guard let subject = arguments.positionals.first else {
      throw UsageError.invalid("name a finding kind (see 'pc-contract rules') or a fingerprint")
    }
    if Finding.isFingerprint(subject) {
      return try explainFingerprint(subject, arguments, io: io)
    }
    guard let kind = FindingKind(id: subject) ?? FindingKind.family(named: subject) else {
      let kinds = FindingKind.all.map { $0.id }
      throw UsageError.invalid(
        "no finding kind '\(subject)'; \(NearestName.hint(for: subject, among: kinds)) 'pc-contract rules' for every kind"
      )
    }
    io.out(text(kind))
    return ExitCode.success
  }

  /// A kind's explanation, how to accept it and where the README says more.
  static func text(_ kind: FindingKind) -> String {
    RulesCommand.entry(kind) + "\n"
      + RulesCommand.wrapped(FindingKind.acceptance, indent: 2)
      + "\n  README.md#\(kind.anchor)\n"
  }

  private static func explainFingerprint(
    _ fingerprint: String, _ arguments: ParsedArguments, io: some CommandIO
  ) throws -> Int32 {
    if let path = arguments.value(Self.report) {
      let report: JSONValue
      do {
        report = try JSONParser.parse(FileContents.bytes(atPath: path)).value
      } catch {
        throw CommandFailure.couldNotRun("cannot read the report '\(path)': \(error)")
      }
      let findings = report["findings"]?.arrayValue ?? []
      if let finding = findings.first(where: { $0["fingerprint"]?.stringValue == fingerprint }) {
        let id = finding["kind"]?.stringValue ?? ""
        let kind = FindingKind(id: id) ?? FindingKind.family(named: String(id.prefix { $0 != "." }))
        var lines = ["fingerprint \(fingerprint) in \(path):"]
        for key in ["severity", "kind", "subject", "pointer", "message"] {
          if let value = finding[key]?.stringValue, !value.isEmpty {
            lines.append("  \(key): \(ReportText.visible(value))")
          }
        }
        io.out(lines.joined(separator: "\n") + (kind.map { "\n\n" + text($0) } ?? "\n"))
        return ExitCode.success
      }
    }
    let file = ConfigurationOptions.file(arguments) ?? ConfigurationFile.nearest()
    let configuration = try ConfigurationFile.load(file)
    if let entry = configuration.acceptedDrift.first(where: { $0.fingerprint == fingerprint }) {
      io.out(
        "fingerprint \(fingerprint) is accepted in \(file ?? "pc-contract.json"): \"\(ReportText.visible(entry.reason))\""
          + (entry.expires.map { ", until \($0)" } ?? "") + "\n")
      return ExitCode.success
    }
    throw UsageError.invalid(
      "fingerprint \(fingerprint) is in no "
        + (arguments.value(Self.report).map { "finding of '\($0)' and no " } ?? "")
        + "acceptance; give the JSON report it came from with --report FILE")
  }
}
