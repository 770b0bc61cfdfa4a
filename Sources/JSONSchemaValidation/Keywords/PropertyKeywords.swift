import JSONCore

// Applicators to object members: `properties`, `patternProperties`, `additionalProperties` and
// `propertyNames` (core, section 10.3.2). They pass every value that is not an object.

/// `properties`; when every name `required` lists is a declared property (at most 64), it takes
/// `required` over and checks it in the same pass over the members, reporting it as itself.
final class PropertiesKeyword: YesNoKeyword, Keyword {
  static let name = "properties"
  static let vocabulary = Vocabulary.applicator
  let table: PropertyTable
  /// The `required` this keyword checks, and bit `i` set when table entry `i` is required.
  let required: (keyword: RequiredKeyword, mask: UInt64)?

  init(site: KeywordSite, table: PropertyTable, required: (keyword: RequiredKeyword, mask: UInt64)?)
  {
    self.table = table
    self.required = required
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> PropertiesKeyword?
  {
    guard let entries = try schema.subschemaMap(name, &compiler) else { return nil }
    let table = PropertyTable(entries)
    var required: (keyword: RequiredKeyword, mask: UInt64)? = nil
    if table.names.count <= 64, let listed = schema.compiled(RequiredKeyword.self),
      let mask = table.mask(covering: listed.names.names),
      let taken = schema.take(RequiredKeyword.self)
    {
      required = (taken, mask)
    }
    return PropertiesKeyword(site: schema.site(name), table: table, required: required)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .object(let object) = instance.pointee else { return true }
    return membersValid(object, additional: nil, &evaluator)
  }

  /// Whether the members pass these properties (and the `required` taken over), in one pass that
  /// reads them in place; with `additional`, also whether every member not declared passes that
  /// node (`additionalProperties` without `patternProperties`, see
  /// ``AdditionalPropertiesKeyword``).
  func membersValid(_ object: JSONObject, additional: Int?, _ evaluator: inout Evaluator) -> Bool {
    let table = table
    let requiredMask = required?.mask ?? 0
    return object.members.withUnsafeBufferPointer { members in
      var present: UInt64 = 0
      for position in members.indices {
        if let entry = table.position(of: members[position].key, hash: members[position].keyHash) {
          present |= 1 &<< UInt64(truncatingIfNeeded: entry)
          let value = JSONObject.valuePointer(in: members, at: position)
          if !evaluator.isValid(table.nodes[entry], value) { return false }
        } else if let additional,
          !evaluator.isValid(additional, JSONObject.valuePointer(in: members, at: position))
        {
          return false
        }
      }
      return present & requiredMask == requiredMask
    }
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .object(let object) = instance else { return true }
    var valid = true
    var present: UInt64 = 0
    for member in object.members {
      guard let position = table.position(of: member) else { continue }
      present |= 1 << UInt64(truncatingIfNeeded: position)
      if annotations.collecting { annotations.properties.insert(CodePointKey(member.key)) }
      if !evaluator.descend(
        table.nodes[position], keyword: site.name, token: member.key, child: member.value,
        key: .name(member.key))
      {
        valid = false
        if evaluator.mode != .allErrors { return false }
      }
    }
    if let required, present & required.mask != required.mask {
      for (position, name) in table.names.enumerated()
      where required.mask & (1 << UInt64(position)) != 0 && present & (1 << UInt64(position)) == 0 {
        valid = evaluator.fail(required.keyword.site, RequiredKeyword.missing(name))
        if evaluator.mode != .allErrors { return false }
      }
    }
    return valid
  }
}

final class PatternPropertiesKeyword: YesNoKeyword, Keyword {
  static let name = "patternProperties"
  static let vocabulary = Vocabulary.applicator
  let patterns: [(regex: ECMAScriptRegex, node: Int)]

  init(site: KeywordSite, patterns: [(regex: ECMAScriptRegex, node: Int)]) {
    self.patterns = patterns
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> PatternPropertiesKeyword?
  {
    guard let entries = try schema.subschemaMap(name, &compiler) else { return nil }
    var patterns: [(regex: ECMAScriptRegex, node: Int)] = []
    for entry in entries { patterns.append((try schema.regex(entry.name, name), entry.node)) }
    return PatternPropertiesKeyword(site: schema.site(name), patterns: patterns)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .object(let object) = instance.pointee else { return true }
    let patterns = patterns
    return object.members.withUnsafeBufferPointer { members in
      for position in members.indices {
        for entry in patterns {
          guard let matched = entry.regex.search(in: members[position].key) else { return false }
          if matched
            && !evaluator.isValid(entry.node, JSONObject.valuePointer(in: members, at: position))
          {
            return false
          }
        }
      }
      return true
    }
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .object(let object) = instance else { return true }
    var valid = true
    for member in object.members {
      for entry in patterns {
        guard let matched = entry.regex.search(in: member.key) else {
          valid = evaluator.fail(site, entry.regex.stepLimitMessage)
          if evaluator.mode != .allErrors { return false }
          continue
        }
        guard matched else { continue }
        if annotations.collecting { annotations.properties.insert(CodePointKey(member.key)) }
        if !evaluator.descend(
          entry.node, keyword: site.name, token: entry.regex.pattern, child: member.value,
          key: .name(member.key))
        {
          valid = false
          if evaluator.mode != .allErrors { return false }
        }
      }
    }
    return valid
  }
}

/// `additionalProperties`. Without `patternProperties`, it takes `properties` over, so that a yes
/// or no is one pass over the members; it evaluates with errors as the two would in turn.
final class AdditionalPropertiesKeyword: YesNoKeyword, Keyword {
  static let name = "additionalProperties"
  static let vocabulary = Vocabulary.applicator
  let node: Int
  /// `properties`, taken over.
  let properties: PropertiesKeyword?
  /// The names `properties` declares, and the patterns of `patternProperties`: members they
  /// cover are not additional.
  let declared: PropertyTable?
  let patterns: [ECMAScriptRegex]

  init(
    site: KeywordSite, node: Int, properties: PropertiesKeyword?, declared: PropertyTable?,
    patterns: [ECMAScriptRegex]
  ) {
    self.node = node
    self.properties = properties
    self.declared = declared
    self.patterns = patterns
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> AdditionalPropertiesKeyword?
  {
    guard let node = try schema.subschema(name, &compiler) else { return nil }
    let patterns = schema.compiled(PatternPropertiesKeyword.self)?.patterns.map(\.regex) ?? []
    // `properties` comes just before when there are no patterns, so evaluating it here keeps
    // the order of errors.
    let properties = patterns.isEmpty ? schema.take(PropertiesKeyword.self) : nil
    return AdditionalPropertiesKeyword(
      site: schema.site(name), node: node, properties: properties,
      declared: (properties ?? schema.compiled(PropertiesKeyword.self))?.table, patterns: patterns)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .object(let object) = instance.pointee else { return true }
    if let properties { return properties.membersValid(object, additional: node, &evaluator) }
    return object.members.withUnsafeBufferPointer { members in
      for position in members.indices where isAdditional(members[position]) {
        if !evaluator.isValid(node, JSONObject.valuePointer(in: members, at: position)) {
          return false
        }
      }
      return true
    }
  }

  private func isAdditional(_ member: JSONObject.Member) -> Bool {
    if let declared, declared.position(of: member) != nil { return false }
    // A pattern that cannot be decided counts as matching: `patternProperties` has already
    // failed the instance for it.
    return !patterns.contains { $0.search(in: member.key) != false }
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    var valid = true
    if let properties {
      valid = properties.evaluate(instance, &evaluator, &annotations)
      if !valid && evaluator.mode != .allErrors { return false }
    }
    guard case .object(let object) = instance else { return valid }
    for member in object.members where isAdditional(member) {
      if annotations.collecting { annotations.properties.insert(CodePointKey(member.key)) }
      if evaluator.graph.nodes[node].boolean == false {
        // The common `additionalProperties: false`: name the property, not the schema.
        valid = false
        if evaluator.recordsErrors {
          evaluator.instancePath.append(.name(member.key))
          evaluator.fail(
            site, "the property \(quoted(member.key)) is not allowed (no schema declares it)")
          evaluator.instancePath.removeLast()
        }
        if evaluator.mode != .allErrors { break }
        continue
      }
      if !evaluator.descend(node, keyword: site.name, child: member.value, key: .name(member.key)) {
        valid = false
        if evaluator.mode != .allErrors { break }
      }
    }
    return valid
  }
}

final class PropertyNamesKeyword: SubschemaKeyword, Keyword {
  static let name = "propertyNames"

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .object(let object) = instance.pointee else { return true }
    for member in object.members {
      let name = JSONValue.string(member.key)
      if !withUnsafePointer(to: name, { evaluator.isValid(node, $0) }) { return false }
    }
    return true
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .object(let object) = instance else { return true }
    var valid = true
    for member in object.members {
      var ignored = Annotations(collecting: false)
      if !evaluator.descend(node, keyword: site.name, instance: .string(member.key), &ignored) {
        valid = false
        if evaluator.mode != .allErrors { break }
      }
    }
    return valid
  }
}
