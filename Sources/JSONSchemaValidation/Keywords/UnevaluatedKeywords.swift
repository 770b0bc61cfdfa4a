import JSONCore

// `unevaluatedItems` and `unevaluatedProperties` (core, section 11): they apply to whatever the
// schema's other applicators, and those they reached in place, left alone. They read their
// siblings' annotations, so they have no yes-or-no check of their own: a schema that holds one
// is evaluated with annotations even when only a yes or no is asked.

/// What the two share: the subschema for what nothing else evaluated.
class UnevaluatedKeyword: CompiledKeyword {
  let node: Int

  required init(site: KeywordSite, node: Int) {
    self.node = node
    super.init(site: site)
  }
}

extension Keyword where Self: UnevaluatedKeyword {
  static var vocabulary: Vocabulary { .unevaluated }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> Self?
  {
    try schema.subschema(name, &compiler).map { Self(site: schema.site(name), node: $0) }
  }
}

final class UnevaluatedItemsKeyword: UnevaluatedKeyword, Keyword {
  static let name = "unevaluatedItems"

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .array(let elements) = instance else { return true }
    var valid = true
    for (position, element) in elements.enumerated()
    where !annotations.isEvaluated(item: position) {
      if evaluator.graph.nodes[node].boolean == false {
        valid = false
        if evaluator.recordsErrors {
          evaluator.instancePath.append(.index(position))
          evaluator.fail(site, "item \(position) is not allowed (no schema evaluated it)")
          evaluator.instancePath.removeLast()
        }
      } else if !evaluator.descend(node, keyword: site.name, child: element, key: .index(position))
      {
        valid = false
      }
      if !valid && evaluator.mode != .allErrors { break }
    }
    if annotations.collecting { annotations.allItems = true }
    return valid
  }
}

final class UnevaluatedPropertiesKeyword: UnevaluatedKeyword, Keyword {
  static let name = "unevaluatedProperties"

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .object(let object) = instance else { return true }
    var valid = true
    for member in object.members where !annotations.isEvaluated(property: member.key) {
      if evaluator.graph.nodes[node].boolean == false {
        valid = false
        if evaluator.recordsErrors {
          evaluator.instancePath.append(.name(member.key))
          evaluator.fail(
            site, "the property \(quoted(member.key)) is not allowed (no schema evaluated it)")
          evaluator.instancePath.removeLast()
        }
      } else if !evaluator.descend(
        node, keyword: site.name, child: member.value, key: .name(member.key))
      {
        valid = false
      }
      if !valid && evaluator.mode != .allErrors { break }
    }
    if annotations.collecting { annotations.allProperties = true }
    return valid
  }
}
