import JSONCore

// `maxLength`, `minLength` and `pattern` (validation, section 6.3): they pass every value that is
// not a string. Lengths count Unicode scalars.

final class MaxLengthKeyword: AssertionKeyword, Keyword {
  static let name = "maxLength"
  static let vocabulary = Vocabulary.validation
  let limit: Int

  init(site: KeywordSite, limit: Int) {
    self.limit = limit
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> MaxLengthKeyword?
  {
    try schema.count(name).map { MaxLengthKeyword(site: schema.site(name), limit: $0) }
  }

  override func isValid(_ instance: JSONValue, _ evaluator: inout Evaluator) -> Bool {
    // A string has no more scalars than UTF-8 bytes.
    guard case .string(let string) = instance, string.utf8.count > limit else { return true }
    return string.unicodeScalars.count <= limit
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .string(let string) = instance else { return }
    evaluator.fail(
      site,
      "\(render(instance)) is \(string.unicodeScalars.count) characters long, more than the maximum length \(limit)"
    )
  }
}

final class MinLengthKeyword: AssertionKeyword, Keyword {
  static let name = "minLength"
  static let vocabulary = Vocabulary.validation
  let limit: Int

  init(site: KeywordSite, limit: Int) {
    self.limit = limit
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> MinLengthKeyword?
  {
    try schema.count(name).map { MinLengthKeyword(site: schema.site(name), limit: $0) }
  }

  override func isValid(_ instance: JSONValue, _ evaluator: inout Evaluator) -> Bool {
    guard case .string(let string) = instance else { return true }
    return string.unicodeScalars.count >= limit
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .string(let string) = instance else { return }
    evaluator.fail(
      site,
      "\(render(instance)) is \(string.unicodeScalars.count) characters long, less than the minimum length \(limit)"
    )
  }
}

final class PatternKeyword: AssertionKeyword, Keyword {
  static let name = "pattern"
  static let vocabulary = Vocabulary.validation
  let regex: ECMAScriptRegex

  init(site: KeywordSite, regex: ECMAScriptRegex) {
    self.regex = regex
    super.init(site: site)
  }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> PatternKeyword?
  {
    guard let pattern = try schema.string(name, "a string") else { return nil }
    return PatternKeyword(site: schema.site(name), regex: try schema.regex(pattern, name))
  }

  override func isValid(_ instance: JSONValue, _ evaluator: inout Evaluator) -> Bool {
    guard case .string(let string) = instance else { return true }
    return regex.search(in: string) == true
  }

  override func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    guard case .string(let string) = instance else { return }
    if regex.search(in: string) == nil {
      evaluator.fail(site, regex.stepLimitMessage)
    } else {
      evaluator.fail(
        site, "\(render(instance)) does not match the pattern \(quoted(regex.pattern))")
    }
  }
}

extension ECMAScriptRegex {
  /// Whether the pattern matches somewhere in `string`; `nil` when the match ran out of steps (a
  /// catastrophically backtracking pattern), which callers report rather than guess.
  func search(in string: String) -> Bool? {
    try? matches(string, stepLimit: Self.defaultStepLimit(inputLength: string.utf8.count))
  }

  /// Why a value for which ``search(in:)`` returned `nil` fails.
  var stepLimitMessage: String {
    "the pattern \(quoted(pattern)) backtracked past its step limit on this value; it cannot be decided"
  }
}
