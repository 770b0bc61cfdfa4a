import Foundation
import PartnerCenterContracts

/// The report a command prints and the report files it writes: `--format` and `--output`,
/// one declaration and one reading for every command that reports findings.
struct ReportOptions: Sendable {
  /// Every format's name, as `--format` and `--output FORMAT=FILE` accept them.
  static let formats = ReportFormat.allCases.map(\.rawValue)

  /// `--format FORMAT`.
  static let formatOption: ArgumentSpec.Option = .value(
    "--format", valueName: "FORMAT", allowed: formats,
    help: "Report format on standard output (default: text).")
  /// `--output FORMAT=FILE`.
  static let outputOption: ArgumentSpec.Option = .value(
    "--output", valueName: "FORMAT=FILE", repeatable: true,
    help: "Also write the FORMAT report to FILE; repeatable, one per format.")

  /// The options, as each reporting command declares them.
  static let declarations = [formatOption, outputOption]

  /// The format printed on standard output.
  var format: ReportFormat
  /// The report files to write, each with its format.
  var outputs: [(format: ReportFormat, path: String)]
  /// What the text report calls one subject: "input", "recording".
  var subjectNoun: String

  /// Reads `--format` and `--output`; an `--output` whose format cannot be told is a usage
  /// error.
  init(_ arguments: ParsedArguments, subjectNoun: String) throws(UsageError) {
    format = arguments.value(Self.formatOption).flatMap(ReportFormat.init(rawValue:)) ?? .text
    outputs = try arguments.allValues(Self.outputOption).map { (text) throws(UsageError) in
      try Self.output(text)
    }
    self.subjectNoun = subjectNoun
  }

  /// The renderer for `format`; color only for the text report on a terminal.
  func renderer(_ format: ReportFormat, color: Bool = false) -> any ReportRenderer {
    Self.renderer(format, color: color, subjectNoun: subjectNoun)
  }

  /// The renderer for `format`, for every command that writes a report; the text report
  /// calls each subject `subjectNoun`.
  static func renderer(_ format: ReportFormat, color: Bool = false, subjectNoun: String)
    -> any ReportRenderer
  {
    switch format {
    case .text: TextReport(color: color, subjectNoun: subjectNoun)
    case .json: JSONReport()
    case .junit: JUnitReport()
    case .github: GitHubReport(root: FileManager.default.currentDirectoryPath)
    case .sarif:
      SARIFReport(
        root: FileManager.default.currentDirectoryPath,
        readFile: { try? FileContents.bytes(atPath: $0) })
    case .markdown: MarkdownReport()
    case .gitlab: GitLabReport()
    }
  }

  /// Writes every `--output` file, each whole or not at all, even after one that cannot be
  /// written; the first that cannot is the failure.
  func writeFiles(_ report: Report) throws(CommandFailure) {
    if let failure = write(report).first { throw failure }
  }

  /// Writes `report` to every `--output` file, each whole or not at all; the files that could
  /// not be written, in order.
  private func write(_ report: Report) -> [CommandFailure] {
    outputs.compactMap { output in
      do throws(CommandFailure) {
        try CommandFailure.write(renderer(output.format).render(report), to: output.path)
        return nil
      } catch {
        return error
      }
    }
  }

  /// Prints `report` on standard output in ``format``: with `--quiet`, nothing when it passes,
  /// and in text only the findings that fail it (and the summary).
  func print(_ report: Report, output: OutputOptions, io: some CommandIO) {
    var report = report
    if output.quiet {
      guard report.fails else { return }
      if format == .text {
        report.findings = report.findings.filter { report.failLevel.isReached(by: $0.severity) }
      }
    }
    io.out(renderer(format, color: output.colors(terminal: io.isOutputTerminal)).render(report))
  }

  /// Writes every report asked for with one `run.failed` finding naming `reason`, and prints
  /// it for a format other than text (`--format github` makes it an `::error::` annotation),
  /// so that a CI step that runs `if: always()` finds its files.
  func leaveReports(_ command: String, _ reason: String, io: some CommandIO) {
    let report = Report.couldNotRun(command: command, reason: reason)
    for failure in write(report) { io.err("pc-contract \(command): \(failure)\n") }
    if format != .text { io.out(renderer(format).render(report)) }
  }

  /// `FORMAT=FILE`, or a file whose extension names the format.
  static func output(_ text: String) throws(UsageError) -> (format: ReportFormat, path: String) {
    if let equals = text.firstIndex(of: "="),
      let format = ReportFormat(rawValue: String(text[..<equals]))
    {
      let path = String(text[text.index(after: equals)...])
      guard !path.isEmpty else { throw .invalid("option '--output \(text)' names no file") }
      return (format, path)
    }
    let byExtension: [String: ReportFormat] = [
      "sarif": .sarif, "xml": .junit, "json": .json, "md": .markdown, "txt": .text,
      "github": .github,
    ]
    let fileExtension = text.split(separator: ".").last.map { String($0).lowercased() } ?? ""
    guard text.contains("."), let format = byExtension[fileExtension] else {
      throw .invalid(
        "option '--output' needs FORMAT=FILE (formats: \(formats.joined(separator: ", "))) or a file ending in .sarif, .xml, .json, .md, .txt or .github; got '\(text)'"
      )
    }
    return (format, text)
  }
}
