import JSONCore

// The quick path: a yes-or-no walk over the nodes of a ``QuickPlan``.
//
// It serves flag-only evaluation directly. Evaluations that record errors use it as a
// pre-check before each child (``provenValid(_:_:)``): a child that passes costs no instance or
// keyword path upkeep at all, and a child that fails is evaluated again by the general
// evaluator, which records its errors exactly as it always did. Valid instances are the common
// case, so errors cost a second pass over the failing subtree only.
extension Evaluator {
  /// Values a pre-check may visit before it gives up: far more than an API item holds, and few
  /// enough that a failed pre-check of a large document wastes no noticeable time (without a
  /// limit, nested pre-checks of a deeply nested invalid document would cost depth times size).
  static let precheckBudget = 4_096

  /// Whether `instance` passes node `index`, proven without recording anything; `false` when it
  /// fails or could not be proven within ``precheckBudget``. Callers that record errors call it
  /// before keeping paths, and evaluate in full only when it returns `false`.
  mutating func provenValid(_ index: Int, _ instance: JSONValue) -> Bool {
    guard graph.quick.nodes[index].kind != .general else { return false }
    let savedMode = mode
    mode = .flagOnly
    prechecking = true
    quickBudget = Self.precheckBudget
    quickUndecided = false
    let valid = quickEvaluate(index, instance)
    prechecking = false
    mode = savedMode
    // An undecided part may have made an enclosing `not` or `anyOf` say yes; distrust it all.
    return valid && !quickUndecided
  }

  /// Evaluates node `index` in flag-only mode, by the quick path where the node has one.
  mutating func quickEvaluate(_ index: Int, _ instance: JSONValue) -> Bool {
    let node = graph.quick.nodes[index]
    switch node.kind {
    case .boolean:
      return node.boolean
    case .general:
      // A pre-check keeps its budget only over quick nodes; a general node over a container
      // might cost anything, so it leaves that to the full evaluation.
      if prechecking {
        switch instance {
        case .object, .array:
          quickUndecided = true
          return false
        default: break
        }
      }
      var ignored = Annotations(collecting: false)
      return evaluateNode(index, instance, &ignored)
    case .quick:
      break
    }
    if prechecking {
      quickBudget &-= 1
      if quickBudget < 0 {
        quickUndecided = true
        return false
      }
    }
    for position in node.checks where !quickCheck(graph.quick.checks[position], instance) {
      return false
    }
    if node.isLeaf { return true }
    // As the general evaluator does for every node that is not a leaf: count the depth and enter
    // the resource, so that general nodes below see the same limit and dynamic scope.
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth { return false }
    let enteredResource = dynamicScope.last != node.resource
    if enteredResource { dynamicScope.append(node.resource) }
    defer { if enteredResource { dynamicScope.removeLast() } }

    if node.reference >= 0 && !quickEvaluate(node.reference, instance) { return false }
    switch instance {
    case .object(let object):
      return quickMembers(node, object)
    case .array(let elements):
      guard node.items >= 0 else { return true }
      return elements.withUnsafeBufferPointer { elements in
        for position in elements.indices where !quickEvaluate(node.items, elements[position]) {
          return false
        }
        return true
      }
    default:
      return true
    }
  }

  /// `properties` (with `required` fused into it) and `additionalProperties` of a quick node, in one pass over the
  /// members, reading them in place.
  private mutating func quickMembers(_ node: QuickNode, _ object: JSONObject) -> Bool {
    // Strong references once per object: going through the node's unowned ones for each member
    // would retain and release a table per member.
    let properties = node.properties
    let declared = node.additional >= 0 ? node.declared : nil
    if properties == nil && node.additional < 0 { return true }
    return object.members.withUnsafeBufferPointer { members in
      var present: UInt64 = 0
      for position in members.indices {
        let hash = members[position].keyHash
        var isDeclared = false
        if let properties, let entry = properties.position(of: members[position].key, hash: hash) {
          isDeclared = true
          present |= 1 &<< UInt64(truncatingIfNeeded: entry)
          let child = graph.quick.children[node.firstChild &+ entry]
          if !quickEvaluate(child, members[position].value) { return false }
        }
        if node.additional >= 0 {
          if declared !== properties {
            isDeclared = declared?.position(of: members[position].key, hash: hash) != nil
          }
          if !isDeclared && !quickEvaluate(node.additional, members[position].value) {
            return false
          }
        }
      }
      return present & node.fusedRequired == node.fusedRequired
    }
  }

  /// One assertion of a quick node.
  @inline(__always)
  private mutating func quickCheck(_ check: QuickCheck, _ instance: JSONValue) -> Bool {
    switch check.kind {
    case .type:
      return check.types.admits(instance)
    case .minimum:
      guard case .number(let number) = instance else { return true }
      return JSONNumber.compare(number, graph.quick.numbers[check.index]) >= 0
    case .maximum:
      guard case .number(let number) = instance else { return true }
      return JSONNumber.compare(number, graph.quick.numbers[check.index]) <= 0
    case .exclusiveMinimum:
      guard case .number(let number) = instance else { return true }
      return JSONNumber.compare(number, graph.quick.numbers[check.index]) > 0
    case .exclusiveMaximum:
      guard case .number(let number) = instance else { return true }
      return JSONNumber.compare(number, graph.quick.numbers[check.index]) < 0
    case .constant:
      return instance == graph.quick.values[check.index]
    case .format:
      guard case .string(let string) = instance else { return true }
      return FormatChecker.withUTF8(string, graph.quick.formats[check.index])
    case .assertion:
      // Flag-only here, so the general assertion records nothing.
      return evaluateAssertion(graph.quick.assertions[check.index], instance)
    }
  }
}
