import JSONCore
import Synchronization

/// The JSON types the declared schemas allow at each wildcarded path of an endpoint's body
/// (`/items/*/usagePercent`: integer or number), so that drift judges a type against the
/// contract first: a value the declared type admits is no type change, whatever the earlier
/// recordings happened to hold.
///
/// Read from the schema files themselves: `type`, `const` and `enum` at each path reached
/// through `properties`, `items`, `allOf`, `$ref` (within a file and across files) and the
/// collection's `$dynamicRef: #item`; where several apply, their intersection.
struct DeclaredTypes: Sendable {
  /// The declared types by wildcarded body pointer.
  var byPointer: [String: TypeSet] = [:]

  /// The declared types of `endpoint`'s successful body in `schemas`, computed once per
  /// schema set and endpoint.
  static func of(_ endpoint: EndpointID, in schemas: DeclaredSchemas) -> DeclaredTypes {
    guard let name = endpoint.responseSchemaName else { return DeclaredTypes() }
    let key = schemas.origin + "\u{0}" + name
    if let cached = cache.withLock({ $0[key] }) { return cached }
    var walker = Walker(schemas: schemas)
    if let root = walker.document(named: name + ".schema.json") {
      walker.responseDocument = root
      walker.walk(root, document: root, path: [], depth: 0)
    }
    let types = DeclaredTypes(byPointer: walker.types)
    cache.withLock { $0[key] = types }
    return types
  }

  private static let cache = Mutex<[String: DeclaredTypes]>([:])

  private struct Walker {
    let schemas: DeclaredSchemas
    var documents: [String: JSONValue] = [:]
    var responseDocument: JSONValue = .null
    var types: [String: TypeSet] = [:]

    init(schemas: DeclaredSchemas) { self.schemas = schemas }

    mutating func document(named fileName: String) -> JSONValue? {
      if let known = documents[fileName] { return known }
      guard let schema = schemas.schemas.first(where: { $0.fileName == fileName }),
        let value = try? JSONParser.parse(Array(schema.sourceText.utf8)).value
      else { return nil }
      documents[fileName] = value
      return value
    }

    mutating func walk(_ schema: JSONValue, document: JSONValue, path: [String], depth: Int) {
      guard depth < 24, case .object(let object) = schema else { return }
      let pointer = JSONPointer(tokens: path).description
      var declared: TypeSet?
      if let type = object["type"] { declared = Self.typeSet(type) }
      if let constant = object["const"] { declared = Self.typeOf(constant) }
      if let values = object["enum"]?.arrayValue {
        declared = values.reduce(TypeSet()) { $0.union(Self.typeOf($1)) }
      }
      if let declared {
        types[pointer] = types[pointer].map { $0.intersection(declared) } ?? declared
      }
      if let reference = object["$ref"]?.stringValue {
        resolve(reference, from: document, path: path, depth: depth)
      }
      if object["$dynamicRef"]?.stringValue == "#item",
        let item = responseDocument["$defs"]?["item"]
      {
        walk(item, document: responseDocument, path: path, depth: depth + 1)
      }
      for member in object["allOf"]?.arrayValue ?? [] {
        walk(member, document: document, path: path, depth: depth + 1)
      }
      for member in object["properties"]?.objectValue?.members ?? [] {
        walk(member.value, document: document, path: path + [member.key], depth: depth + 1)
      }
      if let items = object["items"], items.objectValue != nil {
        walk(items, document: document, path: path + ["*"], depth: depth + 1)
      }
    }

    private mutating func resolve(
      _ reference: String, from document: JSONValue, path: [String], depth: Int
    ) {
      let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
      let file = parts.first.map(String.init) ?? ""
      let fragment = parts.count > 1 ? String(parts[1]) : ""
      guard let target = file.isEmpty ? document : self.document(named: file) else { return }
      guard let pointer = try? JSONPointer(parsing: fragment),
        let resolved = pointer.resolve(in: target)
      else { return }
      walk(resolved, document: target, path: path, depth: depth + 1)
    }

    private static func typeSet(_ value: JSONValue) -> TypeSet? {
      let names = value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue)
      guard let names else { return nil }
      return names.reduce(TypeSet()) { set, name in
        switch name {
        case "null": set.union(.null)
        case "boolean": set.union(.boolean)
        case "integer": set.union(.integer)
        case "number": set.union([.integer, .fraction])
        case "string": set.union(.string)
        case "array": set.union(.array)
        case "object": set.union(.object)
        default: set
        }
      }
    }

    private static func typeOf(_ value: JSONValue) -> TypeSet {
      switch value {
      case .null: .null
      case .bool: .boolean
      case .number(let number): number.isInteger ? .integer : .fraction
      case .string: .string
      case .array: .array
      case .object: .object
      }
    }
  }
}
