import JSONCore

/// One schema object while its keywords compile: its members, where it is, the vocabularies in
/// force, and the keywords compiled so far. Keywords read their values through it, so every
/// malformed value is reported the same way, at the keyword's location.
struct CompilingSchema {
  let object: JSONObject
  let location: SchemaRegistry.Location
  /// The schema's absolute URI: resource URI plus `#` and a JSON Pointer fragment.
  let absoluteLocation: String
  let context: SchemaCompiler.Context
  let vocabularies: Vocabularies
  /// Compiled so far, in ``keywordTable`` order.
  var keywords: [CompiledKeyword] = []

  subscript(name: String) -> JSONValue? { object[name] }

  /// The compiled keyword of type `type`, if the schema has it.
  func compiled<K: CompiledKeyword>(_ type: K.Type) -> K? {
    for keyword in keywords { if let match = keyword as? K { return match } }
    return nil
  }

  /// Takes the compiled keyword of type `type` out, for a keyword that evaluates it itself.
  mutating func take<K: CompiledKeyword>(_ type: K.Type) -> K? {
    guard let position = keywords.firstIndex(where: { $0 is K }) else { return nil }
    return keywords.remove(at: position) as? K
  }

  // MARK: - Reading values

  func site(_ name: String) -> KeywordSite {
    KeywordSite(name: name, absoluteLocation: keywordLocation(name))
  }

  func keywordLocation(_ name: String) -> String {
    let fragment = JSONPointer(tokens: [name]).uriFragment
    return absoluteLocation.contains("#")
      ? absoluteLocation + fragment.dropFirst() : absoluteLocation + fragment
  }

  func invalid(_ name: String, _ message: String) -> SchemaError {
    .invalidKeyword(location: keywordLocation(name), message: message)
  }

  /// A non-negative integer, as `maxLength` and its kind take; larger than `Int` reads as
  /// `Int.max`.
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

  func string(_ name: String, _ what: String) throws(SchemaError) -> String? {
    guard let value = object[name] else { return nil }
    guard case .string(let text) = value else { throw invalid(name, "'\(name)' must be \(what)") }
    return text
  }

  func stringArray(_ value: JSONValue, _ error: SchemaError) throws(SchemaError) -> [String] {
    guard case .array(let elements) = value else { throw error }
    var result: [String] = []
    for element in elements {
      guard case .string(let text) = element else { throw error }
      result.append(text)
    }
    return result
  }

  func regex(_ pattern: String, _ name: String) throws(SchemaError) -> ECMAScriptRegex {
    do {
      return try ECMAScriptRegex(pattern)
    } catch {
      throw .invalidPattern(location: keywordLocation(name), pattern: pattern, reason: "\(error)")
    }
  }

  // MARK: - Subschemas

  /// The node of the subschema `name` holds.
  func subschema(_ name: String, _ compiler: inout SchemaCompiler) throws(SchemaError) -> Int? {
    guard object[name] != nil else { return nil }
    return try compiler.subschema(location, name, context: context)
  }

  /// The nodes of the non-empty array of subschemas `name` holds.
  func subschemaArray(_ name: String, _ compiler: inout SchemaCompiler) throws(SchemaError)
    -> [Int]?
  {
    guard let value = object[name] else { return nil }
    guard case .array(let elements) = value, !elements.isEmpty else {
      throw invalid(name, "'\(name)' must be a non-empty array of schemas")
    }
    var result: [Int] = []
    for position in elements.indices {
      result.append(try compiler.subschema(location, name, String(position), context: context))
    }
    return result
  }

  /// The member names and nodes of the object of subschemas `name` holds.
  func subschemaMap(_ name: String, _ compiler: inout SchemaCompiler) throws(SchemaError)
    -> [(name: String, node: Int)]?
  {
    guard let value = object[name] else { return nil }
    guard case .object(let map) = value else {
      throw invalid(name, "'\(name)' must be an object of schemas")
    }
    var result: [(name: String, node: Int)] = []
    for member in map.members {
      result.append(
        (member.key, try compiler.subschema(location, name, member.key, context: context)))
    }
    return result
  }
}
