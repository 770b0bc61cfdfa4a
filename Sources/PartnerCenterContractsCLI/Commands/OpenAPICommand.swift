import Foundation
import PartnerCenterContracts

/// `pc-contract openapi`: the contract as an OpenAPI 3.1 document, for client generators,
/// Schemathesis, Prism and Postman.
public enum OpenAPICommand: Command {
  public static let name = "openapi"

  static let output: ArgumentSpec.Option = .value(
    "--output", valueName: "FILE",
    help: "Write the document to FILE (whole or not at all), not standard output.")
  static let strict: ArgumentSpec.Option = .flag(
    "--strict", help: "Reject properties the API reference does not list.")
  static let schemas: ArgumentSpec.Option = .value(
    "--schemas", valueName: "DIR", help: "Use the schemas in DIR, not the built-in ones.")

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract openapi",
    overview: "Write the contract as an OpenAPI 3.1 document.",
    usage: "[--output FILE] [--strict] [--schemas DIR]",
    options: [
      output,
      strict,
      schemas,
      OutputOptions.quiet,
    ],
    discussion: """
      The document (JSON, member names sorted) describes the partner and customer usage
      endpoints and the paged customer list: the documented request headers, a bearer
      security scheme, the 200 responses with the declared schemas as components (each
      Collection specialised for its item type, so no tool needs $dynamicRef), the error
      responses with the Partner Center and throttling bodies, and the global and 21Vianet
      servers. 'pc-contract replay' serves the same document at GET /openapi.json.

      EXIT CODES: 0 written, 2 usage error, 3 the schemas could not be read or the file
      could not be written.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    guard arguments.positionals.isEmpty else {
      throw UsageError.tooManyArguments(
        arguments.positionals, command: Self.arguments.commandName)
    }
    let schemas =
      try arguments.value(Self.schemas).map { try DeclaredSchemas(directory: $0) } ?? .embedded
    let text = try OpenAPIDocument(schemas: schemas, strict: arguments.flag(Self.strict)).text
    guard let path = arguments.value(Self.output) else {
      io.out(text)
      return ExitCode.success
    }
    try CommandFailure.write(text, to: path)
    return ExitCode.success
  }
}
