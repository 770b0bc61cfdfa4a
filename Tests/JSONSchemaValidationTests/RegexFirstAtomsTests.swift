import Testing

@testable import JSONSchemaValidation

/// The first-code-point filter (`RegexProgram.firstAtoms`) only skips work: every pattern and
/// string gives the answer a search without it gives.
@Suite struct RegexFirstAtomsTests {
  static let patterns = [
    "^([Aa][Uu][Tt][Hh]|[Cc][Oo][Oo][Kk][Ii][Ee])$", "^(?i:cookie)$", "^a|b", "^(|a)b", "^a*$",
    "^a*b", "^(?:a|b){0,2}c", "^(?:a|b){2}c", "^(?:){3}a", "^$", "^\\bb", "^(?=a)", "^(a)?\\1b",
    "^(?<=a)b", "^[^a]", "^.", "^\\d+-", "a+b", "(?:x|y)z", "\\u{1F600}", "^\\p{Lu}", "[]",
    "^(?:a*)*b",
  ]
  static let strings = [
    "", "a", "b", "ab", "aab", "bb", "c", "ac", "abc", "bac", "AUTH", "auth", "Cookie", "COOKIE",
    "Accept", "xz", "yz", "zz", "12-", "😀", "É", "\n", "aaaaab",
  ]

  static func unfiltered(_ pattern: String, _ string: String) throws -> Bool {
    var parser = RegexParser(pattern)
    var program = RegexProgram(try parser.parse())
    program.firstAtoms = nil
    var matcher = RegexMatcher(
      program: program, input: string.unicodeScalars.map(\.value), stepLimit: 1_000_000)
    return try matcher.search()
  }

  @Test(arguments: patterns) func theFilterNeverChangesAnAnswer(_ pattern: String) throws {
    let regex = try ECMAScriptRegex(pattern)
    for string in Self.strings {
      let expected = try Self.unfiltered(pattern, string)
      #expect(regex.matches(string) == expected, "\(pattern) on \(string.debugDescription)")
      #expect(try regex.matches(string, stepLimit: 1_000_000) == expected)
    }
  }

  @Test func theFilterIsKnownOnlyWhenEveryMatchConsumesFirst() throws {
    func firstAtoms(_ pattern: String) throws -> Int? {
      var parser = RegexParser(pattern)
      return RegexProgram(try parser.parse()).firstAtoms?.count
    }
    #expect(try firstAtoms(Self.patterns[0]) == 2)
    #expect(try firstAtoms("^(?:a|b){0,2}c") == 3)
    #expect(try firstAtoms("^a*b") == 2)
    for unknown in ["^$", "^a*$", "^(|a)", "^(?=a)", "^(a)?\\1b", "^(?<=a)b", "^(?:a*)*b"] {
      #expect(try firstAtoms(unknown) == nil, "\(unknown)")
    }
  }
}
