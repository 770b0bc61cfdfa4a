import JSONCore

// Applicators to array items: `prefixItems`, `items` and `contains` with `minContains` and
// `maxContains` (core, section 10.3.1). They pass every value that is not an array.

final class PrefixItemsKeyword: SubschemaListKeyword, Keyword {
  static let name = "prefixItems"

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .array(let elements) = instance.pointee else { return true }
    let nodes = nodes
    return evaluator.elementsValid(elements, 0..<min(nodes.count, elements.count)) { nodes[$0] }
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .array(let elements) = instance else { return true }
    var valid = true
    let count = min(nodes.count, elements.count)
    for position in 0..<count {
      if !evaluator.descend(
        nodes[position], keyword: site.name, token: String(position), child: elements[position],
        key: .index(position))
      {
        valid = false
        if evaluator.mode != .allErrors { break }
      }
    }
    if annotations.collecting { annotations.itemPrefix = max(annotations.itemPrefix, count) }
    return valid
  }
}

/// `items`: the items after those `prefixItems` covers.
final class ItemsKeyword: YesNoKeyword, Keyword {
  static let name = "items"
  static let vocabulary = Vocabulary.applicator
  let node: Int
  /// The number of `prefixItems`.
  let start: Int

  init(site: KeywordSite, node: Int, start: Int) {
    self.node = node
    self.start = start
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> ItemsKeyword?
  {
    guard let node = try schema.subschema(name, &compiler) else { return nil }
    let start = schema.compiled(PrefixItemsKeyword.self)?.nodes.count ?? 0
    return ItemsKeyword(site: schema.site(name), node: node, start: start)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .array(let elements) = instance.pointee, start < elements.count else { return true }
    let node = node
    return evaluator.elementsValid(elements, start..<elements.count) { _ in node }
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .array(let elements) = instance else { return true }
    var valid = true
    var position = start
    while position < elements.count {
      if !evaluator.descend(
        node, keyword: site.name, child: elements[position], key: .index(position))
      {
        valid = false
        if evaluator.mode != .allErrors { break }
      }
      position += 1
    }
    if annotations.collecting && start < elements.count { annotations.allItems = true }
    return valid
  }
}

/// `contains`, with the `minContains` and `maxContains` that bound its matches.
final class ContainsKeyword: YesNoKeyword, Keyword {
  static let name = "contains"
  static let vocabulary = Vocabulary.applicator
  let node: Int
  let minimum: Int
  let maximum: Int?

  init(site: KeywordSite, node: Int, minimum: Int, maximum: Int?) {
    self.node = node
    self.minimum = minimum
    self.maximum = maximum
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> ContainsKeyword?
  {
    guard let node = try schema.subschema(name, &compiler) else { return nil }
    // `minContains` and `maxContains` belong to the validation vocabulary.
    let validation = schema.vocabularies.validation
    return ContainsKeyword(
      site: schema.site(name), node: node,
      minimum: validation ? try schema.count("minContains") ?? 1 : 1,
      maximum: validation ? try schema.count("maxContains") : nil)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .array(let elements) = instance.pointee else { return true }
    let (node, minimum, maximum) = (node, minimum, maximum)
    return elements.withUnsafeBufferPointer { elements in
      var matched = 0
      for position in elements.indices
      where evaluator.isValid(node, elements.baseAddress.unsafelyUnwrapped + position) {
        matched += 1
        if let maximum, matched > maximum { return false }
        if maximum == nil && matched >= minimum { return true }
      }
      return matched >= minimum
    }
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    guard case .array(let elements) = instance else { return true }
    var matched = 0
    for (position, element) in elements.enumerated() {
      let matches = evaluator.silently {
        $0.descend(node, keyword: site.name, child: element, key: .index(position))
      }
      if matches {
        matched += 1
        if annotations.collecting { annotations.itemIndices.insert(position) }
      }
    }
    if matched < minimum {
      return evaluator.fail(
        site,
        minimum == 1
          ? "the array contains no item that matches the 'contains' schema"
          : "the array contains \(matched) matching items, fewer than the minimum \(minimum)")
    }
    if let maximum, matched > maximum {
      return evaluator.fail(
        site, "the array contains \(matched) matching items, more than the maximum \(maximum)")
    }
    return true
  }
}
