import JSONCore

extension SchemaCompiler {
  /// Compiles the keywords of one schema object, in evaluation order: cheap type checks first,
  /// in-place applicators next, `unevaluated*` last (they read the others' annotations).
  mutating func compileKeywords(
    of object: JSONObject, at location: SchemaRegistry.Location, absoluteLocation: String,
    context: Context, vocabularies: Vocabularies
  ) throws(SchemaError) -> [CompiledKeyword] {
    var keywords: [CompiledKeyword] = []
    func keywordLocation(_ name: String) -> String {
      absoluteLocation.contains("#")
        ? absoluteLocation + JSONPointer(tokens: [name]).uriFragment.dropFirst()
        : absoluteLocation + JSONPointer(tokens: [name]).uriFragment
    }
    func add(_ name: String, _ check: KeywordCheck) {
      keywords.append(
        CompiledKeyword(name: name, absoluteLocation: keywordLocation(name), check: check))
    }
    func invalid(_ name: String, _ message: String) -> SchemaError {
      .invalidKeyword(location: keywordLocation(name), message: message)
    }
    func count(_ name: String) throws(SchemaError) -> Int? {
      guard let value = object[name] else { return nil }
      guard case .number(let number) = value, number.isInteger, !number.isNegative else {
        throw invalid(name, "'\(name)' must be a non-negative integer")
      }
      return number.intValue ?? Int.max
    }
    func number(_ name: String) throws(SchemaError) -> JSONNumber? {
      guard let value = object[name] else { return nil }
      guard case .number(let number) = value else {
        throw invalid(name, "'\(name)' must be a number")
      }
      return number
    }
    func schemaArray(_ name: String) throws(SchemaError) -> [Int]? {
      guard let value = object[name] else { return nil }
      guard case .array(let elements) = value, !elements.isEmpty else {
        throw invalid(name, "'\(name)' must be a non-empty array of schemas")
      }
      var result: [Int] = []
      for position in elements.indices {
        result.append(try subschema(location, name, String(position), context: context))
      }
      return result
    }
    func schemaMap(_ name: String) throws(SchemaError) -> [(String, Int)]? {
      guard let value = object[name] else { return nil }
      guard case .object(let map) = value else {
        throw invalid(name, "'\(name)' must be an object of schemas")
      }
      var result: [(String, Int)] = []
      for member in map.members {
        result.append((member.key, try subschema(location, name, member.key, context: context)))
      }
      return result
    }
    func single(_ name: String) throws(SchemaError) -> Int? {
      guard object[name] != nil else { return nil }
      return try subschema(location, name, context: context)
    }
    func regex(_ pattern: String, _ name: String) throws(SchemaError) -> ECMAScriptRegex {
      do {
        return try ECMAScriptRegex(pattern)
      } catch {
        throw .invalidPattern(location: keywordLocation(name), pattern: pattern, reason: "\(error)")
      }
    }

    if vocabularies.validation {
      if let value = object["type"] {
        var mask = TypeMask()
        switch value {
        case .string(let name):
          guard let type = TypeMask(name: name) else {
            throw invalid("type", "unknown type '\(name)'")
          }
          mask = type
        case .array(let names):
          for name in names {
            guard case .string(let text) = name, let type = TypeMask(name: text) else {
              throw invalid("type", "'type' must list type names")
            }
            mask.insert(type)
          }
        default:
          throw invalid("type", "'type' must be a type name or an array of them")
        }
        add("type", .type(mask))
      }
      if let value = object["const"] { add("const", .constant(value)) }
      if let value = object["enum"] {
        guard case .array(let options) = value else {
          throw invalid("enum", "'enum' must be an array")
        }
        add("enum", .enumeration(options))
      }
      if let divisor = try number("multipleOf") {
        guard divisor > JSONNumber(0) else {
          throw invalid("multipleOf", "'multipleOf' must be greater than 0")
        }
        add("multipleOf", .multipleOf(divisor))
      }
      if let bound = try number("maximum") { add("maximum", .maximum(bound)) }
      if let bound = try number("exclusiveMaximum") {
        add("exclusiveMaximum", .exclusiveMaximum(bound))
      }
      if let bound = try number("minimum") { add("minimum", .minimum(bound)) }
      if let bound = try number("exclusiveMinimum") {
        add("exclusiveMinimum", .exclusiveMinimum(bound))
      }
      if let limit = try count("maxLength") { add("maxLength", .maxLength(limit)) }
      if let limit = try count("minLength") { add("minLength", .minLength(limit)) }
      if let value = object["pattern"] {
        guard case .string(let pattern) = value else {
          throw invalid("pattern", "'pattern' must be a string")
        }
        add("pattern", .pattern(try regex(pattern, "pattern")))
      }
      if let limit = try count("maxItems") { add("maxItems", .maxItems(limit)) }
      if let limit = try count("minItems") { add("minItems", .minItems(limit)) }
      if let value = object["uniqueItems"] {
        guard case .bool(let unique) = value else {
          throw invalid("uniqueItems", "'uniqueItems' must be a boolean")
        }
        if unique { add("uniqueItems", .uniqueItems) }
      }
      if let limit = try count("maxProperties") { add("maxProperties", .maxProperties(limit)) }
      if let limit = try count("minProperties") { add("minProperties", .minProperties(limit)) }
      if let value = object["required"] {
        let names = try stringArray(
          value, invalid("required", "'required' must be an array of strings"))
        var unique: [String] = []
        for name in names where !unique.contains(where: { $0.codePointsEqual(name) }) {
          unique.append(name)
        }
        add("required", .required(PropertyTable(unique.map { (name: $0, node: -1) })))
      }
      if let value = object["dependentRequired"] {
        guard case .object(let map) = value else {
          throw invalid(
            "dependentRequired", "'dependentRequired' must be an object of string arrays")
        }
        var entries: [(property: String, required: [String])] = []
        for member in map.members {
          entries.append(
            (
              member.key,
              try stringArray(
                member.value,
                invalid(
                  "dependentRequired", "'dependentRequired' must be an object of string arrays"))
            ))
        }
        add("dependentRequired", .dependentRequired(entries))
      }
    }
    if let value = object["format"] {
      guard case .string(let name) = value else {
        throw invalid("format", "'format' must be a string")
      }
      let asserted =
        (formatsAsserted || vocabularies.formatAssertion) && Evaluator.asserts(format: name)
      add("format", .format(name: name, asserted: asserted))
    }
    if let value = object["$ref"] {
      guard case .string(let text) = value else {
        throw invalid("$ref", "'$ref' must be a URI reference")
      }
      add(
        "$ref",
        .ref(try reference(text, base: context.base, location: keywordLocation("$ref")).node))
    }
    if let value = object["$dynamicRef"] {
      guard case .string(let text) = value else {
        throw invalid("$dynamicRef", "'$dynamicRef' must be a URI reference")
      }
      let (target, uri) = try reference(
        text, base: context.base, location: keywordLocation("$dynamicRef"))
      var anchor: String? = nil
      if let fragment = uri.fragment, !fragment.isEmpty, !fragment.hasPrefix("/"),
        hasDynamicAnchor(fragment, in: uri)
      {
        anchor = fragment
      }
      add("$dynamicRef", .dynamicRef(target: target, anchor: anchor))
    }
    if vocabularies.applicator {
      if let nodes = try schemaArray("allOf") { add("allOf", .allOf(nodes)) }
      if let nodes = try schemaArray("anyOf") { add("anyOf", .anyOf(nodes)) }
      if let nodes = try schemaArray("oneOf") { add("oneOf", .oneOf(nodes)) }
      if let node = try single("not") { add("not", .not(node)) }
      if let condition = try single("if") {
        add(
          "if",
          .conditional(
            condition: condition, then: try single("then"), otherwise: try single("else")))
      }
      if let entries = try schemaMap("dependentSchemas") {
        add("dependentSchemas", .dependentSchemas(entries.map { (property: $0.0, node: $0.1) }))
      }
      let prefix = try schemaArray("prefixItems")
      if let prefix { add("prefixItems", .prefixItems(prefix)) }
      if let node = try single("items") {
        add("items", .items(node: node, from: prefix?.count ?? 0))
      }
      if let node = try single("contains") {
        let minimum = vocabularies.validation ? try count("minContains") ?? 1 : 1
        let maximum = vocabularies.validation ? try count("maxContains") : nil
        add("contains", .contains(node: node, minimum: minimum, maximum: maximum))
      }
      let declared = try schemaMap("properties").map {
        PropertyTable($0.map { (name: $0.0, node: $0.1) })
      }
      if let declared {
        var fused: FusedRequired? = nil
        if let position = keywords.firstIndex(where: { $0.name == "required" }),
          case .required(let required) = keywords[position].check, declared.names.count <= 64,
          let mask = declared.mask(covering: required.names)
        {
          fused = FusedRequired(mask: mask, keyword: keywords.remove(at: position))
        }
        add("properties", .properties(declared, required: fused))
      }
      var patterns: [(regex: ECMAScriptRegex, node: Int)] = []
      if let entries = try schemaMap("patternProperties") {
        for (pattern, node) in entries {
          patterns.append((try regex(pattern, "patternProperties"), node))
        }
        add("patternProperties", .patternProperties(patterns))
      }
      if let node = try single("additionalProperties") {
        add(
          "additionalProperties",
          .additionalProperties(node: node, declared: declared, patterns: patterns.map(\.regex)))
      }
      if let node = try single("propertyNames") { add("propertyNames", .propertyNames(node)) }
      if vocabularies.validation, case .object(let legacy)? = object["dependencies"] {
        // Draft 7's `dependencies`, split in 2020-12; kept for schemas written before.
        var required: [(property: String, required: [String])] = []
        var schemas: [(property: String, node: Int)] = []
        for member in legacy.members {
          if case .array = member.value {
            required.append(
              (
                member.key,
                try stringArray(
                  member.value,
                  invalid(
                    "dependencies", "'dependencies' must map names to string arrays or schemas"))
              ))
          } else {
            schemas.append(
              (member.key, try subschema(location, "dependencies", member.key, context: context)))
          }
        }
        if !required.isEmpty { add("dependencies", .dependentRequired(required)) }
        if !schemas.isEmpty { add("dependencies", .dependentSchemas(schemas)) }
      }
    }
    if vocabularies.unevaluated {
      if let node = try single("unevaluatedItems") {
        add("unevaluatedItems", .unevaluatedItems(node))
      }
      if let node = try single("unevaluatedProperties") {
        add("unevaluatedProperties", .unevaluatedProperties(node))
      }
    }
    return keywords
  }

  private func stringArray(_ value: JSONValue, _ error: SchemaError) throws(SchemaError) -> [String]
  {
    guard case .array(let elements) = value else { throw error }
    var result: [String] = []
    for element in elements {
      guard case .string(let text) = element else { throw error }
      result.append(text)
    }
    return result
  }
}
