import JSONCore
import JSONSchemaValidation

/// Reads `pc-contract.json` through `schemas/configuration.schema.json`, which states its
/// shape, then maps the valid value to a ``ContractConfiguration``. What the schema cannot say
/// (a path pattern's syntax, a finding kind the tool knows) is checked here, and placed at its
/// line, column and JSON Pointer the same way.
enum ConfigurationReader {
  /// The schema of the file.
  static let schema = DeclaredSchemas.embedded.schema(named: "configuration")!

  static func read(_ bytes: [UInt8], file: String) throws(ConfigurationError)
    -> ContractConfiguration
  {
    let checked = try SchemaCheckedFile(bytes, file: file, schema: schema)
    let object = checked.value.objectValue ?? JSONObject()
    var configuration = ContractConfiguration()
    configuration.baseURL = object["baseURL"]?.stringValue
    if let ids = object["customers"]?.arrayValue {
      configuration.customers = .ids(ids.compactMap(\.stringValue))
    }
    for (index, text) in strings(object["ignore"]).enumerated() {
      configuration.ignore.append(try pattern(text, at: "/ignore/\(index)", in: checked))
    }
    for member in object["identityKeys"]?.objectValue?.members ?? [] {
      guard let endpoint = EndpointID(rawValue: member.key) else { continue }
      configuration.identityKeys.identities[endpoint] = ItemIdentity(
        keys: strings(member.value))
    }
    configuration.failOn = object["failOn"]?.stringValue.flatMap(FailLevel.init)
    let entries = object["acceptedDrift"]?.arrayValue ?? []
    for (index, entry) in entries.enumerated() {
      configuration.acceptedDrift.append(try acceptedDrift(entry, at: index, in: checked))
    }
    // Every entry's place in one pass over the file, not one pass per entry.
    let places = checked.locations(of: entries.indices.map { "/acceptedDrift/\($0)" })
    for index in configuration.acceptedDrift.indices {
      configuration.acceptedDrift[index].source = SourceReference(
        file: file, line: places[index]?.line, column: places[index]?.column)
    }
    return configuration
  }

  private static func acceptedDrift(
    _ entry: JSONValue, at index: Int, in checked: SchemaCheckedFile
  )
    throws(ConfigurationError) -> AcceptedDrift
  {
    let path = try entry["path"]?.stringValue.map { (text) throws(ConfigurationError) in
      try pattern(text, at: "/acceptedDrift/\(index)/path", in: checked)
    }
    var kind: FindingKind?
    if let id = entry["kind"]?.stringValue {
      guard let known = FindingKind(id: id) else {
        throw checked.problem(
          at: "/acceptedDrift/\(index)/kind",
          "unknown finding kind \"\(id)\"; expected one such as \"drift.property-added\" (the README's \"Finding kinds\" lists them)"
        )
      }
      kind = known
    }
    return AcceptedDrift(
      fingerprint: entry["fingerprint"]?.stringValue, path: path, kind: kind,
      reason: entry["reason"]?.stringValue ?? "", expires: entry["expires"]?.stringValue)
  }

  /// The strings of an array the schema says holds strings.
  private static func strings(_ value: JSONValue?) -> [String] {
    (value?.arrayValue ?? []).compactMap(\.stringValue)
  }

  private static func pattern(
    _ text: String, at pointer: JSONPointer, in checked: SchemaCheckedFile
  )
    throws(ConfigurationError) -> PointerPattern
  {
    guard !text.isEmpty else {
      throw checked.problem(
        at: pointer,
        "an empty pattern would match every finding, breaking drift included; name a path such as /items/*/processedDateTime"
      )
    }
    do {
      return try PointerPattern(parsing: text)
    } catch {
      throw checked.problem(
        at: pointer, "expected a JSON Pointer pattern such as /items/*/processedDateTime: \(error)")
    }
  }
}
