import ContractTestSupport
import Foundation
import JSONCore
import JSONSchemaValidation
import Testing

@testable import PartnerCenterContracts

@Suite struct DeclaredSchemasTests {
  static let expectedNames = [
    "collection", "configuration", "customer-licenses-usage-insights",
    "customer-licenses-usage-response", "error", "har",
    "partner-licenses-usage-insights", "partner-licenses-usage-response", "recording", "report",
  ]

  static func schemasDirectory() -> String { packageRoot().appendingPathComponent("schemas").path }

  @Test func embeddedCopyMatchesTheSchemasFolder() throws {
    let directory = Self.schemasDirectory()
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".schema.json") }.sorted()
    let embedded = DeclaredSchemas.embedded.schemas
    let regenerate = "run: python3 scripts/generate-embedded-schemas.py"
    #expect(
      embedded.map(\.fileName) == onDisk, "the embedded schemas are not schemas/; \(regenerate)")
    for schema in embedded {
      let text = try String(
        contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(schema.fileName),
        encoding: .utf8)
      #expect(
        schema.sourceText == text,
        "the embedded copy of schemas/\(schema.fileName) differs from the file; \(regenerate)")
    }
  }

  @Test func embeddedSchemasLoadWithTitlesAndBaseURI() {
    let schemas = DeclaredSchemas.embedded
    #expect(schemas.origin == "embedded")
    #expect(schemas.names == Self.expectedNames)
    for schema in schemas.schemas {
      #expect(schema.uri == DeclaredSchemas.baseURI + schema.fileName)
      #expect(schema.title?.isEmpty == false)
      #expect(schema.summary?.isEmpty == false)
    }
    #expect(schemas.schema(named: "error.schema.json")?.name == "error")
    #expect(schemas.schema(named: "nothing") == nil)
  }

  @Test func theLazilyCompiledEmbeddedValidatorsAreTheEagerOnes() throws {
    // Compiling eagerly throws for a schema that does not compile, so none of the embedded
    // ones falls back to rejecting everything when a run first uses it.
    let eager = try DeclaredSchemas(files: EmbeddedSchemas.files, origin: "eager")
    let lazy = DeclaredSchemas.embedded
    #expect(lazy.names == eager.names && lazy.names.count == EmbeddedSchemas.files.count)
    let samples: [JSONValue] = [
      .null, .object(JSONObject()), try JSONParser.parse(Array(#"{"items":[{"x":1}]}"#.utf8)).value,
    ]
    for (lazySchema, eagerSchema) in zip(lazy.schemas, eager.schemas) {
      for strict in [false, true] {
        for sample in samples {
          let lazyResult = lazySchema.validator(strict: strict).validate(sample)
          let eagerResult = eagerSchema.validator(strict: strict).validate(sample)
          #expect(lazyResult.errors.map(\.message) == eagerResult.errors.map(\.message))
          #expect(
            !lazyResult.errors.contains { $0.absoluteKeywordLocation.hasPrefix("urn:pc-contract") })
        }
      }
    }
    #expect(!Validator.rejectingEverything.isValid(.null))
    #expect(Validator.rejectingEverything.validate(.object(JSONObject())).errors.count == 1)
  }

  @Test func everyPropertyHasADescription() throws {
    for schema in DeclaredSchemas.embedded.schemas {
      let document = try JSONParser.parse(Array(schema.sourceText.utf8)).value
      var missing: [String] = []
      Self.collectPropertiesWithoutDescription(document, pointer: "", into: &missing)
      #expect(missing.isEmpty, "\(schema.fileName): \(missing)")
    }
  }

  private static func collectPropertiesWithoutDescription(
    _ value: JSONValue, pointer: String, into missing: inout [String]
  ) {
    guard case .object(let object) = value else {
      if case .array(let elements) = value {
        for (index, element) in elements.enumerated() {
          collectPropertiesWithoutDescription(
            element, pointer: "\(pointer)/\(index)", into: &missing)
        }
      }
      return
    }
    if case .object(let properties)? = object["properties"] {
      for member in properties.members where member.value["description"] == nil {
        missing.append("\(pointer)/properties/\(member.key)")
      }
    }
    // `not` and `if` test an instance; they declare no properties.
    for member in object.members where member.key != "not" && member.key != "if" {
      collectPropertiesWithoutDescription(
        member.value, pointer: "\(pointer)/\(member.key)", into: &missing)
    }
  }

  @Test func folderOverrideLoadsTheSameSchemas() throws {
    let schemas = try DeclaredSchemas(directory: Self.schemasDirectory())
    #expect(schemas.names == Self.expectedNames)
    #expect(schemas.origin == Self.schemasDirectory())
  }

  @Test func folderWithoutSchemasIsAnError() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("pc-contract-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(throws: DeclaredSchemasError.self) { try DeclaredSchemas(directory: directory.path) }
  }

  @Test func schemaFileByPathReplacesTheDeclaredOneWithTheSameID() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("pc-contract-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // An edited insights schema that also requires customerId.
    let original = try #require(
      DeclaredSchemas.embedded.schema(named: "customer-licenses-usage-insights"))
    let edited = original.sourceText.replacingOccurrences(
      of: "\"required\": [\"customerName\"", with: "\"required\": [\"customerId\", \"customerName\""
    )
    #expect(edited != original.sourceText)
    let path = directory.appendingPathComponent("insights.schema.json").path
    try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
    let recording = try Examples.customer()
    let item = try #require(recording.response.body.json?["items"]?[0])
    let verdict = Examples.validator().validate(
      ResponseUnderTest(body: item), schema: .named(path))
    #expect(verdict.has("schema.required", at: ""), "\(verdict.summary)")
    let precompiled = try Examples.validator().addingSchemaFile(atPath: path)
    #expect(
      precompiled.validate(ResponseUnderTest(body: item), schema: .named(path)).has(
        "schema.required", at: ""))
  }

  @Test func recordingsValidateAgainstTheRecordingSchema() throws {
    let recordingSchema = try #require(DeclaredSchemas.embedded.schema(named: "recording"))
    let enumerator = FileManager.default.enumerator(atPath: Examples.recordingsDirectory().path)
    var count = 0
    while let relative = enumerator?.nextObject() as? String {
      guard relative.hasSuffix(".json") else { continue }
      let url = Examples.recordingsDirectory().appendingPathComponent(relative)
      let value = try JSONParser.parse(Array(try Data(contentsOf: url))).value
      let result = recordingSchema.validator.validate(value)
      #expect(result.isValid, "\(relative): \(result.errors)")
      count += 1
    }
    #expect(count >= 2)
  }

  @Test func encodedRecordingsValidateAndBrokenOnesDoNot() throws {
    let recordingSchema = try #require(DeclaredSchemas.embedded.schema(named: "recording"))
    let recording = Recording(
      endpoint: .customerLicensesUsage(customerID: Examples.customerID),
      request: RecordedRequest(
        url:
          "https://api.partnercenter.microsoft.com/v1/customers/\(Examples.customerID)/analytics/licenses/usage",
        headers: ["Authorization": "Bearer secret", "Accept": "application/json"]),
      response: RecordedResponse(
        status: 502, headers: ["Content-Type": "text/html"], bodyBytes: Array("<html>".utf8)),
      capturedAt: "2026-11-21T08:00:00Z", toolVersion: ToolVersion.current)
    let encoded = try JSONParser.parse(RecordingCodec.encode(recording)).value
    #expect(recordingSchema.validator.validate(encoded).isValid)
    for (pointer, value) in [
      ("/customerId", nil), ("/response/status", 99), ("/capturedAt", "yesterday"),
      ("/request/headers/Authorization", "Bearer x"), ("/response/body", [1]),
    ] as [(String, JSONValue?)] {
      let broken = Examples.setting(pointer, to: value, in: encoded)
      #expect(!recordingSchema.validator.validate(broken).isValid, "\(pointer)")
    }
  }
}
