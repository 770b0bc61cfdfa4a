import JSONCore

/// A schema compiled into a graph of nodes: one node per subschema, keywords compiled,
/// `$ref`s resolved to node indices. Immutable, so a ``Validator`` can share it.
struct SchemaGraph: Sendable {
  let nodes: [SchemaNode]
  /// Absolute URIs of the schema resources, indexed by ``SchemaNode/resource``.
  let resourceURIs: [String]
  /// For each resource, its `$dynamicAnchor` names and the nodes they mark.
  let dynamicAnchors: [[String: Int]]
  private let outlines: NodeOutlines

  init(nodes: [SchemaNode], resourceURIs: [String], dynamicAnchors: [[String: Int]]) {
    self.nodes = nodes
    self.resourceURIs = resourceURIs
    self.dynamicAnchors = dynamicAnchors
    outlines = NodeOutlines(nodes)
  }

  /// ``SchemaNode/outline`` of each node, for the quick path; valid while this graph lives.
  var nodeOutlines: UnsafePointer<NodeOutline> { UnsafePointer(outlines.baseAddress) }
}

/// The outlines of a graph's nodes in one buffer, which reading copies no reference out of.
private final class NodeOutlines: Sendable {
  nonisolated(unsafe) let baseAddress: UnsafeMutablePointer<NodeOutline>

  init(_ nodes: [SchemaNode]) {
    baseAddress = .allocate(capacity: max(nodes.count, 1))
    baseAddress.initialize(from: nodes.map(\.outline), count: nodes.count)
  }

  deinit { baseAddress.deallocate() }
}

/// What the quick path reads of a node: plain values, so that reading it retains nothing. The
/// node it outlines keeps the keywords alive.
struct NodeOutline {
  let boolean: Bool?
  let isLeaf: Bool
  let resource: Int
  /// The node's yes-or-no checks, not retained; `nil` when the node has none (see
  /// ``SchemaNode/yesNoKeywords``).
  let keywords: UnsafeBufferPointer<Unmanaged<YesNoKeyword>>?

  /// Whether every keyword's yes-or-no check passes `instance`; only when ``keywords`` is set.
  @inline(__always)
  func yesNo(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool {
    for keyword in keywords.unsafelyUnwrapped {
      // The node holds the keyword, so the call needs no reference of its own.
      let valid = keyword._withUnsafeGuaranteedRef { $0.isValid(instance, &evaluator) }
      if !valid { return false }
    }
    return true
  }
}

/// One compiled subschema, immutable; a class so that evaluation reads it without copying.
final class SchemaNode: @unchecked Sendable {
  // Unchecked: the keywords are immutable (see ``CompiledKeyword``), and `yesNoKeywords` is a
  // buffer this node allocates, fills once and never changes.
  let boolean: Bool?
  /// In ``keywordTable`` order.
  let keywords: [CompiledKeyword]
  /// The same keywords for a yes or no (the quick path), not retained: ``keywords`` holds
  /// them. `nil` when one has no yes-or-no check, that is, reads annotations, or when the quick
  /// path is off.
  private let yesNoKeywords: UnsafeMutableBufferPointer<Unmanaged<YesNoKeyword>>?
  let resource: Int
  let absoluteLocation: String
  /// Whether the node must collect annotations from its in-place applicators, for its
  /// `unevaluatedProperties` or `unevaluatedItems`.
  let needsAnnotations: Bool
  /// Whether every keyword is an assertion on the value itself (no subschemas), so evaluation
  /// needs no annotations, dynamic scope or depth accounting.
  let isLeaf: Bool

  init(
    boolean: Bool?, keywords: [CompiledKeyword], resource: Int, absoluteLocation: String,
    quickPath: Bool
  ) {
    self.boolean = boolean
    self.keywords = keywords
    self.resource = resource
    self.absoluteLocation = absoluteLocation
    let yesNo = keywords.compactMap { $0 as? YesNoKeyword }
    needsAnnotations = yesNo.count < keywords.count
    if quickPath && !needsAnnotations {
      let buffer = UnsafeMutableBufferPointer<Unmanaged<YesNoKeyword>>.allocate(
        capacity: yesNo.count)
      _ = buffer.initialize(from: yesNo.map { Unmanaged.passUnretained($0) })
      yesNoKeywords = buffer
    } else {
      yesNoKeywords = nil
    }
    isLeaf = boolean == nil && keywords.allSatisfy { $0 is AssertionKeyword }
  }

  deinit { yesNoKeywords?.deallocate() }

  var outline: NodeOutline {
    NodeOutline(
      boolean: boolean, isLeaf: isLeaf, resource: resource,
      keywords: yesNoKeywords.map { UnsafeBufferPointer($0) })
  }

  /// This node with the quick path off, for tests that hold the two paths to the same results.
  var withoutQuickPath: SchemaNode {
    SchemaNode(
      boolean: boolean, keywords: keywords, resource: resource,
      absoluteLocation: absoluteLocation, quickPath: false)
  }
}

/// A subschema while the compiler fills it in.
struct SchemaNodeDraft {
  /// `true` or `false` for a boolean schema; `nil` for an object schema.
  var boolean: Bool?
  var keywords: [CompiledKeyword] = []
  /// The index of the schema resource the node belongs to.
  var resource: Int
  /// The node's absolute URI: resource URI plus `#` and a JSON Pointer fragment.
  var absoluteLocation: String
}
