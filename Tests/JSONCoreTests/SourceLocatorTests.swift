import Testing

@testable import JSONCore

@Suite struct SourceLocationTests {
  @Test func lineAndColumnOfOffsets() {
    let bytes = Array("ab\ncé\r\nx\ry".utf8)
    #expect(
      JSONSourceLocation(offset: 0, in: bytes) == JSONSourceLocation(offset: 0, line: 1, column: 1))
    #expect(
      JSONSourceLocation(offset: 2, in: bytes) == JSONSourceLocation(offset: 2, line: 1, column: 3))
    #expect(
      JSONSourceLocation(offset: 3, in: bytes) == JSONSourceLocation(offset: 3, line: 2, column: 1))
    // é is two bytes but one column.
    #expect(
      JSONSourceLocation(offset: 6, in: bytes) == JSONSourceLocation(offset: 6, line: 2, column: 3))
    #expect(
      JSONSourceLocation(offset: 8, in: bytes) == JSONSourceLocation(offset: 8, line: 3, column: 1))
    // A lone CR ends a line as well.
    #expect(
      JSONSourceLocation(offset: 10, in: bytes)
        == JSONSourceLocation(offset: 10, line: 4, column: 1))
  }

  @Test func offsetsPastTheEndAndInsideAByteOrderMark() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0x31, 0x0A]
    #expect(
      JSONSourceLocation(offset: 3, in: bytes) == JSONSourceLocation(offset: 3, line: 1, column: 1))
    #expect(
      JSONSourceLocation(offset: 1, in: bytes) == JSONSourceLocation(offset: 1, line: 1, column: 1))
    #expect(
      JSONSourceLocation(offset: 99, in: bytes)
        == JSONSourceLocation(offset: 99, line: 2, column: 1))
    #expect(
      JSONSourceLocation(offset: 0, in: []) == JSONSourceLocation(offset: 0, line: 1, column: 1))
  }
}

@Suite struct SourceLocatorTests {
  static let text = """
    {
      "totalCount": 2,
      "items": [
        {"customerId": "a", "usagePercent": 140.5},
        {"customerId": "b\\u00e9", "tags": ["x", "y"]}
      ],
      "a/b": {"~": true, "": null},
      "": 0
    }
    """

  let locator = JSONSourceLocator(Self.text)

  func match(_ pointer: String) throws -> JSONSourceLocator.Match? {
    locator.locate(try JSONPointer(parsing: pointer))
  }

  func position(_ location: JSONSourceLocation?) -> [Int] {
    location.map { [$0.line, $0.column] } ?? []
  }

  @Test func valuesAndNames() throws {
    #expect(position(try match("")?.value) == [1, 1])
    #expect(try match("")?.name == nil)
    #expect(position(try match("/totalCount")?.value) == [2, 17])
    #expect(position(try match("/totalCount")?.name) == [2, 3])
    #expect(position(try match("/items")?.value) == [3, 12])
    #expect(position(try match("/items/0")?.value) == [4, 5])
    #expect(try match("/items/0")?.name == nil)
    #expect(position(try match("/items/0/usagePercent")?.value) == [4, 41])
    #expect(position(try match("/items/0/usagePercent")?.name) == [4, 25])
    #expect(position(try match("/items/1/tags/1")?.value) == [5, 45])
    #expect(position(try match("/a~1b/~0")?.value) == [7, 16])
    #expect(position(try match("/a~1b/")?.value) == [7, 26])
    #expect(position(try match("/")?.value) == [8, 7])
  }

  @Test func missingValues() throws {
    #expect(try match("/items/2") == nil)
    #expect(try match("/nope") == nil)
    #expect(try match("/items/0/customerId/x") == nil)
    #expect(try match("/items/01") == nil)
    #expect(try match("/items/-") == nil)
    #expect(try match("/totalCount/0") == nil)
  }

  @Test func manyPointersInOnePass() throws {
    let pointers = try [
      "", "/totalCount", "/items/1/tags/0", "/items/0/customerId", "/missing", "/a~1b/~0",
    ]
    .map { try JSONPointer(parsing: $0) }
    let matches = locator.locate(pointers)
    #expect(matches.count == 5)
    for pointer in pointers {
      #expect(matches[pointer] == locator.locate(pointer))
    }
  }

  @Test func escapedNamesMatchTheirDecodedText() throws {
    let locator = JSONSourceLocator(#"{"\u0061b": 1, "c\/d": [true]}"#)
    #expect(locator.locate(JSONPointer(tokens: ["ab"]))?.value.column == 13)
    #expect(locator.locate(JSONPointer(tokens: ["c/d", "0"]))?.value.column == 25)
  }

  @Test func repeatedNamesFindTheLastOccurrence() throws {
    let locator = JSONSourceLocator(#"{"a": {"b": 1}, "a": {"c": 2}}"#)
    #expect(locator.locate(JSONPointer(tokens: ["a"]))?.value.column == 22)
    #expect(locator.locate(JSONPointer(tokens: ["a"]))?.name?.column == 17)
    #expect(locator.locate(JSONPointer(tokens: ["a", "c"]))?.value.column == 28)
    // The parsed value has no /a/b: the first occurrence was replaced.
    #expect(locator.locate(JSONPointer(tokens: ["a", "b"])) == nil)
  }

  @Test func byteOrderMarkAndUnicodeColumns() {
    let locator = JSONSourceLocator([0xEF, 0xBB, 0xBF] + Array("{\"é\": [1, \"ü\", 3]}".utf8))
    let match = locator.locate(JSONPointer(tokens: ["é", "2"]))
    #expect(match?.value == JSONSourceLocation(offset: 20, line: 1, column: 16))
  }

  @Test func textThatIsNotJSONFindsWhatItCan() {
    let pointer = JSONPointer(tokens: ["0"])
    for text in ["", "   ", "[", "{{{{", "\"abc", "[1, 2", "[\"\\", "{\"a\" 1}", "[,]", "}"] {
      _ = JSONSourceLocator(text).locate([.root, pointer, JSONPointer(tokens: ["a", "b"])])
    }
    #expect(JSONSourceLocator("[7, 2").locate(pointer)?.value.column == 2)
    #expect(JSONSourceLocator("").locate(.root) == nil)
    #expect(JSONSourceLocator("{\"a\" 1}").locate(JSONPointer(tokens: ["a"])) == nil)
  }

  /// For every pointer into generated values, the match is where the value's text starts and,
  /// for members, where its quoted name starts.
  @Test func everyPointerOfGeneratedValues() throws {
    var random = TestRandom(seed: 7)
    for round in 0..<60 {
      let value = random.value(depth: 4)
      let text =
        round.isMultiple(of: 2) ? JSONWriter.compactBytes(value) : JSONWriter.prettyBytes(value)
      let sorted = !round.isMultiple(of: 2)
      var pointers: [JSONPointer] = []
      collectPointers(value, at: .root, into: &pointers)
      let matches = JSONSourceLocator(text).locate(pointers)
      #expect(matches.count == pointers.count)
      for pointer in pointers {
        guard let match = matches[pointer], let designated = pointer.resolve(in: value) else {
          Issue.record("not found: \(pointer)")
          continue
        }
        // Pretty text holds the value's first pretty line there; compact text all of it.
        let expected =
          sorted
          ? Array(JSONWriter.prettyBytes(designated).prefix { $0 != 0x0A })
          : JSONWriter.compactBytes(designated)
        #expect(text[match.value.offset...].starts(with: expected), "\(pointer)")
        if let key = pointer.tokens.last,
          case .object = pointer.parent.flatMap({ $0.resolve(in: value) })
        {
          let name = try #require(match.name)
          #expect(
            text[name.offset...].starts(with: JSONWriter.compactBytes(.string(key))), "\(pointer)")
        }
      }
    }
  }

  private func collectPointers(
    _ value: JSONValue, at pointer: JSONPointer, into pointers: inout [JSONPointer]
  ) {
    pointers.append(pointer)
    switch value {
    case .array(let elements):
      for (index, element) in elements.enumerated() {
        collectPointers(element, at: pointer.appending(index), into: &pointers)
      }
    case .object(let object):
      for member in object.members {
        collectPointers(member.value, at: pointer.appending(member.key), into: &pointers)
      }
    default:
      break
    }
  }
}

/// The word-at-a-time scans agree with a byte-by-byte reading on text whose strings, escapes,
/// multi-byte characters and brackets fall on every alignment.
@Suite struct SourceLocatorWordScanTests {
  /// The line and column of `offset`, one byte at a time.
  func reference(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for index in 0..<offset {
      switch bytes[index] {
      case 0x0A: (line, column) = (line + 1, 1)
      case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A: break
      case 0x0D: (line, column) = (line + 1, 1)
      case let byte where byte & 0xC0 != 0x80: column += 1
      default: break
      }
    }
    return (line, column)
  }

  @Test func everyMarkerIsFoundWhereAByteByByteReadingPutsIt() throws {
    let fillers = ["", "é", "\\\"", "{[}]", "日本", "\\\\", "😀x", "\\u00e9ab"]
    for shift in 0..<8 {
      var members: [String] = []
      for index in 0..<40 {
        let filler = fillers[(index + shift) % fillers.count]
        let padding = String(repeating: "·", count: (index * 3 + shift) % 11)
        let skipped = #"{"a": ["\#(filler)", {"b": "\#(padding)\#(filler)"}], "c": 1}"#
        let separator = index % 5 == 0 ? ",\r\n  " : (index % 7 == 0 ? ",\r" : ", ")
        members.append(#""k\#(index)": [\#(skipped), "marker\#(index)|\#(filler)"]\#(separator)"#)
      }
      let text = "{" + members.joined() + #""end": true}"#
      let bytes = Array(text.utf8)
      _ = try JSONParser.parse(bytes)
      let pointers = (0..<40).map { JSONPointer(tokens: ["k\($0)", "1"]) }
      let found = JSONSourceLocator(bytes).locate(pointers)
      for (index, pointer) in pointers.enumerated() {
        let marker = Array(#""marker\#(index)|"#.utf8)
        let offset = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        let match = try #require(found[pointer], "shift \(shift), \(pointer)")
        let expected = reference(bytes, offset)
        #expect(match.value.offset == offset, "shift \(shift), \(pointer)")
        #expect(
          match.value.line == expected.line && match.value.column == expected.column,
          "shift \(shift), \(pointer)")
      }
    }
  }
}
