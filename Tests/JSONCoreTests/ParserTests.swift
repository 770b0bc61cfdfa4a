import Foundation
import Testing

@testable import JSONCore

@Suite struct ParserAcceptsTests {
  @Test func literalsAndNumbers() {
    #expect(parsed("null") == .null)
    #expect(parsed("true") == .bool(true))
    #expect(parsed("false") == .bool(false))
    #expect(parsed("0") == 0)
    #expect(parsed("-0") == 0)
    #expect(parsed("42") == 42)
    #expect(parsed("-17") == -17)
    #expect(parsed("1.5") == .number(number("1.5")))
    #expect(parsed("2E3") == 2000)
    #expect(parsed("2e+3") == 2000)
    #expect(parsed("25e-1") == .number(number("2.5")))
  }

  @Test func whitespaceAroundAndBetween() {
    #expect(parsed(" \t\r\n 42 \n") == 42)
    #expect(parsed("[ 1 ,\t2 ,\r\n3 ]") == [1, 2, 3])
    #expect(parsed("{ \"a\" : 1 , \"b\" :\n2 }") == ["a": 1, "b": 2])
    // Long runs of indentation (skipped eight at a time) followed by short ones.
    let indented =
      "[\n" + String(repeating: " ", count: 37) + "1,\n" + String(repeating: " ", count: 8) + "2\n]"
    #expect(parsed(indented) == [1, 2])
  }

  @Test func containers() {
    #expect(parsed("[]") == [])
    #expect(parsed("{}") == [:])
    #expect(parsed("[[]]") == [[]])
    #expect(parsed("[{}]") == [[:]])
    #expect(parsed("[1, [2, [3]], {\"a\": [true, null]}]") == [1, [2, [3]], ["a": [true, nil]]])
    #expect(parsed("{\"b\": 1, \"a\": 2, \"c\": {}}")?.objectValue?.keys == ["b", "a", "c"])
    #expect(parsed("[1, 2, 3]")?.arrayValue?.count == 3)
  }

  @Test func stringEscapes() {
    #expect(parsed(#""\"\\\/\b\f\n\r\t""#) == "\"\\/\u{08}\u{0C}\n\r\t")
    #expect(parsed(#""\u0041\u00e9\u00E9\u20AC""#) == "Aéé€")
    #expect(parsed(#""\u0000""#) == "\u{0}")
    #expect(parsed(#""\uD83D\uDE00""#) == "😀")
    #expect(parsed(#""\uDBFF\uDFFF""#) == "\u{10FFFF}")
    #expect(parsed(#""a\nb""#)?.stringValue?.utf8.count == 3)
  }

  @Test func unicodeText() {
    #expect(parsed("\"héllo wörld\"") == "héllo wörld")
    #expect(parsed("\"日本語\"") == "日本語")
    #expect(parsed("\"😀 emoji\"") == "😀 emoji")
    #expect(parsed("{\"ключ\": \"значение\"}") == ["ключ": "значение"])
    // U+10FFFF, the largest code point, encoded directly.
    #expect(parsedDocument([0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22])?.value == "\u{10FFFF}")
  }

  /// Every string length around the 8-byte scanning stride, with an escape, a non-ASCII
  /// character or nothing special at every position.
  @Test func stringsAtEveryLengthAndPosition() {
    for length in 0..<40 {
      let plain = String(repeating: "a", count: length)
      #expect(parsed("\"\(plain)\"") == .string(plain))
      for position in 0..<length {
        var escaped = Array(plain)
        escaped[position] = "\n"
        let expected = String(escaped)
        #expect(
          parsed("\"" + expected.replacingOccurrences(of: "\n", with: "\\n") + "\"")
            == .string(expected))
        var accented = Array(plain)
        accented[position] = "é"
        #expect(parsed("\"\(String(accented))\"") == .string(String(accented)))
      }
    }
  }

  /// Long strings that share length, first, middle and last bytes must stay distinct.
  @Test func similarLongStringsStayDistinct() {
    var strings: [String] = []
    for position in [9, 10, 11, 12, 13, 30, 31] {
      var characters = Array(String(repeating: "x", count: 48))
      characters[position] = "Y"
      strings.append(String(characters))
    }
    let text = "[" + strings.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    #expect(parsed(text) == .array(strings.map { .string($0) }))
    let object = "{" + strings.map { "\"\($0)\": 1" }.joined(separator: ",") + "}"
    let document = try? JSONParser.parse(object)
    #expect(document?.value.objectValue?.count == strings.count)
    #expect(document?.duplicateMembers.isEmpty == true)
  }

  @Test func repeatedNamesAndValuesAreEqual() {
    let item = "{\"processedDateTime\":\"2017-03-10T00:00:00+00:00\",\"licensesQualified\":1}"
    let text = "[" + Array(repeating: item, count: 50).joined(separator: ",") + "]"
    let items = parsed(text)?.arrayValue ?? []
    #expect(items.count == 50)
    #expect(items.allSatisfy { $0["processedDateTime"] == "2017-03-10T00:00:00+00:00" })
    #expect(items.allSatisfy { $0["licensesQualified"] == 1 })
  }

  @Test func stringsLongerThanTheCache() {
    let long = String(repeating: "0123456789", count: 30)
    #expect(parsed("{\"\(long)\": \"\(long)\"}") == [long: .string(long)])
  }

  @Test func allEntryPointsAgree() throws {
    let text = "{\"a\": [1, 2.5, \"é\"], \"b\": null}"
    let expected: JSONValue = ["a": [1, .number(number("2.5")), "é"], "b": nil]
    #expect(try JSONParser.parse(text).value == expected)
    #expect(try JSONParser.parse(Array(text.utf8)).value == expected)
    #expect(try JSONParser.parse(Data(text.utf8)).value == expected)
    let bytes = Array(text.utf8)
    let fromBuffer = try bytes.withUnsafeBytes { buffer throws(JSONParseError) in
      try JSONParser.parse(buffer).value
    }
    #expect(fromBuffer == expected)
    #expect(try JSONValue(parsing: text) == expected)
  }
}

@Suite struct ParserNumberTests {
  @Test func exactValues() throws {
    #expect(parsed("1.0") == 1)
    #expect(parsed("1.0")?.numberValue?.int64Value == 1)
    #expect(parsed("100e-2") == 1)
    #expect(parsed("0.0075") == .number(number("75e-4")))
    #expect(parsed("-0.0") == 0)
    #expect(parsed("1e400")?.numberValue?.isInteger == true)
    #expect(parsed("1.5e400")?.numberValue?.isInteger == true)
    #expect(parsed("1e-400")?.numberValue?.isInteger == false)
  }

  @Test func integerBoundaries() {
    #expect(parsed("9223372036854775807")?.numberValue?.int64Value == Int64.max)
    #expect(parsed("-9223372036854775808")?.numberValue?.int64Value == Int64.min)
    #expect(parsed("9223372036854775808")?.numberValue?.int64Value == nil)
    #expect(parsed("999999999999999999")?.numberValue?.int64Value == 999_999_999_999_999_999)
    #expect(parsed("1000000000000000000")?.numberValue?.int64Value == 1_000_000_000_000_000_000)
  }

  @Test func manyDigits() throws {
    let max64 = try #require(parsed("18446744073709551615")?.numberValue)
    let above = try #require(parsed("18446744073709551616")?.numberValue)
    #expect(max64 < above)
    #expect(max64 != above)
    #expect(max64.description == "18446744073709551615")
    #expect(above.description == "18446744073709551616")
    let long = "123456789012345678901234567890.123456789"
    #expect(parsed(long)?.numberValue?.description == long)
    // Trailing zeros beyond 19 digits still make an integer.
    #expect(parsed("1.00000000000000000000000000") == 1)
    #expect(parsed("0.000000000000000000000000001") == .number(number("1e-27")))
    #expect(parsed("-12345678901234567890e-5") == .number(number("-123456789012345.6789")))
  }

  @Test func exponentLimits() throws {
    #expect(parsed("1e1000000000")?.numberValue?.isInteger == true)
    #expect(parsed("1e-1000000000")?.numberValue?.isInteger == false)
    #expect(
      parseError("0e99999999999")
        == "line 1, column 1: expected a number with an exponent within ±1000000000, found 0e99999999999"
    )
    #expect(
      parseError("1e1000000001")
        == "line 1, column 1: expected a number with an exponent within ±1000000000, found 1e1000000001"
    )
    #expect(
      parseError("[2.5E-99999999999999999999]")
        == "line 1, column 2: expected a number with an exponent within ±1000000000, found 2.5E-99999999999999999999"
    )
    // The value counts, not just the written exponent: 100e999999999 is 1e1000000001, and
    // 11e1000000000 is 1.1e1000000001 (found by the fuzzer: its canonical text did not parse).
    #expect(
      parseError("[11e1000000000]")
        == "line 1, column 2: expected a number with an exponent within ±1000000000, found 11e1000000000"
    )
    #expect(
      parseError("1234567890123456789012345e999999990")
        == "line 1, column 1: expected a number with an exponent within ±1000000000, found 1234567890123456789012345e999999990"
    )
    #expect(
      parseError("1.5e-1000000000")
        == "line 1, column 1: expected a number with an exponent within ±1000000000, found 1.5e-1000000000"
    )
    #expect(parsed("9.99e1000000000")?.numberValue?.description == "9.99e+1000000000")
    #expect(
      parseError("100e999999999")
        == "line 1, column 1: expected a number with an exponent within ±1000000000, found 100e999999999"
    )
  }
}

@Suite struct ParserRejectsTests {
  @Test func emptyAndWhitespaceOnly() {
    #expect(parseError("") == "line 1, column 1: expected a JSON value, found end of input")
    #expect(parseError("  \n ") == "line 2, column 2: expected a JSON value, found end of input")
  }

  @Test func trailingCommas() {
    #expect(
      parseError("[1,]")
        == "line 1, column 4: expected a JSON value after ',', found ']' (trailing commas are not allowed)"
    )
    #expect(
      parseError("{\"a\":1,}")
        == "line 1, column 8: expected a string member name after ',', found '}' (trailing commas are not allowed)"
    )
    #expect(parseError("[,1]") == "line 1, column 2: expected a JSON value or ']', found ','")
  }

  @Test func comments() {
    #expect(
      parseError("// note\n1")
        == "line 1, column 1: expected a JSON value, found '/' (comments are not allowed in JSON)")
    #expect(
      parseError("[1, /* two */ 2]")
        == "line 1, column 5: expected a JSON value after ',', found '/' (comments are not allowed in JSON)"
    )
    #expect(
      parseError("{# x\n}")
        == "line 1, column 2: expected a string member name or '}', found '#' (comments are not allowed in JSON)"
    )
  }

  @Test func badNumbers() {
    #expect(
      parseError("01")
        == "line 1, column 2: expected '.', 'e' or the end of the number after a leading '0', found '1' (leading zeros are not allowed)"
    )
    #expect(
      parseError("[-007]")
        == "line 1, column 4: expected '.', 'e' or the end of the number after a leading '0', found '0' (leading zeros are not allowed)"
    )
    #expect(
      parseError("NaN")
        == "line 1, column 1: expected a JSON value, found 'N' (NaN and Infinity are not JSON numbers)"
    )
    #expect(
      parseError("Infinity")
        == "line 1, column 1: expected a JSON value, found 'I' (NaN and Infinity are not JSON numbers)"
    )
    #expect(parseError("-Infinity") == "line 1, column 2: expected a digit after '-', found 'I'")
    #expect(parseError("-") == "line 1, column 2: expected a digit after '-', found end of input")
    #expect(
      parseError("+1")
        == "line 1, column 1: expected a JSON value, found '+' (a number may not start with '+')")
    #expect(
      parseError(".5")
        == "line 1, column 1: expected a JSON value, found '.' (a number must have a digit before '.')"
    )
    #expect(
      parseError("1.")
        == "line 1, column 3: expected a digit after '.' in number, found end of input")
    #expect(
      parseError("[1.e5]") == "line 1, column 4: expected a digit after '.' in number, found 'e'")
    #expect(
      parseError("1e")
        == "line 1, column 3: expected a digit in the exponent of the number, found end of input")
    #expect(
      parseError("1e+")
        == "line 1, column 4: expected a digit in the exponent of the number, found end of input")
    #expect(
      parseError("1E-x")
        == "line 1, column 4: expected a digit in the exponent of the number, found 'x'")
    #expect(
      parseError("0x1F")
        == "line 1, column 2: expected end of input after the JSON value, found 'x'")
  }

  @Test func badLiterals() {
    #expect(parseError("tru") == "line 1, column 4: expected 'true', found end of input")
    #expect(parseError("[trUe]") == "line 1, column 4: expected 'true', found 'U'")
    #expect(parseError("fals") == "line 1, column 5: expected 'false', found end of input")
    #expect(parseError("nul l") == "line 1, column 4: expected 'null', found ' '")
    #expect(parseError("True") == "line 1, column 1: expected a JSON value, found 'T'")
    #expect(parseError("undefined") == "line 1, column 1: expected a JSON value, found 'u'")
  }

  @Test func structure() {
    #expect(
      parseError("[1 2]") == "line 1, column 4: expected ',' or ']' after array element, found '2'")
    #expect(
      parseError("[1")
        == "line 1, column 3: expected ',' or ']' after array element, found end of input")
    #expect(
      parseError("{\"a\" 1}")
        == "line 1, column 6: expected ':' after object member name, found '1'")
    #expect(
      parseError("{\"a\":1")
        == "line 1, column 7: expected ',' or '}' after object member, found end of input")
    #expect(
      parseError("{\"a\":}") == "line 1, column 6: expected a JSON value after ':', found '}'")
    #expect(
      parseError("{1:2}") == "line 1, column 2: expected a string member name or '}', found '1'")
    #expect(
      parseError("{a:1}")
        == "line 1, column 2: expected a string member name or '}', found 'a' (member names must be quoted)"
    )
    #expect(
      parseError("{'a':1}")
        == "line 1, column 2: expected a string member name or '}', found ''' (strings use double quotes)"
    )
    #expect(parseError("[}") == "line 1, column 2: expected a JSON value or ']', found '}'")
    #expect(parseError("{]") == "line 1, column 2: expected a string member name or '}', found ']'")
    #expect(
      parseError("{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3\n}")
        == "line 3, column 10: expected ',' or '}' after object member, found '\"'")
  }

  @Test func trailingContent() {
    #expect(
      parseError("[1] x")
        == "line 1, column 5: expected end of input after the JSON value, found 'x'")
    #expect(
      parseError("1 2") == "line 1, column 3: expected end of input after the JSON value, found '2'"
    )
    #expect(
      parseError("{}}") == "line 1, column 3: expected end of input after the JSON value, found '}'"
    )
    #expect(
      parseError("null\u{0}")
        == "line 1, column 5: expected end of input after the JSON value, found control character U+0000"
    )
  }

  @Test func unusualWhitespace() {
    #expect(
      parseError("\u{A0}1")
        == "line 1, column 1: expected a JSON value, found '\u{A0}' (U+00A0) (only space, tab, LF and CR are JSON whitespace)"
    )
    #expect(
      parseError("[1,\u{0C}2]")
        == "line 1, column 4: expected a JSON value after ',', found control character U+000C (only space, tab, LF and CR are JSON whitespace)"
    )
    #expect(
      parseError("{\u{2028}}")
        == "line 1, column 2: expected a string member name or '}', found '\u{2028}' (U+2028) (only space, tab, LF and CR are JSON whitespace)"
    )
    #expect(
      parseError("[1]\u{0B}")
        == "line 1, column 4: expected end of input after the JSON value, found control character U+000B"
    )
  }

  @Test func stringProblems() {
    #expect(
      parseError("\"abc") == "line 1, column 5: expected '\"' to end the string, found end of input"
    )
    #expect(
      parseError("[\"abc\\\"]")
        == "line 1, column 9: expected '\"' to end the string, found end of input")
    #expect(
      parseError("\"a\tb\"")
        == "line 1, column 3: expected a string character or '\"', found control character U+0009 (control characters must be escaped in strings)"
    )
    #expect(
      parseError("[\"line\nbreak\"]")
        == "line 1, column 7: expected a string character or '\"', found control character U+000A (control characters must be escaped in strings)"
    )
    #expect(
      parseError("\"\\x\"")
        == "line 1, column 3: expected an escape character (\", \\, /, b, f, n, r, t or u) after '\\', found 'x'"
    )
    #expect(
      parseError("\"\\")
        == "line 1, column 3: expected an escape character (\", \\, /, b, f, n, r, t or u) after '\\', found end of input"
    )
    #expect(
      parseError("\"\\u12G4\"") == "line 1, column 6: expected 4 hex digits after '\\u', found 'G'")
    #expect(
      parseError("\"\\u12\"") == "line 1, column 6: expected 4 hex digits after '\\u', found '\"'")
    #expect(
      parseError("'single'")
        == "line 1, column 1: expected a JSON value, found ''' (strings use double quotes)")
  }

  /// A raw control character is found at every position of every short string length.
  @Test func controlCharactersAtEveryPosition() {
    for length in 1..<30 {
      for position in 0..<length {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        bytes[position] = 0x1F
        let error = parseError([0x22] + bytes + [0x22])
        #expect(error?.location.column == position + 2)
        #expect(
          error?.message.hasPrefix(
            "expected a string character or '\"', found control character U+001F") == true)
      }
    }
  }

  @Test func surrogateEscapes() {
    #expect(
      parseError(#""\uD800""#)
        == #"line 1, column 8: expected a low surrogate escape (\uDC00-\uDFFF) after high surrogate \uD800, found '"'"#
    )
    #expect(
      parseError(#""\uD83D\u0041""#)
        == #"line 1, column 8: expected a low surrogate escape (\uDC00-\uDFFF) after high surrogate \uD83D, found '\u0041'"#
    )
    #expect(
      parseError(#""\uD800\uD800""#)
        == #"line 1, column 8: expected a low surrogate escape (\uDC00-\uDFFF) after high surrogate \uD800, found '\uD800'"#
    )
    #expect(
      parseError(#""\uD800"#)
        == #"line 1, column 8: expected a low surrogate escape (\uDC00-\uDFFF) after high surrogate \uD800, found end of input"#
    )
    #expect(
      parseError(#""x\uDC00""#)
        == #"line 1, column 3: expected a high surrogate (D800-DBFF) before a low surrogate, found unpaired \uDC00"#
    )
    #expect(
      parseError(#""\uDFFF\uD800""#)
        == #"line 1, column 2: expected a high surrogate (D800-DBFF) before a low surrogate, found unpaired \uDFFF"#
    )
  }

  @Test func invalidUTF8() {
    func message(_ bytes: [UInt8]) -> String? { parseError(bytes)?.description }
    let quote: UInt8 = 0x22
    #expect(
      message([quote, 0xC0, 0xAF, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found overlong encoding (lead byte 0xC0)"
    )
    #expect(
      message([quote, 0xE0, 0x80, 0xAF, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found overlong encoding 0xE0 0x80")
    #expect(
      message([quote, 0xF0, 0x80, 0x80, 0xAF, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found overlong encoding 0xF0 0x80")
    #expect(
      message([quote, 0x61, 0xED, 0xA0, 0x80, quote])
        == "line 1, column 3: expected valid UTF-8 in string, found UTF-16 surrogate encoded in UTF-8 (0xED 0xA0)"
    )
    #expect(
      message([quote, 0xF4, 0x90, 0x80, 0x80, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found code point above U+10FFFF (0xF4 0x90)"
    )
    #expect(
      message([quote, 0xF5, 0x80, 0x80, 0x80, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found code point above U+10FFFF (lead byte 0xF5)"
    )
    #expect(
      message([quote, 0xE2, 0x82, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found truncated sequence 0xE2 0x82 followed by '\"'"
    )
    #expect(
      message([quote, 0xC3])
        == "line 1, column 2: expected valid UTF-8 in string, found truncated sequence 0xC3 followed by end of input"
    )
    #expect(
      message([quote, 0x80, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found continuation byte 0x80 without a lead byte"
    )
    #expect(
      message([quote, 0xFF, quote])
        == "line 1, column 2: expected valid UTF-8 in string, found byte 0xFF, which never occurs in UTF-8"
    )
    // In a string with an escape (the slower path), and outside strings.
    #expect(
      message([quote, 0x5C, 0x6E, 0xC0, 0x80, quote])
        == "line 1, column 4: expected valid UTF-8 in string, found overlong encoding (lead byte 0xC0)"
    )
    #expect(
      message([0xFF]) == "line 1, column 1: expected a JSON value, found invalid UTF-8 byte 0xFF")
    #expect(
      message([0x5B, 0xC3, 0xA9])
        == "line 1, column 2: expected a JSON value or ']', found 'é' (U+00E9)")
  }
}

@Suite struct ParserLocationTests {
  @Test func linesAndColumns() {
    // CR LF is one line break; columns count Unicode scalars, not bytes.
    let error = parseError(Array("{\r\n  \"é\": 1,\r\n  \"b\" 2}".utf8))
    #expect(error?.location == JSONSourceLocation(offset: 21, line: 3, column: 7))
    let scalars = parseError(Array("[\"héllo\", x]".utf8))
    #expect(scalars?.location == JSONSourceLocation(offset: 11, line: 1, column: 11))
    // A lone CR ends a line too.
    #expect(
      parseError("[1,\r\r  x]") == "line 3, column 3: expected a JSON value after ',', found 'x'")
    #expect(
      parseError("[\n\t1,\n\t\t?]")
        == "line 3, column 3: expected a JSON value after ',', found '?'")
  }

  @Test func errorDescription() {
    let error = JSONParseError(
      location: JSONSourceLocation(offset: 40, line: 3, column: 17),
      message: "expected ',' or '}' after object member, found '\"'")
    #expect(
      error.description == "line 3, column 17: expected ',' or '}' after object member, found '\"'")
    #expect(error.location.description == "line 3, column 17")
  }
}

@Suite struct ParserByteOrderMarkTests {
  let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

  @Test func acceptedAndReported() {
    let document = parsedDocument(bom + Array("{\"a\": 1}".utf8))
    #expect(document?.hasByteOrderMark == true)
    #expect(document?.value == ["a": 1])
    #expect(parsedDocument(Array("{}".utf8))?.hasByteOrderMark == false)
  }

  @Test func notCountedInColumns() {
    let error = parseError(bom + Array("[1,]".utf8))
    #expect(error?.location == JSONSourceLocation(offset: 6, line: 1, column: 4))
    #expect(
      parseError(bom)?.description == "line 1, column 1: expected a JSON value, found end of input")
  }

  @Test func onlyAtTheStart() {
    #expect(
      parseError(Array(" ".utf8) + bom + Array("1".utf8))?.description
        == "line 1, column 2: expected a JSON value, found '\u{FEFF}' (U+FEFF) (only space, tab, LF and CR are JSON whitespace)"
    )
    #expect(parseError(bom + bom + Array("1".utf8))?.location.offset == 3)
  }
}

@Suite struct ParserDuplicateMemberTests {
  @Test func lastValueWinsAtFirstPosition() throws {
    let document = try JSONParser.parse("{\"a\": 1, \"b\": 2, \"a\": 3}")
    #expect(document.value == ["a": 3, "b": 2])
    #expect(document.value.objectValue?.keys == ["a", "b"])
    #expect(
      document.duplicateMembers == [
        JSONDuplicateMember(
          objectPointer: .root, key: "a",
          location: JSONSourceLocation(offset: 17, line: 1, column: 18))
      ])
  }

  @Test func everyRepetitionIsRecorded() throws {
    let document = try JSONParser.parse("{\"a\":1,\"a\":2,\"a\":3}")
    #expect(document.value == ["a": 3])
    #expect(document.duplicateMembers.map(\.location.column) == [8, 14])
  }

  @Test func pointerOfTheHoldingObject() throws {
    let text = """
      {
        "x": [
          {"k": 1},
          {"k": 1, "k": 2}
        ],
        "a/b": {"c~d": {"n": 1, "n": 2}}
      }
      """
    let document = try JSONParser.parse(text)
    #expect(document.duplicateMembers.map(\.objectPointer.description) == ["/x/1", "/a~1b/c~0d"])
    #expect(document.duplicateMembers.map(\.key) == ["k", "n"])
    #expect(document.duplicateMembers.map(\.location.line) == [4, 6])
    #expect(document.duplicateMembers.first?.location.column == 14)
  }

  @Test func reportedInDocumentOrder() throws {
    // The inner object closes first, but its repetition comes later in the text.
    let document = try JSONParser.parse("{\"a\": 1, \"a\": 2, \"o\": {\"b\": 1, \"b\": 2}}")
    #expect(document.duplicateMembers.map(\.key) == ["a", "b"])
    #expect(document.duplicateMembers.map(\.objectPointer) == [.root, JSONPointer(tokens: ["o"])])
  }

  @Test func repetitionsInsideAReplacedObjectAreStillReported() throws {
    let document = try JSONParser.parse(#"{"a": {"x": 1, "x": 2}, "a": 3}"#)
    #expect(document.value == ["a": 3])
    #expect(document.duplicateMembers.map(\.key) == ["x", "a"])
    #expect(document.duplicateMembers.map(\.objectPointer.description) == ["/a", ""])
  }

  @Test func namesCompareByCodePoints() throws {
    // Precomposed and decomposed é are different names; an escape and the raw letter are not.
    let distinct = try JSONParser.parse("{\"\u{E9}\": 1, \"e\u{301}\": 2}")
    #expect(distinct.duplicateMembers.isEmpty)
    #expect(distinct.value.objectValue?.count == 2)
    let same = try JSONParser.parse(#"{"a": 1, "\u0061": 2}"#)
    #expect(same.duplicateMembers.map(\.key) == ["a"])
    #expect(same.value == ["a": 2])
  }

  @Test func largeObjects() throws {
    let names = (0..<100).map { "member\($0)" }
    var members = names.map { "\"\($0)\": 1" }
    members.insert("\"member42\": 2", at: 70)
    let document = try JSONParser.parse("{" + members.joined(separator: ",") + "}")
    #expect(document.duplicateMembers.map(\.key) == ["member42"])
    #expect(document.value.objectValue?.count == 100)
    #expect(document.value["member42"] == 2)
    let unique = try JSONParser.parse(
      "{" + names.map { "\"\($0)\": 1" }.joined(separator: ",") + "}")
    #expect(unique.duplicateMembers.isEmpty)
    #expect(unique.value.objectValue?.keys == names)
  }
}

@Suite struct ParserDepthTests {
  static func nested(_ depth: Int, open: String = "[", close: String = "]") -> String {
    String(repeating: open, count: depth) + String(repeating: close, count: depth)
  }

  @Test func defaultLimitIs512() throws {
    #expect(throws: Never.self) { try JSONParser.parse(Self.nested(512)) }
    #expect(
      parseError(Self.nested(513))
        == "line 1, column 513: nesting deeper than 512 levels: found '[' at depth 513")
    let objects =
      String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513)
    #expect(parseError(objects).hasPrefix("line 1, column 2561: nesting deeper than 512 levels"))
  }

  @Test func customLimit() {
    #expect(throws: Never.self) { try JSONParser.parse("[[[1]]]", options: .init(maximumDepth: 3)) }
    #expect(
      parseError(Array("[[[[1]]]]".utf8), maximumDepth: 3)?.description
        == "line 1, column 4: nesting deeper than 3 levels: found '[' at depth 4")
    #expect(throws: Never.self) { try JSONParser.parse("1", options: .init(maximumDepth: 0)) }
  }

  @Test func hundredThousandOpenBrackets() {
    let error = parseError(String(repeating: "[", count: 100_000))
    #expect(error == "line 1, column 513: nesting deeper than 512 levels: found '[' at depth 513")
    let unlimited = parseError(
      Array(String(repeating: "[", count: 100_000).utf8), maximumDepth: .max)
    #expect(
      unlimited?.description
        == "line 1, column 100001: expected a JSON value or ']', found end of input")
  }

  @Test func deepInputInsideATask() async throws {
    let deep = Self.nested(512)
    let value = try await Task.detached { try JSONParser.parse(deep).value }.value
    // Writing, comparing and re-parsing the deepest accepted value is safe on a task too.
    let rewritten = try await Task.detached { () throws -> Bool in
      let again = try JSONValue(parsing: JSONWriter.pretty(value))
      return again == value && JSONWriter.compact(again) == deep
    }.value
    #expect(rewritten)
    var depth = 0
    var current = value
    while case .array(let elements) = current, let first = elements.first {
      depth += 1
      current = first
    }
    #expect(depth == 511)
    let message = await Task.detached { () -> String in
      do throws(JSONParseError) {
        _ = try JSONParser.parse(String(repeating: "{\"k\":[", count: 50_000))
        return "parsed"
      } catch {
        return error.message
      }
    }.value
    #expect(message == "nesting deeper than 512 levels: found '{' at depth 513")
  }
}
