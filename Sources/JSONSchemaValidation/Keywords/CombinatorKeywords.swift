import JSONCore

// In-place applicators that combine subschemas over the same instance: `allOf`, `anyOf`,
// `oneOf`, `not`, `if` with `then` and `else`, `dependentSchemas`, and draft 7's
// `dependencies` (core, section 10.2).

final class AllOfKeyword: SubschemaListKeyword, Keyword {
  static let name = "allOf"

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    for node in nodes where !evaluator.isValid(node, instance) { return false }
    return true
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    var valid = true
    for (position, node) in nodes.enumerated() {
      if !evaluator.descend(
        node, keyword: site.name, token: String(position), instance: instance, &annotations)
      {
        valid = false
        if evaluator.mode != .allErrors { break }
      }
    }
    if !valid && evaluator.mode == .firstError && evaluator.errors.isEmpty {
      return evaluator.fail(site, "the value does not match all of the \(nodes.count) schemas")
    }
    return valid
  }
}

final class AnyOfKeyword: SubschemaListKeyword, Keyword {
  static let name = "anyOf"

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    for node in nodes where evaluator.isValid(node, instance) { return true }
    return false
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    let mark = evaluator.errors.count
    var matched = 0
    for (position, node) in nodes.enumerated() {
      if evaluator.alternative(node, site, position, instance, &annotations) {
        matched += 1
        // Annotations need every passing branch; a yes or no needs only one.
        if !annotations.collecting { break }
      }
    }
    if matched > 0 {
      evaluator.errors.removeSubrange(mark...)
      return true
    }
    return evaluator.fail(site, "the value matches none of the \(nodes.count) alternatives")
  }
}

final class OneOfKeyword: SubschemaListKeyword, Keyword {
  static let name = "oneOf"

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    var matched = 0
    for node in nodes where evaluator.isValid(node, instance) {
      matched += 1
      if matched > 1 { return false }
    }
    return matched == 1
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    let mark = evaluator.errors.count
    var matches: [Int] = []
    for (position, node) in nodes.enumerated() {
      var branch = Annotations(collecting: annotations.collecting)
      if evaluator.alternative(node, site, position, instance, &branch) {
        matches.append(position)
        if matches.count == 1 && annotations.collecting { annotations.merge(branch) }
        if matches.count > 1 { break }
      }
    }
    if matches.count == 1 {
      evaluator.errors.removeSubrange(mark...)
      return true
    }
    if matches.isEmpty {
      return evaluator.fail(
        site,
        "the value matches none of the \(nodes.count) alternatives, but must match exactly one")
    }
    evaluator.errors.removeSubrange(mark...)
    return evaluator.fail(
      site,
      "the value matches alternatives \(matches[0]) and \(matches[1]), but must match exactly one")
  }
}

final class NotKeyword: SubschemaKeyword, Keyword {
  static let name = "not"

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    !evaluator.isValid(node, instance)
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    var ignored = Annotations(collecting: false)
    let matched = evaluator.silently { $0.evaluate(node, instance, &ignored) }
    if !matched { return true }
    return evaluator.fail(site, "the value matches a schema it must not match")
  }
}

/// `if`, with the `then` and `else` it chooses between.
final class IfKeyword: YesNoKeyword, Keyword {
  static let name = "if"
  static let vocabulary = Vocabulary.applicator
  let condition: Int
  let then: Int?
  let otherwise: Int?

  init(site: KeywordSite, condition: Int, then: Int?, otherwise: Int?) {
    self.condition = condition
    self.then = then
    self.otherwise = otherwise
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> IfKeyword?
  {
    guard let condition = try schema.subschema(name, &compiler) else { return nil }
    return IfKeyword(
      site: schema.site(name), condition: condition, then: try schema.subschema("then", &compiler),
      otherwise: try schema.subschema("else", &compiler))
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard let chosen = evaluator.isValid(condition, instance) ? then : otherwise else {
      return true
    }
    return evaluator.isValid(chosen, instance)
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    var conditionAnnotations = Annotations(collecting: annotations.collecting)
    let holds = evaluator.silently {
      $0.descend(condition, keyword: "if", instance: instance, &conditionAnnotations)
    }
    if holds {
      if annotations.collecting { annotations.merge(conditionAnnotations) }
      guard let then else { return true }
      return evaluator.descend(then, keyword: "then", instance: instance, &annotations)
    }
    guard let otherwise else { return true }
    return evaluator.descend(otherwise, keyword: "else", instance: instance, &annotations)
  }
}

final class DependentSchemasKeyword: YesNoKeyword, Keyword {
  static let name = "dependentSchemas"
  static let vocabulary = Vocabulary.applicator
  let entries: [(property: String, node: Int)]

  init(site: KeywordSite, entries: [(property: String, node: Int)]) {
    self.entries = entries
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> DependentSchemasKeyword?
  {
    try schema.subschemaMap(name, &compiler).map {
      DependentSchemasKeyword(site: schema.site(name), entries: $0.map { ($0.name, $0.node) })
    }
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .object(let object) = instance.pointee else { return true }
    for entry in entries where object[entry.property] != nil {
      if !evaluator.isValid(entry.node, instance) { return false }
    }
    return true
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .object(let object) = instance else { return true }
    var valid = true
    for entry in entries where object[entry.property] != nil {
      if !evaluator.descend(
        entry.node, keyword: site.name, token: entry.property, instance: instance, &annotations)
      {
        valid = false
        if evaluator.mode != .allErrors { break }
      }
    }
    return valid
  }
}

/// Draft 7's `dependencies`, which 2020-12 split into `dependentRequired` and
/// `dependentSchemas`; kept for schemas written before. It evaluates as those two would, under
/// its own name.
final class DependenciesKeyword: YesNoKeyword, Keyword {
  static let name = "dependencies"
  static let vocabulary = Vocabulary.applicator
  let required: DependentRequiredKeyword?
  let schemas: DependentSchemasKeyword?

  init(site: KeywordSite, required: DependentRequiredKeyword?, schemas: DependentSchemasKeyword?) {
    self.required = required
    self.schemas = schemas
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> DependenciesKeyword?
  {
    guard schema.vocabularies.validation, case .object(let legacy)? = schema[name] else {
      return nil
    }
    var required: [(property: String, required: [String])] = []
    var schemas: [(property: String, node: Int)] = []
    for member in legacy.members {
      if case .array = member.value {
        let error = schema.invalid(
          name, "'dependencies' must map names to string arrays or schemas")
        required.append((member.key, try schema.stringArray(member.value, error)))
      } else {
        schemas.append(
          (
            member.key,
            try compiler.subschema(schema.location, name, member.key, context: schema.context)
          )
        )
      }
    }
    let site = schema.site(name)
    guard !required.isEmpty || !schemas.isEmpty else { return nil }
    return DependenciesKeyword(
      site: site,
      required: required.isEmpty ? nil : DependentRequiredKeyword(site: site, entries: required),
      schemas: schemas.isEmpty ? nil : DependentSchemasKeyword(site: site, entries: schemas))
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    (required?.isValid(instance, &evaluator) ?? true)
      && (schemas?.isValid(instance, &evaluator) ?? true)
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    var valid = required?.evaluate(instance, &evaluator, &annotations) ?? true
    if !valid && evaluator.mode != .allErrors { return false }
    if let schemas, !schemas.evaluate(instance, &evaluator, &annotations) { valid = false }
    return valid
  }
}

extension Evaluator {
  /// One alternative of `anyOf` or `oneOf`: its errors are kept in all-errors mode (and dropped
  /// by the caller when another alternative matches); otherwise it runs without recording.
  fileprivate mutating func alternative(
    _ node: Int, _ site: KeywordSite, _ position: Int, _ instance: JSONValue,
    _ annotations: inout Annotations
  ) -> Bool {
    if mode == .allErrors {
      return descend(
        node, keyword: site.name, token: String(position), instance: instance, &annotations)
    }
    return silently {
      $0.descend(
        node, keyword: site.name, token: String(position), instance: instance, &annotations)
    }
  }
}
