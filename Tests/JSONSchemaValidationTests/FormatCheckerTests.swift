import Foundation
import JSONCore
import Testing

@testable import JSONSchemaValidation

/// `FormatChecker` against the official suite's `optional/format` files and hand-picked cases.
@Suite struct FormatCheckerTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  static let formatDirectory =
    packageRoot + "/../shared/json-schema-test-suite/tests-draft2020-12/optional/format"

  /// The suite files whose every case must pass, one per asserted format.
  static let assertedFormats = [
    "date-time", "date", "time", "duration", "uuid", "email", "idn-email", "ipv4", "ipv6",
    "hostname", "idn-hostname", "uri", "uri-reference", "iri", "iri-reference", "uri-template",
    "json-pointer", "relative-json-pointer",
  ]

  /// The suite's format files that `FormatChecker` leaves as annotations (the validator checks
  /// `regex` with its ECMAScript regex engine).
  static let annotationOnlyFormats = ["regex"]

  struct SuiteCase {
    var description: String
    var format: String
    var data: JSONValue
    var valid: Bool
  }

  /// The cases of `optional/format/<name>.json`, or nil when the suite is not checked out.
  static func suiteCases(_ name: String) throws -> [SuiteCase]? {
    let path = formatDirectory + "/\(name).json"
    guard FileManager.default.fileExists(atPath: path) else {
      // CI must have the suite; a developer machine without it skips, and says so.
      #expect(ProcessInfo.processInfo.environment["CI"] == nil, "the test suite is missing in CI")
      print("FormatCheckerTests: suite not found at \(path)")
      return nil
    }
    let document = try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
    var cases: [SuiteCase] = []
    for group in document.value.arrayValue ?? [] {
      let format = try #require(group["schema"]?["format"]?.stringValue)
      let groupDescription = group["description"]?.stringValue ?? ""
      for test in group["tests"]?.arrayValue ?? [] {
        cases.append(
          SuiteCase(
            description: groupDescription + ": " + (test["description"]?.stringValue ?? ""),
            format: format, data: try #require(test["data"]),
            valid: try #require(test["valid"]?.boolValue as Bool?)))
      }
    }
    return cases
  }

  @Test(arguments: assertedFormats)
  func everySuiteCasePasses(name: String) throws {
    guard let cases = try Self.suiteCases(name) else { return }
    let strings = cases.filter { $0.data.stringValue != nil }
    // A guard against a truncated or mis-read file (iri-reference.json, the smallest, has 7).
    #expect(strings.count >= 7, "\(name).json has only \(strings.count) string cases")
    var passed = 0
    for test in strings {
      let string = try #require(test.data.stringValue)
      let result = FormatChecker.check(format: test.format, string: string)
      #expect(result == test.valid, "\(name): \(test.description): \(string.debugDescription)")
      if result == test.valid { passed += 1 }
    }
    print(
      "format suite \(name).json: \(passed)/\(strings.count) string cases pass"
        + " (\(cases.count - strings.count) non-string cases are outside the checker)")
  }

  @Test(arguments: annotationOnlyFormats)
  func unassertedSuiteFormatsAreUnknown(name: String) throws {
    guard let cases = try Self.suiteCases(name) else { return }
    for test in cases {
      guard let string = test.data.stringValue else { continue }
      #expect(FormatChecker.check(format: test.format, string: string) == nil)
    }
  }

  @Test func assertedFormatsAreTheCheckedOnes() {
    #expect(FormatChecker.assertedFormats == Set(Self.assertedFormats))
    for format in Self.annotationOnlyFormats {
      #expect(!FormatChecker.assertedFormats.contains(format))
      #expect(FormatChecker.check(format: format, string: "x") == nil)
    }
    #expect(FormatChecker.check(format: "no-such-format", string: "x") == nil)
    #expect(FormatChecker.check(format: "DATE-TIME", string: "2017-03-10T00:00:00Z") == nil)
  }

  @Test(arguments: [
    ("2017-03-10T00:00:00+00:00", true),
    ("2017-03-10T00:00:00Z", true),
    ("2017-03-10T00:00:00.1234567Z", true),
    ("2017-03-10t00:00:00z", true),
    ("2024-02-29T12:00:00-05:30", true),
    ("2000-02-29T00:00:00Z", true),
    ("2017-03-10T00:00:00", false),
    ("2017-02-30T00:00:00Z", false),
    ("2023-02-29T00:00:00Z", false),
    ("1900-02-29T00:00:00Z", false),
    ("2017-03-10 00:00:00Z", false),
    ("2017-03-10T24:00:00Z", false),
    ("2017-03-10T23:59:61Z", false),
    ("2017-03-10T23:59:60.5Z", true),
    ("2017-03-10T00:00:00.Z", false),
    ("2017-03-10T00:00:00+23:59", true),
    ("2017-03-10T00:00:00+2:00", false),
    ("2017-03-10T00:00:00+02:00:00", false),
  ])
  func dateTimeExamples(string: String, valid: Bool) {
    #expect(FormatChecker.check(format: "date-time", string: string) == valid)
  }

  @Test func dateAndTimeExamples() {
    #expect(FormatChecker.check(format: "date", string: "2024-02-29") == true)
    #expect(FormatChecker.check(format: "date", string: "2023-02-29") == false)
    #expect(FormatChecker.check(format: "date", string: "2017-02-30") == false)
    #expect(FormatChecker.check(format: "time", string: "00:29:60-23:30") == true)
    #expect(FormatChecker.check(format: "time", string: "12:00:60Z") == false)
  }

  @Test(arguments: [
    ("4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04", true),
    ("4D3CF487-70F4-4E1E-9FF1-B2BFCE8D9F04", true),
    ("4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f0", false),
    ("4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04a", false),
    ("4d3cf48770f4-4e1e-9ff1-b2bfce8d9f04-", false),
    ("{4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f0}", false),
  ])
  func uuidExamples(string: String, valid: Bool) {
    #expect(FormatChecker.check(format: "uuid", string: string) == valid)
  }

  @Test func durationExamples() {
    #expect(FormatChecker.check(format: "duration", string: "P1Y2M3DT4H5M6S") == true)
    #expect(FormatChecker.check(format: "duration", string: "P3W") == true)
    #expect(FormatChecker.check(format: "duration", string: "P1Y2D") == false)
    #expect(FormatChecker.check(format: "duration", string: "P1DT") == false)
    #expect(FormatChecker.check(format: "duration", string: "PT1S2M") == false)
  }

  @Test func emailAddressLiteralsFollowRFC5321() {
    // Snum allows leading zeros; "::" must stand for at least two groups; the tag is
    // case-insensitive; no other address-literal tag is registered.
    #expect(FormatChecker.check(format: "email", string: "a@[127.0.0.01]") == true)
    #expect(FormatChecker.check(format: "email", string: "a@[ipv6:1:2:3:4:5:6::8]") == false)
    #expect(FormatChecker.check(format: "email", string: "a@[IPv6:1:2:3:4:5::8]") == true)
    #expect(FormatChecker.check(format: "email", string: "a@[ipv6:::ffff:1.2.3.4]") == true)
    #expect(FormatChecker.check(format: "email", string: "a@[tag:content]") == false)
    #expect(FormatChecker.check(format: "email", string: "\"\"@example.com") == true)
    #expect(FormatChecker.check(format: "email", string: "\"a\\\"b\"@example.com") == true)
    #expect(FormatChecker.check(format: "email", string: "\"a\"b\"@example.com") == false)
  }

  @Test func idnEmailExtendsEmail() {
    func check(_ string: String) -> Bool? {
      FormatChecker.check(format: "idn-email", string: string)
    }
    #expect(check("\u{E9}l\u{E8}ve@\u{E9}cole.example") == true)
    #expect(check("\"\u{E9} \u{E8}\"@example.com") == true)
    #expect(check("a@[IPv6:::1]") == true)
    #expect(check("a.@example.com") == false)
    #expect(check("\u{E9}@B\u{FC}cher.example") == false)
    #expect(check("\u{E9}@b\u{FC}cher\u{3002}example") == true)
    #expect(check("\u{E9}@") == false)
    #expect(check("\"\u{E9}@example.com") == false)
    // The ASCII format stays ASCII.
    #expect(FormatChecker.check(format: "email", string: "\u{E9}@example.com") == false)
    #expect(FormatChecker.check(format: "email", string: "a@b\u{FC}cher.example") == false)
  }

  @Test func ipv6ElisionCountsGroups() {
    #expect(FormatChecker.check(format: "ipv6", string: "1:2:3:4:5:6:7::") == true)
    #expect(FormatChecker.check(format: "ipv6", string: "1:2:3:4:5:6:7:8::") == false)
    #expect(FormatChecker.check(format: "ipv6", string: "::1:2:3:4:5:1.2.3.4") == true)
    #expect(FormatChecker.check(format: "ipv6", string: "::1:2:3:4:5:6:1.2.3.4") == false)
    #expect(FormatChecker.check(format: "ipv6", string: "1:2:3:4:5:6:1.2.3.4") == true)
    #expect(FormatChecker.check(format: "ipv4", string: "01.2.3.4") == false)
  }

  @Test func hostnameLabelsAndIDNA() {
    let name253 = String(repeating: "abcdefghi.", count: 25) + "abc"
    #expect(name253.utf8.count == 253)
    #expect(FormatChecker.check(format: "hostname", string: name253) == true)
    #expect(FormatChecker.check(format: "hostname", string: name253 + "d") == false)
    // An A-label must decode, re-encode identically and hold a non-ASCII character.
    #expect(FormatChecker.check(format: "hostname", string: "XN--9N2BP8Q.example") == true)
    #expect(FormatChecker.check(format: "hostname", string: "xn--abc-") == false)
    #expect(FormatChecker.check(format: "hostname", string: "xn--") == false)
    // Not NFC: "e" followed by U+0301 COMBINING ACUTE ACCENT.
    #expect(FormatChecker.check(format: "hostname", string: "xn--e-xbb") == false)
    #expect(FormatChecker.check(format: "hostname", string: "xn--9ca") == true)
    // RFC 5893: once a label is right-to-left, no label may begin with a digit.
    #expect(FormatChecker.check(format: "hostname", string: "xn--4dbc5h.example") == true)
    #expect(FormatChecker.check(format: "hostname", string: "xn--4dbc5h.1example") == false)
    #expect(FormatChecker.check(format: "hostname", string: "1example.com") == true)
    // Hebrew letters followed by a Latin letter break the right-to-left label rule.
    #expect(FormatChecker.check(format: "hostname", string: "xn--a-zhcd") == false)
  }

  @Test func idnHostnameLabels() {
    func check(_ string: String) -> Bool? {
      FormatChecker.check(format: "idn-hostname", string: string)
    }
    // U-labels, A-labels and LDH labels mix; every separator counts.
    #expect(check("b\u{FC}cher.example") == true)
    #expect(check("xn--bcher-kva.example\u{3002}b\u{FC}cher") == true)
    #expect(check("EXAMPLE.b\u{FC}cher") == true)
    // A U-label holds no upper-case letter; NFC is applied first.
    #expect(check("B\u{FC}cher") == false)
    #expect(check("bu\u{308}cher") == true)
    // The A-label form must fit in 63 octets, and the whole name in 253.
    #expect(check(String(repeating: "\u{FC}", count: 59)) == false)
    #expect(check(String(repeating: "a", count: 52) + "\u{FC}") == true)
    #expect(check(String(repeating: "a", count: 58) + "\u{FC}") == false)
    // Each "\u{FC}\u{FC}\u{FC}" is the 9-octet A-label "xn--tdaaa": 25 make 249 octets, 26 make 259.
    func name(labels: Int) -> String {
      Array(repeating: "\u{FC}\u{FC}\u{FC}", count: labels).joined(separator: "\u{3002}")
    }
    #expect(check(name(labels: 25)) == true)
    #expect(check(name(labels: 26)) == false)
    // Labels stay labels: no empty ones, no non-LDH ASCII in a U-label, no "--" in positions 3-4.
    #expect(check("b\u{FC}cher\u{FF0E}\u{FF0E}example") == false)
    #expect(check("b\u{FC}$cher") == false)
    #expect(check("ab--\u{FC}") == false)
    #expect(check("xn--\u{FC}") == false)
    // The Bidi rule binds every label once one is right-to-left.
    #expect(check("\u{5D0}\u{5D1}.example") == true)
    #expect(check("\u{5D0}\u{5D1}.1example") == false)
    #expect(check("\u{5D0}\u{5D1}-") == false)
  }

  @Test func uriGrammar() {
    #expect(FormatChecker.check(format: "uri", string: "http://[v7.fe80::a+en1]/") == true)
    #expect(FormatChecker.check(format: "uri", string: "http://[v7.]/") == false)
    #expect(FormatChecker.check(format: "uri", string: "http://[fe80::1%25en1]/") == false)
    #expect(FormatChecker.check(format: "uri", string: "urn:isbn:0451450523") == true)
    #expect(FormatChecker.check(format: "uri", string: "http://a:/") == true)
    #expect(FormatChecker.check(format: "uri", string: "http://a/b#c#d") == false)
    #expect(FormatChecker.check(format: "uri", string: "a:") == true)
    #expect(FormatChecker.check(format: "uri-reference", string: "a/b:c?d=/?#/?") == true)
    #expect(FormatChecker.check(format: "uri-reference", string: "%41:b") == false)
    #expect(FormatChecker.check(format: "uri-reference", string: "//user@[::1]:8080") == true)
  }

  @Test func iriGrammar() {
    // ucschar is allowed wherever unreserved is; iprivate only in the query.
    #expect(
      FormatChecker.check(format: "iri", string: "http://\u{E9}x.com/\u{E9}?\u{E9}#\u{E9}") == true)
    #expect(FormatChecker.check(format: "iri", string: "http://u\u{E9}@h/") == true)
    #expect(FormatChecker.check(format: "iri", string: "http://h/?\u{E000}") == true)
    #expect(FormatChecker.check(format: "iri", string: "http://h/\u{E000}") == false)
    #expect(FormatChecker.check(format: "iri", string: "http://h/#\u{F0000}") == false)
    #expect(FormatChecker.check(format: "iri", string: "http://h\u{E000}/") == false)
    // Not ucschar: C1 controls, specials, noncharacters and language tags.
    #expect(FormatChecker.check(format: "iri", string: "http://h/\u{85}") == false)
    #expect(FormatChecker.check(format: "iri", string: "http://h/\u{FFF0}") == false)
    #expect(FormatChecker.check(format: "iri", string: "http://h/\u{1FFFE}") == false)
    #expect(FormatChecker.check(format: "iri", string: "http://h/\u{E0041}") == false)
    #expect(FormatChecker.check(format: "iri", string: "http://h/\u{E1000}") == true)
    // Schemes and IP literals stay ASCII; the URI formats stay ASCII.
    #expect(FormatChecker.check(format: "iri", string: "h\u{E9}:x") == false)
    #expect(FormatChecker.check(format: "iri", string: "http://[v7.\u{E9}]/") == false)
    #expect(FormatChecker.check(format: "uri", string: "http://\u{E9}x.com/") == false)
    #expect(FormatChecker.check(format: "iri-reference", string: "\u{E9}:b") == false)
    #expect(FormatChecker.check(format: "iri-reference", string: "./\u{E9}:b") == true)
  }

  @Test(arguments: [
    ("{var}", true),
    ("{+path:6}/here{?x,y*}{#frag}", true),
    ("{=reserved}{!x}{@x}{|x}", true),
    ("{%7E_x.y1}", true),
    ("'{var}'", true),
    ("a\u{E000}b", true),
    ("{", false),
    ("{+", false),
    ("{a,", false),
    ("{a:", false),
    ("{a*", false),
    ("{a:1*}", false),
    ("{a*:1}", false),
    ("{.a}", true),
    ("{a.}", false),
    ("{.}", false),
    ("{++a}", false),
    ("{a}}", false),
    ("{a{b}}", false),
    ("%4", false),
    ("a%zzb", false),
    ("{%4}", false),
    ("a\u{85}b", false),
    ("a\u{FFFE}b", false),
    ("a\"b", false),
    ("a<b", false),
    ("a|b", false),
    ("a^b", false),
  ])
  func uriTemplateSyntax(string: String, valid: Bool) {
    #expect(FormatChecker.check(format: "uri-template", string: string) == valid)
  }

  @Test func jsonPointers() {
    #expect(FormatChecker.check(format: "json-pointer", string: "/a~01/~10") == true)
    #expect(FormatChecker.check(format: "json-pointer", string: "/a~") == false)
    #expect(FormatChecker.check(format: "relative-json-pointer", string: "0") == true)
    #expect(FormatChecker.check(format: "relative-json-pointer", string: "10#") == true)
    #expect(FormatChecker.check(format: "relative-json-pointer", string: "00") == false)
    #expect(FormatChecker.check(format: "relative-json-pointer", string: "#") == false)
  }
}
