import Foundation
import PartnerCenterContracts

/// `pc-contract schemas list|show NAME`: the declared schemas the tool validates with.
public enum SchemasCommand: Command {
  public static let name = "schemas"

  static let schemas: ArgumentSpec.Option = .value(
    "--schemas", valueName: "DIR", help: "Use the schemas in DIR, not the built-in ones.")

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract schemas",
    overview: "List the declared schemas, or print one.",
    usage: "list | show NAME [--schemas DIR]",
    options: [
      schemas,
      OutputOptions.quiet,
    ],
    positionals: [
      ("list", "List every schema: name, title and description."),
      ("show NAME", "Print the schema NAME (with or without .schema.json) as written."),
    ],
    maximumPositionals: 2,
    discussion: """
      The built-in schemas are a copy of the repository's schemas/ folder; names are file names
      without .schema.json, as --schema NAME takes them.

      EXIT CODES: 0 printed, 2 usage error (including an unknown NAME), 3 the schemas in DIR
      could not be read.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    let positionals = arguments.positionals
    let action = positionals.first
    guard action == "list" || action == "show" else {
      throw UsageError.invalid("expected 'list' or 'show NAME'")
    }
    if action == "list", positionals.count > 1 {
      throw UsageError.tooManyArguments(
        Array(positionals.dropFirst()), command: Self.arguments.commandName)
    }
    if action == "show", positionals.count != 2 {
      throw UsageError.invalid("'show' takes the NAME of one schema")
    }
    let schemas =
      try arguments.value(Self.schemas).map { try DeclaredSchemas(directory: $0) } ?? .embedded
    if action == "list" {
      io.out(list(schemas))
      return ExitCode.success
    }
    let name = positionals[1]
    guard let schema = schemas.schema(named: name) else {
      throw UsageError.invalid(
        "no schema named '\(name)' (declared: \(schemas.names.joined(separator: ", ")))")
    }
    io.out(schema.sourceText.hasSuffix("\n") ? schema.sourceText : schema.sourceText + "\n")
    return ExitCode.success
  }

  /// One line per schema, name and title, with its description on the next line.
  static func list(_ schemas: DeclaredSchemas) -> String {
    let width = (schemas.names.map(\.count).max() ?? 0) + 2
    var lines: [String] = []
    for schema in schemas.schemas {
      lines.append(
        schema.name.padding(toLength: width, withPad: " ", startingAt: 0) + (schema.title ?? ""))
      if let summary = schema.summary { lines.append("    " + summary) }
    }
    let source = schemas.origin == "embedded" ? "built in" : "from \(schemas.origin)"
    lines.append("")
    lines.append(
      "\(Plural.counted(schemas.schemas.count, "schema")), \(source). 'pc-contract schemas show NAME' prints one."
    )
    return lines.joined(separator: "\n") + "\n"
  }
}
