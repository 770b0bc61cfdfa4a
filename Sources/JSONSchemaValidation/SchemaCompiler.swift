import JSONCore

/// The vocabularies of draft 2020-12 that hold keywords this library evaluates.
enum Vocabulary: Sendable {
  case core
  case applicator
  case unevaluated
  case validation
  /// `format`: always read; whether it asserts is decided when it compiles.
  case format
}

/// The vocabularies in force for a schema resource, from its meta-schema's `$vocabulary`.
struct Vocabularies: Sendable, Hashable {
  var applicator = true
  var unevaluated = true
  var validation = true
  var formatAssertion = false

  static let all = Vocabularies()

  /// Whether keywords of `vocabulary` are read.
  func contains(_ vocabulary: Vocabulary) -> Bool {
    switch vocabulary {
    case .core, .format: return true
    case .applicator: return applicator
    case .unevaluated: return unevaluated
    case .validation: return validation
    }
  }

  static let prefix = "https://json-schema.org/draft/2020-12/vocab/"
  static let known: Set<String> = [
    "core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation",
    "format-assertion", "content",
  ]
}

/// Turns the schema a URI names, and everything it reaches, into a ``SchemaGraph``.
struct SchemaCompiler {
  private let registry: SchemaRegistry
  private let assertFormats: Bool
  private var nodes: [SchemaNodeDraft] = []
  private var nodeIndex: [SchemaRegistry.Location: Int] = [:]
  private var resourceIndex: [String: Int] = [:]
  private var resourceURIs: [String] = []
  private var resourceRoots: [SchemaRegistry.Location: String] = [:]
  private var vocabularyCache: [String: Vocabularies] = [:]

  init(registry: SchemaRegistry, assertFormats: Bool) {
    self.registry = registry
    self.assertFormats = assertFormats
    for (uri, resource) in registry.resources where !resource.isRetrievalAlias {
      resourceRoots[resource.location] = uri
    }
  }

  /// Compiles the schema `uri` names (an absolute URI, optionally with a fragment).
  mutating func compile(_ uri: String) throws(SchemaError) -> (graph: SchemaGraph, root: Int) {
    let reference = URIReference(uri)
    guard let location = registry.locate(reference) else { throw .unknownSchema(uri) }
    let root = try node(at: location)
    // Compiling an anchor's schema may enter further resources; the loop picks those up too.
    var dynamicAnchors: [[String: Int]] = []
    while dynamicAnchors.count < resourceURIs.count {
      let resourceURI = resourceURIs[dynamicAnchors.count]
      var anchors: [String: Int] = [:]
      for name in registry.dynamicAnchors[resourceURI] ?? [] {
        if let target = registry.locate(URIReference(resourceURI + "#" + name)) {
          anchors[name] = try node(at: target)
        }
      }
      dynamicAnchors.append(anchors)
    }
    let compiled = nodes.map {
      SchemaNode(
        boolean: $0.boolean, keywords: $0.keywords, resource: $0.resource,
        absoluteLocation: $0.absoluteLocation, quickPath: true)
    }
    return (
      SchemaGraph(nodes: compiled, resourceURIs: resourceURIs, dynamicAnchors: dynamicAnchors),
      root
    )
  }

  // MARK: - Context of a location

  struct Context {
    var base: URIReference
    var resourceURI: String
    var resourceRoot: [String]
    var metaschema: String?
  }

  /// Walks from the document root to `location`, picking up `$id`s and `$schema`s on the way.
  private func context(of location: SchemaRegistry.Location) -> Context {
    let document = registry.documents[location.document]
    var context = Context(
      base: URIReference(""), resourceURI: "", resourceRoot: [], metaschema: nil)
    var current = document
    for depth in 0...location.pointer.count {
      let prefix = SchemaRegistry.Location(
        document: location.document, pointer: Array(location.pointer.prefix(depth)))
      if let uri = resourceRoots[prefix] {
        context.base = URIReference(uri)
        context.resourceURI = uri
        context.resourceRoot = prefix.pointer
        if let resource = registry.resource(uri), resource.metaschema != nil {
          context.metaschema = resource.metaschema
        }
      }
      guard depth < location.pointer.count else { break }
      let token = location.pointer[depth]
      switch current {
      case .object(let object): current = object[token] ?? .null
      case .array(let elements):
        current =
          JSONPointer.arrayIndex(token).flatMap {
            elements.indices.contains($0) ? elements[$0] : nil
          } ?? .null
      default: current = .null
      }
    }
    return context
  }

  private mutating func vocabularies(for metaschema: String?, at location: String)
    throws(SchemaError) -> Vocabularies
  {
    guard let metaschema else { return .all }
    if let cached = vocabularyCache[metaschema] { return cached }
    var result = Vocabularies.all
    if let resource = registry.resource(URIReference(metaschema).withoutFragment.description),
      case .object(let declared)? = SchemaRegistry.value(
        of: resource.location, in: registry.documents[resource.location.document])?["$vocabulary"]
    {
      let names = Set(
        declared.keys.compactMap { key -> String? in
          key.hasPrefix(Vocabularies.prefix)
            ? String(key.dropFirst(Vocabularies.prefix.count)) : nil
        })
      for member in declared.members where member.value == .bool(true) {
        let known =
          member.key.hasPrefix(Vocabularies.prefix)
          && Vocabularies.known.contains(String(member.key.dropFirst(Vocabularies.prefix.count)))
        if !known { throw .unsupportedVocabulary(vocabulary: member.key, location: location) }
      }
      result.applicator = names.contains("applicator")
      result.unevaluated = names.contains("unevaluated")
      result.validation = names.contains("validation")
      result.formatAssertion = names.contains("format-assertion")
    }
    vocabularyCache[metaschema] = result
    return result
  }

  // MARK: - Nodes

  private mutating func node(at location: SchemaRegistry.Location) throws(SchemaError) -> Int {
    if let existing = nodeIndex[location] { return existing }
    let context = context(of: location)
    return try compileNode(at: location, context: context)
  }

  private mutating func resourceNumber(_ uri: String) -> Int {
    if let number = resourceIndex[uri] { return number }
    resourceURIs.append(uri)
    resourceIndex[uri] = resourceURIs.count - 1
    return resourceURIs.count - 1
  }

  private mutating func compileNode(at location: SchemaRegistry.Location, context: Context)
    throws(SchemaError) -> Int
  {
    guard let schema = SchemaRegistry.value(of: location, in: registry.documents[location.document])
    else {
      throw .unresolvableReference(
        reference: JSONPointer(tokens: location.pointer).description, location: context.resourceURI)
    }
    var context = context
    if case .object(let object) = schema {
      if resourceRoots[location] == nil, case .string(let id)? = object["$id"] {
        // An `$id` the index did not see (inside a keyword it does not walk) still rebases.
        context.base = context.base.resolving(URIReference(id)).withoutFragment
      }
    }
    let fragment = JSONPointer(
      tokens: Array(location.pointer.dropFirst(context.resourceRoot.count)))
    let absolute = context.resourceURI + (fragment.isRoot ? "" : fragment.uriFragment)
    let number = nodes.count
    nodes.append(
      SchemaNodeDraft(
        boolean: nil, resource: resourceNumber(context.resourceURI), absoluteLocation: absolute))
    nodeIndex[location] = number
    switch schema {
    case .bool(let value):
      nodes[number].boolean = value
    case .object(let object):
      var compiling = CompilingSchema(
        object: object, location: location, absoluteLocation: absolute, context: context,
        vocabularies: try vocabularies(for: context.metaschema, at: absolute))
      for keyword in keywordTable where compiling.vocabularies.contains(keyword.vocabulary) {
        if let compiled = try keyword.compile(&compiling, &self) {
          compiling.keywords.append(compiled)
        }
      }
      nodes[number].keywords = compiling.keywords
    default:
      throw .invalidKeyword(
        location: absolute,
        message: "a schema must be an object or a boolean, found \(schema.typeName)")
    }
    return number
  }

  // MARK: - Building keywords

  mutating func subschema(
    _ location: SchemaRegistry.Location, _ tokens: String..., context: Context
  ) throws(SchemaError) -> Int {
    let child = SchemaRegistry.Location(
      document: location.document, pointer: location.pointer + tokens)
    if let existing = nodeIndex[child] { return existing }
    var childContext = context
    if let uri = resourceRoots[child] {
      childContext.base = URIReference(uri)
      childContext.resourceURI = uri
      childContext.resourceRoot = child.pointer
      if let declared = registry.resource(uri)?.metaschema { childContext.metaschema = declared }
    }
    return try compileNode(at: child, context: childContext)
  }

  mutating func reference(_ text: String, base: URIReference, location: String) throws(SchemaError)
    -> (node: Int, uri: URIReference)
  {
    let target = base.resolving(URIReference(text))
    guard let targetLocation = registry.locate(target) else {
      throw .unresolvableReference(reference: text, location: location)
    }
    return (try node(at: targetLocation), target)
  }

  func hasDynamicAnchor(_ name: String, in uri: URIReference) -> Bool {
    registry.dynamicAnchors[uri.withoutFragment.description]?.contains(name) ?? false
  }

  var formatsAsserted: Bool { assertFormats }
}
