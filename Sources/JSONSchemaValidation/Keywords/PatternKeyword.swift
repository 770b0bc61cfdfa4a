import JSONCore

/// `pattern` (validation, section 6.3.3): an ECMA-262 regular expression that a string must
/// match somewhere; it passes every value that is not a string.
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

  override func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool
  {
    guard case .string(let string) = instance.pointee else { return true }
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
