/// The flags a `(?ims-ims:...)` modifier group switches on or off.
struct RegexFlags: OptionSet, Sendable, Hashable {
  let rawValue: UInt8

  static let ignoreCase = RegexFlags(rawValue: 1)
  static let multiline = RegexFlags(rawValue: 2)
  static let dotAll = RegexFlags(rawValue: 4)
}

/// A zero-width assertion other than lookaround.
enum RegexAssertion: Sendable, Equatable {
  case start
  case end
  case wordBoundary
  case notWordBoundary
}

/// One member of a character class, or a class escape such as `\d` used on its own.
enum RegexClassItem: Sendable {
  case range(UInt32, UInt32)
  case digit(negated: Bool)
  case word(negated: Bool)
  case space(negated: Bool)
  case property(UnicodePropertyMatcher, negated: Bool)
}

/// The parsed form of a pattern, before flags are applied.
indirect enum RegexNode: Sendable {
  case empty
  case scalar(UInt32)
  case dot
  case characterClass([RegexClassItem], negated: Bool)
  case sequence([RegexNode])
  case alternation([RegexNode])
  case capture(index: Int, RegexNode)
  case modified(add: RegexFlags, remove: RegexFlags, RegexNode)
  case assertion(RegexAssertion)
  case look(behind: Bool, negated: Bool, RegexNode)
  case backReference(Int)
  case namedBackReference(String)
  /// `captures` are the indices of the capture groups inside `atom`, reset on every iteration.
  case quantified(RegexNode, min: Int, max: Int, greedy: Bool, captures: Range<Int>)
}

/// A parsed pattern: its syntax tree, how many capture groups it has and which groups each
/// name refers to (several when duplicate names sit in different alternatives).
struct ParsedRegex: Sendable {
  var root: RegexNode
  var captureCount: Int
  var groupsByName: [String: [Int]]
}
