/// Why an ECMA-262 regular expression could not be compiled or matched.
///
/// Offsets count Unicode scalars from the start of the pattern, starting at 0.
public enum ECMAScriptRegexError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The pattern is not a valid ECMA-262 regular expression in Unicode (`u` flag) mode.
  case invalidPattern(SyntaxIssue, offset: Int)
  /// Matching needed more than `limit` steps (backtracking explosion) and was abandoned.
  case stepLimitExceeded(limit: Int)

  /// The syntax rule a pattern breaks.
  public enum SyntaxIssue: Sendable, Equatable, CustomStringConvertible {
    /// A `(` has no matching `)`.
    case unterminatedGroup
    /// A `)` has no matching `(`.
    case unmatchedParenthesis
    /// A `[` has no matching `]`.
    case unterminatedCharacterClass
    /// `]`, `{` or `}` appears on its own; Unicode mode requires escaping it.
    case loneSyntaxCharacter(Unicode.Scalar)
    /// A quantifier (`*`, `+`, `?`, `{n,m}`) follows nothing it could repeat.
    case nothingToRepeat
    /// A `{` does not start a well-formed `{n}`, `{n,}` or `{n,m}` quantifier.
    case incompleteQuantifier
    /// In `{n,m}`, `n` is greater than `m`.
    case quantifierOutOfOrder
    /// The pattern ends with a lone `\`.
    case trailingBackslash
    /// `\` is followed by a character that Unicode mode does not allow to be escaped.
    case invalidEscape(Unicode.Scalar)
    /// `\c` is not followed by an ASCII letter.
    case invalidControlEscape
    /// `\x` is not followed by two hexadecimal digits.
    case invalidHexEscape
    /// `\u` is not followed by four hexadecimal digits or `{` code point `}`.
    case invalidUnicodeEscape
    /// `\0` is followed by a decimal digit (octal escapes are not allowed in Unicode mode).
    case octalEscape
    /// A numbered back reference names a group the pattern does not have.
    case backReferenceOutOfRange(Int)
    /// `\k` is not followed by `<name>` or names a group the pattern does not have.
    case unknownGroupName(String)
    /// A `(?<name>` group name is missing or is not an identifier.
    case invalidGroupName
    /// Two capture groups that can both participate in a match have the same name.
    case duplicateGroupName(String)
    /// `(?` is followed by something other than `:`, `=`, `!`, `<=`, `<!`, `<name>` or modifiers.
    case invalidGroup
    /// A `(?ims-ims:` modifier group repeats a flag, names a flag twice or uses an unknown flag.
    case invalidModifiers
    /// In a class range `a-b`, `a` comes after `b`.
    case classRangeOutOfOrder
    /// A class range has a class escape such as `\d` at one end.
    case classEscapeInRange
    /// `\p{...}` or `\P{...}` names a property or value ECMA-262 does not support.
    case invalidProperty(String)
    /// Groups are nested more deeply than the supported limit.
    case nestingTooDeep(limit: Int)

    public var description: String {
      switch self {
      case .unterminatedGroup: return "missing ')' to close a group"
      case .unmatchedParenthesis: return "unmatched ')'"
      case .unterminatedCharacterClass: return "missing ']' to close a character class"
      case .loneSyntaxCharacter(let scalar):
        return "lone '\(scalar)' must be escaped as '\\\(scalar)' in Unicode mode"
      case .nothingToRepeat: return "quantifier has nothing to repeat"
      case .incompleteQuantifier: return "'{' does not start a valid {n}, {n,} or {n,m} quantifier"
      case .quantifierOutOfOrder: return "numbers out of order in {n,m} quantifier"
      case .trailingBackslash: return "pattern ends with '\\'"
      case .invalidEscape(let scalar):
        return "'\\\(scalar)' is not a valid escape in Unicode mode"
      case .invalidControlEscape: return "'\\c' must be followed by an ASCII letter"
      case .invalidHexEscape: return "'\\x' must be followed by two hexadecimal digits"
      case .invalidUnicodeEscape:
        return "'\\u' must be followed by four hexadecimal digits or {code point} up to 10FFFF"
      case .octalEscape: return "octal escapes are not allowed in Unicode mode"
      case .backReferenceOutOfRange(let number):
        return "back reference \\\(number) refers to a group that does not exist"
      case .unknownGroupName(let name):
        return name.isEmpty
          ? "'\\k' must be followed by <group name>"
          : "back reference \\k<\(name)> refers to a group that does not exist"
      case .invalidGroupName: return "invalid capture group name"
      case .duplicateGroupName(let name): return "duplicate capture group name '\(name)'"
      case .invalidGroup:
        return "invalid group: '(?' must be followed by ':', '=', '!', '<' or modifiers"
      case .invalidModifiers:
        return "invalid modifiers: write (?ims-ims:...) with each of i, m and s at most once"
      case .classRangeOutOfOrder: return "range out of order in character class"
      case .classEscapeInRange: return "a character class escape cannot be a range endpoint"
      case .invalidProperty(let name): return "invalid Unicode property '\(name)'"
      case .nestingTooDeep(let limit): return "groups nested more than \(limit) deep"
      }
    }
  }

  public var description: String {
    switch self {
    case .invalidPattern(let issue, let offset):
      return "invalid ECMA-262 regular expression at offset \(offset): \(issue)"
    case .stepLimitExceeded(let limit):
      return "regular expression matching gave up after \(limit) steps (catastrophic backtracking)"
    }
  }
}
