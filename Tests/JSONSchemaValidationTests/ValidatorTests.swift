import JSONCore
import JSONSchemaValidation
import Testing

private func validator(_ schema: String, assertFormats: Bool = false) throws -> Validator {
  try SchemaRegistry().validator(
    for: try JSONValue(parsing: schema), options: Validator.Options(assertFormats: assertFormats))
}

private let usageSchema = """
  {
    "$id": "https://example.test/usage.json",
    "type": "object",
    "required": ["totalCount", "items"],
    "properties": {
      "totalCount": {"type": "integer", "minimum": 0},
      "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}
    },
    "$defs": {
      "item": {
        "type": "object",
        "required": ["usagePercent", "processedDateTime"],
        "properties": {
          "usagePercent": {"type": "number", "minimum": 0, "maximum": 100},
          "processedDateTime": {"type": "string", "format": "date-time"}
        }
      }
    }
  }
  """

@Suite struct ValidatorMessagesTests {
  @Test func maximumNamesTheValueTheBoundAndThePointer() throws {
    let instance = try JSONValue(
      parsing: """
        {"totalCount": 1, "items": [{"usagePercent": 140.5, "processedDateTime": "2017-03-10T00:00:00Z"}]}
        """)
    let result = try validator(usageSchema).validate(instance)
    #expect(!result.isValid)
    #expect(result.errors.count == 1)
    let error = try #require(result.errors.first)
    #expect(error.description == "/items/0/usagePercent: 140.5 is greater than the maximum 100")
    #expect(
      error.keywordLocation.description
        == "/properties/items/items/$ref/properties/usagePercent/maximum")
    #expect(
      error.absoluteKeywordLocation
        == "https://example.test/usage.json#/$defs/item/properties/usagePercent/maximum")
    #expect(error.keyword == "maximum")
  }

  @Test func allErrorsReportsEveryFailureAndFirstErrorStopsAtOne() throws {
    let instance = try JSONValue(
      parsing: """
        {"totalCount": -1, "items": [{"usagePercent": -1}, {"usagePercent": "x", "processedDateTime": 5}]}
        """)
    let schema = try validator(usageSchema)
    let all = schema.validate(instance, mode: .allErrors)
    let messages = all.errors.map(\.description)
    #expect(
      messages == [
        "/totalCount: -1 is less than the minimum 0",
        "/items/0/usagePercent: -1 is less than the minimum 0",
        "/items/0: the required property \"processedDateTime\" is missing",
        "/items/1/usagePercent: expected number, found string \"x\"",
        "/items/1/processedDateTime: expected string, found integer 5",
      ])
    let first = schema.validate(instance, mode: .firstError)
    #expect(first.errors.count == 1)
    #expect(!schema.isValid(instance))
  }

  @Test func typeMessageSaysIntegerForANonIntegralNumber() throws {
    let result = try validator(##"{"type": "integer"}"##).validate(.number(JSONNumber(1.5)))
    #expect(result.errors.map(\.message) == ["expected integer, found number 1.5"])
  }

  @Test func additionalPropertiesFalseNamesTheProperty() throws {
    let schema = try validator(##"{"properties": {"a": true}, "additionalProperties": false}"##)
    let result = schema.validate(try JSONValue(parsing: ##"{"a": 1, "extra": 2}"##))
    #expect(
      result.errors.map(\.description) == [
        #"/extra: the property "extra" is not allowed (no schema declares it)"#
      ])
  }

  @Test func basicOutputHasTheSpecificationShape() throws {
    let result = try validator(##"{"minLength": 2}"##).validate("a")
    let output = result.basicOutput
    #expect(output["valid"] == false)
    let unit = try #require(output["errors"]?[0])
    #expect(unit["keywordLocation"] == "/minLength")
    #expect(unit["instanceLocation"] == "")
    #expect(unit["error"]?.stringValue?.contains("less than the minimum length 2") == true)
    #expect(try validator("true").validate(1).basicOutput == ["valid": true])
  }
}

@Suite struct ValidatorSemanticsTests {
  @Test func formatIsAnAnnotationUnlessAsserted() throws {
    let schema = ##"{"format": "date-time"}"##
    #expect(try validator(schema).isValid("2017-02-30T00:00:00Z"))
    #expect(try !validator(schema, assertFormats: true).isValid("2017-02-30T00:00:00Z"))
    #expect(try validator(schema, assertFormats: true).isValid("2017-03-10T00:00:00+00:00"))
    #expect(try validator(##"{"format": "no-such-format"}"##, assertFormats: true).isValid("x"))
  }

  @Test func lengthsCountUnicodeScalars() throws {
    let schema = try validator(##"{"maxLength": 2, "minLength": 2}"##)
    #expect(schema.isValid("😀😀"))  // 8 UTF-8 bytes, 2 scalars
    #expect(!schema.isValid("e\u{301}e"))  // 3 scalars, 2 characters
  }

  @Test func stringEqualityIsByCodePoint() throws {
    let schema = try validator(##"{"const": "\u00e9"}"##)
    #expect(schema.isValid("\u{E9}"))
    #expect(!schema.isValid("e\u{301}"))
    let unique = try validator(##"{"uniqueItems": true}"##)
    #expect(unique.isValid(["\u{E9}", "e\u{301}"]))
    #expect(!unique.isValid([1, 1.0]))
    #expect(unique.isValid([1, true]))
  }

  @Test func bigNumbersCompareExactly() throws {
    let schema = try validator(##"{"maximum": 18446744073709551615}"##)
    #expect(schema.isValid(try JSONValue(parsing: "18446744073709551615")))
    #expect(!schema.isValid(try JSONValue(parsing: "18446744073709551616")))
    #expect(try validator(##"{"type": "integer"}"##).isValid(try JSONValue(parsing: "1e400")))
    #expect(
      try !validator(##"{"multipleOf": 0.123456789}"##).isValid(try JSONValue(parsing: "1e308")))
  }

  @Test func unresolvableReferenceIsACompileError() throws {
    #expect(throws: SchemaError.self) {
      try validator(##"{"$ref": "https://elsewhere.test/schema.json"}"##)
    }
    do {
      _ = try validator(##"{"$ref": "https://elsewhere.test/schema.json"}"##)
    } catch {
      #expect("\(error)".contains("never fetched"))
    }
  }

  @Test func invalidKeywordValuesAreCompileErrors() throws {
    #expect(throws: SchemaError.self) { try validator(##"{"minLength": -1}"##) }
    #expect(throws: SchemaError.self) { try validator(##"{"type": "text"}"##) }
    #expect(throws: SchemaError.self) { try validator(##"{"pattern": "^(abc"}"##) }
    #expect(throws: SchemaError.self) { try validator(##"{"multipleOf": 0}"##) }
  }

  @Test func referenceCycleThatDoesNotAdvanceFailsInsteadOfRecursingForever() throws {
    let schema = try validator(
      ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##
    )
    let result = schema.validate(1)
    #expect(!result.isValid)
    #expect(result.errors.first?.message.contains("reference cycle") == true)
  }

  @Test func deeplyNestedInstanceValidatesInsideATask() async throws {
    let schema = try validator(
      ##"{"$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}}, "$ref": "#/$defs/node"}"##
    )
    var value: JSONValue = []
    for _ in 0..<400 { value = .array([value]) }
    let nested = value
    let valid = await Task.detached { schema.validate(nested).isValid }.value
    #expect(valid)
  }

  @Test func aCompiledValidatorIsSharedAcrossConcurrentTasks() async throws {
    let schema = try validator(usageSchema, assertFormats: true)
    let good = try JSONValue(
      parsing:
        ##"{"totalCount": 1, "items": [{"usagePercent": 5, "processedDateTime": "2017-03-10T00:00:00Z"}]}"##
    )
    let bad = try JSONValue(
      parsing:
        ##"{"totalCount": 1, "items": [{"usagePercent": 5, "processedDateTime": "2017-03-10"}]}"##)
    let outcomes = await withTaskGroup(of: Bool.self) { group in
      for index in 0..<64 {
        group.addTask {
          schema.isValid(index.isMultiple(of: 2) ? good : bad) == index.isMultiple(of: 2)
        }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(outcomes.count == 64)
    #expect(outcomes.allSatisfy { $0 })
  }
}

@Suite struct SchemaRegistryTests {
  @Test func crossDocumentReferencesResolveAgainstEachDocumentsId() throws {
    var registry = SchemaRegistry()
    try registry.add(
      try JSONValue(
        parsing:
          ##"{"$id": "https://example.test/schemas/percent.json", "type": "number", "maximum": 100}"##
      ))
    let root = try registry.add(
      try JSONValue(
        parsing:
          ##"{"$id": "https://example.test/schemas/item.json", "properties": {"p": {"$ref": "percent.json"}}}"##
      ))
    let schema = try registry.validator(for: root)
    #expect(schema.isValid(["p": 100]))
    let result = schema.validate(["p": 101])
    #expect(
      result.errors.first?.absoluteKeywordLocation
        == "https://example.test/schemas/percent.json#/maximum")
  }

  @Test func anIdInsideEnumIsDataNotAnIdentifier() throws {
    var registry = SchemaRegistry()
    try registry.add(
      try JSONValue(
        parsing:
          ##"{"$id": "https://example.test/a.json", "enum": [{"$id": "https://example.test/b.json"}]}"##
      ))
    #expect(registry.contains("https://example.test/a.json"))
    #expect(!registry.contains("https://example.test/b.json"))
  }

  @Test func twoDifferentSchemasWithOneIdAreRejected() throws {
    var registry = SchemaRegistry()
    try registry.add(
      try JSONValue(parsing: ##"{"$id": "https://example.test/x.json", "type": "string"}"##))
    #expect(throws: SchemaError.duplicateIdentifier("https://example.test/x.json")) {
      try registry.add(
        try JSONValue(parsing: ##"{"$id": "https://example.test/x.json", "type": "number"}"##))
    }
  }

  @Test func metaschemaIsPreloadedAndValidatesSchemas() throws {
    let registry = SchemaRegistry()
    let meta = try registry.validator(for: SchemaRegistry.draft202012)
    #expect(meta.isValid(try JSONValue(parsing: ##"{"type": "string", "minLength": 1}"##)))
    #expect(!meta.isValid(try JSONValue(parsing: ##"{"minLength": -1}"##)))
  }
}

@Suite struct PatternStepLimitTests {
  @Test func aCatastrophicPatternIsReportedNotGuessed() throws {
    let schema = try validator(##"{"pattern": "^(a+)+$"}"##)
    let result = schema.validate(.string(String(repeating: "a", count: 32) + "!"))
    #expect(!result.isValid)
    #expect(result.errors.first?.message.contains("step limit") == true)
  }

  @Test func patternPropertiesThatCannotBeDecidedFailTheInstance() throws {
    let schema = try validator(##"{"patternProperties": {"^(a+)+$": {"type": "integer"}}}"##)
    let key = String(repeating: "a", count: 32) + "!"
    #expect(!schema.isValid(.object(JSONObject([JSONObject.Member(key: key, value: "x")]))))
  }
}
