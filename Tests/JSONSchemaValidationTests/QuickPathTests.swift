import Foundation
import JSONCore
import Testing

@testable import JSONSchemaValidation

/// The quick path must change nothing but speed: every verdict and every error (message,
/// instance location, keyword location) the same as the general evaluator alone gives.
@Suite struct QuickPathTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// Records an issue for each mode in which the two paths disagree on `instance`.
  static func expectSameOutcome(
    _ validator: Validator, _ instance: JSONValue, _ label: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let general = validator.withoutQuickPath
    #expect(
      validator.isValid(instance) == general.isValid(instance), "flag-only: \(label())",
      sourceLocation: sourceLocation)
    for mode in [ValidationMode.allErrors, .firstError] {
      let quick = validator.validate(instance, mode: mode)
      let slow = general.validate(instance, mode: mode)
      #expect(quick == slow, "\(mode): \(label())", sourceLocation: sourceLocation)
    }
  }

  static func validator(_ schema: String, assertFormats: Bool = true) throws -> Validator {
    try SchemaRegistry().validator(
      for: try JSONValue(parsing: schema), options: Validator.Options(assertFormats: assertFormats))
  }

  static func benchmarkValidator() throws -> Validator {
    var registry = SchemaRegistry()
    let uri = try registry.addFile(
      atPath: packageRoot + "/Benchmarks/customer-usage-benchmark.schema.json")
    return try registry.validator(for: uri, options: Validator.Options(assertFormats: true))
  }

  static let validItem = """
    {"customerId": "b9b03a8c-4bc3-f8b5-de30-4a2e03e15f76", "customerName": "Contoso",
     "productName": "OFFICE 365 E3", "licensesActive": 113, "licensesQualified": 280,
     "usagePercent": 40.36, "workloadCode": "ODB", "workloadName": "OneDrive",
     "serviceCode": "O365", "serviceName": "o365", "channel": "reseller",
     "processedDateTime": "2017-02-24T00:00:00+00:00",
     "attributes": {"objectType": "CustomerLicensesUsageInsights"}}
    """

  @Test func benchmarkItemsGiveTheSameErrorsBothWays() throws {
    let validator = try Self.benchmarkValidator()
    let valid = try #require(try JSONValue(parsing: Self.validItem).objectValue)
    // One defect per item, then all of them in one item.
    var variants: [JSONObject] = [valid]
    let defects: [(String, JSONValue?)] = [
      ("customerId", "not-a-uuid"), ("customerId", 7), ("customerName", nil),
      ("licensesActive", "27"), ("licensesActive", -1), ("licensesQualified", 2.5),
      ("usagePercent", 140.5), ("usagePercent", -0.01), ("usagePercent", nil),
      ("processedDateTime", "2017-02-30T00:00:00Z"), ("processedDateTime", "yesterday"),
      ("attributes", ["objectType": "Other"]), ("attributes", [:]), ("attributes", "x"),
      ("channel", nil), ("extra", "allowed"),
    ]
    var everything = valid
    for (name, value) in defects {
      var variant = valid
      variant[name] = value
      variants.append(variant)
      everything[name] = value
    }
    variants.append(everything)
    for (position, variant) in variants.enumerated() {
      Self.expectSameOutcome(validator, .object(variant), "item variant \(position)")
    }
    let collection: JSONValue = [
      "totalCount": JSONValue(integerLiteral: variants.count),
      "items": .array(variants.map(JSONValue.object)),
      "attributes": ["objectType": "Collection"],
    ]
    Self.expectSameOutcome(validator, collection, "collection of every variant")
    Self.expectSameOutcome(validator, [1, 2], "not an object")
    Self.expectSameOutcome(validator, ["items": "x", "totalCount": -3], "wrong members")
  }

  @Test func aPrecheckThatRunsOutOfBudgetLeavesTheErrorsToTheFullEvaluation() throws {
    // A `not` below the quick node turns an undecided `false` into a `true`; the pre-check must
    // still refuse to vouch for the array, whose last item is invalid.
    let validator = try Self.validator(#"{"items": {"not": {"type": "string"}}}"#)
    var elements = [JSONValue](repeating: 1, count: Evaluator.precheckBudget + 10)
    Self.expectSameOutcome(validator, .array(elements), "valid long array")
    elements[elements.count - 1] = "late"
    let result = validator.validate(.array(elements))
    #expect(result.errors.map(\.instanceLocation.description) == ["/\(elements.count - 1)"])
    Self.expectSameOutcome(validator, .array(elements), "long array, last item invalid")
    // The same over quick nodes only, nested, with errors at both ends.
    let nested = try Self.validator(
      #"{"type": "object", "properties": {"rows": {"items": {"items": {"type": "integer"}}}}}"#)
    var rows = [JSONValue](repeating: [1, 2, 3], count: 3_000)
    rows[0] = [1, "a", 3]
    rows[2_999] = [true]
    Self.expectSameOutcome(nested, ["rows": .array(rows)], "nested rows")
  }

  @Test func referencesAdditionalPropertiesAndDepthAgree() throws {
    let tree = try Self.validator(
      """
      {"$defs": {"node": {"type": "object", "required": ["value"], "additionalProperties": false,
        "properties": {"value": {"type": "integer", "maximum": 9},
                       "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
       "$ref": "#/$defs/node"}
      """)
    let instances: [String] = [
      #"{"value": 1, "children": [{"value": 2}, {"value": 3, "children": []}]}"#,
      #"{"value": 1, "children": [{"value": 20}, {"valu": 3}, {"value": 3, "x": 1}]}"#,
      #"{"value": "1", "children": {"value": 2}}"#,
    ]
    for text in instances {
      Self.expectSameOutcome(tree, try JSONValue(parsing: text), text)
    }
    // Deep enough that the depth limit decides: both paths must stop at the same place.
    var deep: JSONValue = ["value": 1]
    for _ in 0..<600 { deep = ["value": 1, "children": [deep]] }
    Self.expectSameOutcome(tree, deep, "600 levels")
    let cycle = try Self.validator(
      ##"{"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##)
    Self.expectSameOutcome(cycle, 1, "reference cycle")
  }

  @Test func mutatedRecordingsAgreeUnderTheDeclaredSchemas() throws {
    var registry = SchemaRegistry()
    _ = try registry.addDirectory(
      atPath: Self.packageRoot + "/schemas",
      baseURI: "https://partnercenter-contracts.example/schemas/")
    let validator = try registry.validator(
      for: "https://partnercenter-contracts.example/schemas/recording.schema.json",
      options: Validator.Options(assertFormats: true))
    let folder = Self.packageRoot + "/recordings"
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.count >= 2)
    let replacements: [JSONValue?] = [
      nil, .null, true, -1, 1.5, 101, "", "x", "2017-02-30T00:00:00Z", [], [:], ["x": 1],
      [1, "a"], "0c39d6d5-c70d-4c55-bc02-f620844f3fd1", "Bearer secret",
    ]
    // Picks spread by two primes, so that a failure names a case that runs again the same way.
    var pick = 0
    var (validCount, invalidCount) = (0, 0)
    func next(_ count: Int) -> Int {
      pick = (pick &* 7_919 &+ 104_729) % 1_000_003
      return pick % count
    }
    for file in files {
      let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
      let recording = try JSONParser.parse(Array(data)).value
      Self.expectSameOutcome(validator, recording, file)
      let locations = Self.locations(in: recording)
      for round in 0..<150 {
        var mutated = recording
        for _ in 0...next(3) {
          let location = locations[next(locations.count)]
          let value = replacements[next(replacements.count)]
          mutated = Self.setting(location, to: value, in: mutated)
        }
        Self.expectSameOutcome(validator, mutated, "\(file) round \(round)")
        if validator.isValid(mutated) { validCount += 1 } else { invalidCount += 1 }
      }
    }
    // The mutations reach both verdicts, so both paths were compared on errors too.
    #expect(validCount > 20 && invalidCount > 50, "\(validCount) valid, \(invalidCount) invalid")
  }

  /// Every location in `value`, as reference tokens.
  static func locations(in value: JSONValue, at prefix: [String] = []) -> [[String]] {
    var result = [prefix]
    switch value {
    case .object(let object):
      for member in object.members {
        result += locations(in: member.value, at: prefix + [member.key])
      }
    case .array(let elements):
      for (position, element) in elements.enumerated() {
        result += locations(in: element, at: prefix + [String(position)])
      }
    default: break
    }
    return result
  }

  /// `value` with the value at `location` replaced, or removed when `replacement` is `nil`.
  static func setting(_ location: [String], to replacement: JSONValue?, in value: JSONValue)
    -> JSONValue
  {
    guard let token = location.first else { return replacement ?? .null }
    let rest = Array(location.dropFirst())
    switch value {
    case .object(var object):
      guard let child = object[token] else { return value }
      object[token] = rest.isEmpty ? replacement : setting(rest, to: replacement, in: child)
      return .object(object)
    case .array(var elements):
      guard let position = Int(token), elements.indices.contains(position) else { return value }
      if rest.isEmpty, replacement == nil {
        elements.remove(at: position)
      } else {
        elements[position] = setting(rest, to: replacement, in: elements[position])
      }
      return .array(elements)
    default:
      return value
    }
  }

  @Test func everyCaseOfTheOfficialSuiteAgrees() throws {
    let suiteRoot = Self.packageRoot + "/../shared/json-schema-test-suite"
    let testsRoot = suiteRoot + "/tests-draft2020-12"
    guard FileManager.default.fileExists(atPath: testsRoot) else {
      print("QuickPathTests: skipped, the JSON Schema Test Suite is not at \(testsRoot)")
      return
    }
    var registry = SchemaRegistry()
    let remotesRoot = suiteRoot + "/remotes"
    let remotes =
      (FileManager.default.enumerator(atPath: remotesRoot)?.allObjects as? [String]) ?? []
    for relative in remotes.filter({ $0.hasSuffix(".json") }).sorted() {
      try registry.addFile(
        atPath: remotesRoot + "/" + relative, uri: "http://localhost:1234/" + relative)
    }
    let files = (FileManager.default.enumerator(atPath: testsRoot)?.allObjects as? [String]) ?? []
    var cases = 0
    for file in files.filter({ $0.hasSuffix(".json") }).sorted() {
      guard let data = FileManager.default.contents(atPath: testsRoot + "/" + file) else {
        continue
      }
      let options = Validator.Options(assertFormats: file.hasPrefix("optional/format/"))
      for group in try JSONParser.parse(data).value.arrayValue ?? [] {
        guard
          let validator = try? registry.validator(for: group["schema"] ?? true, options: options)
        else { continue }
        for test in group["tests"]?.arrayValue ?? [] {
          cases += 1
          Self.expectSameOutcome(
            validator, test["data"] ?? .null,
            "\(file): \(group["description"]?.stringValue ?? "?") / "
              + (test["description"]?.stringValue ?? "?"))
        }
      }
    }
    #expect(cases > 1_500)
  }
}
