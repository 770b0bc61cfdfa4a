import Foundation
import JSONCore
import JSONSchemaValidation
import Testing

// MARK: - JSON Schema Test Suite

/// The suite files that exercise `pattern`, `patternProperties` and `format: "regex"`, with how
/// many tests each holds.
private let suiteFiles: [(path: String, tests: Int)] = [
  ("optional/ecmascript-regex.json", 74),
  ("optional/non-bmp-regex.json", 12),
  ("optional/format/regex.json", 8),
  ("optional/format/ecmascript-regex.json", 12),
  ("pattern.json", 12),
  ("patternProperties.json", 25),
]

/// `<package root>/../shared/json-schema-test-suite/tests-draft2020-12`.
private let suiteDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()  // JSONSchemaValidationTests
  .deletingLastPathComponent()  // Tests
  .deletingLastPathComponent()  // package root
  .appendingPathComponent("../shared/json-schema-test-suite/tests-draft2020-12")
  .standardizedFileURL

/// A keyword these files use that `SuiteEvaluator` does not implement.
private struct UnsupportedKeyword: Error {
  var keyword: String
}

/// Just enough of JSON Schema for the regex suite files: `type`, `maximum`, `pattern`,
/// `patternProperties`, `additionalProperties` and `format: "regex"` (asserted, as in
/// `optional/format`). Anything else is reported rather than guessed at.
private struct SuiteEvaluator {
  func isValid(_ instance: JSONValue, against schema: JSONValue) throws -> Bool {
    if let bool = schema.boolValue { return bool }
    guard let keywords = schema.objectValue else { throw UnsupportedKeyword(keyword: "schema") }
    for member in keywords.members {
      if try !keywordHolds(member.key, member.value, instance, schema: keywords) { return false }
    }
    return true
  }

  private func keywordHolds(
    _ keyword: String, _ value: JSONValue, _ instance: JSONValue, schema: JSONObject
  ) throws -> Bool {
    switch keyword {
    case "$schema":
      return true
    case "type":
      switch value.stringValue {
      case "string": return instance.stringValue != nil
      case "object": return instance.objectValue != nil
      case "null": return instance.isNull
      case "boolean": return instance.boolValue != nil
      case "number": return instance.numberValue != nil
      case "integer": return instance.numberValue?.isInteger ?? false
      default: throw UnsupportedKeyword(keyword: "type \(value)")
      }
    case "maximum":
      guard let number = instance.numberValue, let maximum = value.numberValue else { return true }
      return !(maximum < number)
    case "pattern":
      guard let string = instance.stringValue, let pattern = value.stringValue else { return true }
      return try ECMAScriptRegex(pattern).matches(string)
    case "format":
      guard value.stringValue == "regex" else { throw UnsupportedKeyword(keyword: "format") }
      guard let string = instance.stringValue else { return true }
      return ECMAScriptRegex.isValid(string)
    case "patternProperties":
      guard let object = instance.objectValue, let patterns = value.objectValue else {
        return true
      }
      for pattern in patterns.members {
        let regex = try ECMAScriptRegex(pattern.key)
        for member in object.members where regex.matches(member.key) {
          if try !isValid(member.value, against: pattern.value) { return false }
        }
      }
      return true
    case "additionalProperties":
      guard let object = instance.objectValue else { return true }
      let patterns = try (schema["patternProperties"]?.objectValue?.keys ?? []).map {
        try ECMAScriptRegex($0)
      }
      for member in object.members where !patterns.contains(where: { $0.matches(member.key) }) {
        if try !isValid(member.value, against: value) { return false }
      }
      return true
    default:
      throw UnsupportedKeyword(keyword: keyword)
    }
  }
}

/// `ECMAScriptRegex` against the official suite's regex files, V8's answers on hand-picked
/// patterns, and its limits.
@Suite struct ECMAScriptRegexTests {
  @Test(arguments: suiteFiles.map(\.path))
  func officialSuiteFile(_ path: String) throws {
    let url = suiteDirectory.appendingPathComponent(path)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      // CI must have the suite; a fresh clone without ../shared skips, and says so.
      let inCI = !["", "0", "false"].contains(ProcessInfo.processInfo.environment["CI"] ?? "")
      #expect(!inCI, "the JSON Schema Test Suite is missing in CI at \(url.path)")
      print("ECMAScriptRegexTests: skipped, the JSON Schema Test Suite is not at \(url.path)")
      return
    }
    let groups = try #require(try JSONParser.parse(data).value.arrayValue)
    var passed = 0
    var failures: [String] = []
    var skipped: [String] = []
    for group in groups {
      let groupDescription = group["description"]?.stringValue ?? "?"
      let schema = try #require(group["schema"])
      for test in group["tests"]?.arrayValue ?? [] {
        let description = "\(groupDescription) / \(test["description"]?.stringValue ?? "?")"
        let instance = try #require(test["data"])
        let expected = try #require(test["valid"]?.boolValue as Bool?)
        do {
          if try SuiteEvaluator().isValid(instance, against: schema) == expected {
            passed += 1
          } else {
            failures.append(description)
          }
        } catch let unsupported as UnsupportedKeyword {
          skipped.append("\(description) (needs \(unsupported.keyword))")
        }
      }
    }
    print("\(path): \(passed) passed, \(failures.count) failed, \(skipped.count) skipped")
    for failure in failures { print("  FAILED: \(failure)") }
    for skip in skipped { print("  SKIPPED: \(skip)") }
    #expect(failures.isEmpty, "failed: \(failures)")
    #expect(skipped.isEmpty, "skipped: \(skipped)")
    #expect(passed == suiteFiles.first { $0.path == path }?.tests)
  }

  // MARK: - Matching

  struct MatchCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var subject: String
    var matches: Bool

    init(_ pattern: String, _ subject: String, _ matches: Bool) {
      self.pattern = pattern
      self.subject = subject
      self.matches = matches
    }

    var testDescription: String { "/\(pattern)/ on \(subject.debugDescription)" }
  }

  /// Expected results are V8's (Node.js, `u` flag; `(?ims:...)` cases use the flags), except where
  /// V8 20 predates ES2025 modifiers, which V8 was then run with the same flags on the whole pattern.
  static let matchCases: [MatchCase] = [
    MatchCase("^abc$", "abc\n", false),
    MatchCase("^abc$", "abc", true),
    MatchCase("a$", "a\n", false),
    MatchCase("(?m:a$)", "a\nb", true),
    MatchCase("(?m:^b)", "a\nb", true),
    MatchCase("^b", "a\nb", false),
    MatchCase("a.c", "a\nc", false),
    MatchCase("(?s:a.c)", "a\nc", true),
    MatchCase("a.c", "a\u{2028}c", false),
    MatchCase("a[^]c", "a\nc", true),
    MatchCase("a[]c", "ac", false),
    MatchCase("^.$", "\u{1F432}", true),
    MatchCase("^..$", "\u{1F432}", false),
    MatchCase(#"^\uD83D\uDC32$"#, "\u{1F432}", true),
    MatchCase(#"^\u{1F432}$"#, "\u{1F432}", true),
    MatchCase("^[\u{1F409}-\u{1F432}]$", "\u{1F40B}", true),
    MatchCase(#"^\cJ$"#, "\n", true),
    MatchCase(#"^\x41\u0042$"#, "AB", true),
    MatchCase(#"^\0$"#, "\u{0}", true),
    MatchCase(#"\bfoo\b"#, "a foo b", true),
    MatchCase(#"\bfoo\b"#, "afoo", false),
    MatchCase(#"\Bfoo"#, "afoo", true),
    MatchCase(#"^\w+$"#, "h\u{E9}llo", false),
    MatchCase(#"^\s+$"#, "\u{3000}\u{FEFF}\u{2028}", true),
    MatchCase(#"^\s$"#, "\u{180E}", false),
    MatchCase(#"^[\w-]+$"#, "a-b", true),
    MatchCase(#"(a)\1"#, "aa", true),
    MatchCase(#"(a)\1"#, "ab", false),
    MatchCase(#"\1(a)"#, "a", true),
    MatchCase(#"(?<y>\d{4})-\k<y>"#, "2024-2024", true),
    MatchCase(#"(?<y>\d{4})-\k<y>"#, "2024-2025", false),
    MatchCase(#"(?<=\$)\d+"#, "cost $42", true),
    MatchCase(#"(?<=\$)\d+"#, "cost 42", false),
    MatchCase(#"(?<!\$)\b\d+"#, "$42", false),
    MatchCase("(?<=a+)b", "aaab", true),
    MatchCase(#"(?<=(\d)(\d))x\1\2"#, "12x12", true),
    MatchCase(#"(?<=\1(a))b"#, "aab", true),
    MatchCase(#"(?<=\1(a))b"#, "ab", false),
    MatchCase(#"(?=(a+))a*b\1"#, "baaabac", true),
    MatchCase(#"(?=(a+))a*b\1"#, "baaabc", false),
    MatchCase("(a*)*b", "aaac", false),
    MatchCase("(?:a|b)*?c", "ababc", true),
    MatchCase("^(?:a|ab)(?:c|bcd)(?:d*)$", "abcd", true),
    MatchCase("^(a+)+$", "aaaa", true),
    MatchCase("^(?:){1000000000}$", "", true),
    MatchCase("^(?:^|b){2}$", "b", true),
    MatchCase("^(?:^|b){3}$", "bb", true),
    MatchCase("^(z)((a+)?(b+)?(c))*$", "zaacbbbcac", true),
    MatchCase(#"^(a\1)+$"#, "aa", true),
    MatchCase(#"(a)|\1b"#, "b", true),
    MatchCase(#"\p{Script=Greek}"#, "\u{3C0}", true),
    MatchCase(#"\p{sc=Grek}"#, "p", false),
    MatchCase(#"^\p{scx=Hira}$"#, "\u{30FC}", true),
    MatchCase(#"^\p{sc=Zyyy}$"#, "\u{30FC}", true),
    MatchCase(#"^\p{sc=Hira}$"#, "\u{30FC}", false),
    MatchCase(#"^\P{L}+$"#, "123", true),
    MatchCase(#"^[\p{L}\p{Nd}]+$"#, "\u{3C0}42", true),
    MatchCase(#"^\p{Lu}\p{Ll}+$"#, "\u{C9}te", true),
    MatchCase(#"^\p{RI}{2}$"#, "\u{1F1EB}\u{1F1F7}", true),
    MatchCase(#"^\p{Emoji_Presentation}$"#, "\u{1F432}", true),
    MatchCase(#"^\p{ASCII}+$"#, "abc", true),
    MatchCase(#"^\p{Any}$"#, "\u{10FFFF}", true),
    MatchCase(#"^[^\P{Lu}]$"#, "A", true),
    MatchCase(#"^[^\P{Lu}]$"#, "a", false),
    MatchCase(#"^\p{Nd}+$"#, "\u{664}\u{662}", true),
    MatchCase(#"^\d+$"#, "\u{664}\u{662}", false),
    MatchCase("a{2,3}", "aa", true),
    MatchCase("^a{2,3}$", "aaaa", false),
    MatchCase("^a{2,}?$", "aaaa", true),
    MatchCase("^(?:ab){2}$", "abab", true),
    MatchCase("x*", "", true),
    MatchCase("^$", "", true),
    MatchCase(#"[\b]"#, "\u{8}", true),
    MatchCase(#"^\/$"#, "/", true),
    MatchCase(#"^[\-]$"#, "-", true),
    MatchCase("^[^a-z]+$", "\u{C0}\u{C9}", true),
    MatchCase("^[a-z]+$", "abc", true),
    MatchCase("[a-z]cole", "\u{E9}cole", false),
    MatchCase("(?i:stra\u{DF}e)", "STRASSE", false),
    MatchCase("(?i:STRASSE)", "stra\u{DF}e", false),
    MatchCase("(?i:\u{DF})", "\u{1E9E}", true),
    MatchCase("(?i:k)", "\u{212A}", true),
    MatchCase(#"(?i:\w)"#, "\u{17F}", true),
    MatchCase("(?i:[^k])", "K", false),
    MatchCase("(?i:\u{3A3})", "\u{3C2}", true),
    MatchCase(#"(?i:\p{Lu})"#, "a", true),
    MatchCase("(?i:\u{131})", "I", false),
    MatchCase("(?i:i)", "\u{130}", false),
    MatchCase(#"(?i:(a)\1)"#, "aA", true),
    MatchCase(#"(?i:\W)"#, "\u{17F}", false),
    MatchCase(#"(?i:[\W])"#, "S", false),
    MatchCase("(?i:\\b\u{17F})", "\u{17F}", true),
    MatchCase("(?i:[a-z])", "\u{212A}", true),
    MatchCase(#"(?i:[^\W])"#, "\u{212A}", true),
    MatchCase("(?i:\u{B5})", "\u{39C}", true),
    MatchCase("(?i:\u{1C5})", "\u{1C6}", true),
    MatchCase(#"(?i:\u{10400})"#, "\u{10428}", true),
    MatchCase("(?i:a(?-i:b))", "AB", false),
    MatchCase("(?i:a(?-i:b))", "Ab", true),
  ]

  @Test(arguments: matchCases)
  func matching(_ testCase: MatchCase) throws {
    let regex = try ECMAScriptRegex(testCase.pattern)
    #expect(regex.matches(testCase.subject) == testCase.matches)
    #expect(regex.pattern == testCase.pattern)
  }

  // MARK: - Syntax

  /// Patterns V8 rejects with the `u` flag.
  static let invalidPatterns: [String] = [
    "^(abc]",
    #"\a"#,
    "(?P<name>x)",
    "(?P<n>a)(?P=n)",
    "(?#comment)a",
    "(?i)abc",
    "(?ims)abc",
    "a{",
    "a{1",
    "{1}",
    "}",
    "]",
    "a**",
    "+a",
    "(",
    ")",
    "a)",
    "[a",
    "[z-a]",
    #"[\d-x]"#,
    #"[\w-a]"#,
    #"\1"#,
    #"(a)\2"#,
    #"\k<x>"#,
    #"(?<x>a)\k<y>"#,
    #"\k"#,
    "(?<1>a)",
    "(?<a>x)(?<a>y)",
    #"\c"#,
    #"\c1"#,
    #"\x4"#,
    #"\u12"#,
    #"\u{110000}"#,
    #"\u{}"#,
    #"\00"#,
    #"\01"#,
    #"[\1]"#,
    #"\p{Foo}"#,
    #"\p{letter}"#,
    #"\p{L"#,
    #"\pL"#,
    #"\p{Script=Foo}"#,
    #"\p{RGI_Emoji}"#,
    "(?=a)*",
    "(?<=a)+",
    "a{2,1}",
    #"\-"#,
    #"\_"#,
    #"\e"#,
    #"\z"#,
    #"\Z"#,
    "(?<=",
    "x{1}{2}",
    #"\p{Script=Katakana_Or_Hiragana}"#,
    "(?<a>)(?:(?<a>))",
  ]

  /// Patterns V8 accepts with the `u` flag, plus ES2025 syntax (modifiers, duplicate names in
  /// different alternatives).
  static let validPatterns: [String] = [
    "",
    "a|",
    "|",
    "()",
    "(?:)",
    "[]",
    "[^]",
    #"\cA"#,
    #"\ca"#,
    "(?<name>x)",
    #"(?<n>a)\k<n>"#,
    "(?<=a+)b",
    #"\u{10FFFF}"#,
    #"\uD83D\uDC32"#,
    #"\uD83D"#,
    #"\p{L}"#,
    #"\p{Letter}"#,
    #"\p{gc=Lu}"#,
    #"\p{General_Category=Decimal_Number}"#,
    #"\p{Script=Latin}"#,
    #"\p{scx=Latn}"#,
    #"\p{digit}"#,
    #"\p{Any}"#,
    #"[\d-]"#,
    #"[-\d]"#,
    #"[\w-]"#,
    "a{0}",
    "a{1,}",
    "a{99999999999}",
    #"\/"#,
    #"\^\$\\\.\*\+\?\(\)\[\]\{\}\|"#,
    #"[\b\-]"#,
    #"\0"#,
    "(?<$>a)",
    #"(?<\u0061>a)"#,
    #"(?<\u{1d4d1}>a)"#,
    "(?=a)",
    "(?!a)b",
    #"([abc])+\s+$"#,
    #"[\u{1F409}-\u{1F432}]"#,
    #"\p{Extended_Pictographic}"#,
    #"\k<a>(?<a>x)"#,
    "(?i:a)",
    "(?-i:a)",
    "(?i-ms:a)",
    "(?<a>x)|(?<a>y)",
    "(?:(?<a>x)|(?<a>y))\\k<a>",
  ]

  @Test(arguments: invalidPatterns)
  func rejectsInvalidPattern(_ pattern: String) {
    #expect(throws: ECMAScriptRegexError.self) { try ECMAScriptRegex(pattern) }
    #expect(!ECMAScriptRegex.isValid(pattern))
  }

  @Test(arguments: validPatterns)
  func acceptsValidPattern(_ pattern: String) {
    #expect(throws: Never.self) { try ECMAScriptRegex(pattern) }
    #expect(ECMAScriptRegex.isValid(pattern))
  }

  @Test func errorsNameTheProblemAndItsPosition() {
    let cases: [(String, ECMAScriptRegexError)] = [
      ("^(abc]", .invalidPattern(.loneSyntaxCharacter("]"), offset: 5)),
      ("^(abc", .invalidPattern(.unterminatedGroup, offset: 1)),
      ("ab)", .invalidPattern(.unmatchedParenthesis, offset: 2)),
      ("[ab", .invalidPattern(.unterminatedCharacterClass, offset: 0)),
      ("x\\a", .invalidPattern(.invalidEscape("a"), offset: 1)),
      ("a{2,1}", .invalidPattern(.quantifierOutOfOrder, offset: 1)),
      ("*a", .invalidPattern(.nothingToRepeat, offset: 0)),
      ("(a)\\2", .invalidPattern(.backReferenceOutOfRange(2), offset: 3)),
      ("\\k<x>", .invalidPattern(.unknownGroupName("x"), offset: 0)),
      ("(?<a>.)(?<a>.)", .invalidPattern(.duplicateGroupName("a"), offset: 10)),
      ("(?i)a", .invalidPattern(.invalidModifiers, offset: 0)),
      ("(?P<n>a)", .invalidPattern(.invalidGroup, offset: 0)),
      ("[z-a]", .invalidPattern(.classRangeOutOfOrder, offset: 1)),
      ("[\\d-z]", .invalidPattern(.classEscapeInRange, offset: 1)),
      ("\\p{Letter", .invalidPattern(.invalidProperty("Letter"), offset: 0)),
      ("\\p{Foo}", .invalidPattern(.invalidProperty("Foo"), offset: 0)),
      ("\\00", .invalidPattern(.octalEscape, offset: 0)),
      ("\\c1", .invalidPattern(.invalidControlEscape, offset: 0)),
    ]
    for (pattern, expected) in cases {
      #expect(throws: expected, "\(pattern)") { try ECMAScriptRegex(pattern) }
    }
    let message = ECMAScriptRegexError.invalidPattern(.loneSyntaxCharacter("]"), offset: 5)
      .description
    #expect(message.hasPrefix("invalid ECMA-262 regular expression at offset 5: "))
    #expect(message.hasSuffix(#"lone ']' must be escaped as '\]' in Unicode mode"#))
  }

  @Test func nestingIsLimited() throws {
    let depth = 256
    let nested =
      String(repeating: "(?:a|", count: depth) + "b" + String(repeating: ")+", count: depth)
    #expect(try ECMAScriptRegex(nested).matches("ab"))
    let tooDeep =
      String(repeating: "(", count: depth + 1) + String(repeating: ")", count: depth + 1)
    #expect(throws: ECMAScriptRegexError.invalidPattern(.nestingTooDeep(limit: 256), offset: 256)) {
      try ECMAScriptRegex(tooDeep)
    }
    let lookarounds =
      String(repeating: "(?<=", count: depth) + "a" + String(repeating: ")", count: depth)
    #expect(try ECMAScriptRegex(lookarounds + "b").matches("ab"))
  }

  // MARK: - Backtracking budget

  @Test func catastrophicBacktrackingIsBounded() throws {
    let regex = try ECMAScriptRegex("^(a+)+$")
    let subject = String(repeating: "a", count: 32) + "!"
    #expect(throws: ECMAScriptRegexError.stepLimitExceeded(limit: 100_000)) {
      try regex.matches(subject, stepLimit: 100_000)
    }
    let start = ContinuousClock.now
    #expect(!regex.matches(subject))  // gives up after the default budget
    #expect(ContinuousClock.now - start < .seconds(60))
    #expect(regex.matches(String(repeating: "a", count: 32)))
  }

  @Test func linearPatternsFitTheDefaultBudgetOnLongInput() throws {
    let long = String(repeating: "hello world ", count: 20_000) + "x@y"
    #expect(try ECMAScriptRegex("[a-z]+@[a-z]+").matches(long))
    #expect(try ECMAScriptRegex("^(?:[a-z]+ )+x@y$").matches(long))
    #expect(try !ECMAScriptRegex("^[a-z ]*$").matches(long))
  }

  @Test func requiredEmptyIterationsDoNotCountOneByOne() throws {
    let regex = try ECMAScriptRegex("^(?:){1000000000}$")
    #expect(try regex.matches("", stepLimit: 1_000))
  }

  // MARK: - Sharing

  @Test func compiledRegexIsSharedAcrossTasks() async throws {
    let regex = try ECMAScriptRegex(#"^\p{L}+-\d{2,4}$"#)
    let results = await withTaskGroup(of: Bool.self) { group in
      for index in 0..<16 {
        group.addTask { regex.matches("caf\u{E9}-\(1000 + index)") && !regex.matches("x-1") }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(results.count == 16)
    #expect(results.allSatisfy { $0 })
  }
}
