import Testing

@testable import JSONCore

@Suite struct NumberExactnessTests {
  @Test func equalValuesInEveryForm() {
    #expect(number("1.0") == JSONNumber(1))
    #expect(number("1.0").hashValue == JSONNumber(1).hashValue)
    #expect(number("10e-1") == number("1"))
    #expect(number("0.50") == number("5e-1"))
    #expect(number("-0") == JSONNumber(0))
    #expect(number("1.0").isInteger)
    #expect(number("1.0").int64Value == 1)
    #expect(number("1e400").isInteger)
    #expect(number("1e400").int64Value == nil)
    #expect(!number("1.5").isInteger)
    #expect(!number("1e-400").isInteger)
  }

  @Test func largeIntegersCompareExactly() {
    let max64 = number("18446744073709551615")
    let above = number("18446744073709551616")
    #expect(max64 < above)
    #expect(max64 != above)
    #expect(JSONNumber.compare(above, max64) == 1)
    #expect(JSONNumber.compare(max64, number("18446744073709551615.0")) == 0)
    #expect(number("-18446744073709551616") < number("-18446744073709551615"))
    #expect(number("123456789012345678901234567890") == number("1.2345678901234567890123456789e29"))
  }

  /// One value, one storage: a 20-digit significand that fits UInt64 is stored the same way
  /// whichever constructor builds it (it used to become a big decimal from digits).
  @Test func twentyDigitSignificandsHaveOneForm() throws {
    let fromDigits = try #require(parsed("18446744073709551615")?.numberValue)
    #expect(fromDigits == JSONNumber.make(negative: false, significand: .max, exponent: 0))
    #expect(
      fromDigits.hashValue
        == JSONNumber.make(negative: false, significand: .max, exponent: 0).hashValue)
    #expect(
      number("13.446862595669996788")
        == JSONNumber.make(negative: false, significand: 13_446_862_595_669_996_788, exponent: -18))
  }

  @Test func orderingAcrossForms() {
    let ascending = [
      "-1e400", "-18446744073709551616", "-9223372036854775808", "-1.5", "-1e-400", "0", "1e-400",
      "0.0075", "0.00751", "1", "1.5", "9223372036854775807", "9223372036854775808",
      "18446744073709551616", "1e400",
    ].map(number)
    for (index, lower) in ascending.enumerated() {
      for higher in ascending[(index + 1)...] {
        #expect(lower < higher, "\(lower) < \(higher)")
        #expect(!(higher < lower))
      }
    }
    #expect(number("-9223372036854775808").int64Value == Int64.min)
  }

  @Test(arguments: [
    ("1e308", "0.5", true),
    ("1e308", "0.123456789", false),
    ("12391239123", "1e-8", true),
    ("0.0075", "0.0001", true),
    ("0.00751", "0.0001", false),
    ("19.99", "0.01", true),
    ("10", "3", false),
    ("-9", "3", true),
    ("0", "0.7", true),
    ("4.5", "1.5", true),
    ("1e400", "7", false),
    ("7e400", "7", true),
    ("123456789012345678901234567890", "10", true),
  ])
  func multipleOf(_ value: String, _ divisor: String, _ expected: Bool) {
    #expect(number(value).isMultiple(of: number(divisor)) == expected)
  }

  @Test func doubleValues() {
    #expect(number("0.1").doubleValue == 0.1)
    #expect(number("-2.5e3").doubleValue == -2500)
    #expect(number("1e400").doubleValue == .infinity)
    #expect(JSONNumber(0.1) == number("0.1"))
    #expect(JSONNumber(exactly: .nan) == nil)
  }
}

@Suite struct NumberTextTests {
  @Test(arguments: [
    ("1", "1"), ("-1", "-1"), ("1.0", "1"), ("1.50", "1.5"), ("0.0075", "0.0075"),
    ("0.000001", "0.000001"), ("1e-7", "1e-7"), ("1e20", "100000000000000000000"),
    ("1e21", "1e+21"),
    ("1e400", "1e+400"), ("-1.25e-400", "-1.25e-400"),
    ("18446744073709551616", "18446744073709551616"),
    ("123456789012345678901234567890.5", "123456789012345678901234567890.5"),
    ("9223372036854775808", "9223372036854775808"),
    ("-9223372036854775808", "-9223372036854775808"),
  ])
  func canonicalText(_ text: String, _ expected: String) {
    #expect(number(text).description == expected)
  }

  @Test func descriptionsParseBackToTheSameNumber() {
    var random = TestRandom(seed: 99)
    for _ in 0..<2000 {
      let value = random.number()
      let text = value.description
      #expect(JSONNumber(text: text) == value, "\(text)")
      #expect((try? JSONValue(parsing: text)) == .number(value), "\(text)")
    }
  }

  @Test func notNumbers() {
    for text in ["", "-", "1.", ".5", "-.5", "01", "-00.5", "1e", "1e+", "abc", "1x", "--1"] {
      #expect(JSONNumber(text: text) == nil, "\(text)")
    }
  }
}
