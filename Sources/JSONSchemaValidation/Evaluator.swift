import JSONCore

/// What the in-place applicators of one schema evaluated, for `unevaluatedProperties` and
/// `unevaluatedItems` (draft 2020-12 section 11). Collected only when some schema asks.
struct Annotations {
  let collecting: Bool
  var allProperties = false
  var properties: Set<CodePointKey> = []
  var allItems = false
  /// Items `0..<itemPrefix` were evaluated by `prefixItems`.
  var itemPrefix = 0
  /// Items `contains` matched.
  var itemIndices: Set<Int> = []

  init(collecting: Bool) { self.collecting = collecting }

  mutating func merge(_ other: Annotations) {
    allProperties = allProperties || other.allProperties
    if !other.properties.isEmpty { properties.formUnion(other.properties) }
    allItems = allItems || other.allItems
    itemPrefix = max(itemPrefix, other.itemPrefix)
    if !other.itemIndices.isEmpty { itemIndices.formUnion(other.itemIndices) }
  }

  func isEvaluated(property name: String) -> Bool {
    allProperties || properties.contains(CodePointKey(name))
  }

  func isEvaluated(item index: Int) -> Bool {
    allItems || index < itemPrefix || itemIndices.contains(index)
  }
}

/// Walks a ``SchemaGraph`` over one instance. One evaluator per validation; not shared.
struct Evaluator {
  enum Mode {
    /// Keep no errors and no paths: a yes or no.
    case flagOnly
    case firstError
    case allErrors
  }

  let graph: SchemaGraph
  var mode: Mode
  var errors: [ValidationError] = []
  /// The instance location, kept only when errors are recorded; indices stay numbers until an
  /// error needs the text.
  var instancePath: [PathComponent] = []
  /// The keyword location, kept only when errors are recorded.
  var keywordPath: [String] = []
  /// Schema resources entered, outermost first, for `$dynamicRef`.
  var dynamicScope: [Int] = []
  var depth = 0
  /// Nodes and members a yes-or-no answer may still visit before it gives up; unlimited except
  /// in a ``provenValid(_:_:)`` pre-check.
  var visitsLeft = Int.max
  /// Whether a yes-or-no answer ran out of ``visitsLeft``, so that it proves nothing.
  var gaveUp = false

  /// Nested subschema evaluations allowed before giving up: a `$ref` cycle that never moves
  /// into the instance would otherwise recurse forever.
  static let maximumDepth = 1_000

  /// ``SchemaGraph/nodeOutlines``, kept alive by `graph`.
  let outlines: UnsafePointer<NodeOutline>

  init(graph: SchemaGraph, mode: Mode) {
    self.graph = graph
    outlines = graph.nodeOutlines
    self.mode = mode
  }

  var recordsErrors: Bool { mode != .flagOnly }

  /// Evaluates node `index` against `instance`; merges its annotations into `annotations` when
  /// that collects and the node passes. A yes or no without annotations takes the quick path.
  mutating func evaluate(_ index: Int, _ instance: JSONValue, _ annotations: inout Annotations)
    -> Bool
  {
    if mode == .flagOnly && !annotations.collecting {
      return withUnsafePointer(to: instance) { isValid(index, $0) }
    }
    return evaluateNode(index, instance, &annotations)
  }

  /// ``evaluate(_:_:_:)`` through each keyword's evaluation, recording errors as the mode asks.
  mutating func evaluateNode(
    _ index: Int, _ instance: JSONValue, _ annotations: inout Annotations
  ) -> Bool {
    let node = graph.nodes[index]
    if let boolean = node.boolean {
      if !boolean && recordsErrors {
        record(
          keyword: "false", absoluteLocation: node.absoluteLocation,
          message: "no value is allowed here (the schema is false)", appendKeyword: false)
      }
      return boolean
    }
    if node.isLeaf {
      // Assertions only: no annotations, no scope, no recursion.
      var valid = true
      for keyword in node.keywords where !keyword.evaluate(instance, &self, &annotations) {
        valid = false
        if mode != .allErrors { break }
      }
      return valid
    }
    guard let enteredResource = enter(node.resource, instance) else {
      if recordsErrors {
        record(
          keyword: "$ref", absoluteLocation: node.absoluteLocation,
          message:
            "evaluation nested deeper than \(Self.maximumDepth) subschemas; the schema likely has a reference cycle that does not advance into the instance",
          appendKeyword: false)
      }
      return false
    }
    defer { leave(enteredResource: enteredResource) }
    var local = Annotations(collecting: annotations.collecting || node.needsAnnotations)
    var valid = true
    for keyword in node.keywords where !keyword.evaluate(instance, &self, &local) {
      valid = false
      if mode != .allErrors { break }
    }
    if valid && annotations.collecting { annotations.merge(local) }
    return valid
  }

  /// Enters a node that is not a leaf, of schema resource `resource`: counts the depth, charges a
  /// yes-or-no answer for the node and the instance's members or items, and enters the resource
  /// for `$dynamicRef`. Returns whether it entered the resource, for
  /// ``leave(enteredResource:)``; `nil` when the depth or the visits ran out.
  @inline(__always)
  mutating func enter(_ resource: Int, _ instance: JSONValue) -> Bool? {
    if depth == Self.maximumDepth { return nil }
    if visitsLeft != .max {
      switch instance {
      case .object(let object): visitsLeft &-= 1 &+ object.count
      case .array(let elements): visitsLeft &-= 1 &+ elements.count
      default: visitsLeft &-= 1
      }
      if visitsLeft < 0 {
        gaveUp = true
        return nil
      }
    }
    depth += 1
    guard dynamicScope.last != resource else { return false }
    dynamicScope.append(resource)
    return true
  }

  @inline(__always)
  mutating func leave(enteredResource: Bool) {
    depth -= 1
    if enteredResource { dynamicScope.removeLast() }
  }

  // MARK: - Descending

  /// Evaluates a subschema at the same instance location, under the keyword path
  /// `keyword` (and `token`, for keywords that hold several subschemas).
  mutating func descend(
    _ node: Int, keyword: String, token: @autoclosure () -> String? = nil, instance: JSONValue,
    _ annotations: inout Annotations
  ) -> Bool {
    guard recordsErrors else { return evaluate(node, instance, &annotations) }
    if !annotations.collecting && provenValid(node, instance) { return true }
    keywordPath.append(keyword)
    let extra = token()
    if let extra { keywordPath.append(extra) }
    let valid = evaluate(node, instance, &annotations)
    keywordPath.removeLast()
    if extra != nil { keywordPath.removeLast() }
    return valid
  }

  /// Evaluates a subschema at a child of the instance (`key` names the member or index).
  mutating func descend(
    _ node: Int, keyword: String, token: @autoclosure () -> String? = nil, child value: JSONValue,
    key: PathComponent
  ) -> Bool {
    var annotations = Annotations(collecting: false)
    guard recordsErrors else { return evaluate(node, value, &annotations) }
    if provenValid(node, value) { return true }
    keywordPath.append(keyword)
    let extra = token()
    if let extra { keywordPath.append(extra) }
    instancePath.append(key)
    let valid = evaluate(node, value, &annotations)
    keywordPath.removeLast()
    if extra != nil { keywordPath.removeLast() }
    instancePath.removeLast()
    return valid
  }

  /// Runs `body` recording nothing, for subschemas whose errors are never reported (`not`,
  /// `if`, `contains`); returns its result.
  mutating func silently<T>(_ body: (inout Evaluator) -> T) -> T {
    let saved = mode
    mode = .flagOnly
    let result = body(&self)
    mode = saved
    return result
  }

  // MARK: - Errors

  /// Records an error of the keyword at `site` at the current locations; returns `false` for
  /// convenience.
  @discardableResult
  mutating func fail(_ site: KeywordSite, _ message: @autoclosure () -> String) -> Bool {
    if recordsErrors {
      record(
        keyword: site.name, absoluteLocation: site.absoluteLocation, message: message(),
        appendKeyword: true)
    }
    return false
  }

  mutating func record(
    keyword: String, absoluteLocation: String, message: String, appendKeyword: Bool
  ) {
    errors.append(
      ValidationError(
        instanceLocation: JSONPointer(tokens: instancePath.map(\.token)),
        keywordLocation: JSONPointer(tokens: appendKeyword ? keywordPath + [keyword] : keywordPath),
        absoluteKeywordLocation: absoluteLocation, keyword: keyword, message: message))
  }
}

/// One step of an instance location.
enum PathComponent {
  case name(String)
  case index(Int)

  /// The JSON Pointer reference token.
  var token: String {
    switch self {
    case .name(let name): return name
    case .index(let index): return String(index)
    }
  }
}

/// A short rendering of a value for messages: JSON text, cut at about 60 characters.
func render(_ value: JSONValue, limit: Int = 60) -> String {
  var text = ""
  renderInto(&text, value, limit: limit)
  if text.unicodeScalars.count > limit {
    text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
  }
  return text
}

private func renderInto(_ text: inout String, _ value: JSONValue, limit: Int) {
  guard text.utf8.count <= limit * 4 else { return }
  switch value {
  case .null: text += "null"
  case .bool(let flag): text += flag ? "true" : "false"
  case .number(let number): text += number.description
  case .string(let string): text += quoted(string)
  case .array(let elements):
    text += "["
    for (position, element) in elements.enumerated() {
      if position > 0 { text += "," }
      renderInto(&text, element, limit: limit)
      if text.utf8.count > limit * 4 { break }
    }
    text += "]"
  case .object(let object):
    text += "{"
    for (position, member) in object.members.enumerated() {
      if position > 0 { text += "," }
      text += quoted(member.key) + ":"
      renderInto(&text, member.value, limit: limit)
      if text.utf8.count > limit * 4 { break }
    }
    text += "}"
  }
}

/// `string` in double quotes with JSON escapes for quotes, backslashes and controls.
func quoted(_ string: String) -> String {
  var result = "\""
  for scalar in string.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\r": result += "\\r"
    case "\t": result += "\\t"
    default:
      if scalar.value < 0x20 {
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }
  return result + "\""
}
