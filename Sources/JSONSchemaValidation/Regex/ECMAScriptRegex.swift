/// A compiled ECMA-262 regular expression, matched against Unicode scalars (not grapheme
/// clusters), as JSON Schema's `pattern`, `patternProperties` and `format: "regex"` require.
///
/// Patterns follow the Unicode (`u` flag) grammar and semantics with no other flags: `\d`,
/// `\w` and `\b` are ASCII-only, `\s` is ECMA-262 white space and line terminators, `.` stops at
/// line terminators, `^` and `$` match only at the ends of the string, `\p{...}` takes the
/// property names ECMA-262 lists, and Annex B leniencies (lone `]`, `{`, `}`, unknown escapes
/// such as `\a`, octal escapes) are syntax errors. ES2025 modifier groups `(?i:...)` and
/// duplicate group names in different alternatives are supported.
///
/// Matching uses a backtracking engine with a step budget, so a pattern such as `^(a+)+$`
/// cannot hang: see ``matches(_:stepLimit:)``.
///
/// Limits: groups may nest at most 256 deep; `Script` and `Script_Extensions` use the Unicode
/// data of Swift's `Regex` (other properties use the standard library's); the `i` modifier
/// folds case with the standard library's case mappings, which agree with simple case folding;
/// a lone surrogate in a pattern (`\uD800`) is accepted but matches nothing, since a Swift
/// `String` cannot hold one.
///
/// The value holds only immutable data and can be shared freely across threads.
public struct ECMAScriptRegex: Sendable {
  /// The pattern source this regex was compiled from.
  public let pattern: String
  private let program: RegexProgram

  /// The step budget ``matches(_:)`` uses for an input of `inputLength` Unicode scalars:
  /// 10,000,000 steps plus 100 per scalar.
  ///
  /// One step is one matcher instruction, one backtrack, or one code point consumed by a
  /// repetition. Ordinary patterns need a few steps per scalar, so they fit with a wide margin,
  /// while exponential backtracking (`^(a+)+$` on `"aaa…a!"`) is stopped after roughly a tenth of
  /// a second in an optimized build.
  public static func defaultStepLimit(inputLength: Int) -> Int {
    10_000_000 + 100 * inputLength
  }

  /// Compiles `pattern`.
  ///
  /// - Throws: ``ECMAScriptRegexError/invalidPattern(_:offset:)`` if `pattern` is not a valid
  ///   ECMA-262 regular expression in Unicode mode.
  public init(_ pattern: String) throws(ECMAScriptRegexError) {
    var parser = RegexParser(pattern)
    let parsed = try parser.parse()
    self.pattern = pattern
    self.program = RegexProgram(parsed)
  }

  /// Whether `pattern` is a valid ECMA-262 regular expression in Unicode mode.
  public static func isValid(_ pattern: String) -> Bool {
    var parser = RegexParser(pattern)
    return (try? parser.parse()) != nil
  }

  /// Whether the pattern matches anywhere in `string` (a search, not a whole-string match).
  ///
  /// Returns false if matching needs more than ``defaultStepLimit(inputLength:)`` steps. Where
  /// "no match" is not the safe answer (a `patternProperties` key that fails to match escapes
  /// its subschema), use ``matches(_:stepLimit:)`` and handle the error.
  public func matches(_ string: String) -> Bool {
    if program.anchoredAtStart && !program.canBeginMatch(string.unicodeScalars) { return false }
    let input = string.unicodeScalars.map(\.value)
    var matcher = RegexMatcher(
      program: program, input: input, stepLimit: Self.defaultStepLimit(inputLength: input.count))
    return (try? matcher.search()) ?? false
  }

  /// Whether the pattern matches anywhere in `string`, giving up after `stepLimit` steps.
  ///
  /// - Throws: ``ECMAScriptRegexError/stepLimitExceeded(limit:)`` when the budget runs out
  ///   before the search is decided.
  public func matches(_ string: String, stepLimit: Int) throws(ECMAScriptRegexError) -> Bool {
    if program.anchoredAtStart && !program.canBeginMatch(string.unicodeScalars) { return false }
    var matcher = RegexMatcher(
      program: program, input: string.unicodeScalars.map(\.value), stepLimit: stepLimit)
    return try matcher.search()
  }
}
