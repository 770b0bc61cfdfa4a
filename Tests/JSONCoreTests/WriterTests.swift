import Testing

@testable import JSONCore

@Suite struct WriterFormatTests {
  let sample: JSONValue = [
    "b": ["c": nil, "d": []],
    "a": [1, .number(JSONNumber(text: "2.5")!), [:]],
    "é": "x",
  ]

  @Test func prettySortsIndentsAndHasNoTrailingNewline() {
    #expect(
      JSONWriter.pretty(sample) == """
        {
          "a": [
            1,
            2.5,
            {}
          ],
          "b": {
            "c": null,
            "d": []
          },
          "é": "x"
        }
        """)
    #expect(JSONWriter.pretty(1) == "1")
    #expect(JSONWriter.pretty([]) == "[]")
    #expect(JSONWriter.pretty([:]) == "{}")
    #expect(JSONWriter.pretty([[1]]) == "[\n  [\n    1\n  ]\n]")
  }

  @Test func compactKeepsMemberOrderUnlessAskedToSort() throws {
    let value = try JSONValue(parsing: "{\"b\": 1, \"a\": [true, false, null], \"c\": \"x\"}")
    #expect(JSONWriter.compact(value) == #"{"b":1,"a":[true,false,null],"c":"x"}"#)
    #expect(JSONWriter.compact(value, sortKeys: true) == #"{"a":[true,false,null],"b":1,"c":"x"}"#)
  }

  @Test func keysSortByCodePoints() throws {
    let value = try JSONValue(
      parsing: "{\"b\":1,\"a\":2,\"B\":3,\"\u{E9}\":4,\"z\":5,\"aa\":6,\"e\u{301}\":7,\"\":8}")
    let order = ["", "B", "a", "aa", "b", "e\u{301}", "z", "\u{E9}"]
    let expected =
      "{" + order.map { "\"\($0)\":" + JSONWriter.compact(value[$0]!) }.joined(separator: ",") + "}"
    #expect(JSONWriter.compact(value, sortKeys: true) == expected)
    #expect(JSONWriter.pretty(value).split(separator: "\n").dropFirst().first == "  \"\": 8,")
  }

  @Test func bytesVariantsMatchStrings() {
    #expect(JSONWriter.compactBytes(sample) == Array(JSONWriter.compact(sample).utf8))
    #expect(JSONWriter.prettyBytes(sample) == Array(JSONWriter.pretty(sample).utf8))
    #expect(
      JSONWriter.compactBytes(sample, sortKeys: true, escapeNonASCII: true)
        == Array(JSONWriter.compact(sample, sortKeys: true, escapeNonASCII: true).utf8))
  }
}

@Suite struct WriterEscapingTests {
  @Test func minimalEscapes() {
    let text: JSONValue = "\"\\/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}é😀"
    #expect(JSONWriter.compact(text) == #""\"\\/\b\f\n\r\t\u0000\u001f"# + "\u{7F}é😀\"")
  }

  @Test func escapingNonASCII() {
    let text: JSONValue = "aé€😀\u{10FFFF}\n"
    #expect(
      JSONWriter.compact(text, escapeNonASCII: true)
        == #""a\u00e9\u20ac\ud83d\ude00\udbff\udfff\n""#)
    #expect(
      JSONWriter.compact(["ключ": 1], escapeNonASCII: true) == #"{"\u043a\u043b\u044e\u0447":1}"#)
  }

  @Test func plainStringsAreCopied() {
    let long = String(repeating: "abc ", count: 100)
    #expect(JSONWriter.compact(.string(long)) == "\"\(long)\"")
    #expect(JSONWriter.compact("") == "\"\"")
  }
}

@Suite struct WriterNumberTests {
  @Test func numbersUseTheirCanonicalText() throws {
    let value = try JSONValue(
      parsing:
        "[1.0, -0.0075, 1e400, 18446744073709551616, 1E-7, 123456789012345678901234567890.5, 100]")
    #expect(
      JSONWriter.compact(value)
        == "[1,-0.0075,1e+400,18446744073709551616,1e-7,123456789012345678901234567890.5,100]")
  }
}

@Suite struct WriterRoundTripTests {
  static let texts = [
    "null", "true", "false", "0", "-1", "1.5", "1e400", "-1e-400", "1E1000000000",
    "18446744073709551615", "18446744073709551616", "-9223372036854775808",
    "0.1", "0.000001", "1234567.000001", "12345678901234567890123456789e-15",
    "\"\"", "\"\\u0000\\u001f\\\"\\\\\"", "\"\\uD83D\\uDE00 é 日本\"", "\"\u{7F}\u{80}\u{FFFF}\"",
    "[]", "{}", "[[[]]]", "[{}, {\"\": {}}]",
    "{\"b\": 1, \"a\": 2, \"\u{E9}\": 3, \"e\u{301}\": 4}",
    "{\"items\": [{\"customerId\": \"3e4f1d2a-0000-4000-8000-000000000001\", \"usagePercent\": 83.33}]}",
    String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
  ]

  @Test(arguments: texts) func parsedTextSurvivesEveryForm(_ text: String) throws {
    let value = try JSONValue(parsing: text)
    #expect(try JSONValue(parsing: JSONWriter.compact(value)) == value)
    #expect(try JSONValue(parsing: JSONWriter.compact(value, sortKeys: true)) == value)
    #expect(try JSONValue(parsing: JSONWriter.compact(value, escapeNonASCII: true)) == value)
    #expect(try JSONValue(parsing: JSONWriter.pretty(value)) == value)
    #expect(try JSONValue(parsing: JSONWriter.pretty(value, escapeNonASCII: true)) == value)
  }

  @Test func prettyIsAFixedPoint() throws {
    for text in Self.texts {
      let pretty = JSONWriter.pretty(try JSONValue(parsing: text))
      #expect(JSONWriter.pretty(try JSONValue(parsing: pretty)) == pretty)
    }
  }

  /// Generated values: every kind of number storage, strings with escapes and non-ASCII,
  /// nested containers.
  @Test func generatedValues() throws {
    var random = TestRandom(seed: 42)
    for _ in 0..<300 {
      let value = random.value(depth: 4)
      let compact = JSONWriter.compact(value)
      #expect(try JSONValue(parsing: compact) == value, "\(compact)")
      #expect(try JSONValue(parsing: JSONWriter.pretty(value)) == value)
      #expect(try JSONValue(parsing: JSONWriter.compact(value, escapeNonASCII: true)) == value)
    }
  }
}

/// A deterministic generator of JSON values for tests (SplitMix64).
struct TestRandom {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  mutating func string() -> String {
    let pieces = [
      "a", "Z", " ", "\"", "\\", "/", "\n", "\u{1}", "é", "日", "😀", "e\u{301}", "\u{7F}",
    ]
    return (0..<below(6)).map { _ in pieces[below(pieces.count)] }.joined()
  }

  mutating func number() -> JSONNumber {
    switch below(5) {
    case 0: return JSONNumber(Int64(bitPattern: next()))
    case 1: return JSONNumber(Int(below(1000)) - 500)
    case 2:
      return JSONNumber.make(
        negative: below(2) == 0, significand: next() >> UInt64(below(60)), exponent: below(60) - 30)
    case 3:
      let digits = (0..<(20 + below(20))).map { _ in UInt8(ascii: "0") + UInt8(below(10)) }
      return JSONNumber.make(negative: below(2) == 0, digits: digits, exponent: below(2000) - 1000)!
    default:
      return JSONNumber.make(
        negative: false, significand: UInt64(below(100)), exponent: below(800) - 400)
    }
  }

  mutating func value(depth: Int) -> JSONValue {
    switch below(depth > 0 ? 7 : 4) {
    case 0: return below(2) == 0 ? .null : .bool(below(2) == 0)
    case 1, 2: return .number(number())
    case 3: return .string(string())
    case 4: return .array((0..<below(5)).map { _ in value(depth: depth - 1) })
    default:
      var object = JSONObject()
      for _ in 0..<below(6) { object[string()] = value(depth: depth - 1) }
      return .object(object)
    }
  }
}
