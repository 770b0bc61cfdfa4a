import Foundation
import JSONCore

/// The schemas a validator may refer to, indexed by `$id`, `$anchor` and `$dynamicAnchor`.
///
/// A registry never fetches anything: every document a `$ref` reaches must be added first, and
/// a reference to anything else is a ``SchemaError/unresolvableReference(reference:location:)``
/// when compiling. The draft 2020-12 meta-schemas are preloaded. A registry is a value: copy it
/// to add schemas for one use without touching the original.
public struct SchemaRegistry: Sendable {
  /// Where a schema resource lives: a document and a JSON Pointer into it.
  struct Location: Sendable, Hashable {
    var document: Int
    var pointer: [String]
  }

  /// A schema resource: a subschema with its own `$id`, or a document root.
  struct Resource: Sendable {
    var location: Location
    /// The `$schema` in force for the resource, when one was declared on it or above it.
    var metaschema: String?
    /// Whether this entry is the URI a document was loaded from, not its `$id`.
    var isRetrievalAlias = false
  }

  private(set) var documents: [JSONValue] = []
  private(set) var resources: [String: Resource] = [:]
  private(set) var anchors: [String: Location] = [:]
  /// For each resource URI, the names of its `$dynamicAnchor`s.
  private(set) var dynamicAnchors: [String: Set<String>] = [:]
  private var anonymousCount = 0

  /// The draft 2020-12 dialect URI.
  public static let draft202012 = "https://json-schema.org/draft/2020-12/schema"

  /// A registry holding the draft 2020-12 meta-schemas.
  public init() {
    for (uri, json) in Draft202012Metaschemas.documents {
      // The embedded documents are generated from the official files and parse.
      guard let document = try? JSONValue(parsing: json) else { continue }
      _ = try? add(document, uri: uri)
    }
  }

  /// Adds a schema document and returns its absolute URI.
  ///
  /// The URI is the document's `$id` resolved against `uri`; without either, a unique
  /// `urn:pc-contract:schema:N` is made up. Embedded `$id`s, `$anchor`s and `$dynamicAnchor`s
  /// are indexed; `$id`s inside `enum`, `const` or unknown keywords are data, not identifiers.
  @discardableResult
  public mutating func add(_ document: JSONValue, uri: String? = nil) throws(SchemaError) -> String
  {
    let base: URIReference
    if let uri {
      base = URIReference(uri).withoutFragment
    } else {
      anonymousCount += 1
      base = URIReference("urn:pc-contract:schema:\(anonymousCount)")
    }
    var pending = PendingIndex()
    let rootURI = Self.index(
      document, pointer: [], base: base, metaschema: nil, isResourceRoot: true, into: &pending)
    // A document whose `$id` differs from the URI it was loaded from answers to both.
    if rootURI != base.description, pending.resources[base.description] == nil {
      pending.resources[base.description] = pending.resources[rootURI]
      pending.resources[base.description]?.isRetrievalAlias = true
    }
    let documentIndex = documents.count
    for (key, entry) in pending.resources {
      if let existing = resources[key],
        Self.value(of: existing.location, in: documents[existing.location.document])
          != Self.value(of: entry.location, in: document)
      {
        throw .duplicateIdentifier(key)
      }
    }
    documents.append(document)
    for (key, entry) in pending.resources {
      var resource = entry
      resource.location.document = documentIndex
      resources[key] = resource
    }
    for (key, pointer) in pending.anchors {
      anchors[key] = Location(document: documentIndex, pointer: pointer)
    }
    for (key, names) in pending.dynamicAnchors { dynamicAnchors[key, default: []].formUnion(names) }
    return rootURI
  }

  /// Reads and adds the schema file at `path`; its URI is its `$id`, else `uri`, else a
  /// `file://` URI of the path.
  @discardableResult
  public mutating func addFile(atPath path: String, uri: String? = nil) throws(SchemaError)
    -> String
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadableSchema(path: path, reason: "the file cannot be read")
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(data).value
    } catch {
      throw .unreadableSchema(path: path, reason: "\(error)")
    }
    let fileURI = uri ?? URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    return try add(document, uri: fileURI)
  }

  /// Adds every `*.json` file below `directory`; a file without `$id` gets the URI
  /// `baseURI` + its path relative to `directory`. Returns the URIs in path order.
  @discardableResult
  public mutating func addDirectory(atPath directory: String, baseURI: String) throws(SchemaError)
    -> [String]
  {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
      throw .unreadableSchema(path: directory, reason: "the folder cannot be read")
    }
    var relativePaths: [String] = []
    while let relative = enumerator.nextObject() as? String {
      if relative.hasSuffix(".json") { relativePaths.append(relative) }
    }
    var uris: [String] = []
    let base = baseURI.hasSuffix("/") ? baseURI : baseURI + "/"
    for relative in relativePaths.sorted() {
      let path = (directory as NSString).appendingPathComponent(relative)
      uris.append(try addFile(atPath: path, uri: base + relative))
    }
    return uris
  }

  /// Whether a resource with this absolute URI (no fragment) is loaded.
  public func contains(_ uri: String) -> Bool {
    resources[URIReference(uri).withoutFragment.description] != nil
  }

  /// The schema a URI designates: a resource, an anchor in one, or a JSON Pointer fragment.
  func locate(_ uri: URIReference) -> Location? {
    let resourceKey = uri.withoutFragment.description
    guard let resource = resources[resourceKey] else { return nil }
    guard let fragment = uri.fragment, !fragment.isEmpty else { return resource.location }
    if fragment.hasPrefix("/") {
      guard let pointer = try? JSONPointer(uriFragment: fragment) else { return nil }
      let location = Location(
        document: resource.location.document, pointer: resource.location.pointer + pointer.tokens)
      return Self.value(of: location, in: documents[location.document]) == nil ? nil : location
    }
    return anchors[resourceKey + "#" + fragment]
  }

  /// The resource registered under exactly this URI.
  func resource(_ uri: String) -> Resource? { resources[uri] }

  static func value(of location: Location, in document: JSONValue) -> JSONValue? {
    JSONPointer(tokens: location.pointer).resolve(in: document)
  }

  // MARK: - Indexing

  private struct PendingIndex {
    var resources: [String: Resource] = [:]
    var anchors: [String: [String]] = [:]
    var dynamicAnchors: [String: Set<String>] = [:]
  }

  /// Keywords whose value is one subschema.
  static let singleSubschemaKeywords: Set<String> = [
    "additionalProperties", "propertyNames", "not", "if", "then", "else", "items", "contains",
    "unevaluatedItems", "unevaluatedProperties", "contentSchema",
  ]
  /// Keywords whose value is an object of subschemas.
  static let subschemaMapKeywords: Set<String> = [
    "$defs", "definitions", "properties", "patternProperties", "dependentSchemas", "dependencies",
  ]
  /// Keywords whose value is an array of subschemas.
  static let subschemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]

  /// Indexes one subschema and what lies below it; returns its resource URI when it is one.
  @discardableResult
  private static func index(
    _ schema: JSONValue, pointer: [String], base: URIReference, metaschema: String?,
    isResourceRoot: Bool, into pending: inout PendingIndex
  ) -> String {
    guard case .object(let object) = schema else {
      if isResourceRoot {
        pending.resources[base.description] = Resource(
          location: Location(document: 0, pointer: pointer), metaschema: metaschema)
      }
      return base.description
    }
    var base = base
    var metaschema = metaschema
    if case .string(let declared)? = object["$schema"] { metaschema = declared }
    var isResource = isResourceRoot
    if case .string(let id)? = object["$id"] {
      base = base.resolving(URIReference(id)).withoutFragment
      isResource = true
    }
    let resourceURI = base.description
    if isResource {
      pending.resources[resourceURI] = Resource(
        location: Location(document: 0, pointer: pointer), metaschema: metaschema)
    }
    if case .string(let anchor)? = object["$anchor"] {
      pending.anchors[resourceURI + "#" + anchor] = pointer
    }
    if case .string(let anchor)? = object["$dynamicAnchor"] {
      pending.anchors[resourceURI + "#" + anchor] = pointer
      pending.dynamicAnchors[resourceURI, default: []].insert(anchor)
    }
    for member in object.members {
      let key = member.key
      if singleSubschemaKeywords.contains(key) {
        index(
          member.value, pointer: pointer + [key], base: base, metaschema: metaschema,
          isResourceRoot: false, into: &pending)
      } else if subschemaMapKeywords.contains(key), case .object(let map) = member.value {
        for entry in map.members {
          index(
            entry.value, pointer: pointer + [key, entry.key], base: base, metaschema: metaschema,
            isResourceRoot: false, into: &pending)
        }
      } else if subschemaArrayKeywords.contains(key), case .array(let elements) = member.value {
        for (position, element) in elements.enumerated() {
          index(
            element, pointer: pointer + [key, String(position)], base: base, metaschema: metaschema,
            isResourceRoot: false, into: &pending)
        }
      }
    }
    return resourceURI
  }
}
