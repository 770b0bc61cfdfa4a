import JSONCore

// `$ref` and `$dynamicRef` (draft 2020-12 core, section 8.2.3).
extension Evaluator {
  mutating func evaluateReference(
    _ keyword: CompiledKeyword, _ instance: JSONValue, _ annotations: inout Annotations
  ) -> Bool {
    let target: Int
    switch keyword.check {
    case .ref(let node):
      target = node
    case .dynamicRef(let node, let anchor):
      target = anchor.flatMap(outermostDynamicAnchor) ?? node
    default:
      return true
    }
    return descend(target, keyword: keyword.name, instance: instance, &annotations)
  }

  /// The schema marked `$dynamicAnchor: name` in the outermost resource of the dynamic scope
  /// that has one.
  private func outermostDynamicAnchor(_ name: String) -> Int? {
    for resource in dynamicScope {
      if let node = graph.dynamicAnchors[resource][name] { return node }
    }
    return nil
  }
}
