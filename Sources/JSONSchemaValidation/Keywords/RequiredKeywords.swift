import JSONCore

// `required` and `dependentRequired` (validation, sections 6.5.3 and 6.5.4): names an object
// must have. They pass every value that is not an object.

/// `required`. When every name it lists is a declared property, `properties` takes it over and
/// checks it in its own pass over the members (see ``PropertiesKeyword``).
final class RequiredKeyword: AssertionKeyword, Keyword {
  static let name = "required"
  static let vocabulary = Vocabulary.validation
  /// The names, each once.
  let names: PropertyTable

  init(site: KeywordSite, names: PropertyTable) {
    self.names = names
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> RequiredKeyword?
  {
    guard let value = schema[name] else { return nil }
    let names = try schema.stringArray(
      value, schema.invalid(name, "'required' must be an array of strings"))
    var unique: [String] = []
    for name in names where !unique.contains(where: { $0.codePointsEqual(name) }) {
      unique.append(name)
    }
    return RequiredKeyword(
      site: schema.site(name), names: PropertyTable(unique.map { (name: $0, node: -1) }))
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .object(let object) = instance.pointee else { return true }
    // One pass over the members counts the required ones present; names are unique.
    var present = 0
    for member in object.members where names.position(of: member) != nil { present += 1 }
    return present == names.names.count
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .object(let object) = instance else { return }
    for name in names.names where object[name] == nil {
      evaluator.fail(site, Self.missing(name))
      if evaluator.mode != .allErrors { return }
    }
  }

  static func missing(_ name: String) -> String {
    "the required property \(quoted(name)) is missing"
  }
}

final class DependentRequiredKeyword: AssertionKeyword, Keyword {
  static let name = "dependentRequired"
  static let vocabulary = Vocabulary.validation
  let entries: [(property: String, required: [String])]

  init(site: KeywordSite, entries: [(property: String, required: [String])]) {
    self.entries = entries
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> DependentRequiredKeyword?
  {
    guard let value = schema[name] else { return nil }
    let error = schema.invalid(name, "'dependentRequired' must be an object of string arrays")
    guard case .object(let map) = value else { throw error }
    var entries: [(property: String, required: [String])] = []
    for member in map.members {
      entries.append((member.key, try schema.stringArray(member.value, error)))
    }
    return DependentRequiredKeyword(site: schema.site(name), entries: entries)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .object(let object) = instance.pointee else { return true }
    return entries.allSatisfy { entry in
      object[entry.property] == nil || entry.required.allSatisfy { object[$0] != nil }
    }
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .object(let object) = instance else { return }
    for entry in entries where object[entry.property] != nil {
      for name in entry.required where object[name] == nil {
        evaluator.fail(
          site, "the property \(quoted(name)) is required when \(quoted(entry.property)) is present"
        )
        if evaluator.mode != .allErrors { return }
      }
    }
  }
}
