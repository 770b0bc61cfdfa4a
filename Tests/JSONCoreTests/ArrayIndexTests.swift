import Testing

@testable import JSONCore

/// The parser's index of long arrays, and the locator's jumps through it: the same matches as
/// a scan of every element.
@Suite struct ArrayIndexTests {
  /// `{"items": [...n objects...], "small": [1,2], "nested": [[...n numbers...]]}`, compact or
  /// pretty, optionally after a byte-order mark.
  static func document(count n: Int, pretty: Bool, byteOrderMark: Bool = false) -> [UInt8] {
    let separator = pretty ? ",\n    " : ","
    let items = (0..<n).map { #"{"id": \#($0), "name": "item \#($0)", "tags": ["a", "b"]}"# }
    let numbers = (0..<n).map(String.init)
    let text =
      #"{"items": ["# + (pretty ? "\n    " : "") + items.joined(separator: separator)
      + #"], "small": [1, 2], "nested": [["# + numbers.joined(separator: separator) + "]]}"
    return (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
  }

  @Test func longArraysAreIndexedWithTheirElementsStartsAndEnd() throws {
    for pretty in [false, true] {
      let bytes = Self.document(count: 1500, pretty: pretty, byteOrderMark: pretty)
      let index = try JSONParser.parse(bytes).arrayIndex
      #expect(index.count == 2)
      let itemsOpen = bytes.firstIndex(of: UInt8(ascii: "["))!
      let items = try #require(index.elements(ofArrayAt: itemsOpen))
      #expect(items.starts.count == 1500)
      #expect(items.starts.allSatisfy { bytes[$0] == UInt8(ascii: "{") })
      #expect(bytes[items.end] == UInt8(ascii: "]"))
      let text = String(decoding: bytes[items.starts[1499]...], as: UTF8.self)
      #expect(text.hasPrefix(#"{"id": 1499,"#))
    }
    #expect(try JSONParser.parse(Self.document(count: 1000, pretty: false)).arrayIndex.count == 0)
  }

  @Test func theLocatorJumpsToTheSameMatchesAsAScan() throws {
    for pretty in [false, true] {
      let bytes = Self.document(count: 3000, pretty: pretty, byteOrderMark: !pretty)
      let index = try JSONParser.parse(bytes).arrayIndex
      let pointers = try [
        "/items/0", "/items/0/name", "/items/1/tags/1", "/items/1499/id", "/items/2999",
        "/items/2999/tags/0", "/items/3000", "/items/12/missing", "/small/1", "/nested/0/0",
        "/nested/0/2999", "/nested/0/3000", "/nested/1", "/items", "",
      ].map { try JSONPointer(parsing: $0) }
      let scanned = JSONSourceLocator(bytes).locate(pointers)
      let jumped = JSONSourceLocator(bytes, arrayIndex: index).locate(pointers)
      #expect(jumped == scanned)
      #expect(jumped.count == 11, "\(pointers.filter { jumped[$0] == nil })")
      let all = (0..<3000).map { JSONPointer(tokens: ["items", String($0), "name"]) }
      #expect(
        JSONSourceLocator(bytes, arrayIndex: index).locate(all)
          == JSONSourceLocator(bytes).locate(all))
    }
  }
}
