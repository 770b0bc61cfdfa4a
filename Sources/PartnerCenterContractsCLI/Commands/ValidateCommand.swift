import Foundation
import PartnerCenterContracts

/// `pc-contract validate [INPUT ...]`: checks responses, however they arrived, against the
/// declared schemas and the contract rules.
public enum ValidateCommand: Command {
  public static let name = "validate"

  /// The most standard input is read: far above any real response, low enough that a runaway
  /// pipe fails with a message instead of exhausting memory.
  static let standardInputLimit = 1 << 30

  static let schema: ArgumentSpec.Option = .value(
    "--schema", valueName: "NAME|PATH",
    help: "Check against this schema (declared name or file), not the detected one.")
  static let schemas: ArgumentSpec.Option = .value(
    "--schemas", valueName: "DIR", help: "Use the schemas in DIR, not the built-in ones.")
  static let strict: ArgumentSpec.Option = .flag(
    "--strict", help: "Reject properties the schemas do not declare.")
  static let config = ConfigurationOptions.config(
    help:
      "Read fail-on, ignore rules and accepted findings from FILE (default: the nearest pc-contract.json)."
  )

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract validate",
    overview: "Check responses against the declared schemas and the contract rules.",
    usage: "[options] [INPUT ...]",
    options: [
      schema,
      schemas,
      strict,
      config,
      FailOnOption.declaration,
      OutputOptions.quiet, OutputOptions.color,
    ] + ReportOptions.declarations,
    positionals: [
      (
        "INPUT",
        "A response file, '-' for standard input, or a folder (walked recursively)."
      )
    ],
    discussion: """
      An input is a plain JSON body, a raw HTTP response as copied from a network trace or
      the documentation ('HTTP/1.1 200 OK', headers, a blank line, the body; the request
      may come first), a recording file, or a HAR 1.2 file (every entry whose URL is a
      licenses-usage endpoint). The schema comes from --schema, else the request URL, else
      the 'attributes.objectType' of the body. A folder gives its .json, .har, .http and
      .txt files, sorted. With no INPUT, standard input is read (up to 1 GiB) unless it is
      a terminal.

      Findings print as 'file:line:column: severity: /pointer: message'. --output takes FORMAT=FILE
      (sarif=validate.sarif, junit=validate.xml) or a file whose extension names the
      format, as for diff; the files are written even when an input cannot be read.

      EXIT CODES: 0 no finding at or above --fail-on, 1 findings at or above it,
      2 usage error, 3 an input could not be read.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    let reports = try ReportOptions(arguments, subjectNoun: reportSubject)
    let output = OutputOptions(arguments, environment: environment)
    var names = arguments.positionals
    if names.isEmpty {
      guard !io.isInputTerminal else {
        throw UsageError.invalid(
          "no input; name files or folders, or pipe a response into 'pc-contract validate -'")
      }
      names = ["-"]
    }
    if names.filter({ $0 == "-" }).count > 1 {
      throw UsageError.invalid("'-' (standard input) can be given only once")
    }
    let configuration = try ConfigurationOptions.load(arguments)
    let failLevel =
      FailOnOption.level(arguments, configured: configuration.failOn)
    let check = try makeCheck(arguments)
    if case .named(let schema) = check.schema, check.validator.schemas.schema(named: schema) == nil,
      check.validator.schemaFiles[schema] == nil
    {
      let declared = check.validator.schemas.names.joined(separator: ", ")
      throw UsageError.invalid(
        "no declared schema named '\(schema)' (declared: \(declared)); or give a schema file path")
    }
    let sources = try InputFiles.sources(names)
    let standardInput = try sources.contains(.standardInput) ? readStandardInput(io) : nil
    let checked = try checkInParallel(sources, standardInput: standardInput, check: check)
    guard !checked.isEmpty else { throw InputReadError.noInput(names) }
    let subjects = checked.map { Report.Subject(name: $0.name, file: $0.name) }
    let findings = checked.flatMap(\.value)
    let report = Report(
      command: name, subjects: subjects,
      // Accepted findings, not ignore rules: those hide volatile values from drift, and a
      // value that breaks the schema is not volatile.
      findings: AcceptedDrift.accepting(
        configuration.acceptedDrift, findings, today: UTCDate.today),
      failLevel: failLevel)
    try reports.writeFiles(report)
    reports.print(report, output: output, io: io)
    return report.fails ? ExitCode.findings : ExitCode.success
  }

  /// The findings of every input, in the inputs' order, read and checked on every core (one
  /// file per core at a time; a single file on this thread) while folders are walked.
  private static func checkInParallel(
    _ sources: [InputFiles.Source], standardInput: [UInt8]?, check: InputCheck
  ) throws(InputReadError) -> [InputFiles.Checked<[Finding]>] {
    let single = sources.count == 1 && !sources[0].isFolder
    return try InputFiles.map(sources, standardInput: standardInput) { name, bytes in
      let input = InputDecoder.decode(bytes, name: name)
      let findings = check.findings(for: input)
      // A single input (one large file, checked on this thread) is left for the process's
      // exit to free; many small ones are freed as they go.
      if single { ExitTeardown.shared.keepUntilExit(input) }
      return findings
    }
  }

  /// The validator and schema choice the options ask for; schemas that cannot be read or
  /// compiled mean the command cannot run.
  private static func makeCheck(_ arguments: ParsedArguments) throws(DeclaredSchemasError)
    -> InputCheck
  {
    let strict = arguments.flag(Self.strict)
    var validator = ContractValidator(strict: strict)
    if let folder = arguments.value(Self.schemas) {
      validator = ContractValidator(strict: strict, schemas: try DeclaredSchemas(directory: folder))
    }
    guard let schema = arguments.value(Self.schema) else { return InputCheck(validator: validator) }
    let isPath = schema.contains("/") || schema.hasSuffix(".json")
    if validator.schemas.schema(named: schema) == nil && isPath {
      validator = try validator.addingSchemaFile(atPath: schema)
    }
    return InputCheck(validator: validator, schema: .named(schema))
  }

  private static func readStandardInput(_ io: some CommandIO) throws(InputReadError) -> [UInt8] {
    let bytes: [UInt8]?
    do {
      bytes = try io.readStandardInput(limit: standardInputLimit)
    } catch {
      throw .unreadable("<stdin>", reason: "\(error)")
    }
    guard let bytes else { throw .tooLarge("standard input", limit: standardInputLimit) }
    return bytes
  }
}
