import JSONCore
import Testing

@testable import JSONSchemaValidation

/// The keyword table is the one list of keywords: it must name each once and hold every
/// keyword the draft 2020-12 meta-schemas give the vocabularies this library evaluates.
@Suite struct KeywordTableTests {
  @Test func everyKeywordIsListedOnce() {
    let names = keywordTable.map { $0.name }
    #expect(Set(names).count == names.count, "\(names)")
  }

  @Test func theTableHoldsEveryEvaluatedKeywordOfTheMetaSchemas() throws {
    // Read by the keyword that owns them, or annotations, identifiers and definitions with
    // nothing to evaluate.
    let readByOthers: Set<String> = ["then", "else", "minContains", "maxContains"]
    let notEvaluated: Set<String> = [
      "$id", "$schema", "$anchor", "$dynamicAnchor", "$defs", "$comment", "$vocabulary",
      "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
      "contentEncoding", "contentMediaType", "contentSchema", "definitions",
      // Draft 2019-09's, which the meta-schema lists only to say `$dynamic*` replaced them.
      "$recursiveAnchor", "$recursiveRef",
    ]
    let listed = Set(keywordTable.map { $0.name })
    var declared: Set<String> = []
    for document in Draft202012Metaschemas.documents {
      let value = try JSONParser.parse(Array(document.json.utf8)).value
      guard case .object(let properties)? = value.objectValue?["properties"] else { continue }
      declared.formUnion(properties.keys)
    }
    #expect(declared.count > 40, "the meta-schemas were read: \(declared.sorted())")
    let missing = declared.subtracting(listed).subtracting(readByOthers).subtracting(notEvaluated)
    #expect(missing.isEmpty, "not in keywordTable: \(missing.sorted())")
  }

  @Test func aKeywordOfAVocabularyNotInForceIsNotCompiled() throws {
    // A meta-schema without the validation vocabulary: `maxLength` is an unknown keyword.
    var registry = SchemaRegistry()
    _ = try registry.add(
      try JSONValue(
        parsing: """
          {"$id": "https://example.invalid/meta", "$schema": "https://json-schema.org/draft/2020-12/schema",
           "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true,
                           "https://json-schema.org/draft/2020-12/vocab/applicator": true}}
          """))
    let validator = try registry.validator(
      for: try JSONValue(
        parsing: #"{"$schema": "https://example.invalid/meta", "maxLength": 1, "items": false}"#))
    #expect(validator.isValid("too long"))
    #expect(!validator.isValid([1]))
  }
}
