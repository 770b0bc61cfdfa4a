import JSONCore

// `unevaluatedItems` and `unevaluatedProperties` (draft 2020-12 core, section 11): they apply
// to whatever the schema's other applicators, and those they reached in place, left alone.
extension Evaluator {
  mutating func evaluateUnevaluated(
    _ keyword: CompiledKeyword, _ instance: JSONValue, _ annotations: inout Annotations
  ) -> Bool {
    switch keyword.check {
    case .unevaluatedItems(let node):
      guard case .array(let elements) = instance else { return true }
      var valid = true
      for (position, element) in elements.enumerated()
      where !annotations.isEvaluated(item: position) {
        if graph.nodes[node].boolean == false {
          valid = false
          if recordsErrors {
            instancePath.append(.index(position))
            fail(keyword, "item \(position) is not allowed (no schema evaluated it)")
            instancePath.removeLast()
          }
        } else if !descend(node, keyword: keyword.name, child: element, key: .index(position)) {
          valid = false
        }
        if !valid && mode != .allErrors { break }
      }
      if annotations.collecting { annotations.allItems = true }
      return valid

    case .unevaluatedProperties(let node):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for member in object.members where !annotations.isEvaluated(property: member.key) {
        if graph.nodes[node].boolean == false {
          valid = false
          if recordsErrors {
            instancePath.append(.name(member.key))
            fail(
              keyword, "the property \(quoted(member.key)) is not allowed (no schema evaluated it)")
            instancePath.removeLast()
          }
        } else if !descend(node, keyword: keyword.name, child: member.value, key: .name(member.key))
        {
          valid = false
        }
        if !valid && mode != .allErrors { break }
      }
      if annotations.collecting { annotations.allProperties = true }
      return valid

    default:
      return true
    }
  }
}
