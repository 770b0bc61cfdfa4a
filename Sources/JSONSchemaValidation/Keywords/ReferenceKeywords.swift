import JSONCore

// `$ref` and `$dynamicRef` (core, section 8.2.3).

final class RefKeyword: YesNoKeyword, Keyword {
  static let name = "$ref"
  static let vocabulary = Vocabulary.core
  let target: Int

  init(site: KeywordSite, target: Int) {
    self.target = target
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> RefKeyword?
  {
    guard let text = try schema.string(name, "a URI reference") else { return nil }
    let target = try compiler.reference(
      text, base: schema.context.base, location: schema.keywordLocation(name))
    return RefKeyword(site: schema.site(name), target: target.node)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    evaluator.isValid(target, instance)
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    evaluator.descend(target, keyword: site.name, instance: instance, &annotations)
  }
}

final class DynamicRefKeyword: YesNoKeyword, Keyword {
  static let name = "$dynamicRef"
  static let vocabulary = Vocabulary.core
  /// The statically resolved schema.
  let target: Int
  /// Set when `target` carries a `$dynamicAnchor` of the fragment's name, so that the dynamic
  /// scope may override it.
  let anchor: String?

  init(site: KeywordSite, target: Int, anchor: String?) {
    self.target = target
    self.anchor = anchor
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> DynamicRefKeyword?
  {
    guard let text = try schema.string(name, "a URI reference") else { return nil }
    let (target, uri) = try compiler.reference(
      text, base: schema.context.base, location: schema.keywordLocation(name))
    var anchor: String? = nil
    if let fragment = uri.fragment, !fragment.isEmpty, !fragment.hasPrefix("/"),
      compiler.hasDynamicAnchor(fragment, in: uri)
    {
      anchor = fragment
    }
    return DynamicRefKeyword(site: schema.site(name), target: target, anchor: anchor)
  }

  /// The schema marked `$dynamicAnchor` in the outermost resource of the dynamic scope that has
  /// one, or the static target.
  private func resolved(_ evaluator: Evaluator) -> Int {
    guard let anchor else { return target }
    for resource in evaluator.dynamicScope {
      if let node = evaluator.graph.dynamicAnchors[resource][anchor] { return node }
    }
    return target
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    evaluator.isValid(resolved(evaluator), instance)
  }

  override func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    evaluator.descend(resolved(evaluator), keyword: site.name, instance: instance, &annotations)
  }
}
