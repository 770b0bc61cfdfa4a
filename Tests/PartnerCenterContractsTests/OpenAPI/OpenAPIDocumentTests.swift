import ContractTestSupport
import Foundation
import JSONCore
import JSONSchemaValidation
import Testing

@testable import PartnerCenterContracts

/// The contract as OpenAPI 3.1: deterministic and golden, valid against the OpenAPI document
/// schema and the JSON Schema meta-schema, and agreeing with the declared schemas on every
/// recording, in both modes.
@Suite("pc-contract openapi: the document")
struct OpenAPIDocumentTests {
  static let documentURI = "https://partnercenter-contracts.example/openapi.json"

  /// A registry holding `document` under ``documentURI``, so `#/components/schemas/NAME`
  /// can be validated against.
  static func registry(_ document: OpenAPIDocument) throws -> SchemaRegistry {
    guard case .object(var object) = document.value else { throw OpenAPIError.schemaMissing("") }
    object["$id"] = .string(documentURI)
    var registry = SchemaRegistry()
    _ = try registry.add(.object(object))
    return registry
  }

  static func validator(_ registry: SchemaRegistry, component: String) throws -> Validator {
    try registry.validator(
      for: "\(documentURI)#/components/schemas/\(component)",
      options: Validator.Options(assertFormats: true))
  }

  @Test func theDocumentIsDeterministicAndMatchesItsGoldenFiles() throws {
    let text = try OpenAPIDocument().text
    #expect(try OpenAPIDocument().text == text)
    assertMatchesGolden(text, named: "openapi.json")
    assertMatchesGolden(try OpenAPIDocument(strict: true).text, named: "openapi-strict.json")
  }

  @Test func theDocumentNeedsNoDynamicReferences() throws {
    for strict in [false, true] {
      let text = try OpenAPIDocument(strict: strict).text
      #expect(!text.contains("$dynamicRef") && !text.contains("$dynamicAnchor"))
      #expect(!text.contains("\"$ref\": \"#/$defs"))
      #expect(!text.contains(".schema.json\""))
    }
  }

  @Test func theDocumentIsValidOpenAPI31() throws {
    let path = packageRoot().appendingPathComponent("../shared/standards/openapi-3.1-schema.json")
      .standardized.path
    guard FileManager.default.fileExists(atPath: path) else {
      print("skipped: the OpenAPI 3.1 document schema is not at \(path)")
      return
    }
    var registry = SchemaRegistry()
    let uri = try registry.add(JSONParser.parse(FileContents.bytes(atPath: path)).value)
    let openAPI = try registry.validator(for: uri, options: Validator.Options(assertFormats: true))
    let metaSchema = try SchemaRegistry().validator(
      for: "https://json-schema.org/draft/2020-12/schema")
    for strict in [false, true] {
      let document = try OpenAPIDocument(strict: strict)
      let result = openAPI.validate(document.value)
      #expect(result.isValid, "\(result.errors.prefix(5))")
      // The document schema leaves Schema Objects alone; each must be a 2020-12 schema.
      for member in document.value["components"]?["schemas"]?.objectValue?.members ?? [] {
        #expect(metaSchema.isValid(member.value), "\(member.key) is no JSON Schema")
      }
    }
    // A document the schema must reject, so a validator that accepts anything fails here.
    guard case .object(var broken) = try OpenAPIDocument().value else { return }
    broken["openapi"] = "3.0.3"
    #expect(!openAPI.isValid(.object(broken)))
  }

  /// Bodies the document and the declared schemas must judge alike: the shipped recordings,
  /// the documentation examples, and each of them broken in the ways drift breaks them.
  static func bodies() throws -> [(endpoint: EndpointID, body: JSONValue, name: String)] {
    var bodies: [(EndpointID, JSONValue, String)] = []
    let folder = packageRoot().appendingPathComponent("recordings").path
    for entry in try RecordingStore(directory: folder).load() {
      let recording = try entry.recording.get()
      guard let body = recording.response.body.json else { continue }
      bodies.append((recording.endpoint.id, body, entry.relativePath))
    }
    bodies.append(
      (
        .customerLicensesUsage,
        try JSONParser.parse(Array(DocumentationExample.customerBody.utf8)).value, "doc customer"
      ))
    var broken: [(EndpointID, JSONValue, String)] = []
    for (endpoint, body, name) in bodies {
      guard case .object(let object) = body, case .array(let items)? = object["items"],
        case .object(let item)? = items.first
      else { continue }
      func with(_ edit: (inout JSONObject) -> Void) -> JSONValue {
        var changed = item
        edit(&changed)
        var copy = object
        copy["items"] = .array([.object(changed)] + items.dropFirst())
        return .object(copy)
      }
      broken.append((endpoint, with { $0["undocumented"] = 1 }, "\(name) + undocumented"))
      broken.append((endpoint, with { $0["workloadName"] = 7 }, "\(name) retyped"))
      broken.append((endpoint, with { $0["processedDateTime"] = "yesterday" }, "\(name) bad date"))
      broken.append((endpoint, with { $0["channel"] = nil }, "\(name) without channel"))
      var envelope = object
      envelope["totalCount"] = -1
      broken.append((endpoint, .object(envelope), "\(name) negative count"))
    }
    return bodies + broken
  }

  @Test func everyRecordingAgreesWithTheDocumentAsWithTheDeclaredSchemas() throws {
    let bodies = try Self.bodies()
    #expect(bodies.count >= 12)
    for strict in [false, true] {
      let registry = try Self.registry(try OpenAPIDocument(strict: strict))
      var verdicts: Set<Bool> = []
      for (endpoint, body, name) in bodies {
        guard let schemaName = endpoint.responseSchemaName,
          let declared = DeclaredSchemas.embedded.schema(named: schemaName)
        else { continue }
        let expected = declared.validator(strict: strict).isValid(body)
        let document = try Self.validator(
          registry, component: OpenAPIDocument.responseSchema(for: endpoint))
        #expect(document.isValid(body) == expected, "\(name), strict: \(strict)")
        verdicts.insert(expected)
      }
      // Both verdicts occur, so the agreement is not that of two validators that say yes.
      #expect(verdicts == [true, false])
    }
  }

  @Test func errorBodiesAgreeWithTheDocument() throws {
    let registry = try Self.registry(try OpenAPIDocument())
    let error = try Self.validator(registry, component: "Error")
    #expect(
      error.isValid(
        try JSONParser.parse(PartnerCenterErrorBody.error(code: 404, description: "x")).value))
    #expect(
      error.isValid(
        try JSONParser.parse(PartnerCenterErrorBody.throttled(retryAfterSeconds: 3)).value))
    #expect(!error.isValid(["code": 1, "description": "no source"]))
  }
}
