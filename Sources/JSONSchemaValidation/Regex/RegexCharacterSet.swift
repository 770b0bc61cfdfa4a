/// A sorted list of disjoint, non-adjacent code point ranges.
struct ScalarRanges: Sendable {
  private(set) var ranges: [ClosedRange<UInt32>]

  /// Sorts and merges `ranges`, which may overlap.
  init(_ ranges: [ClosedRange<UInt32>]) {
    var merged: [ClosedRange<UInt32>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    self.ranges = merged
  }

  /// Every code point up to U+10FFFF that is not in `self`.
  var complement: ScalarRanges {
    var result: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for range in ranges {
      if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
      next = range.upperBound + 1
    }
    if next <= 0x10FFFF { result.append(next...0x10FFFF) }
    return ScalarRanges(result)
  }

  func contains(_ value: UInt32) -> Bool { ranges.sortedRangesContain(value) }
}

/// A compiled character class: code point ranges plus Unicode property tests, optionally
/// negated, optionally matched case-insensitively.
struct ScalarSet: Sendable {
  private var ranges: ScalarRanges
  private var properties: [(matcher: UnicodePropertyMatcher, negated: Bool)]
  private var negated: Bool
  private var ignoreCase: Bool

  init(items: [RegexClassItem], negated: Bool, ignoreCase: Bool) {
    var ranges: [ClosedRange<UInt32>] = []
    var properties: [(matcher: UnicodePropertyMatcher, negated: Bool)] = []
    for item in items {
      switch item {
      case .range(let low, let high):
        ranges.append(low...high)
      case .digit(let negated):
        ranges += (negated ? Self.digits.complement : Self.digits).ranges
      case .space(let negated):
        ranges += (negated ? Self.whiteSpace.complement : Self.whiteSpace).ranges
      case .word(let negated):
        let word = ignoreCase ? Self.wordCharactersIgnoringCase : Self.wordCharacters
        ranges += (negated ? word.complement : word).ranges
      case .property(let matcher, let negated):
        properties.append((matcher, negated))
      }
    }
    self.ranges = ScalarRanges(ranges)
    self.properties = properties
    self.negated = negated
    self.ignoreCase = ignoreCase
  }

  func contains(_ value: UInt32) -> Bool {
    guard ignoreCase else { return rawContains(value) != negated }
    // ECMA-262 CharacterSetMatcher: the class matches when some member has the same
    // canonical (simple case folded) form as the input.
    for equivalent in CaseFolding.equivalents(of: value) where rawContains(equivalent) {
      return !negated
    }
    return negated
  }

  private func rawContains(_ value: UInt32) -> Bool {
    if ranges.contains(value) { return true }
    for property in properties where property.matcher.contains(value) != property.negated {
      return true
    }
    return false
  }

  /// `\d`: ASCII digits only.
  static let digits = ScalarRanges([0x30...0x39])

  /// `\w`: `[A-Za-z0-9_]`.
  static let wordCharacters = ScalarRanges([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])

  /// `\w` with the `i` modifier in Unicode mode also holds U+017F and U+212A, which case fold
  /// to `s` and `k`.
  static let wordCharactersIgnoringCase = ScalarRanges(
    wordCharacters.ranges + [0x17F...0x17F, 0x212A...0x212A])

  /// `\s`: ECMA-262 WhiteSpace (TAB, VT, FF, U+FEFF and General_Category Zs) plus
  /// LineTerminator (LF, CR, U+2028, U+2029).
  static let whiteSpace = ScalarRanges([
    0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
    0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
  ])

  static func isLineTerminator(_ value: UInt32) -> Bool {
    value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029
  }

  static func isWordCharacter(_ value: UInt32, ignoreCase: Bool) -> Bool {
    (ignoreCase ? wordCharactersIgnoringCase : wordCharacters).contains(value)
  }
}

/// ECMA-262 `Canonicalize` for Unicode mode with the `i` flag: simple case folding.
///
/// The standard library exposes case mappings rather than CaseFolding.txt, so a code point's
/// canonical form is the lowercase of its uppercase (each only when it is a single scalar),
/// with U+0131 (dotless i), which simple case folding leaves alone, as the exception. This
/// puts exactly the code points that simple case folding identifies into the same class.
enum CaseFolding {
  static func canonical(_ value: UInt32) -> UInt32 {
    if value < 0x80 { return (0x41...0x5A).contains(value) ? value + 0x20 : value }
    return table.canonical[value] ?? value
  }

  /// Every code point whose canonical form equals that of `value`, including `value`.
  static func equivalents(of value: UInt32) -> [UInt32] {
    let canonical = canonical(value)
    return [canonical] + (table.members[canonical] ?? [])
  }

  private struct Table: Sendable {
    var canonical: [UInt32: UInt32] = [:]
    var members: [UInt32: [UInt32]] = [:]
  }

  /// Case mappings exist only below U+20000.
  private static let table: Table = {
    var table = Table()
    for value in UInt32(0)..<0x20000 {
      let folded = computeCanonical(value)
      guard folded != value else { continue }
      table.canonical[value] = folded
      table.members[folded, default: []].append(value)
    }
    return table
  }()

  private static func computeCanonical(_ value: UInt32) -> UInt32 {
    guard let scalar = Unicode.Scalar(value), value != 0x131 else { return value }
    let properties = scalar.properties
    guard properties.changesWhenCaseMapped else { return value }
    if let upper = singleScalar(properties.uppercaseMapping),
      let lower = singleScalar(upper.properties.lowercaseMapping)
    {
      return lower.value
    }
    return singleScalar(properties.lowercaseMapping)?.value ?? value
  }

  private static func singleScalar(_ string: String) -> Unicode.Scalar? {
    var scalars = string.unicodeScalars.makeIterator()
    guard let first = scalars.next(), scalars.next() == nil else { return nil }
    return first
  }
}
