import JSONCore

// The quick path: a yes-or-no walk, through each keyword's own yes-or-no check
// (``YesNoKeyword/isValid(_:_:)``). It keeps no instance or keyword path and collects no
// annotations; a node with a keyword that reads annotations takes the general evaluation.
//
// It serves flag-only evaluation directly. Evaluations that record errors use it as a
// pre-check before each child (``provenValid(_:_:)``): a child that passes costs no path upkeep
// at all, and a child that fails is evaluated again, recording its errors. Valid instances are
// the common case, so errors cost a second pass over the failing subtree only.
extension Evaluator {
  /// Nodes and members a pre-check may visit before it gives up: far more than an API item
  /// holds, and few enough that a failed pre-check of a large document wastes no noticeable
  /// time (without a limit, nested pre-checks of a deeply nested invalid document would cost
  /// depth times size).
  static let precheckBudget = 4_096

  /// Whether `instance` passes node `index`, proven without recording anything; `false` when it
  /// fails or could not be proven within ``precheckBudget``. Callers that record errors call it
  /// before keeping paths, and evaluate in full only when it returns `false`.
  mutating func provenValid(_ index: Int, _ instance: JSONValue) -> Bool {
    let savedMode = mode
    mode = .flagOnly
    visitsLeft = Self.precheckBudget
    gaveUp = false
    let valid = withUnsafePointer(to: instance) { isValid(index, $0) }
    visitsLeft = .max
    mode = savedMode
    // A part that gave up may have made an enclosing `not` or `anyOf` say yes; distrust it all.
    return valid && !gaveUp
  }

  /// Whether the value at `instance` passes node `index`; records nothing.
  mutating func isValid(_ index: Int, _ instance: UnsafePointer<JSONValue>) -> Bool {
    let node = outlines[index]
    guard node.keywords != nil else {
      var ignored = Annotations(collecting: false)
      return evaluateNode(index, instance.pointee, &ignored)
    }
    if let boolean = node.boolean { return boolean }
    if node.isLeaf { return node.yesNo(instance, &self) }
    guard let enteredResource = enter(node.resource, instance.pointee) else { return false }
    defer { leave(enteredResource: enteredResource) }
    return node.yesNo(instance, &self)
  }

  /// Whether each element of `elements` at `positions` passes the node `node(position)` names,
  /// each read where it lies; stops at the first that does not.
  @inline(__always)
  mutating func elementsValid(
    _ elements: [JSONValue], _ positions: Range<Int>, node: (Int) -> Int
  ) -> Bool {
    elements.withUnsafeBufferPointer { elements in
      for position in positions
      where !isValid(node(position), elements.baseAddress.unsafelyUnwrapped + position) {
        return false
      }
      return true
    }
  }
}
