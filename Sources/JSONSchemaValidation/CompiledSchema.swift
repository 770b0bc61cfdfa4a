import JSONCore

/// A schema compiled into a graph of nodes: one node per subschema, keywords resolved to
/// checks, `$ref`s resolved to node indices. Immutable, so a ``Validator`` can share it.
struct SchemaGraph: Sendable {
  let nodes: [SchemaNode]
  /// Absolute URIs of the schema resources, indexed by ``SchemaNode/resource``.
  var resourceURIs: [String]
  /// For each resource, its `$dynamicAnchor` names and the nodes they mark.
  var dynamicAnchors: [[String: Int]]
  /// The nodes again, for the evaluator's quick path.
  let quick: QuickPlan

  init(
    nodes: [SchemaNode], resourceURIs: [String], dynamicAnchors: [[String: Int]],
    quickPath: Bool = true
  ) {
    self.nodes = nodes
    self.resourceURIs = resourceURIs
    self.dynamicAnchors = dynamicAnchors
    quick = QuickPlan(nodes, enabled: quickPath)
  }
}

/// One compiled subschema, immutable; a class so that evaluation reads it without copying.
final class SchemaNode: Sendable {
  let boolean: Bool?
  let keywords: [CompiledKeyword]
  let resource: Int
  let absoluteLocation: String
  /// See ``SchemaNodeDraft/needsAnnotations``.
  let needsAnnotations: Bool
  /// Whether every keyword is an assertion on the value itself (no subschemas), so evaluation
  /// needs no annotations, dynamic scope or depth accounting.
  let isLeaf: Bool

  init(_ draft: SchemaNodeDraft) {
    boolean = draft.boolean
    keywords = draft.keywords
    resource = draft.resource
    absoluteLocation = draft.absoluteLocation
    needsAnnotations = draft.needsAnnotations
    isLeaf = draft.boolean == nil && draft.keywords.allSatisfy { $0.check.isAssertion }
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
  /// Whether the node has `unevaluatedProperties` or `unevaluatedItems`, and so must collect
  /// annotations from its in-place applicators.
  var needsAnnotations = false
}

/// A keyword ready to evaluate.
final class CompiledKeyword: Sendable {
  /// The keyword's name, the last token of its keyword location.
  let name: String
  /// The keyword's absolute location, for output units.
  let absoluteLocation: String
  let check: KeywordCheck

  init(name: String, absoluteLocation: String, check: KeywordCheck) {
    self.name = name
    self.absoluteLocation = absoluteLocation
    self.check = check
  }
}

/// JSON types as a bit set, for `type`.
struct TypeMask: OptionSet, Sendable {
  let rawValue: UInt8
  static let null = TypeMask(rawValue: 1)
  static let boolean = TypeMask(rawValue: 2)
  static let object = TypeMask(rawValue: 4)
  static let array = TypeMask(rawValue: 8)
  static let number = TypeMask(rawValue: 16)
  static let string = TypeMask(rawValue: 32)
  static let integer = TypeMask(rawValue: 64)

  init(rawValue: UInt8) { self.rawValue = rawValue }

  init?(name: String) {
    switch name {
    case "null": self = .null
    case "boolean": self = .boolean
    case "object": self = .object
    case "array": self = .array
    case "number": self = .number
    case "string": self = .string
    case "integer": self = .integer
    default: return nil
    }
  }

  func admits(_ value: JSONValue) -> Bool {
    switch value {
    case .null: return contains(.null)
    case .bool: return contains(.boolean)
    case .object: return contains(.object)
    case .array: return contains(.array)
    case .string: return contains(.string)
    case .number(let number):
      return contains(.number) || (contains(.integer) && number.isInteger)
    }
  }

  var names: [String] {
    var result: [String] = []
    let all: [(TypeMask, String)] = [
      (.null, "null"), (.boolean, "boolean"), (.object, "object"), (.array, "array"),
      (.number, "number"), (.string, "string"), (.integer, "integer"),
    ]
    for (member, name) in all where contains(member) { result.append(name) }
    return result
  }
}

/// What a keyword checks, with everything it needs precomputed.
enum KeywordCheck: Sendable {
  // Validation vocabulary
  case type(TypeMask)
  case enumeration([JSONValue])
  case constant(JSONValue)
  case multipleOf(JSONNumber)
  case maximum(JSONNumber)
  case exclusiveMaximum(JSONNumber)
  case minimum(JSONNumber)
  case exclusiveMinimum(JSONNumber)
  case maxLength(Int)
  case minLength(Int)
  case pattern(ECMAScriptRegex)
  case maxItems(Int)
  case minItems(Int)
  case uniqueItems
  case maxProperties(Int)
  case minProperties(Int)
  case required(PropertyTable)
  case dependentRequired([(property: String, required: [String])])
  // Format
  case format(name: String, asserted: Bool)
  // Core
  case ref(Int)
  /// `target` is the statically resolved schema; `anchor` is set when that target carries a
  /// `$dynamicAnchor` of the fragment's name, so the dynamic scope may override it.
  case dynamicRef(target: Int, anchor: String?)
  // Applicator
  case allOf([Int])
  case anyOf([Int])
  case oneOf([Int])
  case not(Int)
  case conditional(condition: Int, then: Int?, otherwise: Int?)
  case dependentSchemas([(property: String, node: Int)])
  case prefixItems([Int])
  case items(node: Int, from: Int)
  case contains(node: Int, minimum: Int, maximum: Int?)
  /// `properties`; when the schema's `required` names are all declared properties (at most
  /// 64), `required` is checked in the same pass over the members and reported as itself.
  case properties(PropertyTable, required: FusedRequired?)
  case patternProperties([(regex: ECMAScriptRegex, node: Int)])
  case additionalProperties(node: Int, declared: PropertyTable?, patterns: [ECMAScriptRegex])
  case propertyNames(Int)
  // Unevaluated
  case unevaluatedItems(Int)
  case unevaluatedProperties(Int)

  /// Whether the keyword looks only at the value, applying no subschema.
  var isAssertion: Bool {
    switch self {
    case .type, .enumeration, .constant, .multipleOf, .maximum, .exclusiveMaximum, .minimum,
      .exclusiveMinimum, .maxLength, .minLength, .pattern, .maxItems, .minItems, .uniqueItems,
      .maxProperties, .minProperties, .required, .dependentRequired, .format:
      return true
    default:
      return false
    }
  }
}

/// `required` folded into `properties`: a bit per table entry, and the `required` keyword for
/// its output units.
struct FusedRequired: Sendable {
  /// Bit `i` is set when table entry `i` is required.
  let mask: UInt64
  let keyword: CompiledKeyword
}

/// The subschemas of `properties`, looked up by an FNV-1a hash of the name's UTF-8 bytes in an
/// open-addressing table, then confirmed by code-point equality.
final class PropertyTable: Sendable {
  let names: [String]
  let nodes: [Int]
  /// Whether each name is ASCII; see ``position(of:)``.
  private let asciiNames: [Bool]
  private let hashes: [UInt32]
  private let slots: [Int32]
  private let mask: Int

  init(_ entries: [(name: String, node: Int)]) {
    names = entries.map(\.name)
    nodes = entries.map(\.node)
    asciiNames = entries.map { $0.name.utf8.allSatisfy { $0 < 0x80 } }
    hashes = entries.map { JSONObject.keyHash($0.name) }
    var capacity = 8
    while capacity < entries.count * 2 { capacity *= 2 }
    mask = capacity - 1
    var slots = [Int32](repeating: -1, count: capacity)
    for (position, entry) in entries.enumerated() {
      var slot = Int(truncatingIfNeeded: JSONObject.keyHash(entry.name)) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(position)
    }
    self.slots = slots
  }

  /// The position of `name` among the entries.
  @inline(__always)
  func position(of name: String) -> Int? {
    position(of: name, hash: JSONObject.keyHash(name))
  }

  /// The position of an instance member's name, using the hash the parser stored with it.
  @inline(__always)
  func position(of member: JSONObject.Member) -> Int? {
    position(of: member.key, hash: member.keyHash)
  }

  /// The position of `name`, whose ``JSONObject/keyHash(_:)`` is `hash`.
  @inline(__always)
  func position(of name: String, hash: UInt32) -> Int? {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let candidate = Int(slots[slot])
      if candidate < 0 { return nil }
      // Swift's `==` is canonical equivalence, fast on ASCII. A string canonically equivalent
      // to an ASCII one but not identical holds a non-ASCII scalar (K for K), which makes its
      // UTF-8 longer; so equal lengths plus `==` prove identity for an ASCII name.
      if hashes[candidate] == hash {
        let known = names[candidate]
        if known.utf8.count == name.utf8.count && known == name
          && (asciiNames[candidate] || known.codePointsEqual(name))
        {
          return candidate
        }
      }
      slot = (slot + 1) & mask
    }
  }

  /// The bit mask of the entries named `names`, or `nil` when one is not an entry.
  func mask(covering names: [String]) -> UInt64? {
    var mask: UInt64 = 0
    for name in names {
      guard let position = position(of: name), position < 64 else { return nil }
      mask |= 1 << UInt64(position)
    }
    return mask
  }

}
