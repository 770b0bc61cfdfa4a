import JSONCore

/// The JSON types seen at a path. Integers are told apart from other numbers so that a count
/// that starts carrying fractions is a type change.
struct TypeSet: OptionSet, Hashable {
  let rawValue: UInt8
  static let null = TypeSet(rawValue: 1)
  static let boolean = TypeSet(rawValue: 2)
  static let integer = TypeSet(rawValue: 4)
  static let fraction = TypeSet(rawValue: 8)
  static let string = TypeSet(rawValue: 16)
  static let array = TypeSet(rawValue: 32)
  static let object = TypeSet(rawValue: 64)

  /// The type names, `integer` and `number` for the two kinds of number.
  var names: [String] {
    let all: [(TypeSet, String)] = [
      (.null, "null"), (.boolean, "boolean"), (.integer, "integer"), (.fraction, "number"),
      (.string, "string"), (.array, "array"), (.object, "object"),
    ]
    return all.filter { contains($0.0) }.map(\.1)
  }

  var description: String { names.isEmpty ? "nothing" : names.joined(separator: " or ") }

  /// Whether a value of type `other` fits what was seen: an integer fits where fractions
  /// were seen, since fractional numbers include integers.
  func admits(_ other: TypeSet) -> Bool {
    if contains(other) { return true }
    return other == .integer && contains(.fraction)
  }
}

/// What the values at one wildcarded path (`/items/*/usagePercent`) looked like.
struct ShapeNode {
  /// The member name, or `*` for array elements.
  var token: String
  var keyHash: UInt32
  /// The parent node, -1 for the root.
  var parent: Int
  /// Whether the node stands for the elements of an array.
  var isItem: Bool
  /// The wildcarded tokens from the body root.
  var path: [String]
  /// The member children in order of first appearance, and the element child.
  var children: [Int] = []
  var itemChild = -1
  var isIgnored: Bool
  var isEnumLike: Bool
  var declaredRange: ClosedRange<Double>?
  /// The types the declared schema allows here, when it says.
  var declaredTypes: TypeSet?
  /// The matching node of the baseline profile, -1 when there is none.
  var baseline = -1
  /// Whether the baseline node was present in every object its parent was.
  var baselineAlwaysPresent = false

  var count = 0
  var types = TypeSet()
  var objectCount = 0
  var nullCount = 0
  var stringCount = 0
  var guidCount = 0
  var dateTimeCount = 0
  var offsetlessCount = 0
  var fractionalCount = 0
  var minimum = Double.infinity
  var maximum = -Double.infinity
  /// The numbers that set ``minimum`` and ``maximum``, exactly as written (a `Double` turns
  /// `1e400` into infinity).
  var minimumNumber: JSONNumber?
  var maximumNumber: JSONNumber?
  /// Distinct values of an enum-like field, in order of first appearance (few, so a list).
  var enumValues: [String] = []
  var enumOverflowed = false
  /// The concrete pointer of the first value seen here.
  var firstPointer: [String]
  /// The member children present in every object seen here (filled in once built).
  var requiredChildren: [Int] = []
  /// Bits of ``ShapeEvent/Kind`` already recorded for this node (those without detail).
  var recordedKinds: UInt16 = 0

  /// The wildcarded body pointer, `/items/*/usagePercent`.
  var pointer: JSONPointer { JSONPointer(tokens: path) }
}

/// A deviation from the baseline seen while profiling: the first place it occurred.
struct ShapeEvent: Hashable {
  enum Kind: UInt16 {
    case added = 1
    case typeChanged = 2
    case becameNull = 4
    case missing = 8
    case formatGUID = 16
    case formatDateTime = 32
    case formatOffset = 64
    case formatFraction = 128
    case enumValue = 256
    case rangeSeen = 512
    case rangeDeclared = 1024
  }
  var node: Int
  var kind: Kind
  /// The new enum value, or the missing member's name.
  var detail: String
}

/// A summary of one JSON body per wildcarded path: the types, formats, ranges and enum values
/// at each path, and how often each member was present. Built in one pass, linear in the
/// size of the body; the second profile of a diff also records where it first deviates from
/// the first.
struct ShapeProfile {
  var nodes: [ShapeNode]
  /// Deviations from the baseline, in the order first seen, with the concrete pointer tokens.
  var events: [(event: ShapeEvent, pointer: [String])] = []

  /// Profiles `body`, comparing against `baseline` when given; `declared` are the types the
  /// endpoint's schema allows.
  init(
    _ body: JSONValue, options: DriftOptions, declared: DeclaredTypes = DeclaredTypes(),
    baseline: ShapeProfile? = nil
  ) {
    var builder = ShapeProfileBuilder(options: options, declared: declared, baseline: baseline)
    builder.visit(body, node: 0)
    nodes = builder.nodes
    events = builder.events
    for index in nodes.indices {
      nodes[index].requiredChildren = nodes[index].children.filter { isAlwaysPresent($0) }
    }
  }

  /// Whether `node` was present in every object its parent was, and was never ignored.
  func isAlwaysPresent(_ node: Int) -> Bool {
    let parent = nodes[node].parent
    guard parent >= 0, !nodes[node].isItem else { return false }
    return nodes[parent].objectCount > 0 && nodes[node].count == nodes[parent].objectCount
  }

  /// The member child of `node` named `token`.
  func child(of node: Int, named token: String) -> Int? {
    nodes[node].children.first { nodes[$0].token == token }
  }
}

/// What the profiling of the new body needs of a baseline node, without references, so the
/// per-value checks copy nothing.
private struct BaselineStats {
  var count: Int
  var types: TypeSet
  var nullCount: Int
  var stringCount: Int
  var guidCount: Int
  var dateTimeCount: Int
  var offsetlessCount: Int
  var fractionalCount: Int
  var minimum: Double
  var maximum: Double
  var hasEnumValues: Bool
  var requiredChildCount: Int

  init(_ node: ShapeNode) {
    count = node.count
    types = node.types
    nullCount = node.nullCount
    stringCount = node.stringCount
    guidCount = node.guidCount
    dateTimeCount = node.dateTimeCount
    offsetlessCount = node.offsetlessCount
    fractionalCount = node.fractionalCount
    minimum = node.minimum
    maximum = node.maximum
    hasEnumValues = node.isEnumLike && !node.enumOverflowed && !node.enumValues.isEmpty
    requiredChildCount = node.requiredChildren.count
  }
}

private struct ShapeProfileBuilder {
  var nodes: [ShapeNode] = []
  let options: DriftOptions
  let declared: DeclaredTypes
  let baseline: ShapeProfile?
  let stats: [BaselineStats]
  let baselineEnums: [[String]]
  var indexStack: [Int] = []
  var events: [(event: ShapeEvent, pointer: [String])] = []
  var detailEvents: Set<ShapeEvent> = []
  let enumLimit: Int

  init(options: DriftOptions, declared: DeclaredTypes, baseline: ShapeProfile?) {
    self.options = options
    self.declared = declared
    self.baseline = baseline
    self.enumLimit = options.enumValueLimit
    self.stats = baseline?.nodes.map(BaselineStats.init) ?? []
    self.baselineEnums = baseline?.nodes.map(\.enumValues) ?? []
    nodes.append(
      ShapeNode(
        token: "", keyHash: 0, parent: -1, isItem: false, path: [], isIgnored: false,
        isEnumLike: false, baseline: baseline == nil ? -1 : 0, firstPointer: []))
  }

  mutating func visit(_ value: JSONValue, node: Int) {
    nodes[node].count += 1
    let old = nodes[node].baseline
    switch value {
    case .null:
      nodes[node].nullCount += 1
      nodes[node].types.insert(.null)
      if old >= 0, stats[old].nullCount == 0, stats[old].count > 0 {
        record(.becameNull, node: node)
      }
    case .bool:
      seeType(.boolean, node: node, old: old)
    case .number(let number):
      let type: TypeSet = number.isInteger ? .integer : .fraction
      seeType(type, node: node, old: old)
      seeNumber(number, node: node, old: old)
    case .string(let text):
      seeType(.string, node: node, old: old)
      seeString(text, node: node, old: old)
    case .array(let elements):
      seeType(.array, node: node, old: old)
      for (index, element) in elements.enumerated() {
        indexStack.append(index)
        var child = nodes[node].itemChild
        if child < 0 {
          child = makeChild(of: node, token: "*", keyHash: 0, isItem: true)
          nodes[node].itemChild = child
        }
        if !nodes[child].isIgnored { visit(element, node: child) }
        indexStack.removeLast()
      }
    case .object(let object):
      seeType(.object, node: node, old: old)
      nodes[node].objectCount += 1
      var alwaysPresentSeen = 0
      for (position, member) in object.members.enumerated() {
        let child = memberChild(of: node, key: member.key, hash: member.keyHash, position: position)
        if nodes[child].isIgnored { continue }
        if nodes[child].baselineAlwaysPresent { alwaysPresentSeen += 1 }
        visit(member.value, node: child)
      }
      if old >= 0, alwaysPresentSeen < stats[old].requiredChildCount, let base = baseline {
        recordMissing(base.nodes[old].requiredChildren, in: object, node: node)
      }
    }
  }

  private mutating func seeType(_ type: TypeSet, node: Int, old: Int) {
    nodes[node].types.insert(type)
    guard old >= 0 else { return }
    if let declared = nodes[node].declaredTypes, declared.admits(type) { return }
    let seen = stats[old].types.subtracting(.null)
    if !seen.isEmpty && !seen.admits(type) { record(.typeChanged, node: node) }
  }

  private mutating func seeNumber(_ exact: JSONNumber, node: Int, old: Int) {
    let number = exact.doubleValue
    if number < nodes[node].minimum || nodes[node].minimumNumber == nil {
      nodes[node].minimum = number
      nodes[node].minimumNumber = exact
    }
    if number > nodes[node].maximum || nodes[node].maximumNumber == nil {
      nodes[node].maximum = number
      nodes[node].maximumNumber = exact
    }
    if let range = nodes[node].declaredRange, !range.contains(number) {
      record(.rangeDeclared, node: node)
    }
    guard old >= 0 else { return }
    let oldNode = stats[old]
    if oldNode.minimum <= oldNode.maximum && (number < oldNode.minimum || number > oldNode.maximum)
    {
      record(.rangeSeen, node: node)
    }
  }

  private mutating func seeString(_ text: String, node: Int, old: Int) {
    nodes[node].stringCount += 1
    guard baseline != nil else {
      // The baseline profile keeps formats and enum values; the profile compared with it only
      // checks each value against them, so it classifies only where that can tell something.
      let format = StringFormat(text)
      if format.isGUID { nodes[node].guidCount += 1 }
      if format.isDateTime {
        nodes[node].dateTimeCount += 1
        if !format.hasOffset { nodes[node].offsetlessCount += 1 }
        if format.hasFraction { nodes[node].fractionalCount += 1 }
      }
      if nodes[node].isEnumLike && !nodes[node].enumOverflowed { seeEnumValue(text, node: node) }
      return
    }
    guard old >= 0 else { return }
    let oldNode = stats[old]
    guard oldNode.stringCount > 0 else { return }
    let allGUIDs = oldNode.guidCount == oldNode.stringCount
    let allDateTimes = oldNode.dateTimeCount == oldNode.stringCount
    if allGUIDs || allDateTimes {
      let format = StringFormat(text)
      if allGUIDs && !format.isGUID { record(.formatGUID, node: node) }
      if allDateTimes {
        if !format.isDateTime {
          record(.formatDateTime, node: node)
        } else {
          if !format.hasOffset && oldNode.offsetlessCount == 0 { record(.formatOffset, node: node) }
          if format.hasFraction && oldNode.fractionalCount == 0 {
            record(.formatFraction, node: node)
          }
        }
      }
    }
    if oldNode.hasEnumValues && !baselineEnums[old].contains(where: { sameName($0, text) }) {
      record(.enumValue, node: node, detail: text)
    }
  }

  /// Keeps distinct values while there are few; a field with more is no enumeration.
  private mutating func seeEnumValue(_ text: String, node: Int) {
    for index in nodes[node].enumValues.indices
    where sameName(nodes[node].enumValues[index], text) {
      return
    }
    if nodes[node].enumValues.count >= enumLimit {
      nodes[node].enumOverflowed = true
      nodes[node].enumValues = []
    } else {
      nodes[node].enumValues.append(text)
    }
  }

  private mutating func recordMissing(_ required: [Int], in object: JSONObject, node: Int) {
    guard let base = baseline else { return }
    for oldChild in required {
      let name = base.nodes[oldChild].token
      if object[name] == nil { record(.missing, node: node, detail: name) }
    }
  }

  /// The child for a member, found by the position it had the first time (members usually
  /// come in the same order), else by a scan, else made.
  private mutating func memberChild(of node: Int, key: String, hash: UInt32, position: Int)
    -> Int
  {
    if position < nodes[node].children.count {
      let guess = nodes[node].children[position]
      if nodes[guess].keyHash == hash && sameName(nodes[guess].token, key) { return guess }
    }
    for index in nodes[node].children.indices {
      let child = nodes[node].children[index]
      if nodes[child].keyHash == hash && sameName(nodes[child].token, key) { return child }
    }
    let child = makeChild(of: node, token: key, keyHash: hash, isItem: false)
    nodes[node].children.append(child)
    return child
  }

  private mutating func makeChild(of parent: Int, token: String, keyHash: UInt32, isItem: Bool)
    -> Int
  {
    let path = nodes[parent].path + [token]
    let index = nodes.count
    var node = ShapeNode(
      token: token, keyHash: keyHash, parent: parent, isItem: isItem, path: path,
      isIgnored: options.isIgnored(recordingPointer: ["response", "body"] + path),
      isEnumLike: !isItem
        && (options.enumLikeNames.contains(token)
          || options.enumLikePaths.contains(JSONPointer(tokens: path).description)),
      declaredRange: isItem ? nil : options.declaredRanges[token],
      declaredTypes: declared.byPointer.isEmpty
        ? nil : declared.byPointer[JSONPointer(tokens: path).description],
      firstPointer: concretePointer(parent: parent, last: isItem ? nil : token))
    let oldParent = nodes[parent].baseline
    if let base = baseline, oldParent >= 0 {
      let oldChild =
        isItem ? base.nodes[oldParent].itemChild : base.child(of: oldParent, named: token)
      if let oldChild, oldChild >= 0 {
        node.baseline = oldChild
        node.baselineAlwaysPresent = base.isAlwaysPresent(oldChild)
      } else if !isItem && base.nodes[oldParent].objectCount > 0 && !node.isIgnored {
        nodes.append(node)
        record(.added, node: index)
        return index
      }
    }
    nodes.append(node)
    return index
  }

  /// The concrete pointer of the value being visited below `parent`: the parent chain's
  /// tokens with each element level's current index.
  private func concretePointer(parent: Int, last: String?) -> [String] {
    var chain: [Int] = []
    var cursor = parent
    while cursor > 0 {
      chain.append(cursor)
      cursor = nodes[cursor].parent
    }
    var tokens: [String] = []
    var indexPosition = 0
    for node in chain.reversed() {
      if nodes[node].isItem {
        tokens.append(indexPosition < indexStack.count ? String(indexStack[indexPosition]) : "*")
        indexPosition += 1
      } else {
        tokens.append(nodes[node].token)
      }
    }
    if let last {
      tokens.append(last)
    } else {
      tokens.append(indexPosition < indexStack.count ? String(indexStack[indexPosition]) : "*")
    }
    return tokens
  }

  private mutating func record(_ kind: ShapeEvent.Kind, node: Int, detail: String = "") {
    if detail.isEmpty {
      if nodes[node].recordedKinds & kind.rawValue != 0 { return }
      nodes[node].recordedKinds |= kind.rawValue
    }
    let event = ShapeEvent(node: node, kind: kind, detail: detail)
    if !detail.isEmpty {
      guard detailEvents.count < 10_000, detailEvents.insert(event).inserted else { return }
    }
    events.append((event, currentPointer(node: node)))
  }

  /// The concrete pointer of the value now being visited at `node`.
  private func currentPointer(node: Int) -> [String] {
    guard node > 0 else { return [] }
    let parent = nodes[node].parent
    return concretePointer(parent: parent, last: nodes[node].isItem ? nil : nodes[node].token)
  }
}

/// Whether two names or enum values are the same, fast: Swift's `==` compares ASCII and small
/// strings as bytes. It also equates canonically equivalent strings, which JSON does not; the
/// equal UTF-8 length (and, for names, the equal byte hash) leaves that a theoretical corner
/// that could at worst merge two such names in a drift summary.
@inline(__always)
func sameName(_ lhs: String, _ rhs: String) -> Bool {
  lhs.utf8.count == rhs.utf8.count && lhs == rhs
}
