import JSONCore

// `const` and `enum` (validation, sections 6.1.2 and 6.1.3): the value equals one given.

final class ConstKeyword: AssertionKeyword, Keyword {
  static let name = "const"
  static let vocabulary = Vocabulary.validation
  let expected: JSONValue

  init(site: KeywordSite, expected: JSONValue) {
    self.expected = expected
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> ConstKeyword?
  {
    schema[name].map { ConstKeyword(site: schema.site(name), expected: $0) }
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    instance.pointee == expected
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    evaluator.fail(site, "expected \(render(expected)), found \(render(instance))")
  }
}

final class EnumKeyword: AssertionKeyword, Keyword {
  static let name = "enum"
  static let vocabulary = Vocabulary.validation
  let options: [JSONValue]

  init(site: KeywordSite, options: [JSONValue]) {
    self.options = options
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> EnumKeyword?
  {
    guard let value = schema[name] else { return nil }
    guard case .array(let options) = value else {
      throw schema.invalid(name, "'enum' must be an array")
    }
    return EnumKeyword(site: schema.site(name), options: options)
  }

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    options.contains(instance.pointee)
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    evaluator.fail(site, "\(render(instance)) is not one of \(render(.array(options)))")
  }
}
