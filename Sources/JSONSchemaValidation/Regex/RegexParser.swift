/// Parses an ECMA-262 pattern with the grammar of Unicode (`u` flag) mode: no Annex B
/// leniencies, so lone `]`, `{` and `}`, unknown identity escapes and octal escapes are errors.
/// Modifier groups `(?ims-ims:...)` (ES2025) and duplicate group names in different
/// alternatives (ES2025) are accepted.
///
/// Groups are parsed with an explicit stack rather than recursion, so deeply nested input
/// cannot exhaust the call stack.
struct RegexParser {
  /// How deeply groups may nest; bounds the recursion of the compiler over the syntax tree.
  static let maximumNesting = 256

  private struct PathStep: Equatable {
    var disjunction: Int
    var alternative: Int
  }

  private struct NamedGroup {
    var name: String
    var index: Int
    var path: [PathStep]
    var offset: Int
  }

  /// A group whose `)` has not been reached yet (or the whole pattern, at the bottom).
  private struct OpenGroup {
    enum Kind {
      case pattern
      case capture(Int)
      case nonCapturing
      case look(behind: Bool, negated: Bool)
      case modified(add: RegexFlags, remove: RegexFlags)
    }

    var kind: Kind
    var start: Int
    /// The number of capture groups opened before this one.
    var capturesBefore: Int
    var disjunction: Int
    var alternatives: [RegexNode] = []
    var terms: [RegexNode] = []

    mutating func endAlternative() {
      switch terms.count {
      case 0: alternatives.append(.empty)
      case 1: alternatives.append(terms[0])
      default: alternatives.append(.sequence(terms))
      }
      terms = []
    }

    mutating func body() -> RegexNode {
      endAlternative()
      return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }
  }

  private let scalars: [UInt32]
  private var index = 0
  private var captureCount = 0
  private var namedGroups: [NamedGroup] = []
  private var namedReferences: [(name: String, offset: Int)] = []
  private var numberedReferences: [(number: Int, offset: Int)] = []
  private var groups: [OpenGroup] = []
  private var disjunctionCount = 0

  init(_ pattern: String) {
    scalars = pattern.unicodeScalars.map(\.value)
  }

  mutating func parse() throws(ECMAScriptRegexError) -> ParsedRegex {
    groups = [OpenGroup(kind: .pattern, start: 0, capturesBefore: 0, disjunction: 0)]
    disjunctionCount = 1
    while let scalar = peek {
      switch scalar {
      case 0x7C:  // |
        index += 1
        groups[groups.count - 1].endAlternative()
      case 0x29:  // )
        try closeGroup()
      case 0x28:  // (
        try openGroup()
      default:
        let term = try parseTerm()
        groups[groups.count - 1].terms.append(term)
      }
    }
    guard groups.count == 1, var pattern = groups.popLast() else {
      throw issue(.unterminatedGroup, at: groups[groups.count - 1].start)
    }
    let root = pattern.body()
    for reference in numberedReferences where reference.number > captureCount {
      throw issue(.backReferenceOutOfRange(reference.number), at: reference.offset)
    }
    var groupsByName: [String: [Int]] = [:]
    for (position, group) in namedGroups.enumerated() {
      for earlier in namedGroups[..<position] where earlier.name == group.name {
        if !Self.inDifferentAlternatives(earlier.path, group.path) {
          throw issue(.duplicateGroupName(group.name), at: group.offset)
        }
      }
      groupsByName[group.name, default: []].append(group.index)
    }
    for reference in namedReferences where groupsByName[reference.name] == nil {
      throw issue(.unknownGroupName(reference.name), at: reference.offset)
    }
    return ParsedRegex(root: root, captureCount: captureCount, groupsByName: groupsByName)
  }

  private static func inDifferentAlternatives(_ a: [PathStep], _ b: [PathStep]) -> Bool {
    for (stepA, stepB) in zip(a, b) {
      if stepA.disjunction != stepB.disjunction { return false }
      if stepA.alternative != stepB.alternative { return true }
    }
    return false
  }

  // MARK: - Groups

  /// Reads a group opening such as `(`, `(?:`, `(?<=`, `(?<name>` or `(?i:` and pushes it.
  private mutating func openGroup() throws(ECMAScriptRegexError) {
    let start = index
    if groups.count > Self.maximumNesting {
      throw issue(.nestingTooDeep(limit: Self.maximumNesting), at: start)
    }
    // The alternative each enclosing disjunction is in, for duplicate group names.
    let path = groups.map {
      PathStep(disjunction: $0.disjunction, alternative: $0.alternatives.count)
    }
    let capturesBefore = captureCount
    index += 1
    let kind: OpenGroup.Kind
    if peek != 0x3F {  // plain (
      captureCount += 1
      kind = .capture(captureCount)
    } else {
      index += 1
      switch (peek, peek(at: index + 1)) {
      case (0x3A, _):  // (?:
        index += 1
        kind = .nonCapturing
      case (0x3D, _):  // (?=
        index += 1
        kind = .look(behind: false, negated: false)
      case (0x21, _):  // (?!
        index += 1
        kind = .look(behind: false, negated: true)
      case (0x3C, 0x3D):  // (?<=
        index += 2
        kind = .look(behind: true, negated: false)
      case (0x3C, 0x21):  // (?<!
        index += 2
        kind = .look(behind: true, negated: true)
      case (0x3C, _):  // (?<name>
        index += 1
        let nameOffset = index
        let name = try parseGroupName()
        captureCount += 1
        namedGroups.append(
          NamedGroup(name: name, index: captureCount, path: path, offset: nameOffset))
        kind = .capture(captureCount)
      case (0x69, _), (0x6D, _), (0x73, _), (0x2D, _):  // i m s -
        let (add, remove) = try parseModifiers(groupStart: start)
        kind = .modified(add: add, remove: remove)
      default:
        throw issue(.invalidGroup, at: start)
      }
    }
    groups.append(
      OpenGroup(
        kind: kind, start: start, capturesBefore: capturesBefore, disjunction: disjunctionCount))
    disjunctionCount += 1
  }

  /// Reads `)`, pops the innermost group and adds it, with any quantifier, to its parent.
  private mutating func closeGroup() throws(ECMAScriptRegexError) {
    guard groups.count > 1, var group = groups.popLast() else {
      throw issue(.unmatchedParenthesis, at: index)
    }
    index += 1
    let body = group.body()
    let node: RegexNode
    switch group.kind {
    case .pattern, .nonCapturing:
      node = body
    case .capture(let number):
      node = .capture(index: number, body)
    case .modified(let add, let remove):
      node = .modified(add: add, remove: remove, body)
    case .look(let behind, let negated):
      // In Unicode mode no lookaround is quantifiable: a following quantifier fails as
      // "nothing to repeat" when the next term is parsed.
      groups[groups.count - 1].terms.append(.look(behind: behind, negated: negated, body))
      return
    }
    let captures = (group.capturesBefore + 1)..<(captureCount + 1)
    groups[groups.count - 1].terms.append(try parseQuantifier(of: node, captures: captures))
  }

  /// Reads `ims-ims:` after `(?`, up to and including the colon.
  private mutating func parseModifiers(
    groupStart: Int
  ) throws(ECMAScriptRegexError) -> (add: RegexFlags, remove: RegexFlags) {
    var add: RegexFlags = []
    var remove: RegexFlags = []
    var removing = false
    while true {
      guard let scalar = peek else { throw issue(.invalidModifiers, at: groupStart) }
      index += 1
      let flag: RegexFlags
      switch scalar {
      case 0x69: flag = .ignoreCase
      case 0x6D: flag = .multiline
      case 0x73: flag = .dotAll
      case 0x2D where !removing:
        removing = true
        continue
      case 0x3A:  // :
        if removing && add.isEmpty && remove.isEmpty {
          throw issue(.invalidModifiers, at: groupStart)
        }
        return (add, remove)
      default:
        throw issue(.invalidModifiers, at: groupStart)
      }
      if add.contains(flag) || remove.contains(flag) {
        throw issue(.invalidModifiers, at: groupStart)
      }
      if removing { remove.insert(flag) } else { add.insert(flag) }
    }
  }

  // MARK: - Terms

  /// Parses an assertion, or an atom other than a group with its quantifier.
  private mutating func parseTerm() throws(ECMAScriptRegexError) -> RegexNode {
    switch scalars[index] {
    case 0x5E:  // ^
      index += 1
      return .assertion(.start)
    case 0x24:  // $
      index += 1
      return .assertion(.end)
    case 0x5C where peek(at: index + 1) == 0x62:  // \b
      index += 2
      return .assertion(.wordBoundary)
    case 0x5C where peek(at: index + 1) == 0x42:  // \B
      index += 2
      return .assertion(.notWordBoundary)
    default:
      let atom = try parseAtom()
      return try parseQuantifier(of: atom, captures: 0..<0)
    }
  }

  private mutating func parseQuantifier(
    of atom: RegexNode, captures: Range<Int>
  ) throws(ECMAScriptRegexError) -> RegexNode {
    let start = index
    let bounds: (min: Int, max: Int)
    switch peek {
    case 0x2A:  // *
      index += 1
      bounds = (0, Int.max)
    case 0x2B:  // +
      index += 1
      bounds = (1, Int.max)
    case 0x3F:  // ?
      index += 1
      bounds = (0, 1)
    case 0x7B:  // {
      guard let braced = scanBracedQuantifier() else {
        throw issue(.incompleteQuantifier, at: start)
      }
      bounds = braced
    default:
      return atom
    }
    var greedy = true
    if peek == 0x3F {
      index += 1
      greedy = false
    }
    if bounds.min > bounds.max {
      throw issue(.quantifierOutOfOrder, at: start)
    }
    return .quantified(atom, min: bounds.min, max: bounds.max, greedy: greedy, captures: captures)
  }

  /// Reads `{n}`, `{n,}` or `{n,m}` at `index`, advancing past it; nil (not advancing) if the
  /// text there is not such a quantifier.
  private mutating func scanBracedQuantifier() -> (min: Int, max: Int)? {
    var cursor = index + 1
    func number() -> Int? {
      var value: Int?
      while let scalar = peek(at: cursor), Self.isDecimalDigit(scalar) {
        let digit = Int(scalar - 0x30)
        let current = value ?? 0
        value = current > (Int.max - digit) / 10 ? Int.max : current * 10 + digit
        cursor += 1
      }
      return value
    }
    guard let minimum = number() else { return nil }
    var maximum = minimum
    if peek(at: cursor) == 0x2C {  // ,
      cursor += 1
      maximum = number() ?? Int.max
    }
    guard peek(at: cursor) == 0x7D else { return nil }  // }
    index = cursor + 1
    return (minimum, maximum)
  }

  /// Parses an atom other than a group.
  private mutating func parseAtom() throws(ECMAScriptRegexError) -> RegexNode {
    let start = index
    let scalar = scalars[index]
    switch scalar {
    case 0x2E:  // .
      index += 1
      return .dot
    case 0x5B:  // [
      return try parseClass()
    case 0x5C:  // \
      return try parseAtomEscape()
    case 0x2A, 0x2B, 0x3F:  // * + ?
      throw issue(.nothingToRepeat, at: start)
    case 0x7B:  // {
      if scanBracedQuantifier() != nil {
        throw issue(.nothingToRepeat, at: start)
      }
      throw issue(.loneSyntaxCharacter("{"), at: start)
    case 0x7D:
      throw issue(.loneSyntaxCharacter("}"), at: start)
    case 0x5D:
      throw issue(.loneSyntaxCharacter("]"), at: start)
    default:
      index += 1
      return .scalar(scalar)
    }
  }

  // MARK: - Group names

  /// Reads a `RegExpIdentifierName` and the closing `>`.
  private mutating func parseGroupName() throws(ECMAScriptRegexError) -> String {
    let start = index
    var name = String.UnicodeScalarView()
    while true {
      guard let scalar = peek else { throw issue(.invalidGroupName, at: start) }
      if scalar == 0x3E {  // >
        index += 1
        break
      }
      var value = scalar
      if scalar == 0x5C {  // \u escape
        guard peek(at: index + 1) == 0x75 else { throw issue(.invalidGroupName, at: start) }
        index += 1
        value = try parseUnicodeEscape()
      } else {
        index += 1
      }
      guard let character = Unicode.Scalar(value),
        name.isEmpty ? Self.isIdentifierStart(character) : Self.isIdentifierPart(character)
      else { throw issue(.invalidGroupName, at: start) }
      name.append(character)
    }
    if name.isEmpty { throw issue(.invalidGroupName, at: start) }
    return String(name)
  }

  private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "$" || scalar == "_" || scalar.properties.isIDStart
  }

  private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "$" || scalar.value == 0x200C || scalar.value == 0x200D
      || scalar.properties.isIDContinue
  }

  // MARK: - Escapes

  /// Parses `\` and what follows, outside a character class.
  private mutating func parseAtomEscape() throws(ECMAScriptRegexError) -> RegexNode {
    let start = index
    index += 1
    guard let scalar = peek else { throw issue(.trailingBackslash, at: start) }
    switch scalar {
    case 0x31...0x39:  // \1 ... back reference
      var number = 0
      while let digit = peek, Self.isDecimalDigit(digit) {
        number = number > (Int.max - 9) / 10 ? Int.max : number * 10 + Int(digit - 0x30)
        index += 1
      }
      numberedReferences.append((number, start))
      return .backReference(number)
    case 0x6B:  // \k<name>
      index += 1
      guard peek == 0x3C else { throw issue(.unknownGroupName(""), at: start) }
      index += 1
      let name = try parseGroupName()
      namedReferences.append((name, start))
      return .namedBackReference(name)
    default:
      if let item = try parseClassEscape() {
        return .characterClass([item], negated: false)
      }
      return .scalar(try parseCharacterEscape(escapeStart: start))
    }
  }

  /// Parses `\d \D \s \S \w \W \p{..} \P{..}` with `index` on the letter; nil (not advancing)
  /// for any other escape.
  private mutating func parseClassEscape() throws(ECMAScriptRegexError) -> RegexClassItem? {
    guard let scalar = peek else { return nil }
    switch scalar {
    case 0x64, 0x44:  // d D
      index += 1
      return .digit(negated: scalar == 0x44)
    case 0x73, 0x53:  // s S
      index += 1
      return .space(negated: scalar == 0x53)
    case 0x77, 0x57:  // w W
      index += 1
      return .word(negated: scalar == 0x57)
    case 0x70, 0x50:  // p P
      let start = index - 1
      index += 1
      guard peek == 0x7B else { throw issue(.invalidProperty(""), at: start) }
      index += 1
      var text = String.UnicodeScalarView()
      while let character = peek, character != 0x7D {
        guard
          Self.isASCIILetter(character) || Self.isDecimalDigit(character)
            || character == 0x5F || character == 0x3D,  // _ =
          let valid = Unicode.Scalar(character)
        else { throw issue(.invalidProperty(String(text)), at: start) }
        text.append(valid)
        index += 1
      }
      guard peek == 0x7D else { throw issue(.invalidProperty(String(text)), at: start) }
      index += 1
      guard let matcher = UnicodeProperties.matcher(for: String(text)) else {
        throw issue(.invalidProperty(String(text)), at: start)
      }
      return .property(matcher, negated: scalar == 0x50)
    default:
      return nil
    }
  }

  /// Parses a `CharacterEscape` with `index` on the character after the backslash.
  private mutating func parseCharacterEscape(
    escapeStart: Int
  ) throws(ECMAScriptRegexError) -> UInt32 {
    let scalar = scalars[index]
    if let control = Self.controlEscapes[scalar] {
      index += 1
      return control
    }
    switch scalar {
    case 0x63:  // \cX
      guard let letter = peek(at: index + 1), Self.isASCIILetter(letter) else {
        throw issue(.invalidControlEscape, at: escapeStart)
      }
      index += 2
      return letter % 32
    case 0x30:  // \0
      index += 1
      if let next = peek, Self.isDecimalDigit(next) {
        throw issue(.octalEscape, at: escapeStart)
      }
      return 0
    case 0x78:  // \xHH
      guard let high = peek(at: index + 1).flatMap(Self.hexValue),
        let low = peek(at: index + 2).flatMap(Self.hexValue)
      else { throw issue(.invalidHexEscape, at: escapeStart) }
      index += 3
      return high * 16 + low
    case 0x75:  // \u
      return try parseUnicodeEscape()
    case 0x5E, 0x24, 0x5C, 0x2E, 0x2A, 0x2B, 0x3F, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x7C, 0x2F:
      index += 1  // SyntaxCharacter or '/'
      return scalar
    default:
      throw issue(.invalidEscape(Unicode.Scalar(scalar) ?? "?"), at: escapeStart)
    }
  }

  /// Parses `uXXXX`, `uXXXX\uXXXX` (a surrogate pair) or `u{X...}` with `index` on the `u`.
  private mutating func parseUnicodeEscape() throws(ECMAScriptRegexError) -> UInt32 {
    let start = index - 1
    index += 1
    if peek == 0x7B {  // u{...}
      var cursor = index + 1
      var value: UInt32 = 0
      while let digit = peek(at: cursor).flatMap(Self.hexValue) {
        value = value > 0x10FFFF ? value : value * 16 + digit
        cursor += 1
      }
      guard cursor > index + 1, peek(at: cursor) == 0x7D, value <= 0x10FFFF else {
        throw issue(.invalidUnicodeEscape, at: start)
      }
      index = cursor + 1
      return value
    }
    guard let value = hexQuad(at: index) else { throw issue(.invalidUnicodeEscape, at: start) }
    index += 4
    if (0xD800...0xDBFF).contains(value), peek == 0x5C, peek(at: index + 1) == 0x75,
      let trail = hexQuad(at: index + 2), (0xDC00...0xDFFF).contains(trail)
    {
      index += 6
      return 0x10000 + ((value - 0xD800) << 10) + (trail - 0xDC00)
    }
    return value
  }

  private func hexQuad(at position: Int) -> UInt32? {
    var value: UInt32 = 0
    for offset in 0..<4 {
      guard let digit = peek(at: position + offset).flatMap(Self.hexValue) else { return nil }
      value = value * 16 + digit
    }
    return value
  }

  // MARK: - Character classes

  private enum ClassAtom {
    case scalar(UInt32)
    case item(RegexClassItem)
  }

  private mutating func parseClass() throws(ECMAScriptRegexError) -> RegexNode {
    let start = index
    index += 1
    var negated = false
    if peek == 0x5E {
      negated = true
      index += 1
    }
    var items: [RegexClassItem] = []
    while true {
      guard let scalar = peek else { throw issue(.unterminatedCharacterClass, at: start) }
      if scalar == 0x5D {  // ]
        index += 1
        break
      }
      let atomStart = index
      let first = try parseClassAtom(classStart: start)
      if peek == 0x2D, let after = peek(at: index + 1), after != 0x5D {  // a-b
        index += 1
        let second = try parseClassAtom(classStart: start)
        guard case .scalar(let low) = first, case .scalar(let high) = second else {
          throw issue(.classEscapeInRange, at: atomStart)
        }
        guard low <= high else { throw issue(.classRangeOutOfOrder, at: atomStart) }
        items.append(.range(low, high))
      } else {
        switch first {
        case .scalar(let value): items.append(.range(value, value))
        case .item(let item): items.append(item)
        }
      }
    }
    return .characterClass(items, negated: negated)
  }

  private mutating func parseClassAtom(classStart: Int) throws(ECMAScriptRegexError) -> ClassAtom {
    let scalar = scalars[index]
    guard scalar == 0x5C else {
      index += 1
      return .scalar(scalar)
    }
    let start = index
    index += 1
    guard let escaped = peek else { throw issue(.unterminatedCharacterClass, at: classStart) }
    switch escaped {
    case 0x62:  // \b is backspace inside a class
      index += 1
      return .scalar(0x08)
    case 0x2D:  // \-
      index += 1
      return .scalar(0x2D)
    default:
      if let item = try parseClassEscape() { return .item(item) }
      return .scalar(try parseCharacterEscape(escapeStart: start))
    }
  }

  // MARK: - Helpers

  /// `\f \n \r \t \v`.
  private static let controlEscapes: [UInt32: UInt32] = [
    0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09, 0x76: 0x0B,
  ]

  private var peek: UInt32? { index < scalars.count ? scalars[index] : nil }

  private func peek(at position: Int) -> UInt32? {
    position < scalars.count ? scalars[position] : nil
  }

  private func issue(
    _ issue: ECMAScriptRegexError.SyntaxIssue, at offset: Int
  ) -> ECMAScriptRegexError {
    .invalidPattern(issue, offset: offset)
  }

  private static func isDecimalDigit(_ scalar: UInt32) -> Bool { (0x30...0x39).contains(scalar) }

  private static func isASCIILetter(_ scalar: UInt32) -> Bool {
    (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar)
  }

  private static func hexValue(_ scalar: UInt32) -> UInt32? {
    switch scalar {
    case 0x30...0x39: return scalar - 0x30
    case 0x41...0x46: return scalar - 0x41 + 10
    case 0x61...0x66: return scalar - 0x61 + 10
    default: return nil
    }
  }
}
